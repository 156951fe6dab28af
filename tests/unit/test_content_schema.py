"""Every content file's front matter is valid, and the schema rejects what the content guide forbids.

The first tests load the real content/ folder, one test case per file, so an invalid file is named in the
test id. The rest feed the schema one mistake at a time.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import frontmatter
import pytest
import yaml
from pydantic import ValidationError

from app.content.loader import EASY_READ_SUFFIX, INDEX_SLUG
from app.content.registry import INDEX_LAYOUTS
from app.content.schema import SLUG, FrontMatter

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
LANGUAGES = [entry["code"] for entry in yaml.safe_load((CONTENT / "languages.yaml").read_text())["languages"]]
DEFAULT = "en"
OWNERS = set(yaml.safe_load((CONTENT / "owners.yaml").read_text())["owners"])
SEEDS = {entry["file"] for entry in yaml.safe_load((CONTENT / "seeds.yaml").read_text())["seeds"]}
FILES = sorted(path for lang in LANGUAGES for path in (CONTENT / lang).glob("*/*.md"))
STATIC = ROOT / "app" / "static"


def _id(path: Path) -> str:
    return str(path.relative_to(CONTENT))


def test_there_is_content():
    english = [p for p in FILES if p.relative_to(CONTENT).parts[0] == DEFAULT]
    assert english, "content/en has no pages"


def test_every_language_folder_is_a_site_language():
    # A folder named like a language code (content/fr) that languages.yaml does not list is silently ignored
    # by the site; other folders (content/directory) hold other data.
    looks_like_language = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]+)?$")
    folders = {p.name for p in CONTENT.iterdir() if p.is_dir() and looks_like_language.match(p.name)}
    unknown = folders - set(LANGUAGES)
    assert not unknown, f"content folders for languages not in content/languages.yaml (never shown): {unknown}"


def test_every_file_in_a_language_folder_is_a_page():
    stray = [
        _id(p)
        for lang in LANGUAGES
        for p in (CONTENT / lang).rglob("*")
        if p.is_file() and (p.suffix != ".md" or len(p.relative_to(CONTENT / lang).parts) != 2)
    ]
    assert not stray, f"files the site never loads: {stray}"


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_front_matter_is_valid(path):
    lang = path.relative_to(CONTENT).parts[0]
    post = frontmatter.load(path)
    meta = FrontMatter.model_validate(post.metadata)
    meta.check_translation_fields(lang, DEFAULT)
    slug = path.name.removesuffix(".md")
    base = slug.removesuffix(EASY_READ_SUFFIX)
    assert meta.section == path.parent.name
    assert base == INDEX_SLUG or SLUG.match(base), f"{slug} is not kebab-case"
    assert meta.owner in OWNERS
    assert (meta.layout == "easy-read") == slug.endswith(EASY_READ_SUFFIX)
    assert (meta.layout in INDEX_LAYOUTS) == (slug == INDEX_SLUG)
    if meta.translation_of is not None:
        assert meta.translation_of == f"{meta.section}/{slug}"
        assert (CONTENT / DEFAULT / meta.section / path.name).exists(), "translates no English page"
    unknown_seeds = [s for s in meta.sources if not s.startswith("http") and s not in SEEDS]
    assert not unknown_seeds, f"sources not listed in content/seeds.yaml: {unknown_seeds}"


@pytest.mark.parametrize("path", FILES, ids=_id)
def test_body_follows_the_content_guide(path):
    post = frontmatter.load(path)
    body = post.content
    problems = []
    if any(line.startswith("# ") for line in body.splitlines()):
        problems.append("a '# ' heading (the title is the only h1; body headings start at ##)")
    for match in re.finditer(r"\]\((/[^)\s]*)", body):
        target = match.group(1)
        first = target.lstrip("/").split("/", 1)[0]
        if first in LANGUAGES:
            problems.append(f"link {target} names a language (write the path without it; the site adds it)")
    for alt, src in re.findall(r"!\[([^\]]*)\]\(([^)\s]+)", body):
        if not alt.strip():
            problems.append(f"image {src} has no alt text")
        if src.startswith("/static/") and not (STATIC / src.removeprefix("/static/")).is_file():
            problems.append(f"image {src} does not exist in app/static")
    assert not problems, f"{_id(path)}: " + "; ".join(problems)


# -- The schema rejects each mistake -------------------------------------------------------------------------

VALID = {
    "title": "Who is a carer?",
    "summary": "You may be a carer even if you do not call yourself one.",
    "layout": "article",
    "section": "carers",
    "order": 10,
    "owner": "to be confirmed",
    "last_reviewed": None,
    "review_by": None,
    "sources": ["https://camdencarechoices.camden.gov.uk/", "001_679e941a0da62fc8.txt"],
}
TRANSLATION = {
    **VALID,
    "translation_of": "carers/who-is-a-carer",
    "source_hash": "a" * 64,
    "status": "machine-draft",
}


def test_a_valid_page_and_translation_pass():
    FrontMatter.model_validate(VALID).check_translation_fields("en", "en")
    FrontMatter.model_validate(TRANSLATION).check_translation_fields("bn", "en")
    reviewed = {**TRANSLATION, "status": "reviewed", "reviewed_by": "A Person", "reviewed_on": dt.date(2026, 1, 5)}
    FrontMatter.model_validate(reviewed).check_translation_fields("ar", "en")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"layout": "blog-post"}, "layout must be one of"),
        ({"section": "Carers"}, "section must be lower-case"),
        ({"section": "carers_and_family"}, "section must be lower-case"),
        ({"title": "X"}, "title"),
        ({"summary": "Short"}, "summary"),
        ({"order": -1}, "order"),
        ({"sources": []}, "sources"),
        ({"sources": ["a leaflet I found"]}, "neither a seed file name nor a URL"),
        ({"last_reviewed": dt.date(2026, 1, 1)}, "last_reviewed and review_by are set together"),
        ({"review_by": dt.date(2026, 1, 1)}, "last_reviewed and review_by are set together"),
        ({"last_reviewed": dt.date(2026, 2, 1), "review_by": dt.date(2026, 1, 1)}, "review_by must come after"),
        ({"status": "outdated"}, "status"),
        ({"status": "missing"}, "status"),
        ({"status": "reviewed"}, "names its reviewer"),
        ({"reviewed_by": "A Person"}, "reviewed translations only"),
        ({"source_hash": "not-a-hash"}, "sha256"),
        ({"colour": "blue"}, "colour"),
    ],
    ids=lambda v: ",".join(f"{k}={v}" for k, v in v.items())[:50] if isinstance(v, dict) else "rejected",
)
def test_schema_rejects(change, message):
    data = {**TRANSLATION, **change}
    with pytest.raises(ValidationError, match=message):
        FrontMatter.model_validate(data)


@pytest.mark.parametrize("missing", ["title", "summary", "layout", "section", "order", "owner", "sources"])
def test_required_fields(missing):
    data = {k: v for k, v in VALID.items() if k != missing}
    with pytest.raises(ValidationError, match=missing):
        FrontMatter.model_validate(data)


@pytest.mark.parametrize("missing", ["translation_of", "source_hash", "status"])
def test_a_translation_needs_its_translation_fields(missing):
    meta = FrontMatter.model_validate({k: v for k, v in TRANSLATION.items() if k != missing})
    with pytest.raises(ValueError, match="a translation needs"):
        meta.check_translation_fields("bn", "en")


def test_an_english_page_carries_no_translation_fields():
    meta = FrontMatter.model_validate(TRANSLATION)
    with pytest.raises(ValueError, match="English pages carry no"):
        meta.check_translation_fields("en", "en")

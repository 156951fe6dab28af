"""The content loader: the real repository loads; each broken file is refused by name; translation status.

Negative cases build a small content folder in a temporary directory, with the real languages.yaml,
owners.yaml and seeds.yaml, and one mistake at a time.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from app.content.hashing import source_hash
from app.content.loader import ContentError, ContentRepository

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
LANGUAGES = [entry["code"] for entry in yaml.safe_load((CONTENT / "languages.yaml").read_text())["languages"]]

ENGLISH = {
    "title": "Who is a carer?",
    "summary": "You may be a carer even if you do not call yourself one.",
    "layout": "article",
    "section": "carers",
    "order": 10,
    "owner": "to be confirmed",
    "last_reviewed": None,
    "review_by": None,
    "sources": ["https://camdencarechoices.camden.gov.uk/"],
}
BODY = "## Am I a carer?\n\nYou are a carer if you look after someone.\n"


def _write(root: Path, rel: str, meta: dict, body: str = BODY) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path


def _translation(status: str = "machine-draft", *, english: dict = ENGLISH, body: str = BODY, **extra) -> dict:
    return {
        **english,
        "title": "কে একজন কেয়ারার?",
        "translation_of": f"{english['section']}/who-is-a-carer",
        "source_hash": source_hash(english["title"], english["summary"], body),
        "status": status,
        **extra,
    }


@pytest.fixture
def content(tmp_path) -> Path:
    for name in ("languages.yaml", "owners.yaml", "seeds.yaml"):
        shutil.copy(CONTENT / name, tmp_path / name)
    _write(tmp_path, "en/carers/who-is-a-carer.md", ENGLISH)
    _write(tmp_path, "en/carers/index.md", {**ENGLISH, "title": "Carers", "layout": "section-index"})
    return tmp_path


def _load(root: Path) -> ContentRepository:
    return ContentRepository(root, LANGUAGES, "en")


def test_the_real_content_loads():
    repo = _load(CONTENT)
    assert repo.sections(), "no sections"
    for page in repo.translations():
        assert repo.status_of(page) in ("machine-draft", "human-draft", "reviewed", "outdated")


def test_a_valid_tmp_repository_loads(content):
    repo = _load(content)
    assert [p.key for p in repo.sections()] == ["carers/index"]
    assert [p.key for p in repo.pages_in("carers")] == ["carers/who-is-a-carer"]


@pytest.mark.parametrize(
    ("rel", "meta", "body", "message"),
    [
        ("en/carers/a-page.md", {**ENGLISH, "layout": "blog-post"}, BODY, "layout must be one of"),
        ("en/getting-care/a-page.md", ENGLISH, BODY, "section is 'carers' but the file is in 'getting-care'"),
        ("en/carers/a-page.md", {**ENGLISH, "owner": "Team Nobody"}, BODY, "not in content/owners.yaml"),
        ("en/carers/a-page.md", ENGLISH, "# A second title\n\nText.\n", "the title is the only h1"),
        ("en/carers/a-page.md", {**ENGLISH, "last_reviewed": "2026-01-01"}, BODY, "set together"),
        ("en/carers/A_Page.md", ENGLISH, BODY, "lower-case ASCII words joined by hyphens"),
        ("en/carers/a-page.md", {**ENGLISH, "layout": "easy-read"}, BODY, "Easy Read files, and only they"),
        ("en/carers/a-page.easy-read.md", ENGLISH, BODY, "Easy Read files, and only they"),
        ("en/carers/a-page.md", {**ENGLISH, "layout": "section-index"}, BODY, "index.md files, and only they"),
        ("en/carers/a-page.md", {**ENGLISH, "status": "machine-draft"}, BODY, "English pages carry no"),
        ("en/carers/a-page.md", {**ENGLISH, "title": "T", "order": "first"}, BODY, "title"),
    ],
    ids=[
        "unknown-layout", "wrong-section-folder", "unknown-owner", "h1-in-body", "review-date-alone",
        "file-name-not-kebab", "easy-read-layout-wrong-name", "easy-read-name-wrong-layout",
        "index-layout-not-index", "english-with-status", "several-field-errors",
    ],
)  # fmt: skip
def test_an_invalid_english_file_is_refused_by_name(content, rel, meta, body, message):
    path = _write(content, rel, meta, body)
    with pytest.raises(ContentError) as raised:
        _load(content)
    assert str(path) in str(raised.value)
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ({k: v for k, v in _translation().items() if k != "source_hash"}, "a translation needs"),
        ({k: v for k, v in _translation().items() if k != "status"}, "a translation needs"),
        ({k: v for k, v in _translation().items() if k != "translation_of"}, "a translation needs"),
        (_translation("outdated"), "status"),
        (_translation("missing"), "status"),
        (_translation("reviewed"), "names its reviewer"),
        (_translation(translation_of="carers/someone-else"), "translation_of must be carers/who-is-a-carer"),
    ],
    ids=["no-source-hash", "no-status", "no-translation-of", "typed-outdated", "typed-missing",
         "reviewed-without-reviewer", "translation-of-wrong-page"],
)  # fmt: skip
def test_an_invalid_translation_is_refused_by_name(content, meta, message):
    path = _write(content, "bn/carers/who-is-a-carer.md", meta)
    with pytest.raises(ContentError) as raised:
        _load(content)
    assert str(path) in str(raised.value)
    assert message in str(raised.value)


def test_a_translation_of_no_english_page_is_refused(content):
    meta = {**_translation(), "translation_of": "carers/no-english"}
    path = _write(content, "bn/carers/no-english.md", meta)
    with pytest.raises(ContentError, match="which has no English page") as raised:
        _load(content)
    assert str(path) in str(raised.value)


def test_every_invalid_file_is_named_at_once(content):
    first = _write(content, "en/carers/first.md", {**ENGLISH, "owner": "Nobody"})
    second = _write(content, "en/carers/second.md", {**ENGLISH, "layout": "blog-post"})
    with pytest.raises(ContentError) as raised:
        _load(content)
    assert str(first) in str(raised.value) and str(second) in str(raised.value)


def test_invalid_yaml_is_refused_by_name(content):
    path = content / "en/carers/broken.md"
    path.write_text("---\ntitle: [unclosed\n---\nText\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        _load(content)
    assert str(path) in str(raised.value)


# -- Translation status --------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["machine-draft", "human-draft", "reviewed"])
def test_a_current_translation_has_its_declared_status(content, status):
    extra = {"reviewed_by": "A Reviewer", "reviewed_on": "2026-03-01"} if status == "reviewed" else {}
    _write(content, "bn/carers/who-is-a-carer.md", _translation(status, **extra), "## কে?\n\nবাংলা লেখা।\n")
    resolved = _load(content).resolve("bn", "carers", "who-is-a-carer")
    assert resolved.status == status
    assert resolved.page.lang == "bn" and not resolved.is_fallback


@pytest.mark.parametrize(
    "change",
    [
        {"body": BODY + "\nA new sentence.\n"},
        {"title": "Who counts as a carer?"},
        {"summary": "A different summary of the page, long enough."},
    ],
    ids=["body", "title", "summary"],
)
def test_a_translation_becomes_outdated_when_the_english_words_change(content, change):
    _write(content, "bn/carers/who-is-a-carer.md", _translation("human-draft"), "## কে?\n")
    assert _load(content).resolve("bn", "carers", "who-is-a-carer").status == "human-draft"
    body = change.pop("body", BODY)
    _write(content, "en/carers/who-is-a-carer.md", {**ENGLISH, **change}, body)
    resolved = _load(content).resolve("bn", "carers", "who-is-a-carer")
    assert resolved.status == "outdated"
    assert resolved.page.lang == "bn", "an outdated translation is still shown, with its notice"


def test_a_reviewed_translation_becomes_outdated_too(content):
    extra = {"reviewed_by": "A Reviewer", "reviewed_on": "2026-03-01"}
    _write(content, "ar/carers/who-is-a-carer.md", _translation("reviewed", **extra), "## من؟\n")
    _write(content, "en/carers/who-is-a-carer.md", ENGLISH, BODY + "\nChanged.\n")
    assert _load(content).resolve("ar", "carers", "who-is-a-carer").status == "outdated"


def test_front_matter_edits_do_not_outdate_translations(content):
    _write(content, "bn/carers/who-is-a-carer.md", _translation("human-draft"), "## কে?\n")
    edited = {**ENGLISH, "order": 99, "sources": ["https://www.camden.gov.uk/"]}
    _write(content, "en/carers/who-is-a-carer.md", edited, BODY.replace("\n", "  \r\n"))
    assert _load(content).resolve("bn", "carers", "who-is-a-carer").status == "human-draft"


@pytest.mark.parametrize("lang", ["bn", "so", "ar"])
def test_a_missing_translation_falls_back_to_english(content, lang):
    resolved = _load(content).resolve(lang, "carers", "who-is-a-carer")
    assert resolved.status == "missing"
    assert resolved.page.lang == "en" and resolved.is_fallback
    assert resolved.requested_lang == lang


def test_english_is_the_original(content):
    resolved = _load(content).resolve("en", "carers", "who-is-a-carer")
    assert resolved.status == "original" and not resolved.is_fallback


def test_an_unknown_page_resolves_to_nothing(content):
    assert _load(content).resolve("bn", "carers", "no-such-page") is None
    assert _load(content).resolve("en", "no-section", "index") is None


def test_html_is_rendered_for_the_readers_language(content):
    _write(content, "en/carers/linked.md", {**ENGLISH, "order": 20}, "See [who is a carer](/carers/who-is-a-carer).\n")
    repo = _load(content)
    page = repo.english("carers", "linked")
    assert 'href="/so/carers/who-is-a-carer"' in repo.html(page, "so")
    assert 'href="/en/carers/who-is-a-carer"' in repo.html(page, "en")

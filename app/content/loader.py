"""Loads every content file once, validates it, and answers "which page, in what language and state?"."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml
from markupsafe import Markup
from pydantic import ValidationError

from app.content.hashing import source_hash
from app.content.markdown import render
from app.content.registry import INDEX_LAYOUTS
from app.content.schema import FrontMatter

EASY_READ_SUFFIX = ".easy-read"
INDEX_SLUG = "index"


class ContentError(Exception):
    """A content file is invalid. The message names the file and the problem."""


@dataclass(frozen=True)
class Page:
    lang: str
    section: str
    slug: str  # "index" for a section landing page; "<slug>.easy-read" for an Easy Read variant
    meta: FrontMatter
    body: str
    path: Path
    hash: str = field(compare=False)

    @property
    def key(self) -> str:
        return f"{self.section}/{self.slug}"

    @property
    def is_easy_read(self) -> bool:
        return self.slug.endswith(EASY_READ_SUFFIX)

    @property
    def base_slug(self) -> str:
        return self.slug.removesuffix(EASY_READ_SUFFIX)


@dataclass(frozen=True)
class Resolved:
    """A page as one reader sees it: the file shown, and what the reader must be told about its language."""

    page: Page
    requested_lang: str
    status: str  # "original" for English, else a translation status from schema.STATUSES
    english: Page

    @property
    def is_fallback(self) -> bool:
        return self.page.lang != self.requested_lang

    @property
    def title(self) -> str:
        return self.page.meta.title


class ContentRepository:
    def __init__(self, root: Path, languages: list[str], default_lang: str = "en") -> None:
        self.root = root
        self.languages = languages
        self.default_lang = default_lang
        self.owners = self._load_owners()
        self.pages: dict[tuple[str, str], Page] = {}
        self._html: dict[tuple[str, str, str], Markup] = {}
        self._lock = threading.Lock()
        self._load()

    # -- loading -------------------------------------------------------------------------------------------
    def _load_owners(self) -> set[str]:
        data = yaml.safe_load((self.root / "owners.yaml").read_text(encoding="utf-8"))
        return set(data["owners"])

    def _load(self) -> None:
        errors: list[str] = []
        for lang in self.languages:
            lang_dir = self.root / lang
            if not lang_dir.is_dir():
                continue
            for path in sorted(lang_dir.glob("*/*.md")):
                try:
                    page = self._read(lang, path)
                except ContentError as exc:
                    errors.append(str(exc))
                    continue
                self.pages[(lang, page.key)] = page
        for (lang, key), page in self.pages.items():
            if lang != self.default_lang and (self.default_lang, key) not in self.pages:
                errors.append(f"{page.path}: translates {key}, which has no English page")
            if page.meta.translation_of is not None and page.meta.translation_of != key:
                errors.append(f"{page.path}: translation_of must be {key}")
        if errors:
            raise ContentError("Invalid content:\n" + "\n".join(errors))

    def _read(self, lang: str, path: Path) -> Page:
        section = path.parent.name
        slug = path.name.removesuffix(".md")
        try:
            post = frontmatter.load(path)
            meta = FrontMatter.model_validate(post.metadata)
            meta.check_translation_fields(lang, self.default_lang)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise ContentError(f"{path}: {problems}") from None
        except (ValueError, yaml.YAMLError) as exc:
            raise ContentError(f"{path}: {exc}") from None
        if meta.section != section:
            raise ContentError(f"{path}: section is {meta.section!r} but the file is in {section!r}")
        if meta.owner not in self.owners:
            raise ContentError(f"{path}: owner {meta.owner!r} is not in content/owners.yaml")
        base = slug.removesuffix(EASY_READ_SUFFIX)
        if not (base == INDEX_SLUG or _is_kebab(base)):
            raise ContentError(f"{path}: file names are lower-case ASCII words joined by hyphens")
        if slug.endswith(EASY_READ_SUFFIX) != (meta.layout == "easy-read"):
            raise ContentError(f"{path}: Easy Read files, and only they, use layout easy-read")
        if (slug == INDEX_SLUG) != (meta.layout in INDEX_LAYOUTS):
            raise ContentError(f"{path}: index.md files, and only they, use a landing layout {sorted(INDEX_LAYOUTS)}")
        if any(line.startswith("# ") for line in post.content.splitlines()):
            raise ContentError(f"{path}: the title is the only h1; body headings start at ##")
        digest = source_hash(meta.title, meta.summary, post.content)
        return Page(lang, section, slug, meta, post.content, path, digest)

    # -- questions -----------------------------------------------------------------------------------------
    def english(self, section: str, slug: str) -> Page | None:
        return self.pages.get((self.default_lang, f"{section}/{slug}"))

    def resolve(self, lang: str, section: str, slug: str) -> Resolved | None:
        english = self.english(section, slug)
        if english is None:
            return None
        if lang == self.default_lang:
            return Resolved(english, lang, "original", english)
        translated = self.pages.get((lang, english.key))
        if translated is None:
            return Resolved(english, lang, "missing", english)
        return Resolved(translated, lang, self.status_of(translated), english)

    def status_of(self, page: Page) -> str:
        if page.lang == self.default_lang:
            return "original"
        english = self.english(page.section, page.slug)
        assert english is not None
        if page.meta.source_hash != english.hash:
            return "outdated"
        return page.meta.status or "machine-draft"

    def sections(self) -> list[Page]:
        """English section landing pages, in order."""
        found = [p for (lang, _), p in self.pages.items() if lang == self.default_lang and p.slug == "index"]
        return sorted(found, key=lambda p: (p.meta.order, p.section))

    def pages_in(self, section: str) -> list[Page]:
        """English pages of a section (not its index, not Easy Read variants), in order."""
        found = [
            p
            for (lang, _), p in self.pages.items()
            if lang == self.default_lang and p.section == section and p.slug != INDEX_SLUG and not p.is_easy_read
        ]
        return sorted(found, key=lambda p: (p.meta.order, p.slug))

    def easy_read_of(self, page: Page) -> Page | None:
        return self.english(page.section, page.base_slug + EASY_READ_SUFFIX)

    def html(self, page: Page, reader_lang: str) -> Markup:
        key = (page.lang, page.key, reader_lang)
        cached = self._html.get(key)
        if cached is None:
            cached = render(page.body, reader_lang)
            with self._lock:
                self._html[key] = cached
        return cached

    def translations(self) -> list[Page]:
        return [p for (lang, _), p in self.pages.items() if lang != self.default_lang]


def _is_kebab(slug: str) -> bool:
    from app.content.schema import SLUG

    return bool(SLUG.match(slug))

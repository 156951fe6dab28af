"""The plan's 11 priority areas (Part II), kept as data in content/carers-action-plan/areas.yaml.

Each area has its published number, a slug (the URL of its content page, /<lang>/carers-action-plan/<slug>),
a title in every site language with its translation status, the Camden taxonomy terms whose services its page
lists, and the information pages it links to. The file also lists the pages the plan's home page links to
after the map. It is checked when the app starts: an unknown term, page or language stops it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from app.plan.translation import DECLARED, Shown, choose, text_hash

KEBAB = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PAGE_KEY = r"^[a-z0-9-]+/[a-z0-9-]+$"
# Pages of app/plan itself that the plan's home page may link to, by the name areas.yaml uses.
PLAN_PAGES = {"tracker": "plan.tracker", "you-said-we-did": "plan.you_said_we_did"}


class PlanDataError(Exception):
    """A file under content/carers-action-plan/ is invalid. The message names the file and the problem."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TitleEntry(_Strict):
    title: str = Field(min_length=2, max_length=80)
    status: str | None = None  # every language but English
    source_hash: str | None = None

    @field_validator("status")
    @classmethod
    def declared(cls, value: str | None) -> str | None:
        if value is not None and value not in DECLARED:
            raise ValueError(f"status must be one of {DECLARED}")
        return value


class AreaEntry(_Strict):
    number: int = Field(ge=1, le=99)
    slug: str = Field(pattern=KEBAB)
    titles: dict[str, TitleEntry]
    terms: list[str] = Field(default_factory=list)  # taxonomy term slugs (content/taxonomy.yaml)
    pages: list[str] = Field(default_factory=list)  # information pages, "section/slug"

    @field_validator("pages")
    @classmethod
    def page_keys(cls, value: list[str]) -> list[str]:
        for key in value:
            if not re.match(PAGE_KEY, key):
                raise ValueError(f"{key!r} is not a page key like carers/carer-conversations")
        return value


class AreasFile(_Strict):
    source: str
    areas: list[AreaEntry]
    home_links: list[str]

    @model_validator(mode="after")
    def numbered_in_order(self) -> AreasFile:
        numbers = [area.number for area in self.areas]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"areas are numbered 1, 2, 3… in published order, not {numbers}")
        slugs = [area.slug for area in self.areas]
        if len(set(slugs)) != len(slugs):
            raise ValueError("an area slug is used twice")
        return self


@dataclass(frozen=True)
class Area:
    number: int
    slug: str
    titles: dict[str, TitleEntry]
    terms: tuple[str, ...]
    pages: tuple[str, ...]

    def title(self, lang: str) -> Shown:
        english = self.titles["en"].title
        own = self.titles.get(lang)
        return choose(
            english, lang, own.title if own else None, own.status if own else None, own.source_hash if own else None
        )

    @property
    def english_hash(self) -> str:
        return text_hash(self.titles["en"].title)


@dataclass(frozen=True)
class PlanAreas:
    source: str
    areas: tuple[Area, ...]
    home_links: tuple[str, ...]

    @property
    def by_slug(self) -> dict[str, Area]:
        return {area.slug: area for area in self.areas}

    def get(self, slug: str) -> Area | None:
        return self.by_slug.get(slug)


def areas_path(content_dir: Path) -> Path:
    return content_dir / "carers-action-plan" / "areas.yaml"


def load_areas(
    path: Path, *, languages: list[str], term_slugs: set[str], page_keys: set[str] | None = None
) -> PlanAreas:
    """Read and check areas.yaml. `page_keys`: the English content pages, to check the links (None: unchecked)."""
    try:
        data = AreasFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise PlanDataError(f"{path}: {problems}") from None
    errors = []
    for area in data.areas:
        if "en" not in area.titles:
            errors.append(f"{area.slug}: no English title")
        for lang, entry in area.titles.items():
            if lang not in languages:
                errors.append(f"{area.slug}: {lang} is not a site language")
            if lang == "en" and (entry.status or entry.source_hash):
                errors.append(f"{area.slug}: the English title is the original and has no status or source_hash")
            if lang != "en" and not (entry.status and entry.source_hash):
                errors.append(f"{area.slug}: the {lang} title needs a status and a source_hash")
        errors += [f"{area.slug}: {term!r} is not a taxonomy term" for term in area.terms if term not in term_slugs]
        if page_keys is not None:
            errors += [f"{area.slug}: no English page {key}" for key in area.pages if key not in page_keys]
    for link in data.home_links:
        is_page = "/" in link
        if not is_page and link not in PLAN_PAGES:
            errors.append(f"home_links: {link!r} is neither a page key nor one of {sorted(PLAN_PAGES)}")
        if is_page and page_keys is not None and link not in page_keys:
            errors.append(f"home_links: no English page {link}")
    if errors:
        raise PlanDataError(f"{path}:\n" + "\n".join(errors))
    areas = tuple(Area(a.number, a.slug, dict(a.titles), tuple(a.terms), tuple(a.pages)) for a in data.areas)
    return PlanAreas(data.source, areas, tuple(data.home_links))

"""The Camden taxonomy: one list of categories, kept as data in content/taxonomy.yaml.

Residents, carers and advisers use the same categories: the directory's category pages, the questionnaire's
outcomes and the adviser console's call topics all point at these terms (by UUID or slug), so there is never a
second taxonomy. The file is the source of truth; `flask directory seed` copies the English terms into the
database (ORUK `taxonomy` and `taxonomy_term`) so that services can be joined to them.

Each label language other than English records its status (machine-draft, human-draft, reviewed) and the hash
of the English name and description it was translated from; a label whose hash no longer matches is shown as
outdated, and a language with no label falls back to English (missing).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from flask import current_app
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from app.directory.translation import DECLARED_STATUSES, effective_status, fields_hash

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class TaxonomyError(Exception):
    pass


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LabelEntry(_Strict):
    name: str
    description: str
    status: str | None = None  # required for every language but English
    source_hash: str | None = None
    reviewed_by: str | None = None
    reviewed_on: dt.date | None = None

    @model_validator(mode="after")
    def review_fields(self) -> LabelEntry:
        if self.status is not None and self.status not in DECLARED_STATUSES:
            raise ValueError(f"status must be one of {DECLARED_STATUSES}")
        if (self.status == "reviewed") != bool(self.reviewed_by and self.reviewed_on):
            raise ValueError("reviewed_by and reviewed_on are given for reviewed labels, and only for them")
        return self


class TermEntry(_Strict):
    id: str
    slug: str
    parent: str | None = None  # another term's slug
    labels: dict[str, LabelEntry]

    @field_validator("id")
    @classmethod
    def uuid(cls, value: str) -> str:
        if not UUID_RE.match(value):
            raise ValueError("id must be a lower-case UUID")
        return value

    @field_validator("slug")
    @classmethod
    def kebab(cls, value: str) -> str:
        if not KEBAB.match(value):
            raise ValueError("slug must be lower-case ASCII words joined by hyphens")
        return value


class TaxonomyEntry(_Strict):
    id: str
    name: str
    description: str
    version: str
    uri: str | None = None


class TaxonomyFile(_Strict):
    taxonomy: TaxonomyEntry
    terms: list[TermEntry]


@dataclass(frozen=True)
class ShownLabel:
    name: str
    description: str
    lang: str  # the language the label is in (English when the reader's is missing)
    status: str  # "original", or a translation status


@dataclass(frozen=True)
class Term:
    id: str
    slug: str
    parent: str | None
    labels: dict[str, LabelEntry]
    english_hash: str
    position: int

    def label(self, lang: str, default_lang: str = "en") -> ShownLabel:
        english = self.labels[default_lang]
        if lang == default_lang:
            return ShownLabel(english.name, english.description, default_lang, "original")
        own = self.labels.get(lang)
        if own is None:
            return ShownLabel(english.name, english.description, default_lang, "missing")
        status = effective_status(own.status, own.source_hash, self.english_hash)
        return ShownLabel(own.name, own.description, lang, status)


@dataclass
class CamdenTaxonomy:
    meta: TaxonomyEntry
    terms: list[Term]
    by_slug: dict[str, Term] = field(default_factory=dict)
    by_id: dict[str, Term] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_slug = {t.slug: t for t in self.terms}
        self.by_id = {t.id: t for t in self.terms}


def label_hash(name: str, description: str) -> str:
    return fields_hash([name, description])


def load_taxonomy(path: Path, default_lang: str = "en") -> CamdenTaxonomy:
    try:
        data = TaxonomyFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise TaxonomyError(f"{path}: {problems}") from None
    errors = []
    seen_ids: set[str] = {data.taxonomy.id}
    seen_slugs: set[str] = set()
    terms = []
    for position, entry in enumerate(data.terms):
        if entry.id in seen_ids:
            errors.append(f"{entry.slug}: id {entry.id} is used twice")
        if entry.slug in seen_slugs:
            errors.append(f"{entry.slug}: slug is used twice")
        seen_ids.add(entry.id)
        seen_slugs.add(entry.slug)
        english = entry.labels.get(default_lang)
        if english is None:
            errors.append(f"{entry.slug}: no {default_lang} label")
            continue
        if english.status is not None:
            errors.append(f"{entry.slug}: the {default_lang} label is the original and has no status")
        for lang, label in entry.labels.items():
            if lang != default_lang and (label.status is None or label.source_hash is None):
                errors.append(f"{entry.slug}: the {lang} label needs a status and a source_hash")
        digest = label_hash(english.name, english.description)
        terms.append(Term(entry.id, entry.slug, entry.parent, dict(entry.labels), digest, position))
    for term in terms:
        if term.parent is not None and term.parent not in seen_slugs:
            errors.append(f"{term.slug}: parent {term.parent!r} is not a term")
    if errors:
        raise TaxonomyError(f"{path}:\n" + "\n".join(errors))
    return CamdenTaxonomy(data.taxonomy, terms)


def taxonomy_path(content_dir: Path) -> Path:
    return content_dir / "taxonomy.yaml"


def taxonomy() -> CamdenTaxonomy:
    """The running app's taxonomy (loaded once, when the directory blueprint is registered)."""
    return current_app.extensions["camden_taxonomy"]


def sync_taxonomy(tax: CamdenTaxonomy) -> int:
    """Upsert the taxonomy and its English terms into the database; returns how many rows changed."""
    from app.directory.models import Taxonomy, TaxonomyTerm
    from app.directory.upsert import assign
    from app.extensions import db

    changed = 0
    row = db.session.get(Taxonomy, tax.meta.id) or Taxonomy(id=tax.meta.id)
    db.session.add(row)
    changed += assign(
        row, name=tax.meta.name, description=tax.meta.description, uri=tax.meta.uri, version=tax.meta.version
    )
    # Parents first would need an order; instead insert every term, then set the parents.
    for term in tax.terms:
        english = term.labels["en"]
        term_row = db.session.get(TaxonomyTerm, term.id) or TaxonomyTerm(id=term.id)
        db.session.add(term_row)
        changed += assign(
            term_row, taxonomy_id=tax.meta.id, slug=term.slug, name=english.name, description=english.description
        )
    db.session.flush()
    for term in tax.terms:
        parent_id = tax.by_slug[term.parent].id if term.parent else None
        changed += assign(db.session.get(TaxonomyTerm, term.id), parent_id=parent_id)
    return changed

"""Managed synonyms (content/search/synonyms.yaml): groups of words and phrases that mean the same thing.

They are applied to the reader's words, not to the index, so changing the file needs a restart, never a
re-index. Each phrase is analysed the way the index analyses text (English phrases with English analysis for
the English fields, the index language's phrases with that language's analysis for its own fields), so
"carers' break" in the file matches "carers break", "carer's breaks" and so on in the query and the records.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from flask import current_app
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.directory.translation import DECLARED_STATUSES
from app.search.analysis import LANGUAGES, terms


class SynonymError(Exception):
    pass


class _Group(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    en: list[str] = Field(min_length=2)
    bn: list[str] = []
    so: list[str] = []
    ar: list[str] = []


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    status: dict[str, str]
    groups: list[_Group]

    @field_validator("status")
    @classmethod
    def known_statuses(cls, value: dict[str, str]) -> dict[str, str]:
        for lang, status in value.items():
            if lang not in LANGUAGES or status not in DECLARED_STATUSES:
                raise ValueError(f"status of {lang!r} must be one of {DECLARED_STATUSES}")
        return value


@dataclass(frozen=True, order=True)
class Alternative:
    analysis: str  # "en": English fields, "local": the index language's fields
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    id: str
    alternatives: tuple[Alternative, ...]


class Synonyms:
    def __init__(self, groups: list[_Group]):
        self._groups = groups
        self._by_lang: dict[str, list[Group]] = {}

    def groups(self) -> list[_Group]:
        """The groups as the file gives them (for the spelling vocabulary)."""
        return list(self._groups)

    def for_language(self, lang: str) -> list[Group]:
        """The groups as the `lang` index uses them: English phrases, and the language's own."""
        found = self._by_lang.get(lang)
        if found is None:
            found = []
            for group in self._groups:
                alternatives = {Alternative("en", tuple(terms(p, "en"))) for p in group.en}
                if lang != "en":
                    own = getattr(group, lang, [])
                    alternatives |= {Alternative("local", tuple(terms(p, lang))) for p in own}
                usable = tuple(sorted(a for a in alternatives if a.terms))
                found.append(Group(group.id, usable))
            self._by_lang[lang] = found
        return found


def load_synonyms(path: Path) -> Synonyms:
    try:
        data = _File.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise SynonymError(f"{path}: {problems}") from None
    ids = [g.id for g in data.groups]
    if len(ids) != len(set(ids)):
        raise SynonymError(f"{path}: a group id is used twice")
    return Synonyms(list(data.groups))


def synonyms_path(content_dir: Path) -> Path:
    return content_dir / "search" / "synonyms.yaml"


def synonyms() -> Synonyms:
    return current_app.extensions["search_synonyms"]

"""The front matter every content file must carry, validated when the site loads and in the tests."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from app.content.registry import LAYOUTS

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SEED = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")
URL = re.compile(r"^https?://\S+$")

# Statuses a file may declare. `outdated` and `missing` are worked out by the site, never typed.
DeclaredStatus = Literal["machine-draft", "human-draft", "reviewed"]
STATUSES = ("machine-draft", "human-draft", "reviewed", "outdated", "missing")


class FrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=2, max_length=120)
    summary: str = Field(min_length=10, max_length=400)
    layout: str
    section: str
    order: int = Field(ge=0, le=10_000)
    owner: str
    last_reviewed: dt.date | None = None
    review_by: dt.date | None = None
    sources: list[str] = Field(min_length=1)
    # Translations only
    translation_of: str | None = None
    source_hash: str | None = None
    status: DeclaredStatus | None = None
    reviewed_by: str | None = None
    reviewed_on: dt.date | None = None

    @field_validator("layout")
    @classmethod
    def known_layout(cls, value: str) -> str:
        if value not in LAYOUTS:
            raise ValueError(f"layout must be one of {sorted(LAYOUTS)}")
        return value

    @field_validator("section")
    @classmethod
    def kebab_section(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError("section must be lower-case ASCII words joined by hyphens")
        return value

    @field_validator("sources")
    @classmethod
    def real_sources(cls, value: list[str]) -> list[str]:
        for source in value:
            if not (SEED.match(source) or URL.match(source)):
                raise ValueError(f"source {source!r} is neither a seed file name nor a URL")
        return value

    @field_validator("source_hash")
    @classmethod
    def hex_hash(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[0-9a-f]{64}", value):
            raise ValueError("source_hash must be a sha256 hex digest")
        return value

    @model_validator(mode="after")
    def dates_and_review(self) -> FrontMatter:
        if (self.last_reviewed is None) != (self.review_by is None):
            raise ValueError("last_reviewed and review_by are set together, by a person at Camden")
        if self.last_reviewed and self.review_by and self.review_by <= self.last_reviewed:
            raise ValueError("review_by must come after last_reviewed")
        if self.status == "reviewed" and not (self.reviewed_by and self.reviewed_on):
            raise ValueError("a reviewed translation names its reviewer (reviewed_by) and date (reviewed_on)")
        if self.status != "reviewed" and (self.reviewed_by or self.reviewed_on):
            raise ValueError("reviewed_by and reviewed_on belong to reviewed translations only")
        return self

    @property
    def is_translation(self) -> bool:
        return self.translation_of is not None

    def check_translation_fields(self, lang: str, default_lang: str) -> None:
        fields = (self.translation_of, self.source_hash, self.status)
        if lang == default_lang:
            if any(f is not None for f in fields):
                raise ValueError("English pages carry no translation_of, source_hash or status")
        elif any(f is None for f in fields):
            raise ValueError("a translation needs translation_of, source_hash and status")

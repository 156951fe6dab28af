"""Translations of directory records: which fields are translatable, their source hash, and their status.

The vocabulary is the site's (app/translation_status.py): a translation is machine-draft, human-draft or
reviewed as declared; it is "outdated" when the English fields it was made from have changed since (their hash
no longer matches `source_hash`), and "missing" when there is none. Names of services and organisations are
never translated: they stay as the organisation gives them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import JSON, CheckConstraint, Date, DateTime, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from app.content.hashing import normalise
from app.extensions import db
from app.models import utcnow

DECLARED_STATUSES = ("machine-draft", "human-draft", "reviewed")
# The fields of each record type a translation may carry, in hashing order.
TRANSLATABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "service": ("description", "eligibility_description", "alert"),
    "organization": ("description",),
}


class RecordTranslation(db.Model):  # type: ignore[name-defined]
    """Local (not in ORUK): one record's translatable fields in one language.

    `status` is what a person or machine declared; "outdated" is worked out by comparing `source_hash` with the
    hash of the English fields now, and "missing" is the absence of a row.
    """

    __tablename__ = "directory_translations"
    __table_args__ = (
        UniqueConstraint("record_type", "record_id", "lang", name="uq_directory_translations_record_lang"),
        CheckConstraint(
            "status IN (" + ", ".join(repr(s) for s in DECLARED_STATUSES) + ")", name="ck_directory_translations_status"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_type: Mapped[str] = mapped_column(String(32))  # "service", "organization"
    record_id: Mapped[str] = mapped_column(String(36))
    lang: Mapped[str] = mapped_column(String(16))
    fields: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16))
    source_hash: Mapped[str] = mapped_column(String(64))
    reviewed_by: Mapped[str | None] = mapped_column(String(120))
    reviewed_on: Mapped[dt.date | None] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


def fields_hash(values: Sequence[str | None]) -> str:
    """sha256 of the normalised English values, joined with a unit separator (as content pages do)."""
    joined = "\x1f".join(normalise(value or "") for value in values)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def record_hash(record_type: str, record: object) -> str:
    return fields_hash([getattr(record, name) for name in TRANSLATABLE_FIELDS[record_type]])


def effective_status(declared: str | None, stored_hash: str | None, current_hash: str) -> str:
    if declared is None:
        return "missing"
    if stored_hash != current_hash:
        return "outdated"
    return declared


@dataclass(frozen=True)
class TranslatedField:
    """One field as a reader sees it: the text, its language, and the translation's status."""

    text: str | None
    lang: str  # the language the text is in
    status: str  # "original" for English read in English, else a translation status

    @property
    def is_translated(self) -> bool:
        return self.status not in ("original", "missing")


def translated_fields(
    record_type: str, record: object, lang: str, translation: RecordTranslation | None, default_lang: str = "en"
) -> dict[str, TranslatedField]:
    """Each translatable field in `lang` where a translation has it, else in English (status "missing")."""
    names = TRANSLATABLE_FIELDS[record_type]
    english = {name: getattr(record, name) for name in names}
    if lang == default_lang:
        return {name: TranslatedField(text, default_lang, "original") for name, text in english.items()}
    status = effective_status(
        translation.status if translation else None,
        translation.source_hash if translation else None,
        fields_hash(list(english.values())),
    )
    shown = {}
    for name, text in english.items():
        own = (translation.fields or {}).get(name) if translation else None
        if own and text:
            shown[name] = TranslatedField(own, lang, status)
        else:
            shown[name] = TranslatedField(text, default_lang, "missing")
    return shown


def translations_for(record_type: str, record_ids: Iterable[str], lang: str) -> dict[str, RecordTranslation]:
    ids = list(record_ids)
    if not ids:
        return {}
    rows = db.session.scalars(
        select(RecordTranslation).where(
            RecordTranslation.record_type == record_type,
            RecordTranslation.lang == lang,
            RecordTranslation.record_id.in_(ids),
        )
    )
    return {row.record_id: row for row in rows}


def save_translation(
    record_type: str, record: object, lang: str, fields: dict[str, str], status: str
) -> RecordTranslation:
    """Add or replace a translation made from the record's current English fields."""
    if status not in DECLARED_STATUSES:
        raise ValueError(f"status must be one of {DECLARED_STATUSES}")
    unknown = set(fields) - set(TRANSLATABLE_FIELDS[record_type])
    if unknown:
        raise ValueError(f"not translatable: {sorted(unknown)}")
    record_id = record.id  # type: ignore[attr-defined]
    row = translations_for(record_type, [record_id], lang).get(record_id)
    if row is None:
        row = RecordTranslation(record_type=record_type, record_id=record_id, lang=lang)
        db.session.add(row)
    row.fields = dict(fields)
    row.status = status
    row.source_hash = record_hash(record_type, record)
    row.updated_at = utcnow()
    return row

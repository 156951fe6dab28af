"""`x_camden`: our local fields, added to ORUK records only when asked for with `?extensions=camden`.

The UK profile has no place for these (anchors.md: it drops eligibility descriptions and language names and
codes, and has no model for translated text or for how sure we are of a fact). Keeping them under one
namespaced key that is absent by default means a strict ORUK consumer never meets a field it does not know,
and a consumer that wants them asks once. docs/api.md describes every key. Adviser notes are never here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from app.api import serialise
from app.directory.display import language_name
from app.directory.models import Organization, Service
from app.directory.translation import RecordTranslation, effective_status, record_hash
from app.extensions import db

EXTENSION = "x_camden"


def service_listed(s: Service) -> dict[str, Any]:
    return {
        "verified": s.verified,
        "languages": [
            {"id": lang.id, "code": lang.code, "name": language_name(lang.code, "en"), **_note(lang.note)}
            for lang in s.languages
        ],
        "eligibility": {
            "description": s.eligibility_description,
            "audiences": list(s.eligibility_audiences or []),
            "referral_needed": s.referral_needed,
        },
        "accessible_formats": {"bsl_video_url": s.bsl_video_url, "easy_read_url": s.easy_read_url},
    }


def _note(note: str | None) -> dict[str, str]:
    return {"note": note} if note else {}


def service_full(s: Service, translations: Iterable[RecordTranslation]) -> dict[str, Any]:
    return {
        **service_listed(s),
        "sources": list(s.sources or []),
        "translations": _translations("service", s, translations),
        "schedule_exceptions": [
            {
                **serialise.schedule(row),
                "closed": row.closed,
            }
            for row in (*s.schedules, *(r for sal in serialise.public_places(s) for r in sal.schedules))
            if row.is_exception
        ],
        "check_before_use": {
            "service_at_locations": [
                {
                    "id": sal.id,
                    "service_id": sal.service_id,
                    "location_id": sal.location_id,
                    "description": sal.description,
                    "source_date": sal.source_date,
                    "location": serialise.location_full(sal.location),
                }
                for sal in s.service_at_locations
                if sal.check_before_use and not sal.location.synthetic
            ],
            "phones": [
                {**serialise.phone(p), "source_date": p.source_date}
                for c in s.contacts
                for p in c.phones
                if p.check_before_use
            ],
        },
    }


def organization(org: Organization, translations: Iterable[RecordTranslation]) -> dict[str, Any]:
    return {
        "verified": org.verified,
        "sources": list(org.sources or []),
        "translations": _translations("organization", org, translations),
    }


def _translations(record_type: str, record: Any, rows: Iterable[RecordTranslation]) -> list[dict[str, Any]]:
    current = record_hash(record_type, record)
    return [
        {
            "lang": row.lang,
            "status": effective_status(row.status, row.source_hash, current),
            "fields": dict(row.fields or {}),
            "reviewed_on": row.reviewed_on.isoformat() if row.reviewed_on else None,
            "updated_at": serialise.timestamp(row.updated_at),
        }
        for row in sorted(rows, key=lambda r: r.lang)
        if row.record_id == record.id
    ]


def translations_of(record_type: str, ids: Iterable[str]) -> list[RecordTranslation]:
    wanted = list(ids)
    if not wanted:
        return []
    stmt = select(RecordTranslation).where(
        RecordTranslation.record_type == record_type, RecordTranslation.record_id.in_(wanted)
    )
    return list(db.session.scalars(stmt))

"""The search's two tables: the change log that carries edits to every machine's index, and the log of
searches that found nothing (the words and the language only: nothing about the person)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import utcnow

WORDS_MAX = 200  # the longest query the search reads (app/search/query.py)


class SearchChange(db.Model):  # type: ignore[name-defined]
    """A directory record changed: the indexes re-read this service (written in the same transaction as the
    edit, so the change and its log entry are committed together or not at all)."""

    __tablename__ = "search_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    service_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)


class ZeroResultSearch(db.Model):  # type: ignore[name-defined]
    """A search that found no service and no page, for the unmet-need report. Kept for
    RETENTION_DAYS["zero_result_searches"] (app/retention.py)."""

    __tablename__ = "zero_result_searches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    words: Mapped[str] = mapped_column(String(WORDS_MAX))
    lang: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)

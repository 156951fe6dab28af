"""Anonymous counts of questionnaire results, for the Borough Partnership Carers Board.

Counters, not records: one row per questionnaire, ISO week, language and outcome holds how many results showed
that outcome (and one row per week and language, outcome ALL_RESULTS, how many results were reached). No row is
about one person: no answers, no free text, no time finer than the week, no IP address, no session id, and no
order of events that could be matched against web server logs.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

ALL_RESULTS = "all-results"  # the `outcome` of the row that counts results reached (not an outcome id)


class QuestionnaireCount(db.Model):  # type: ignore[name-defined]
    __tablename__ = "questionnaire_counts"
    __table_args__ = (
        UniqueConstraint("questionnaire", "iso_week", "lang", "outcome", name="uq_questionnaire_counts_cell"),
        CheckConstraint("count >= 0", name="ck_questionnaire_counts_count"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    questionnaire: Mapped[str] = mapped_column(String(64))
    iso_week: Mapped[str] = mapped_column(String(8))  # "2026-W48"
    week_start: Mapped[dt.datetime] = mapped_column(DateTime, index=True)  # Monday 00:00 (naive UTC): retention
    lang: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str] = mapped_column(String(64))  # an outcome id, or ALL_RESULTS
    count: Mapped[int] = mapped_column(Integer, default=0)

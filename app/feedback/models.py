"""Answers to "Was this page useful?". No name, email, IP address or session is kept with them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import utcnow

COMMENT_MAX = 500


class Feedback(db.Model):  # type: ignore[name-defined]
    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    path: Mapped[str] = mapped_column(String(255))
    lang: Mapped[str] = mapped_column(String(16))
    useful: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str] = mapped_column(Text, default="")

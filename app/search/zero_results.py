"""Searches that found nothing, for the unmet-need report: the words and the language, and when; nothing
about the person (no IP address, session, cookie or filters that could narrow them down)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from app.extensions import db
from app.models import utcnow
from app.search.models import WORDS_MAX, ZeroResultSearch


def record(words: str, lang: str) -> None:
    """Log one search that found nothing, in its own short transaction."""
    db.session.add(ZeroResultSearch(words=words.casefold()[:WORDS_MAX], lang=lang[:16], at=utcnow()))
    db.session.commit()


def report(since: dt.datetime, limit: int = 50) -> list[tuple[str, str, int]]:
    """(words, language, how many times) since a date, most frequent first."""
    stmt = (
        select(ZeroResultSearch.words, ZeroResultSearch.lang, func.count())
        .where(ZeroResultSearch.at >= since)
        .group_by(ZeroResultSearch.words, ZeroResultSearch.lang)
        .order_by(func.count().desc(), ZeroResultSearch.words)
        .limit(limit)
    )
    return [(words, lang, count) for words, lang, count in db.session.execute(stmt)]

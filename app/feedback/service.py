"""Storing an answer. Only the page, its language, the answer, the comment and the day are kept:
never an IP address, user agent, session or account, so an answer cannot be traced back to a reader."""

from __future__ import annotations

import datetime as dt

from app.extensions import db
from app.feedback.models import Feedback
from app.models import utcnow


def _today() -> dt.datetime:
    # The day, not the time: a timestamp could be matched against web server logs, which hold IP addresses.
    return utcnow().replace(hour=0, minute=0, second=0, microsecond=0)


def record(path: str, lang: str, useful: bool, comment: str) -> Feedback:
    entry = Feedback(at=_today(), path=path, lang=lang, useful=useful, comment=comment)
    db.session.add(entry)
    db.session.commit()
    return entry

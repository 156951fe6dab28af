"""Sign-in lockout, counted in the database so that it holds across every gunicorn worker.

Each wrong password adds one to `users.failed_sign_ins` in a single UPDATE, so two workers failing at
the same moment cannot lose a count. The failure that reaches LOCKOUT_THRESHOLD locks the account for
LOCKOUT_MINUTES and starts the count again, so once the lock ends the person has the full number of tries.
"""

from __future__ import annotations

import datetime as dt

from flask import current_app
from sqlalchemy import case, update

from app.auth.models import User
from app.extensions import db
from app.models import utcnow


def is_locked(user: User, now: dt.datetime | None = None) -> bool:
    return user.locked_until is not None and user.locked_until > (now or utcnow())


def record_failure(user_id: int) -> bool:
    """Count one wrong password; True when this failure locked the account."""
    threshold = current_app.config["LOCKOUT_THRESHOLD"]
    until = utcnow() + dt.timedelta(minutes=current_app.config["LOCKOUT_MINUTES"])
    # Both SET expressions read the row as it was before this UPDATE (standard SQL, SQLite too).
    reaches = User.failed_sign_ins + 1 >= threshold
    stmt = (
        update(User)
        .where(User.id == user_id)
        .values(
            failed_sign_ins=case((reaches, 0), else_=User.failed_sign_ins + 1),
            locked_until=case((reaches, until), else_=User.locked_until),
        )
        .returning(User.failed_sign_ins)
        .execution_options(synchronize_session=False)
    )
    count = db.session.execute(stmt).scalar()
    return count == 0  # None when the account has just been deleted


def clear_failures(user_id: int) -> None:
    db.session.execute(
        update(User)
        .where(User.id == user_id)
        .values(failed_sign_ins=0, locked_until=None)
        .execution_options(synchronize_session=False)
    )

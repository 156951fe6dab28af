"""The audit log: who changed what, and when. Features add their own actions with `record`."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.auth.models import AuditEvent, User
from app.extensions import db

ACTION_LABELS = {
    "signed-in": _l("Signed in"),
    "signed-out": _l("Signed out"),
    "account-locked": _l("Account locked after too many wrong passwords"),
    "account-created": _l("Account created"),
    "account-renamed": _l("Name changed"),
    "roles-changed": _l("Roles changed"),
    "password-set": _l("Password set"),
    "account-deactivated": _l("Account deactivated"),
    "account-reactivated": _l("Account reactivated"),
}
PER_PAGE = 50


def record(action: str, *, actor: User | None, target: str = "", detail: str = "") -> AuditEvent:
    """Add an event to the current transaction; the caller commits it with the change it describes."""
    event = AuditEvent(action=action, actor_id=actor.id if actor else None, target=target[:255], detail=detail)
    db.session.add(event)
    return event


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


@dataclass(frozen=True)
class AuditRow:
    event: AuditEvent
    actor: User | None
    label: str


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    page: int
    pages: int
    total: int


def audit_page(page: int, per_page: int = PER_PAGE) -> AuditPage | None:
    """One page of the log, newest first; None for a page past the end."""
    total = db.session.scalar(select(func.count()).select_from(AuditEvent)) or 0
    pages = max(1, -(-total // per_page))
    if page < 1 or page > pages:
        return None
    events = db.session.scalars(
        select(AuditEvent)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    actor_ids = {e.actor_id for e in events if e.actor_id is not None}
    actors = {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(actor_ids)))} if actor_ids else {}
    rows = [AuditRow(e, actors.get(e.actor_id) if e.actor_id else None, action_label(e.action)) for e in events]
    return AuditPage(rows, page, pages, total)

"""Reading and changing the tracker. Every change adds a version; nothing is overwritten.

A change names the version it was based on (the version number the editor's form was loaded with). The
action's `version` is moved on with a conditional UPDATE (… WHERE version = base), so of two changes based on
the same version exactly one wins, even in two processes at once; the other raises `StaleEdit` and writes
nothing. Callers commit: a change and its audit event go in one transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.auth.models import User
from app.extensions import db
from app.models import utcnow
from app.plan.models import FIELDS, INITIAL_STATUS, STATUSES, ActionVersion, PlanAction, ProgressUpdate

SORTS = ("number", "area", "status")
FEED_KINDS = ("created", "edited", "progress-update")  # seeded first versions are the published plan, not news
FEED_SIZE = 50


class StaleEdit(Exception):
    """Someone else changed the action after the form was loaded."""

    def __init__(self, action: PlanAction) -> None:
        super().__init__(f"action {action.number} is at version {action.version}")
        self.action = action


class DuplicateNumber(Exception):
    pass


@dataclass(frozen=True)
class Values:
    """What a version says; blanks are None ("To be set by the Board")."""

    area: str
    step: str | None
    outcome_measure: str | None = None
    success: str | None = None
    lead: str | None = None
    timescale: str | None = None
    status: str = INITIAL_STATUS

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}")

    @classmethod
    def of(cls, version: ActionVersion) -> Values:
        return cls(**version.values())  # type: ignore[arg-type]

    def as_dict(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in FIELDS}


def blank_to_none(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


# -- reading -------------------------------------------------------------------------------------------------


def get_action(number: int) -> PlanAction | None:
    return db.session.scalar(
        select(PlanAction)
        .where(PlanAction.number == number)
        .options(
            selectinload(PlanAction.current),
            selectinload(PlanAction.versions),
            selectinload(PlanAction.progress_updates),
            selectinload(PlanAction.translations),
        )
    )


def all_actions() -> list[PlanAction]:
    """Every action with its current version and translations, by number."""
    stmt = (
        select(PlanAction)
        .where(PlanAction.current_version_id.is_not(None))
        .options(selectinload(PlanAction.current), selectinload(PlanAction.translations))
        .order_by(PlanAction.number)
    )
    return list(db.session.scalars(stmt))


def filter_and_sort(
    actions: Iterable[PlanAction], *, area: str | None, status: str | None, sort: str, area_order: dict[str, int]
) -> list[PlanAction]:
    """The tracker's rows: in one area and one status when given, sorted by number, area or status."""
    rows = [
        a
        for a in actions
        if a.current is not None
        and (area is None or a.current.area == area)
        and (status is None or a.current.status == status)
    ]

    def key(action: PlanAction) -> tuple:
        current = action.current
        assert current is not None
        if sort == "area":
            return (area_order.get(current.area, 999), action.number)
        if sort == "status":
            return (STATUSES.index(current.status), action.number)
        return (action.number,)

    return sorted(rows, key=key)


def feed_versions(area: str | None = None, limit: int = FEED_SIZE) -> list[ActionVersion]:
    """The newest changes worth a feed entry (new actions, edits, progress updates), in one area or all."""
    stmt = (
        select(ActionVersion)
        .where(ActionVersion.kind.in_(FEED_KINDS))
        .options(selectinload(ActionVersion.action), selectinload(ActionVersion.progress_update))
        .order_by(ActionVersion.changed_at.desc(), ActionVersion.id.desc())
        .limit(limit)
    )
    if area is not None:
        stmt = stmt.where(ActionVersion.area == area)
    return list(db.session.scalars(stmt))


def latest_change(area: str | None = None) -> dt.datetime | None:
    stmt = select(ActionVersion.changed_at).order_by(ActionVersion.changed_at.desc()).limit(1)
    if area is not None:
        stmt = stmt.where(ActionVersion.area == area)
    return db.session.scalar(stmt)


# -- changing ------------------------------------------------------------------------------------------------


def add_action(
    number: int,
    values: Values,
    *,
    actor: User | None,
    kind: str = "created",
    sources: Iterable[str] = (),
    at: dt.datetime | None = None,
) -> PlanAction:
    if db.session.scalar(select(PlanAction.id).where(PlanAction.number == number)) is not None:
        raise DuplicateNumber(number)
    action = PlanAction(number=number, version=0)
    db.session.add(action)
    try:
        db.session.flush()
    except IntegrityError:  # added by someone else in the meantime
        db.session.rollback()
        raise DuplicateNumber(number) from None
    changed = [name for name, value in values.as_dict().items() if value is not None]
    _new_version(action, 0, values, kind=kind, actor=actor, changed=changed, sources=list(sources), at=at)
    return action


def edit_action(action: PlanAction, base_version: int, values: Values, *, actor: User | None) -> ActionVersion | None:
    """A new version with `values`; None when nothing differs from the current version (nothing is written)."""
    if base_version != action.version:
        raise StaleEdit(action)
    assert action.current is not None
    before = Values.of(action.current).as_dict()
    changed = [name for name, value in values.as_dict().items() if before[name] != value]
    if not changed:
        return None
    return _new_version(action, base_version, values, kind="edited", actor=actor, changed=changed)


def post_progress(
    action: PlanAction,
    base_version: int,
    *,
    on_date: dt.date,
    text: str,
    actor: User | None,
    sources: Iterable[str] = (),
    at: dt.datetime | None = None,
) -> ProgressUpdate:
    """A dated progress update, recorded with a version of its own (the action's fields are unchanged)."""
    if base_version != action.version:
        raise StaleEdit(action)
    assert action.current is not None
    version = _new_version(
        action, base_version, Values.of(action.current), kind="progress-update", actor=actor, changed=[], at=at
    )
    update_row = ProgressUpdate(
        action_id=action.id,
        version_id=version.id,
        on_date=on_date,
        text=text.strip(),
        sources=list(sources),
        posted_by_id=actor.id if actor else None,
        posted_at=version.changed_at,
    )
    db.session.add(update_row)
    db.session.flush()
    return update_row


def _new_version(
    action: PlanAction,
    base_version: int,
    values: Values,
    *,
    kind: str,
    actor: User | None,
    changed: list[str],
    sources: list[str] | None = None,
    at: dt.datetime | None = None,
) -> ActionVersion:
    moved = db.session.execute(
        update(PlanAction)
        .where(PlanAction.id == action.id, PlanAction.version == base_version)
        .values(version=base_version + 1)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:  # type: ignore[attr-defined]
        db.session.rollback()
        fresh = get_action(action.number)
        raise StaleEdit(fresh or action)
    version = ActionVersion(
        action_id=action.id,
        version=base_version + 1,
        kind=kind,
        changed_fields=changed,
        changed_by_id=actor.id if actor else None,
        changed_at=at or utcnow(),
        sources=sources or [],
        **values.as_dict(),
    )
    db.session.add(version)
    db.session.flush()
    db.session.execute(
        update(PlanAction)
        .where(PlanAction.id == action.id)
        .values(current_version_id=version.id)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(action)
    return version

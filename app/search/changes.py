"""The change log: how an edit made through any worker, on any machine sharing the database, reaches every
machine's index.

Every flush that touches a service (or a row a service's search document is made from: its categories,
languages, costs, places, opening times, organisation or translations) writes SearchChange rows in the same
transaction, from a SQLAlchemy `after_flush` listener, so no edit path can forget. Bulk Core statements
(the synthetic generator) bypass the ORM and are not logged: run `flask search build` after them, or call
`record()`.

Each index stores how far through the log it is (a `Cursor`) in the same Whoosh commit as the documents it
changed, so the two cannot disagree after a crash. Ids are given out when rows are inserted but become
visible when their transactions commit, possibly out of order; so the cursor is a high-water mark plus the
ids above it already applied, and a gap below a visible id is only given up on (treated as a rolled-back
insert) once the row after it is older than GRACE.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import event, func, insert, select
from sqlalchemy.orm import Session

from app.directory.models import (
    Accessibility,
    Address,
    CostOption,
    Language,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
)
from app.directory.translation import RecordTranslation
from app.extensions import db
from app.models import utcnow
from app.search.models import SearchChange

GRACE = dt.timedelta(minutes=5)
# Rows whose `service_id` names the service directly.
_BY_SERVICE_ID = (ServiceAttribute, Language, CostOption, ServiceAtLocation)


@dataclass(frozen=True)
class Cursor:
    """How far an index is through the change log: every id up to `through`, and the ids in `above`."""

    through: int = 0
    above: frozenset[int] = field(default_factory=frozenset)

    def to_data(self) -> list:
        return [self.through, sorted(self.above)]

    @classmethod
    def from_data(cls, data) -> Cursor:
        if not data:
            return cls()
        return cls(int(data[0]), frozenset(int(i) for i in data[1]))

    def unseen(self, rows: Iterable) -> list:
        return [row for row in rows if row.id > self.through and row.id not in self.above]

    def advanced(self, rows: Iterable, now: dt.datetime) -> Cursor:
        """The cursor once every row in `rows` (all the log's rows above `through`) has been applied."""
        ordered = sorted(rows, key=lambda row: row.id)
        through = self.through
        for row in ordered:
            if row.id <= through:
                continue
            if row.id == through + 1 or row.at < now - GRACE:
                through = row.id
            else:
                break
        return Cursor(through, frozenset(row.id for row in ordered if row.id > through))


def rows_after(through: int) -> list:
    """The log's visible rows above `through` (id, service_id, at), oldest first."""
    stmt = select(SearchChange.id, SearchChange.service_id, SearchChange.at).where(SearchChange.id > through)
    return list(db.session.execute(stmt.order_by(SearchChange.id)).all())


def build_cursor(now: dt.datetime | None = None) -> Cursor:
    """The cursor for a full build that reads the database after this call: everything older than GRACE is in
    it; anything newer is applied again after the swap (applying a change twice does no harm)."""
    now = now or utcnow()
    through = db.session.scalar(select(func.max(SearchChange.id)).where(SearchChange.at < now - GRACE))
    return Cursor(through or 0)


def record(service_ids: Iterable[str]) -> None:
    """Log changes to these services in the current transaction (for writes that bypass the ORM)."""
    rows = [{"service_id": sid, "at": utcnow()} for sid in sorted(set(service_ids))]
    if rows:
        db.session.execute(insert(SearchChange), rows)


# -- the listener -------------------------------------------------------------------------------------------------
def _changed_objects(session: Session):
    yield from session.new
    yield from session.deleted
    for obj in session.dirty:
        if session.is_modified(obj, include_collections=False):
            yield obj


def _affected_services(session: Session) -> set[str]:
    services: set[str] = set()
    locations: set[str] = set()
    organizations: set[str] = set()
    links: set[str] = set()
    for obj in _changed_objects(session):
        if isinstance(obj, Service):
            services.add(obj.id)
        elif isinstance(obj, _BY_SERVICE_ID):
            if obj.service_id:
                services.add(obj.service_id)
        elif isinstance(obj, Schedule):
            if obj.service_id:
                services.add(obj.service_id)
            if obj.service_at_location_id:
                links.add(obj.service_at_location_id)
        elif isinstance(obj, Location):
            locations.add(obj.id)
        elif isinstance(obj, (Address, Accessibility)):
            locations.add(obj.location_id)
        elif isinstance(obj, Organization):
            organizations.add(obj.id)
        elif isinstance(obj, RecordTranslation) and obj.record_type == "service":
            services.add(obj.record_id)
    # The rows the flush just wrote are visible on its own connection.
    connection = session.connection()
    lookups = (
        (ServiceAtLocation.service_id, ServiceAtLocation.location_id, locations),
        (ServiceAtLocation.service_id, ServiceAtLocation.id, links),
        (Service.id, Service.organization_id, organizations),
    )
    for wanted, key, values in lookups:
        if values:
            services.update(connection.scalars(select(wanted).where(key.in_(sorted(v for v in values if v)))))
    services.discard(None)  # type: ignore[arg-type]
    return services


def _after_flush(session: Session, flush_context) -> None:
    services = _affected_services(session)
    if services:
        now = utcnow()
        session.connection().execute(
            insert(SearchChange.__table__), [{"service_id": sid, "at": now} for sid in sorted(services)]
        )


def listen() -> None:
    """Log directory changes from every session (once per process)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)

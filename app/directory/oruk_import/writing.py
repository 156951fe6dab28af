"""Writing planned rows: an idempotent upsert by id (assign() only marks a record changed when a value
differs), children synced to exactly what the file says plus what ORUK cannot express."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from app.directory.models import Contact, Organization, Phone, Schedule, Service, ServiceAtLocation
from app.directory.oruk_import.feed import ImportReport
from app.directory.oruk_import.mapping import Plan, Row
from app.directory.upsert import assign
from app.extensions import db
from app.models import utcnow


class _Writer:
    def __init__(self, source: str, now: dt.datetime) -> None:
        self.source = source
        self.now = now

    def get(self, model: Any, record_id: str) -> tuple[Any, bool]:
        found = db.session.get(model, record_id)
        return (found, False) if found is not None else (model(id=record_id), True)

    def upsert(self, row: Row) -> tuple[Any, bool]:
        """A row's own values (not its children); (record, whether it was created or changed)."""
        record, created = self.get(row.model, row.id)
        return record, assign(record, **row.values) or created

    def sync(self, owner: Any, name: str, rows: list[Row], keep: Callable[[Any], bool] = lambda r: False) -> bool:
        """Make a collection exactly the file's rows, plus what the file cannot express (`keep`). Rows that go
        are deleted first, so a replacement may reuse their unique keys (a service's category or language)."""
        current = list(getattr(owner, name))
        wanted = {row.id for row in rows}
        stale = [r for r in current if r.id not in wanted and not keep(r)]
        for record in stale:
            db.session.delete(record)
        if stale:
            db.session.flush()
        changed = bool(stale)
        records = []
        for row in rows:
            record, row_changed = self.upsert(row)
            for child_name, children in row.children.items():
                row_changed |= self.sync(
                    record, child_name, children, keep=_kept_phone if child_name == "phones" else _nothing
                )
            changed |= row_changed
            records.append(record)
        kept = [r for r in current if r.id not in wanted and keep(r)]
        changed |= {r.id for r in current} != {r.id for r in records + kept}  # order is a value (position)
        setattr(owner, name, records + kept)
        return changed

    def organization(self, row: Row, report: ImportReport) -> None:
        record, created = self.get(Organization, row.id)
        if record.verified:
            report.skipped_verified.append(f"organization {row.values['name']}")
            return
        values = {k: v for k, v in row.values.items() if k != "parent_organization_id"}  # set once all exist
        changed = assign(record, **values, sources=[self.source], verified=False, synthetic=False) or created
        if changed:
            record.last_modified = self.now
        db.session.add(record)

    def location(self, row: Row) -> None:
        record, changed = self.upsert(row)
        changed |= assign(record, sources=[self.source], synthetic=False)
        db.session.add(record)
        for name, children in row.children.items():
            self.sync(record, name, children)

    def service(self, plan: Plan, report: ImportReport) -> None:
        row = plan.service
        record, created = self.get(Service, row.id)
        if record.verified:
            report.skipped_verified.append(row.values["name"])
            return
        db.session.add(record)
        changed = assign(record, **row.values, sources=[self.source], verified=False, synthetic=False) or created
        changed |= self.sync(record, "service_at_locations", row.children["service_at_locations"], keep=_kept_place)
        db.session.flush()
        timetable = row.children["schedules"]
        changed |= self.sync(
            record, "schedules", [s for s in timetable if not s.values["service_at_location_id"]], keep=_exception
        )
        for place in record.service_at_locations:
            mine = [s for s in timetable if s.values["service_at_location_id"] == place.id]
            changed |= self.sync(place, "schedules", mine, keep=_exception)
        for name in ("cost_options", "service_areas", "contacts", "attributes"):
            changed |= self.sync(
                record, name, row.children[name], keep=_kept_contact if name == "contacts" else _nothing
            )
        if plan.languages is not None:
            changed |= self.sync(record, "languages", plan.languages)
        if changed:
            record.last_modified = self.now
        (report.created if created else report.updated if changed else report.unchanged).append(row.values["name"])


def _nothing(record: Any) -> bool:
    return False


def _kept_place(record: ServiceAtLocation) -> bool:
    return record.check_before_use


def _kept_phone(record: Phone) -> bool:
    return record.check_before_use


def _kept_contact(record: Contact) -> bool:
    return any(phone.check_before_use for phone in record.phones)


def _exception(record: Schedule) -> bool:
    return record.is_exception


def write_plans(plans: list[Plan], source: str, report: ImportReport, now: dt.datetime | None = None) -> None:
    writer = _Writer(source, now or utcnow())
    with db.session.no_autoflush:
        organizations = {p.organization.id: p.organization for p in plans if p.organization}
        for row in organizations.values():
            writer.organization(row, report)
        db.session.flush()
        for row in organizations.values():  # parents now exist (or are unknown: then none)
            parent = row.values.get("parent_organization_id")
            record = db.session.get(Organization, row.id)
            if parent and db.session.get(Organization, parent) is None:
                report.warnings.append(f"organization {row.id}: parent organization {parent} is not known; left out")
                parent = None
            if record is not None and not record.verified and assign(record, parent_organization_id=parent):
                record.last_modified = writer.now
        for location in {loc.id: loc for p in plans for loc in p.locations}.values():
            writer.location(location)
        db.session.flush()
        for plan in plans:
            writer.service(plan, report)
            db.session.flush()

"""Load content/directory/seed.yaml into the database: an idempotent upsert by UUID.

Running it twice changes nothing the second time (last_modified moves only when a record's data did). Every
seeded record is stored unverified with no assured_date: nobody at Camden has checked it. A service a person
has verified is never overwritten by the seed. Links without their own id in the file (a service's categories
and languages, a location's address) get a UUID derived from their natural key, so they are stable too.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy import select

from app.directory.models import (
    Accessibility,
    Address,
    AdviserNote,
    Contact,
    CostOption,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceAttribute,
)
from app.directory.seed_schema import LocationIn, SeedFile, ServiceIn
from app.directory.taxonomy import CamdenTaxonomy, sync_taxonomy
from app.directory.upsert import assign
from app.extensions import db
from app.models import utcnow

# Namespace for ids derived from natural keys (uuid5). Never change it: the derived ids would all change.
DERIVED_ID_NAMESPACE = uuid.UUID("6a0b1f5e-2c1d-4f8e-9b7a-3d5c2e1f0a9b")


class SeedError(Exception):
    pass


def derived_id(*parts: str) -> str:
    return str(uuid.uuid5(DERIVED_ID_NAMESPACE, ":".join(parts)))


def seed_path(content_dir: Path) -> Path:
    return content_dir / "directory" / "seed.yaml"


def load_seed_file(path: Path, tax: CamdenTaxonomy) -> SeedFile:
    try:
        seed = SeedFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        problems = "\n".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise SeedError(f"{path}:\n{problems}") from None
    errors = _cross_check(seed, tax)
    if errors:
        raise SeedError(f"{path}:\n" + "\n".join(errors))
    return seed


def _cross_check(seed: SeedFile, tax: CamdenTaxonomy) -> list[str]:
    errors = []
    ids: set[str] = set()

    def claim(record_id: str, where: str) -> None:
        if record_id in ids:
            errors.append(f"{where}: id {record_id} is used twice")
        ids.add(record_id)

    location_ids = {loc.id for loc in seed.locations}
    for loc in seed.locations:
        claim(loc.id, f"location {loc.name or loc.id}")
        for access in loc.accessibility:
            claim(access.id, f"location {loc.id} accessibility")
    for org in seed.organizations:
        claim(org.id, f"organisation {org.name}")
        for service in org.services:
            where = f"service {service.name}"
            claim(service.id, where)
            for record in (
                *service.contacts,
                *(p for c in service.contacts for p in c.phones),
                *service.locations,
                *service.schedules,
                *service.cost_options,
                *service.service_areas,
                *service.adviser_notes,
            ):
                claim(record.id, where)
            errors += [f"{where}: unknown category {slug!r}" for slug in service.categories if slug not in tax.by_slug]
            unknown_places = [s.location for s in service.locations if s.location not in location_ids]
            errors += [f"{where}: unknown location {place}" for place in unknown_places]
            for phone in (p for c in service.contacts for p in c.phones):
                if phone.source_date and not phone.check_before_use:
                    errors.append(f"{where}: phone {phone.number} has a source_date but no check_before_use")
    return errors


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped_verified: list[str] = field(default_factory=list)
    taxonomy_changes: int = 0


def seed_directory(seed: SeedFile, tax: CamdenTaxonomy, now: dt.datetime | None = None) -> SeedReport:
    """Upsert the taxonomy and every seeded record; the caller commits."""
    now = now or utcnow()
    report = SeedReport(taxonomy_changes=sync_taxonomy(tax))
    _preload(seed, tax)
    try:
        _upsert_all(seed, tax, now, report)
    finally:
        db.session.info.pop(_PRELOADED, None)
    return report


def _upsert_all(seed: SeedFile, tax: CamdenTaxonomy, now: dt.datetime, report: SeedReport) -> None:
    for loc in seed.locations:
        _upsert_location(loc)
    db.session.flush()
    for org_in in seed.organizations:
        org, created = _get_or_new(Organization, org_in.id)
        changed = assign(
            org,
            name=org_in.name,
            description=org_in.description,
            website=org_in.website,
            email=org_in.email,
            sources=list(org_in.sources),
            verified=False,
            synthetic=False,
        )
        if created or changed:
            org.last_modified = now
        db.session.flush()
        for service_in in org_in.services:
            _upsert_service(org, service_in, tax, now, report)
    db.session.flush()


_PRELOADED = "directory_seed_rows"
_SEEDED_MODELS: tuple[Any, ...] = (
    Organization,
    Service,
    Location,
    Address,
    Accessibility,
    Contact,
    Phone,
    ServiceAtLocation,
    ServiceAttribute,
    Language,
    Schedule,
    CostOption,
    ServiceArea,
    AdviserNote,
)


def _file_ids(seed: SeedFile, tax: CamdenTaxonomy) -> set[str]:
    ids: set[str] = set()
    for loc in seed.locations:
        ids |= {loc.id, derived_id(loc.id, "address"), *(a.id for a in loc.accessibility)}
    for org in seed.organizations:
        ids.add(org.id)
        for s in org.services:
            ids.add(s.id)
            ids |= {derived_id(s.id, "attribute", tax.by_slug[slug].id) for slug in s.categories}
            ids |= {derived_id(s.id, "language", code) for code in s.languages}
            for record in (*s.contacts, *s.locations, *s.schedules, *s.cost_options, *s.service_areas):
                ids.add(record.id)
            ids |= {p.id for c in s.contacts for p in c.phones}
    return ids


def _preload(seed: SeedFile, tax: CamdenTaxonomy) -> None:
    """One query per table for every row the file names, instead of one per record (seeding is idempotent, so
    on every run after the first almost all of them exist)."""
    ids = sorted(_file_ids(seed, tax))
    service_ids = [s.id for org in seed.organizations for s in org.services]
    rows: dict[str, Any] = {}
    for model in _SEEDED_MODELS:
        column = model.service_id if model is AdviserNote else model.id
        found: list[Any] = list(
            db.session.scalars(select(model).where(column.in_(service_ids if model is AdviserNote else ids)))
        )
        rows.update((row.id, row) for row in found)
    db.session.info[_PRELOADED] = rows


def _get_or_new(model: Any, record_id: str) -> tuple[Any, bool]:
    rows = db.session.info.get(_PRELOADED)
    if rows is not None:
        record = rows.get(record_id)
    else:
        with db.session.no_autoflush:  # a new child must not be flushed before it is attached to its parent
            record = db.session.get(model, record_id)
    if record is not None:
        return record, False
    record = model(id=record_id)
    db.session.add(record)
    if rows is not None:
        rows[record_id] = record
    return record, True


def _upsert_location(loc: LocationIn) -> None:
    location, _ = _get_or_new(Location, loc.id)
    assign(
        location,
        location_type=loc.location_type,
        name=loc.name,
        description=loc.description,
        latitude=loc.latitude,
        longitude=loc.longitude,
        sources=list(loc.sources),
        synthetic=False,
    )
    addresses = []
    if loc.address is not None:
        address, _ = _get_or_new(Address, derived_id(loc.id, "address"))
        assign(address, address_type=loc.location_type, **loc.address.model_dump())
        addresses.append(address)
    location.addresses = addresses
    access_rows = []
    for access_in in loc.accessibility:
        access, _ = _get_or_new(Accessibility, access_in.id)
        assign(access, **access_in.model_dump(exclude={"id"}))
        access_rows.append(access)
    location.accessibility = access_rows


def _replace(owner: Any, name: str, rows: list[Any]) -> bool:
    """Set a collection; True when its membership changed."""
    before = {row.id for row in getattr(owner, name)}
    setattr(owner, name, rows)
    return before != {row.id for row in rows}


def _upsert_service(org: Organization, s: ServiceIn, tax: CamdenTaxonomy, now: dt.datetime, report: SeedReport):
    service, created = _get_or_new(Service, s.id)
    if service.verified:
        report.skipped_verified.append(s.name)
        return
    changed = assign(
        service,
        organization_id=org.id,
        name=s.name,
        status=s.status,
        description=s.description,
        url=s.url,
        email=s.email,
        alert=s.alert,
        accreditations=s.accreditations,
        minimum_age=s.minimum_age,
        maximum_age=s.maximum_age,
        eligibility_description=s.eligibility.description,
        eligibility_audiences=list(s.eligibility.audiences),
        referral_needed=s.eligibility.referral_needed,
        bsl_video_url=s.bsl_video_url,
        easy_read_url=s.easy_read_url,
        sources=list(s.sources),
        assured_date=None,
        assurer_email=None,
        verified=False,
        synthetic=False,
    )
    changed |= _children(service, s, tax)
    if created:
        db.session.flush()  # notes have no relationship to order them after the service they point at
    changed |= _adviser_notes(service, s)
    if created or changed:
        service.last_modified = now
    (report.created if created else report.updated if changed else report.unchanged).append(s.name)


def _children(service: Service, s: ServiceIn, tax: CamdenTaxonomy) -> bool:
    changed = False
    attributes = []
    for slug in s.categories:
        term_id = tax.by_slug[slug].id
        attribute, _ = _get_or_new(ServiceAttribute, derived_id(s.id, "attribute", term_id))
        changed |= assign(attribute, taxonomy_term_id=term_id)
        attributes.append(attribute)
    changed |= _replace(service, "attributes", attributes)

    languages = []
    for code in s.languages:
        language, _ = _get_or_new(Language, derived_id(s.id, "language", code))
        changed |= assign(language, code=code)
        languages.append(language)
    changed |= _replace(service, "languages", languages)

    contacts = []
    for position, c in enumerate(s.contacts):
        contact, _ = _get_or_new(Contact, c.id)
        changed |= assign(
            contact, name=c.name, title=c.title, email=c.email, position=position, sources=list(c.sources)
        )
        phones = []
        for phone_position, p in enumerate(c.phones):
            phone, _ = _get_or_new(Phone, p.id)
            changed |= assign(phone, position=phone_position, **p.model_dump(exclude={"id"}))
            phones.append(phone)
        changed |= _replace(contact, "phones", phones)
        contacts.append(contact)
    changed |= _replace(service, "contacts", contacts)

    places = []
    for position, sal_in in enumerate(s.locations):
        sal, _ = _get_or_new(ServiceAtLocation, sal_in.id)
        changed |= assign(
            sal,
            location_id=sal_in.location,
            description=sal_in.description,
            position=position,
            check_before_use=sal_in.check_before_use,
            source_date=sal_in.source_date,
        )
        places.append(sal)
    changed |= _replace(service, "service_at_locations", places)

    for name, model, items in (
        ("schedules", Schedule, s.schedules),
        ("cost_options", CostOption, s.cost_options),
        ("service_areas", ServiceArea, s.service_areas),
    ):
        rows = []
        for item in items:
            row, _ = _get_or_new(model, item.id)
            changed |= assign(row, **item.model_dump(exclude={"id"}))
            rows.append(row)
        changed |= _replace(service, name, rows)
    return changed


def _adviser_notes(service: Service, s: ServiceIn) -> bool:
    # Notes have no relationship on Service (so public code cannot reach them): query them by service id.
    preloaded = db.session.info.get(_PRELOADED)
    if preloaded is not None:
        notes = [row for row in preloaded.values() if isinstance(row, AdviserNote) and row.service_id == s.id]
    else:
        notes = list(db.session.scalars(select(AdviserNote).where(AdviserNote.service_id == s.id)))
    existing = {note.id: note for note in notes}
    changed = False
    for note_in in s.adviser_notes:
        note = existing.pop(note_in.id, None)
        if note is None:
            note = AdviserNote(id=note_in.id, service_id=s.id)
            db.session.add(note)
            changed = True
        changed |= assign(note, body=note_in.body, sources=list(note_in.sources))
    for stale in existing.values():
        db.session.delete(stale)
        changed = True
    return changed

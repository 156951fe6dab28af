"""What the ORUK API reads: public records only (never synthetic test data, never adviser notes, which have no
relationship to reach them by), filtered and a page at a time.

Every status is listed (active, temporarily closed, inactive, defunct): the API is a feed, and a consumer that
syncs with modified_after must learn that a service has closed. Places and phone numbers from old or
third-party pages (check_before_use) stay out of the strict payload, so out of these lists too.

Distance (postcode, proximity) is worked out in Python with the haversine formula over the candidate places'
coordinates, the same on SQLite and PostgreSQL; the database narrows the candidates first.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from app.api.params import Filters, Near, Paging
from app.directory.models import (
    Contact,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
    Taxonomy,
    TaxonomyTerm,
)
from app.extensions import db
from app.places.distance import haversine_m

PUBLIC_SERVICE = Service.synthetic.is_(False)
PUBLIC_ORGANIZATION = Organization.synthetic.is_(False)
PUBLIC_PLACE = and_(ServiceAtLocation.check_before_use.is_(False), Location.synthetic.is_(False))
DEGREE_M = 111_195.0  # metres per degree of latitude on the mean-radius sphere


@dataclass(frozen=True)
class Found:
    items: list[Any]
    total: int
    paging: Paging
    distances: dict[str, float | None] | None = None  # metres by item id, when a postcode was given


def full_service_options() -> list:
    """Loader options for everything the full ORUK service shows, a few queries for a whole page."""
    places = selectinload(Service.service_at_locations)
    located = places.joinedload(ServiceAtLocation.location)
    return [
        joinedload(Service.organization),
        selectinload(Service.attributes).joinedload(ServiceAttribute.term).joinedload(TaxonomyTerm.taxonomy),
        selectinload(Service.contacts).selectinload(Contact.phones),
        located.selectinload(Location.addresses),
        located.selectinload(Location.accessibility),
        places.selectinload(ServiceAtLocation.schedules),
        selectinload(Service.schedules),
        selectinload(Service.cost_options),
        selectinload(Service.service_areas),
        selectinload(Service.languages),
    ]


def list_service_options() -> list:
    return [joinedload(Service.organization), selectinload(Service.languages)]


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _service_conditions(filters: Filters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [PUBLIC_SERVICE]
    if filters.search:
        pattern = _like(filters.search)
        conditions.append(
            or_(Service.name.ilike(pattern, escape="\\"), Service.description.ilike(pattern, escape="\\"))
        )
    if filters.organization_id:
        conditions.append(Service.organization_id == filters.organization_id)
    if filters.modified_after:
        conditions.append(Service.last_modified >= filters.modified_after)
    if filters.taxonomy_term_id:
        conditions.append(
            exists().where(
                ServiceAttribute.service_id == Service.id,
                ServiceAttribute.taxonomy_term_id == filters.taxonomy_term_id,
            )
        )
    if filters.taxonomy_id:
        conditions.append(
            exists().where(
                ServiceAttribute.service_id == Service.id,
                ServiceAttribute.taxonomy_term_id == TaxonomyTerm.id,
                TaxonomyTerm.taxonomy_id == filters.taxonomy_id,
            )
        )
    return conditions


def _count(stmt: Select) -> int:
    return db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def _box(near: Near) -> list:
    """A latitude/longitude box around the point that holds every place within the proximity (and a little more)."""
    assert near.proximity_m is not None
    dlat = near.proximity_m / DEGREE_M * 1.01
    dlon = dlat / max(0.01, math.cos(math.radians(near.place.lat)))
    return [
        Location.latitude.between(near.place.lat - dlat, near.place.lat + dlat),
        Location.longitude.between(near.place.lon - dlon, near.place.lon + dlon),
    ]


def _by_distance(rows: Iterable[Any], near: Near) -> list[tuple[str, float | None]]:
    """(id, name, lat, lon) rows, one or more per id -> [(id, nearest distance)], nearest first; ids with no
    coordinates come last, or not at all when a proximity is given."""
    best: dict[str, tuple[float | None, str]] = {}
    for item_id, name, lat, lon in rows:
        distance = None if lat is None or lon is None else haversine_m(near.place.lat, near.place.lon, lat, lon)
        if near.proximity_m is not None and (distance is None or distance > near.proximity_m):
            continue
        known = best.get(item_id)
        if known is None or (distance is not None and (known[0] is None or distance < known[0])):
            best[item_id] = (distance, name)
    ordered = sorted(best.items(), key=lambda kv: (kv[1][0] is None, kv[1][0] or 0.0, kv[1][1], kv[0]))
    return [(item_id, distance) for item_id, (distance, _name) in ordered]


def _page_of(model: Any, ids: Sequence[str], options: list) -> list[Any]:
    if not ids:
        return []
    found: Iterable[Any] = db.session.scalars(select(model).where(model.id.in_(ids)).options(*options))
    rows = {row.id: row for row in found}
    return [rows[i] for i in ids if i in rows]


def services(filters: Filters, paging: Paging, *, full: bool = False) -> Found:
    options = full_service_options() if full else list_service_options()
    conditions = _service_conditions(filters)
    if filters.near is None:
        stmt = select(Service).where(*conditions).order_by(Service.name, Service.id)
        total = _count(stmt)
        items = list(db.session.scalars(stmt.limit(paging.per_page).offset(paging.offset).options(*options)))
        return Found(items, total, paging)
    near = filters.near
    place_join = and_(ServiceAtLocation.service_id == Service.id, ServiceAtLocation.check_before_use.is_(False))
    located = (
        select(Service.id, Service.name, Location.latitude, Location.longitude)
        .select_from(Service)
        .outerjoin(ServiceAtLocation, place_join)
        .outerjoin(Location, and_(Location.id == ServiceAtLocation.location_id, Location.synthetic.is_(False)))
        .where(*conditions)
    )
    if near.proximity_m is not None:
        located = located.where(*_box(near))
    ranked = _by_distance(db.session.execute(located), near)
    page = ranked[paging.offset : paging.offset + paging.per_page]
    items = _page_of(Service, [i for i, _d in page], options)
    return Found(items, len(ranked), paging, dict(page))


def service(service_id: str) -> Service | None:
    stmt = select(Service).where(Service.id == service_id, PUBLIC_SERVICE).options(*full_service_options())
    return db.session.scalar(stmt)


def _sal_options(full: bool) -> list:
    located = joinedload(ServiceAtLocation.location)
    if not full:
        return [located, joinedload(ServiceAtLocation.service).joinedload(Service.organization)]
    return [
        located.selectinload(Location.addresses),
        located.selectinload(Location.accessibility),
        selectinload(ServiceAtLocation.service).options(*full_service_options()),
    ]


def service_at_locations(filters: Filters, paging: Paging, *, full: bool = False) -> Found:
    options = _sal_options(full)
    base = (
        select(ServiceAtLocation)
        .join(Service, Service.id == ServiceAtLocation.service_id)
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .where(PUBLIC_PLACE, *_service_conditions(filters))
    )
    if filters.near is None:
        stmt = base.order_by(Service.name, ServiceAtLocation.position, ServiceAtLocation.id)
        total = _count(stmt)
        items = list(db.session.scalars(stmt.limit(paging.per_page).offset(paging.offset).options(*options)))
        return Found(items, total, paging)
    near = filters.near
    located = base.with_only_columns(ServiceAtLocation.id, Service.name, Location.latitude, Location.longitude)
    if near.proximity_m is not None:
        located = located.where(*_box(near))
    ranked = _by_distance(db.session.execute(located), near)
    page = ranked[paging.offset : paging.offset + paging.per_page]
    items = _page_of(ServiceAtLocation, [i for i, _d in page], options)
    return Found(items, len(ranked), paging, dict(page))


def service_at_location(link_id: str) -> ServiceAtLocation | None:
    stmt = (
        select(ServiceAtLocation)
        .join(Service, Service.id == ServiceAtLocation.service_id)
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .where(ServiceAtLocation.id == link_id, PUBLIC_PLACE, PUBLIC_SERVICE)
        .options(*_sal_options(full=True))
    )
    return db.session.scalar(stmt)


def _paged(stmt: Select, paging: Paging) -> Found:
    total = _count(stmt)
    return Found(list(db.session.scalars(stmt.limit(paging.per_page).offset(paging.offset))), total, paging)


def organizations(search: str | None, paging: Paging) -> Found:
    stmt = select(Organization).where(PUBLIC_ORGANIZATION).order_by(Organization.name, Organization.id)
    if search:
        pattern = _like(search)
        stmt = stmt.where(
            or_(Organization.name.ilike(pattern, escape="\\"), Organization.description.ilike(pattern, escape="\\"))
        )
    return _paged(stmt, paging)


def organization(organization_id: str) -> Organization | None:
    stmt = select(Organization).where(Organization.id == organization_id, PUBLIC_ORGANIZATION)
    return db.session.scalar(stmt)


def services_of(organization_id: str, *, full: bool) -> list[Service]:
    return services_by_organization([organization_id], full=full)[organization_id]


def services_by_organization(organization_ids: Sequence[str], *, full: bool) -> dict[str, list[Service]]:
    """Each organisation's public services, by name."""
    stmt = (
        select(Service)
        .where(Service.organization_id.in_(organization_ids), PUBLIC_SERVICE)
        .order_by(Service.name, Service.id)
        .options(*(full_service_options() if full else list_service_options()))
    )
    found: dict[str, list[Service]] = {org_id: [] for org_id in organization_ids}
    for service in db.session.scalars(stmt):
        found[service.organization_id].append(service)
    return found


def taxonomies(search: str | None, paging: Paging) -> Found:
    stmt = select(Taxonomy).order_by(Taxonomy.name, Taxonomy.id)
    if search:
        stmt = stmt.where(Taxonomy.name.ilike(_like(search), escape="\\"))
    return _paged(stmt, paging)


def taxonomy(taxonomy_id: str) -> Taxonomy | None:
    return db.session.scalar(select(Taxonomy).where(Taxonomy.id == taxonomy_id).options(selectinload(Taxonomy.terms)))


def taxonomy_terms(
    search: str | None, taxonomy_id: str | None, parent_id: str | None, top_only: bool, paging: Paging
) -> Found:
    stmt = select(TaxonomyTerm).options(joinedload(TaxonomyTerm.taxonomy)).order_by(TaxonomyTerm.name, TaxonomyTerm.id)
    if search:
        pattern = _like(search)
        stmt = stmt.where(
            or_(TaxonomyTerm.name.ilike(pattern, escape="\\"), TaxonomyTerm.description.ilike(pattern, escape="\\"))
        )
    if taxonomy_id:
        stmt = stmt.where(TaxonomyTerm.taxonomy_id == taxonomy_id)
    if parent_id:
        stmt = stmt.where(TaxonomyTerm.parent_id == parent_id)
    if top_only:
        stmt = stmt.where(TaxonomyTerm.parent_id.is_(None))
    return _paged(stmt, paging)


def taxonomy_term(term_id: str) -> TaxonomyTerm | None:
    return db.session.scalar(
        select(TaxonomyTerm).where(TaxonomyTerm.id == term_id).options(joinedload(TaxonomyTerm.taxonomy))
    )

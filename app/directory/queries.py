"""Reading the directory for public pages: one service with everything its page shows, a category's services a
page at a time, and how many services each category has. Defunct services stay reachable by their URL (with
a banner) but are not listed."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from app.directory.models import Contact, Location, Service, ServiceAtLocation, ServiceAttribute
from app.extensions import db

LISTED = Service.status != "defunct"
T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def get_service(service_id: str) -> Service | None:
    """A service with everything its public page shows (never its adviser notes: they are not related)."""
    places = selectinload(Service.service_at_locations)
    stmt = (
        select(Service)
        .where(Service.id == service_id)
        .options(
            joinedload(Service.organization),
            selectinload(Service.attributes),
            selectinload(Service.contacts).selectinload(Contact.phones),
            places.joinedload(ServiceAtLocation.location).selectinload(Location.addresses),
            places.joinedload(ServiceAtLocation.location).selectinload(Location.accessibility),
            places.selectinload(ServiceAtLocation.schedules),
            selectinload(Service.schedules),
            selectinload(Service.cost_options),
            selectinload(Service.service_areas),
            selectinload(Service.languages),
        )
    )
    return db.session.scalar(stmt)


def services_in_category(term_id: str, page: int, per_page: int) -> Page[Service]:
    """Listed services in a category, by name, one page at a time."""
    in_term = (
        select(Service.id)
        .join(ServiceAttribute, ServiceAttribute.service_id == Service.id)
        .where(ServiceAttribute.taxonomy_term_id == term_id, LISTED)
    )
    total = db.session.scalar(select(func.count()).select_from(in_term.subquery())) or 0
    stmt = (
        select(Service)
        .join(ServiceAttribute, ServiceAttribute.service_id == Service.id)
        .where(ServiceAttribute.taxonomy_term_id == term_id, LISTED)
        .order_by(Service.name, Service.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
        .options(joinedload(Service.organization))
    )
    return Page(list(db.session.scalars(stmt)), page, per_page, total)


def category_counts() -> dict[str, int]:
    """How many listed services each taxonomy term has, by term id."""
    stmt = (
        select(ServiceAttribute.taxonomy_term_id, func.count())
        .join(Service, Service.id == ServiceAttribute.service_id)
        .where(LISTED)
        .group_by(ServiceAttribute.taxonomy_term_id)
    )
    return {term_id: count for term_id, count in db.session.execute(stmt)}

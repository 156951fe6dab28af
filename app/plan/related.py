"""What a priority area's page shows besides its actions: information pages and directory services."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.directory.models import Service, ServiceAttribute
from app.directory.queries import LISTED
from app.extensions import db

SERVICES_SHOWN = 8


def related_services(term_ids: list[str], limit: int = SERVICES_SHOWN) -> list[Service]:
    """Listed services in any of the terms, by name (each once)."""
    if not term_ids:
        return []
    in_terms = select(ServiceAttribute.service_id).where(ServiceAttribute.taxonomy_term_id.in_(term_ids))
    stmt = (
        select(Service)
        .where(Service.id.in_(in_terms), LISTED)
        .order_by(Service.name, Service.id)
        .limit(limit)
        .options(joinedload(Service.organization))
    )
    return list(db.session.scalars(stmt))

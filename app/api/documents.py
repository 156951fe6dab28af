"""Whole API responses: records serialised (app/api/serialise.py), `x_camden` added when asked for
(app/api/camden.py), lists wrapped in ORUK's page envelope."""

from __future__ import annotations

from typing import Any

from app.api import camden, serialise
from app.api.queries import Found
from app.directory.models import Organization, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm

EXT = camden.EXTENSION


def _metres(distance: float | None) -> int | None:
    return None if distance is None else round(distance)


def _service(s: Service, *, full: bool, local: bool, found: Found | None = None, translations=()) -> dict[str, Any]:
    shown = serialise.service_full(s) if full else serialise.service_listed(s)
    if local:
        extra = camden.service_full(s, translations) if full else camden.service_listed(s)
        distances = found.distances if found is not None else None
        if distances is not None:  # a postcode was given
            extra["distance_m"] = _metres(distances.get(s.id))
        shown[EXT] = extra
    return shown


def services_page(found: Found, *, full: bool, local: bool) -> dict[str, Any]:
    translations = camden.translations_of("service", [s.id for s in found.items]) if local and full else []
    items = [_service(s, full=full, local=local, found=found, translations=translations) for s in found.items]
    return serialise.page(items, found.total, found.paging)


def service(s: Service, *, local: bool) -> dict[str, Any]:
    translations = camden.translations_of("service", [s.id]) if local else []
    return _service(s, full=True, local=local, translations=translations)


def _place(sal: ServiceAtLocation, *, full: bool, local: bool, found: Found | None = None) -> dict[str, Any]:
    shown = serialise.service_at_location_full(sal) if full else serialise.service_at_location_listed(sal)
    if local:
        translations = camden.translations_of("service", [sal.service_id]) if full else []
        shown["service"][EXT] = (
            camden.service_full(sal.service, translations) if full else camden.service_listed(sal.service)
        )
        if found is not None and found.distances is not None:
            shown[EXT] = {"distance_m": _metres(found.distances.get(sal.id))}
    return shown


def places_page(found: Found, *, full: bool, local: bool) -> dict[str, Any]:
    items = [_place(sal, full=full, local=local, found=found) for sal in found.items]
    return serialise.page(items, found.total, found.paging)


def place(sal: ServiceAtLocation, *, local: bool) -> dict[str, Any]:
    return _place(sal, full=True, local=local)


def _organization(org: Organization, *, local: bool, translations=()) -> dict[str, Any]:
    shown = serialise.organization(org)
    if local:
        shown[EXT] = camden.organization(org, translations)
    return shown


def organizations_page(
    found: Found, services: dict[str, list[Service]] | None, *, full_services: bool, local: bool
) -> dict[str, Any]:
    """`services` given (full=true): each organisation in full, with its services."""
    if services is None:
        translations = camden.translations_of("organization", [o.id for o in found.items]) if local else []
        items = [_organization(org, local=local, translations=translations) for org in found.items]
    else:
        items = [organization(org, services[org.id], full_services=full_services, local=local) for org in found.items]
    return serialise.page(items, found.total, found.paging)


def organization(org: Organization, services: list[Service], *, full_services: bool, local: bool) -> dict[str, Any]:
    shown = serialise.organization_full(org, services, full_services=full_services)
    if local:
        shown[EXT] = camden.organization(org, camden.translations_of("organization", [org.id]))
        translations = camden.translations_of("service", [s.id for s in services]) if full_services else []
        for item, s in zip(shown["services"], services, strict=True):
            item[EXT] = camden.service_full(s, translations) if full_services else camden.service_listed(s)
    return shown


def taxonomies_page(found: Found) -> dict[str, Any]:
    return serialise.page([serialise.taxonomy(t) for t in found.items], found.total, found.paging)


def taxonomy(tax: Taxonomy) -> dict[str, Any]:
    return serialise.taxonomy_full(tax)


def taxonomy_terms_page(found: Found) -> dict[str, Any]:
    return serialise.page([serialise.taxonomy_term(t) for t in found.items], found.total, found.paging)


def taxonomy_term(term: TaxonomyTerm) -> dict[str, Any]:
    return serialise.taxonomy_term(term)

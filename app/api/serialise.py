"""Directory records as Open Referral UK v3.0-UK JSON (../shared/data/oruk-v3.0-uk/, copied into
tests/fixtures/oruk-v3.0-uk/), strictly: only what the UK schemas define, plus the HSDS 3.0 `phones` of a
contact (the UK profile has no phone numbers at all). Local fields go under `x_camden` (app/api/camden.py).

Rules, so that every response validates and nothing is invented:

- A field we do not know is left out (the schemas allow no nulls), except where a schema requires it: then an
  empty string stands for "not known" (organization.description; an address's state_province, which UK
  addresses do not have, and any missing part of an address).
- An address with none of address_1, city or postal_code says nothing: it is left out and logged.
- HSDS 3.0's address_2, which the UK profile drops, is joined onto address_1 ("Greenwood Place, Kentish Town").
- A URL or email that would fail the schema's format is left out and logged, never sent malformed.
- Places and phone numbers from old or third-party pages (check_before_use) and schedule exceptions (holiday
  closures) cannot carry their caveat in ORUK: they are only under x_camden.
- Times are UTC ("2026-01-01T09:00:00Z"), dates ISO ("2026-01-01"), opening times "HH:MM:SS".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from flask import current_app

from app.api.params import Paging
from app.directory.models import (
    Accessibility,
    Address,
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
    Taxonomy,
    TaxonomyTerm,
)

API_DETAILS = {
    "version": "HSDS-UK-3.0",
    "profile": "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md",
    "openapi_url": "https://docs.openreferraluk.org/en/latest/openapi30.json",
}


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _time(value: dt.time | None) -> str | None:
    return value.replace(microsecond=0).isoformat() if value else None


def timestamp(value: dt.datetime | None) -> str | None:
    """A naive UTC datetime as RFC 3339 with a Z."""
    return value.replace(microsecond=0).isoformat() + "Z" if value else None


def _uri(value: str | None, where: str) -> str | None:
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc and not any(c.isspace() for c in value) and value.isascii():
        return value
    current_app.logger.warning("ORUK: %s %r is not an absolute http(s) URI; left out", where, value)
    return None


def _email(value: str | None, where: str) -> str | None:
    if not value:
        return None
    if "@" in value.strip("@") and not any(c.isspace() for c in value):
        return value
    current_app.logger.warning("ORUK: %s %r is not an email address; left out", where, value)
    return None


def _number(value: float | int | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else float(value)


# -- organisations and taxonomies --------------------------------------------------------------------------
def organization(org: Organization) -> dict[str, Any]:
    return _clean(
        {
            "id": org.id,
            "name": org.name,
            "description": org.description or "",  # required by ORUK; empty means not known
            "email": _email(org.email, f"organization {org.id} email"),
            "website": _uri(org.website, f"organization {org.id} website"),
            "logo": org.logo,
            "uri": _uri(org.uri, f"organization {org.id} uri"),
            "parent_organization_id": org.parent_organization_id,
        }
    )


def organization_full(org: Organization, services: Iterable[Service], *, full_services: bool) -> dict[str, Any]:
    shown = [service_full(s) if full_services else service_basic(s) for s in services]
    return {**organization(org), "organization_identifiers": [], "attributes": [], "services": shown}


def taxonomy(tax: Taxonomy) -> dict[str, Any]:
    return _clean(
        {
            "id": tax.id,
            "name": tax.name,
            "description": tax.description,
            "uri": _uri(tax.uri, f"taxonomy {tax.id} uri"),
            "version": tax.version,
        }
    )


def taxonomy_full(tax: Taxonomy) -> dict[str, Any]:
    terms = sorted(tax.terms, key=lambda t: (t.name, t.id))
    return {**taxonomy(tax), "taxonomy_terms": [taxonomy_term(t) for t in terms]}


def taxonomy_term(term: TaxonomyTerm) -> dict[str, Any]:
    return _clean(
        {
            "id": term.id,
            "name": term.name,
            "description": term.description,
            "parent_id": term.parent_id,
            "taxonomy": term.taxonomy.name if term.taxonomy else None,
            "taxonomy_id": term.taxonomy_id,
            "term_uri": _uri(term.term_uri, f"taxonomy term {term.id} term_uri"),
            "term": term.slug,  # HSDS `code`; our category's URL slug
        }
    )


# -- services ---------------------------------------------------------------------------------------------
def service_basic(s: Service) -> dict[str, Any]:
    """The one-to-one fields of a service (what the ORUK lists carry)."""
    return _clean(
        {
            "id": s.id,
            "organization_id": s.organization_id,
            "name": s.name,
            "description": s.description,
            "url": _uri(s.url, f"service {s.id} url"),
            "email": _email(s.email, f"service {s.id} email"),
            "status": s.status,
            "accreditations": s.accreditations,
            "minimum_age": s.minimum_age,
            "maximum_age": s.maximum_age,
            "assured_date": _date(s.assured_date),
            "assurer_email": _email(s.assurer_email, f"service {s.id} assurer_email"),
            "alert": s.alert,
            "last_modified": timestamp(s.last_modified),
        }
    )


def service_listed(s: Service) -> dict[str, Any]:
    return {**service_basic(s), "organization": organization(s.organization)}


def public_places(s: Service) -> list[ServiceAtLocation]:
    return [sal for sal in s.service_at_locations if not sal.check_before_use and not sal.location.synthetic]


def service_full(s: Service, *, with_places: bool = True) -> dict[str, Any]:
    places = public_places(s)
    shown = {
        **service_listed(s),
        "schedules": schedules(s, places),
        "service_areas": [service_area(area) for area in s.service_areas],
        "languages": [language(lang) for lang in s.languages],
        "funding": [],
        "cost_options": [cost_option(option) for option in s.cost_options],
        "contacts": [contact(c) for c in s.contacts],
        "attributes": [attribute(a) for a in sorted(s.attributes, key=lambda a: (a.term.name, a.id))],
    }
    if with_places:
        shown["service_at_locations"] = [service_at_location(sal) for sal in places]
    return shown


def schedules(s: Service, places: Iterable[ServiceAtLocation]) -> list[dict[str, Any]]:
    rows = [*s.schedules, *(row for sal in places for row in sal.schedules)]
    return [schedule(row) for row in rows if not row.is_exception]


def schedule(row: Schedule) -> dict[str, Any]:
    return _clean(
        {
            "id": row.id,
            "service_id": row.service_id,
            "service_at_location_id": row.service_at_location_id,
            "valid_from": _date(row.valid_from),
            "valid_to": _date(row.valid_to),
            "dtstart": _date(row.dtstart),
            "freq": row.freq,
            "interval": row.interval,
            "byday": row.byday,
            "bymonthday": row.bymonthday,
            "description": row.description,
            "opens_at": _time(row.opens_at),
            "closes_at": _time(row.closes_at),
            "schedule_link": _uri(row.schedule_link, f"schedule {row.id} schedule_link"),
            "attending_type": row.attending_type,
            "notes": row.notes,
        }
    )


def service_area(area: ServiceArea) -> dict[str, Any]:
    return _clean(
        {
            "id": area.id,
            "service_id": area.service_id,
            "name": area.name,
            "service_area": area.service_area,
            "extent": area.extent,
            "extent_type": area.extent_type,
            "uri": area.uri,
        }
    )


def language(lang: Language) -> dict[str, Any]:
    # The UK profile's language has no name or code (they are under x_camden.languages).
    return _clean({"id": lang.id, "service_id": lang.service_id, "phone_id": lang.phone_id})


def cost_option(option: CostOption) -> dict[str, Any]:
    return _clean(
        {
            "id": option.id,
            "service_id": option.service_id,
            "valid_from": _date(option.valid_from),
            "valid_to": _date(option.valid_to),
            "option": option.option,
            "amount": _number(option.amount),
            "amount_description": option.amount_description,
        }
    )


def contact(c: Contact) -> dict[str, Any]:
    return {
        **_clean({"id": c.id, "service_id": c.service_id, "name": c.name, "title": c.title}),
        "phones": [phone(p) for p in c.phones if not p.check_before_use],  # HSDS 3.0; not in the UK profile
    }


def phone(p: Phone) -> dict[str, Any]:
    return _clean(
        {
            "id": p.id,
            "contact_id": p.contact_id,
            "number": p.number,
            "extension": p.extension,
            "type": p.type,
            "description": p.description,
        }
    )


def attribute(a: ServiceAttribute) -> dict[str, Any]:
    return _clean(
        {
            "id": a.id,
            "link_id": a.service_id,
            "taxonomy_term_id": a.taxonomy_term_id,
            "link_type": a.link_type,
            "taxonomy_term": taxonomy_term(a.term),
        }
    )


# -- places -----------------------------------------------------------------------------------------------
def location_basic(loc: Location) -> dict[str, Any]:
    return _clean(
        {
            "id": loc.id,
            "location_type": loc.location_type,
            "name": loc.name,
            "description": loc.description,
            "latitude": loc.latitude,
            "longitude": loc.longitude,
            "external_identifier": loc.external_identifier,
            "external_identifier_type": loc.external_identifier_type,
        }
    )


def location_full(loc: Location) -> dict[str, Any]:
    addresses = [shown for a in loc.addresses if (shown := address(a)) is not None]
    return {
        **location_basic(loc),
        "addresses": addresses,
        "accessibility": [accessibility(a) for a in loc.accessibility],
        "attributes": [],
    }


def address(a: Address) -> dict[str, Any] | None:
    if not (a.address_1 or a.city or a.postal_code):
        current_app.logger.info("ORUK: address %s has no street, town or postcode; left out", a.id)
        return None
    street = ", ".join(part for part in (a.address_1, a.address_2) if part)
    return _clean(
        {
            "id": a.id,
            "location_id": a.location_id,
            "attention": a.attention,
            # Required by ORUK; an empty string means not known (or, for state_province, none in the UK).
            "address_1": street,
            "city": a.city or "",
            "region": a.region,
            "state_province": a.state_province or "",
            "postal_code": a.postal_code or "",
            "country": a.country or "",
            "address_type": a.address_type,
        }
    )


def accessibility(a: Accessibility) -> dict[str, Any]:
    return _clean(
        {
            "id": a.id,
            "location_id": a.location_id,
            "description": a.description,
            "details": a.details,
            "url": _uri(a.url, f"accessibility {a.id} url"),
        }
    )


def service_at_location(sal: ServiceAtLocation) -> dict[str, Any]:
    """As nested in a full service: the place in full."""
    return {
        "id": sal.id,
        "service_id": sal.service_id,
        "location_id": sal.location_id,
        "location": location_full(sal.location),
    }


def service_at_location_listed(sal: ServiceAtLocation) -> dict[str, Any]:
    return {
        "id": sal.id,
        "service_id": sal.service_id,
        "location_id": sal.location_id,
        "location": location_basic(sal.location),
        "service": service_listed(sal.service),
    }


def service_at_location_full(sal: ServiceAtLocation) -> dict[str, Any]:
    return {**service_at_location(sal), "service": service_full(sal.service, with_places=False)}


# -- lists ------------------------------------------------------------------------------------------------
def page(contents: list[dict[str, Any]], total: int, paging: Paging) -> dict[str, Any]:
    """ORUK's paginated envelope. `size` is how many items this page holds; an empty list has 0 pages."""
    total_pages = -(-total // paging.per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": paging.page,
        "size": len(contents),
        "first_page": paging.page == 1,
        "last_page": paging.page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }

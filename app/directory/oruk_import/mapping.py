"""ORUK services mapped onto our tables, with every problem that would stop the write collected first: a row
(1 = the file's first service) and JSON path for each."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

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
)
from app.directory.taxonomy import CamdenTaxonomy
from app.extensions import db

TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


@dataclass
class Row:
    model: Any
    id: str
    values: dict[str, Any]
    children: dict[str, list[Row]] = field(default_factory=dict)


@dataclass
class Plan:
    """One service of the file, mapped onto our tables."""

    number: int
    organization: Row | None
    service: Row
    locations: list[Row]
    languages: list[Row] | None  # None: the file cannot say (no codes): leave them as they are


class _Mapper:
    """Turns checked ORUK services into planned rows, collecting what does not fit our tables."""

    def __init__(self, tax: CamdenTaxonomy, source: str) -> None:
        self.terms = {term.id for term in tax.terms}
        self.source = source
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.row = 0
        self.claimed: dict[tuple[str, str], int] = {}  # (kind, id) -> the row that uses it

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"row {self.row} ({path}): {message}")

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(f"row {self.row} ({path}): {message}")

    def claim(self, kind: str, record_id: str, path: str) -> str:
        record_id = record_id.lower()
        other = self.claimed.setdefault((kind, record_id), self.row)
        if other != self.row:
            self.error(path, f"{kind} id {record_id} is also used in row {other}")
        return record_id

    def parsed(self, value: Any, path: str, parse: Callable[[str], Any], what: str) -> Any:
        if value in (None, ""):
            return None
        try:
            return parse(value)
        except (TypeError, ValueError):
            self.error(path, f"{value!r} is not {what}")
            return None

    def date(self, value: Any, path: str) -> dt.date | None:
        return self.parsed(value, path, dt.date.fromisoformat, "a date (YYYY-MM-DD)")

    def time(self, value: Any, path: str) -> dt.time | None:
        def parse(text: str) -> dt.time:
            match = TIME.match(text)
            if not match:
                raise ValueError(text)
            return dt.time(int(match[1]), int(match[2]), int(match[3] or 0))

        return self.parsed(value, path, parse, "a time (HH:MM or HH:MM:SS)")

    def whole(self, value: Any, path: str) -> int | None:
        if value is not None and float(value) != int(value):
            self.error(path, f"{value!r} is not a whole number")
            return None
        return None if value is None else int(value)

    def fits(self, row: Row, path: str) -> Row:
        """Text values must fit their columns (PostgreSQL would refuse them mid-write)."""
        columns = row.model.__table__.columns
        for name, value in row.values.items():
            length = getattr(columns[name].type, "length", None) if name in columns else None
            if isinstance(value, str) and length and len(value) > length:
                self.error(f"{path}.{name}", f"longer than {length} characters")
        return row

    def record(self, model: Any, kind: str | None, data: dict, path: str, **values: Any) -> Row:
        """A planned row; `kind` claims its id for this row (None: a location's parts, which rows may share)."""
        clean = {k: (None if v == "" else v) for k, v in values.items()}
        record_id = self.claim(kind, data["id"], path) if kind else data["id"].lower()
        return self.fits(Row(model, record_id, clean), path)

    # -- the parts of a service ----------------------------------------------------------------------------
    def organization(self, data: dict, path: str) -> Row:
        values = {k: data.get(k) for k in ("name", "description", "email", "website", "logo", "uri")}
        parent = data.get("parent_organization_id")
        values["parent_organization_id"] = parent.lower() if parent else None
        row = Row(Organization, data["id"].lower(), {k: (None if v == "" else v) for k, v in values.items()})
        for name in ("organization_identifiers", "attributes"):
            if data.get(name):
                self.warn(f"{path}.{name}", f"{name} are not stored here; skipped")
        return self.fits(row, path)

    def location(self, data: dict, path: str) -> Row:
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is not None and not -90 <= lat <= 90) or (lon is not None and not -180 <= lon <= 180):
            self.warn(path, f"latitude {lat}, longitude {lon} is not a place on Earth; coordinates left out")
            lat = lon = None
        if data.get("attributes"):
            self.warn(f"{path}.attributes", "attributes of places are not stored here; skipped")
        keys = ("location_type", "name", "description", "external_identifier", "external_identifier_type")
        row = Row(
            Location, data["id"].lower(), {k: data.get(k) or None for k in keys} | {"latitude": lat, "longitude": lon}
        )
        row.children["addresses"] = [
            self.record(
                Address, None, a, f"{path}.addresses[{i}]",
                **{k: a.get(k) for k in ("attention", "address_1", "city", "region", "state_province", "postal_code")},
                country=(a.get("country") or "").upper(), address_type=a["address_type"], address_2=None,
            )
            for i, a in enumerate(data.get("addresses") or [])
        ]  # fmt: skip
        row.children["accessibility"] = [
            self.record(
                Accessibility, None, a, f"{path}.accessibility[{i}]",
                description=a.get("description") or a.get("accessibility"), details=a.get("details"), url=a.get("url"),
            )
            for i, a in enumerate(data.get("accessibility") or [])
        ]  # fmt: skip
        return self.fits(row, path)

    def schedule(self, data: dict, path: str, service_id: str, places: set[str]) -> Row:
        place = (data.get("service_at_location_id") or "").lower() or None
        if place and place not in places:
            self.error(f"{path}.service_at_location_id", f"{place} is not one of this service's places")
        return self.record(
            Schedule, "schedule", data, path,
            service_id=None if place else service_id, service_at_location_id=place,
            valid_from=self.date(data.get("valid_from"), f"{path}.valid_from"),
            valid_to=self.date(data.get("valid_to"), f"{path}.valid_to"),
            dtstart=self.date(data.get("dtstart"), f"{path}.dtstart"),
            freq=data.get("freq"), interval=self.whole(data.get("interval"), f"{path}.interval"),
            byday=data.get("byday"), bymonthday=data.get("bymonthday"), description=data.get("description"),
            opens_at=self.time(data.get("opens_at"), f"{path}.opens_at"),
            closes_at=self.time(data.get("closes_at"), f"{path}.closes_at"),
            schedule_link=data.get("schedule_link"), attending_type=data.get("attending_type"), notes=data.get("notes"),
        )  # fmt: skip

    def service(self, number: int, data: dict, known_organizations: set[str]) -> Plan | None:
        self.row, path = number, f"$[{number - 1}]"
        service_id = self.claim("service", data["id"], path)
        org_data = data.get("organization")
        org_id = (data.get("organization_id") or (org_data or {}).get("id") or "").lower()
        if org_data and org_data["id"].lower() != org_id:
            self.error(f"{path}.organization_id", "is not the id of the service's organization")
        if not org_id or (not org_data and org_id not in known_organizations):
            self.error(
                path, "a service needs its organization (an organization, or the organization_id of a known one)"
            )
        minimum = self.whole(data.get("minimum_age"), f"{path}.minimum_age")
        maximum = self.whole(data.get("maximum_age"), f"{path}.maximum_age")
        if minimum is not None and maximum is not None and minimum > maximum:
            self.error(f"{path}.minimum_age", "is more than maximum_age")
        for name in ("funding", "fees"):
            if data.get(name):
                self.warn(f"{path}.{name}", f"{name} is not stored here; skipped")
        service = self.record(
            Service, "service", data, path, organization_id=org_id or None, name=data["name"],
            description=data.get("description"), url=data.get("url"), email=data.get("email"), status=data["status"],
            accreditations=data.get("accreditations"), minimum_age=minimum, maximum_age=maximum,
            assured_date=self.date(data.get("assured_date"), f"{path}.assured_date"),
            assurer_email=data.get("assurer_email"), alert=data.get("alert"),
        )  # fmt: skip
        locations, places = [], []
        for i, sal in enumerate(data.get("service_at_locations") or []):
            where = f"{path}.service_at_locations[{i}]"
            location = sal.get("location")
            location_id = ((location or {}).get("id") or sal.get("location_id") or "").lower()
            if not location:
                self.error(where, "a place needs its location")
                continue
            locations.append(self.location(location, f"{where}.location"))
            places.append(
                self.record(ServiceAtLocation, "service_at_location", sal, where, location_id=location_id, position=i)
            )
        if len({p.values["location_id"] for p in places}) < len(places):
            self.error(f"{path}.service_at_locations", "the same location is listed twice")
        place_ids = {p.id for p in places}
        service.children["service_at_locations"] = places
        service.children["schedules"] = [
            self.schedule(s, f"{path}.schedules[{i}]", service_id, place_ids)
            for i, s in enumerate(data.get("schedules") or [])
        ]
        service.children["cost_options"] = [
            self.record(
                CostOption, "cost_option", c, f"{path}.cost_options[{i}]",
                valid_from=self.date(c.get("valid_from"), f"{path}.cost_options[{i}].valid_from"),
                valid_to=self.date(c.get("valid_to"), f"{path}.cost_options[{i}].valid_to"),
                option=c.get("option"), amount=c.get("amount"), amount_description=c.get("amount_description"),
            )
            for i, c in enumerate(data.get("cost_options") or [])
        ]  # fmt: skip
        service.children["service_areas"] = [
            self.record(
                ServiceArea,
                "service_area",
                a,
                f"{path}.service_areas[{i}]",
                **{k: a.get(k) for k in ("name", "service_area", "extent", "extent_type", "uri")},
            )
            for i, a in enumerate(data.get("service_areas") or [])
        ]
        service.children["contacts"] = [
            self.contact(c, f"{path}.contacts[{i}]", i) for i, c in enumerate(data.get("contacts") or [])
        ]
        service.children["attributes"] = self.attributes(data.get("attributes") or [], path)
        languages = self.languages(data, path, service_id)
        return Plan(
            number,
            self.organization(org_data, f"{path}.organization") if org_data else None,
            service,
            locations,
            languages,
        )

    def contact(self, data: dict, path: str, position: int) -> Row:
        row = self.record(
            Contact,
            "contact",
            data,
            path,
            name=data.get("name"),
            title=data.get("title"),
            position=position,
            sources=[self.source],
        )
        phones = []
        for i, phone in enumerate(data.get("phones") or []):  # HSDS 3.0; the UK profile has none
            where = f"{path}.phones[{i}]"
            if (
                not isinstance(phone, dict)
                or not isinstance(phone.get("id"), str)
                or not isinstance(phone.get("number"), str)
                or not phone["number"]
            ):
                self.error(where, "a phone needs an id and a number")
                continue
            keys = ("number", "extension", "type", "description")
            phones.append(
                self.record(
                    Phone, "phone", phone, where, position=i, sources=[self.source], **{k: phone.get(k) for k in keys}
                )
            )
        row.children["phones"] = phones
        return row

    def attributes(self, items: list[dict], path: str) -> list[Row]:
        rows, seen = [], set()
        for i, a in enumerate(items):
            term_id = (a.get("taxonomy_term_id") or (a.get("taxonomy_term") or {}).get("id") or "").lower()
            if term_id not in self.terms:
                self.warn(
                    f"{path}.attributes[{i}]",
                    f"taxonomy term {term_id or '(none)'} is not in the Camden taxonomy; skipped",
                )
            elif term_id in seen:
                self.warn(f"{path}.attributes[{i}]", f"taxonomy term {term_id} is listed twice; the first is kept")
            else:
                seen.add(term_id)
                rows.append(
                    self.record(
                        ServiceAttribute,
                        "attribute",
                        a,
                        f"{path}.attributes[{i}]",
                        taxonomy_term_id=term_id,
                        link_type=a.get("link_type"),
                    )
                )
        return rows

    def languages(self, data: dict, path: str, service_id: str) -> list[Row] | None:
        strict = data.get("languages") or []
        local = {
            str(lang.get("id", "")).lower(): lang
            for lang in ((data.get("x_camden") or {}).get("languages") or [])
            if isinstance(lang, dict)
        }
        if strict and not local:
            self.warn(
                f"{path}.languages",
                "languages without a code (the UK profile has none) are not imported; left as they were",
            )
            return None
        rows = []
        for i, lang in enumerate(strict):
            code = str(local.get(lang["id"].lower(), {}).get("code") or "")
            if not LANGUAGE_CODE.match(code):
                self.error(f"{path}.x_camden.languages", f"language {lang['id']} has no ISO 639 code")
                continue
            rows.append(
                self.record(
                    Language,
                    "language",
                    lang,
                    f"{path}.languages[{i}]",
                    code=code,
                    note=local[lang["id"].lower()].get("note"),
                )
            )
        if len({r.values["code"] for r in rows}) < len(rows):
            self.error(f"{path}.languages", "the same language is listed twice")
        return rows


def plan_feed(items: list[dict], tax: CamdenTaxonomy, source: str) -> tuple[list[Plan], list[str], list[str]]:
    """(plans, errors, warnings) for items that passed the schema."""
    mapper = _Mapper(tax, source)
    in_file = {(item.get("organization") or {}).get("id", "").lower() for item in items}
    wanted = {str(item.get("organization_id") or "").lower() for item in items} - in_file
    known = in_file | set(db.session.scalars(select(Organization.id).where(Organization.id.in_(wanted))))
    plans = [mapper.service(number, item, known) for number, item in enumerate(items, start=1)]
    return [p for p in plans if p is not None], mapper.errors, mapper.warnings

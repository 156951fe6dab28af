"""`flask directory export`: the directory as open data, in Open Referral UK v3.0-UK shape.

- JSON (`--format json`): `services.json`, a list of services in the full ORUK service shape (the same as
  GET /api/v1/services/{id}, so `flask directory import` reads it back), plus `organizations.json` and
  `taxonomies.json` (each taxonomy with its terms).
- CSV (`--format csv`): one file per ORUK table, named as the ORUK schemas name them (`services.csv`,
  `service_at_location.csv`, `address.csv` ...), with the ORUK column names, made from the same JSON.

The rules are the API's (app/api/serialise.py): public records only (never synthetic test data, never adviser
notes), no local fields unless `--extensions camden` (JSON only), and nothing a schema would reject.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.api import camden, serialise
from app.api.queries import PUBLIC_ORGANIZATION, PUBLIC_SERVICE, full_service_options
from app.directory.models import Organization, Service, Taxonomy
from app.extensions import db

FORMATS = ("json", "csv")
BATCH = 200
# ORUK table file -> its columns (the one-to-one fields of the schema's object), in the schema's order.
CSV_TABLES: dict[str, tuple[str, ...]] = {
    "organizations.csv": ("id", "name", "description", "email", "website", "logo", "uri", "parent_organization_id"),
    "organization_identifiers.csv": ("id", "organization_id", "identifier_scheme", "identifier_type", "identifier"),
    "services.csv": (
        "id", "organization_id", "name", "description", "url", "email", "status", "accreditations", "minimum_age",
        "maximum_age", "assured_date", "assurer_email", "alert", "last_modified",
    ),
    "locations.csv": (
        "id", "location_type", "name", "description", "latitude", "longitude", "external_identifier",
        "external_identifier_type",
    ),
    "address.csv": (
        "id", "location_id", "attention", "address_1", "city", "region", "state_province", "postal_code", "country",
        "address_type",
    ),
    "accessibility.csv": ("id", "location_id", "description", "details", "url"),
    "service_at_location.csv": ("id", "service_id", "location_id"),
    "contacts.csv": ("id", "service_id", "name", "title"),
    "phones.csv": ("id", "contact_id", "number", "extension", "type", "description"),
    "schedule.csv": (
        "id", "service_id", "service_at_location_id", "valid_from", "valid_to", "dtstart", "freq", "interval",
        "byday", "bymonthday", "description", "opens_at", "closes_at", "schedule_link", "attending_type", "notes",
    ),
    "cost_options.csv": ("id", "service_id", "valid_from", "valid_to", "option", "amount", "amount_description"),
    "service_areas.csv": ("id", "service_id", "name", "service_area", "extent", "extent_type", "uri"),
    "languages.csv": ("id", "service_id", "phone_id"),
    "funding.csv": ("id", "service_id", "source"),
    "attribute.csv": ("id", "link_id", "taxonomy_term_id", "link_type"),
    "taxonomies.csv": ("id", "name", "description", "uri", "version"),
    "taxonomy_terms.csv": ("id", "name", "description", "parent_id", "taxonomy", "taxonomy_id", "term_uri", "term"),
}  # fmt: skip


@dataclass
class ExportReport:
    files: dict[str, int] = field(default_factory=dict)  # file name -> how many records


def public_services(*, batch: int = BATCH) -> Iterator[Service]:
    """Every public service with everything the full ORUK shape shows, by name, a batch at a time (the
    session holds loaded rows weakly, so memory stays flat on a large directory)."""
    ids = list(db.session.scalars(select(Service.id).where(PUBLIC_SERVICE).order_by(Service.name, Service.id)))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        rows = {
            s.id: s
            for s in db.session.scalars(select(Service).where(Service.id.in_(chunk)).options(*full_service_options()))
        }
        yield from (rows[i] for i in chunk)


def service_documents(*, extensions: bool = False) -> Iterator[dict[str, Any]]:
    for service in public_services():
        shown = serialise.service_full(service)
        if extensions:
            shown[camden.EXTENSION] = camden.service_full(service, camden.translations_of("service", [service.id]))
        yield shown


def _organizations() -> list[Organization]:
    return list(
        db.session.scalars(select(Organization).where(PUBLIC_ORGANIZATION).order_by(Organization.name, Organization.id))
    )


def _taxonomies() -> list[Taxonomy]:
    return list(db.session.scalars(select(Taxonomy).order_by(Taxonomy.name).options(selectinload(Taxonomy.terms))))


def export_directory(out: Path, fmt: str, *, extensions: bool = False) -> ExportReport:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    if extensions and fmt != "json":
        raise ValueError("the x_camden extension is in the JSON export only")
    out.mkdir(parents=True, exist_ok=True)
    return _write_json(out, extensions) if fmt == "json" else _write_csv(out)


def _write_json(out: Path, extensions: bool) -> ExportReport:
    report = ExportReport()
    count = 0
    with (out / "services.json").open("w", encoding="utf-8") as handle:
        handle.write("[")
        for count, document in enumerate(service_documents(extensions=extensions), start=1):
            handle.write(("\n" if count == 1 else ",\n") + json.dumps(document, ensure_ascii=False, sort_keys=True))
        handle.write("\n]\n")
    report.files["services.json"] = count
    organizations = [serialise.organization(org) for org in _organizations()]
    taxonomies = [serialise.taxonomy_full(tax) for tax in _taxonomies()]
    for name, documents in (("organizations.json", organizations), ("taxonomies.json", taxonomies)):
        (out / name).write_text(
            json.dumps(documents, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        report.files[name] = len(documents)
    return report


def _csv_rows(documents: Iterator[dict[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    """The full service documents split into ORUK tables (rows keyed by id, so shared places appear once)."""
    tables: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in CSV_TABLES}

    def put(table: str, row: dict[str, Any]) -> None:
        tables[table][row["id"]] = row

    for doc in documents:
        put("services.csv", doc)
        for sal in doc["service_at_locations"]:
            put("service_at_location.csv", sal)
            location = sal["location"]
            put("locations.csv", location)
            for row in location["addresses"]:
                put("address.csv", row)
            for row in location["accessibility"]:
                put("accessibility.csv", row)
        for contact in doc["contacts"]:
            put("contacts.csv", contact)
            for row in contact["phones"]:
                put("phones.csv", row)
        for key, table in (
            ("schedules", "schedule.csv"),
            ("cost_options", "cost_options.csv"),
            ("service_areas", "service_areas.csv"),
            ("languages", "languages.csv"),
            ("funding", "funding.csv"),
            ("attributes", "attribute.csv"),
        ):
            for row in doc[key]:
                put(table, row)
    return tables


def _write_csv(out: Path) -> ExportReport:
    tables = _csv_rows(service_documents())
    for org in _organizations():
        tables["organizations.csv"][org.id] = serialise.organization(org)
    for tax in _taxonomies():
        full = serialise.taxonomy_full(tax)
        tables["taxonomies.csv"][tax.id] = full
        for term in full["taxonomy_terms"]:
            tables["taxonomy_terms.csv"][term["id"]] = term
    report = ExportReport()
    for name, columns in CSV_TABLES.items():
        with (out / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
            writer.writerows(tables[name].values())
        report.files[name] = len(tables[name])
    return report

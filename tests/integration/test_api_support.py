"""Helpers for the ORUK API tests: the directory as `flask directory seed` loads it plus a few synthetic
services (which must never show), a JSON GET that checks what every API response must have, and a maker of
located services for the distance tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from app.directory.models import (
    AdviserNote,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
)
from app.directory.taxonomy import taxonomy
from app.extensions import db

SYNTHETIC_COUNT = 15


def load_directory(app) -> None:
    runner = app.test_cli_runner()
    for args in (["directory", "seed"], ["directory", "synthetic", "--count", str(SYNTHETIC_COUNT), "--seed", "7"]):
        result = runner.invoke(args=args)
        assert result.exit_code == 0, result.output
    db.session.expire_all()


def public_service_ids() -> set[str]:
    return set(db.session.scalars(select(Service.id).where(Service.synthetic.is_(False))))


def synthetic_ids() -> set[str]:
    ids: set[str] = set()
    for model in (Service, Organization, Location):
        ids |= set(db.session.scalars(select(model.id).where(model.synthetic.is_(True))))
    return ids


def adviser_note_bodies() -> list[str]:
    return list(db.session.scalars(select(AdviserNote.body)))


def get_json(client, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, f"{url}: {response.status_code} {response.get_data(as_text=True)[:500]}"
    assert response.mimetype == "application/json", f"{url}: {response.mimetype}"
    assert response.headers.get("Access-Control-Allow-Origin") == "*", url
    return response.get_json()


def all_pages(client, url: str) -> list[dict]:
    """Every item of a list, following the pages."""
    items, page = [], 1
    joiner = "&" if "?" in url else "?"
    while True:
        body = get_json(client, f"{url}{joiner}page={page}&per_page=100")
        items += body["contents"]
        if body["last_page"]:
            return items
        page += 1


def make_located_service(
    name: str,
    lat: float | None,
    lon: float | None,
    *,
    organization: Organization | None = None,
    terms: tuple[str, ...] = (),
    modified: dt.datetime | None = None,
    synthetic: bool = False,
) -> Service:
    """A public (or synthetic) service at one place, for tests; the caller commits."""
    org = organization or Organization(name=f"{name} organisation (test data)", description="Test data.")
    org.synthetic = org.synthetic or synthetic
    service = Service(name=name, organization=org, status="active", synthetic=synthetic)
    if modified is not None:
        service.last_modified = modified
    location = Location(location_type="physical" if lat is not None else "virtual", latitude=lat, longitude=lon)
    location.synthetic = synthetic
    service.service_at_locations = [ServiceAtLocation(location=location)]
    tax = taxonomy()
    service.attributes = [ServiceAttribute(taxonomy_term_id=tax.by_slug[slug].id) for slug in terms]
    db.session.add(service)
    return service

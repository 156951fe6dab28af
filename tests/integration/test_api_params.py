"""The ORUK API's query parameters: pagination arithmetic, filters, search, and a JSON 400 naming the parameter
for every bad value."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.directory.models import Organization, Service, ServiceAttribute
from app.directory.taxonomy import taxonomy
from app.extensions import db
from tests.integration.test_api_support import all_pages, get_json, load_directory, public_service_ids
from tests.integration.test_oruk_schemas import assert_valid

API = "/api/v1"


def test_pagination_arithmetic(any_app, any_client):
    load_directory(any_app)
    total = len(public_service_ids())
    assert total > 20
    per_page = 10
    pages = -(-total // per_page)
    first = get_json(any_client, f"{API}/services?per_page={per_page}")
    assert (first["total_items"], first["total_pages"], first["page_number"], first["size"]) == (total, pages, 1, 10)
    assert first["first_page"] and not first["last_page"] and not first["empty"]
    last = get_json(any_client, f"{API}/services?per_page={per_page}&page={pages}")
    assert last["size"] == len(last["contents"]) == total - per_page * (pages - 1)
    assert last["last_page"] and not last["first_page"]
    beyond = get_json(any_client, f"{API}/services?per_page={per_page}&page={pages + 1}")
    assert beyond["contents"] == [] and beyond["empty"] and beyond["last_page"] and beyond["size"] == 0
    assert beyond["total_items"] == total
    assert_valid("/services", beyond)
    # pages do not overlap and together hold every service, in a stable order
    seen = [
        item["id"]
        for page in range(1, pages + 1)
        for item in get_json(any_client, f"{API}/services?per_page={per_page}&page={page}")["contents"]
    ]
    assert len(seen) == len(set(seen)) == total
    assert get_json(any_client, f"{API}/services")["size"] == min(total, 50)  # the default per_page
    assert get_json(any_client, f"{API}/services?per_page=100")["size"] == total


def test_an_empty_list_is_a_valid_page(client):
    body = get_json(client, f"{API}/services")
    assert body == {
        "total_items": 0,
        "total_pages": 0,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }
    assert_valid("/services", body)


def test_filters(any_app, any_client):
    load_directory(any_app)
    tax = taxonomy()
    term = tax.by_slug["carers-support"]
    in_term = set(
        db.session.scalars(
            select(ServiceAttribute.service_id)
            .join(Service, Service.id == ServiceAttribute.service_id)
            .where(ServiceAttribute.taxonomy_term_id == term.id, Service.synthetic.is_(False))
        )
    )
    assert in_term
    found = {s["id"] for s in all_pages(any_client, f"{API}/services?taxonomy_term_id={term.id}")}
    assert found == in_term
    assert {s["id"] for s in all_pages(any_client, f"{API}/services?taxonomy_term_id={term.id.upper()}")} == in_term
    everything = {s["id"] for s in all_pages(any_client, f"{API}/services?taxonomy_id={tax.meta.id}")}
    assert in_term < everything
    assert get_json(any_client, f"{API}/services?taxonomy_id=00000000-0000-4000-8000-000000000000")["empty"]

    org = db.session.scalar(select(Organization).where(Organization.name == "London Borough of Camden"))
    own = set(db.session.scalars(select(Service.id).where(Service.organization_id == org.id)))
    assert len(own) > 1
    assert {s["id"] for s in all_pages(any_client, f"{API}/services?organization_id={org.id}")} == own
    places = all_pages(any_client, f"{API}/service_at_locations?organization_id={org.id}")
    assert {p["service_id"] for p in places} <= own

    both = {
        s["id"] for s in all_pages(any_client, f"{API}/services?organization_id={org.id}&taxonomy_term_id={term.id}")
    }
    assert both == own & in_term


def test_modified_after(any_app, any_client):
    load_directory(any_app)
    ids = sorted(public_service_ids())
    old, edge, new = ids[0], ids[1], ids[2]
    stamps = {old: dt.datetime(2025, 1, 1, 8, 0), edge: dt.datetime(2025, 6, 1, 9, 0), new: dt.datetime(2025, 6, 2)}
    for service in db.session.scalars(select(Service).where(Service.id.in_(ids))):
        service.last_modified = stamps.get(service.id, dt.datetime(2024, 1, 1))
    db.session.commit()

    def after(value: str) -> set[str]:
        return {s["id"] for s in all_pages(any_client, f"{API}/services?modified_after={value}")}

    assert after("2025-06-01T09:00:00Z") == {edge, new}  # on or after
    assert after("2025-06-01T09:00:01Z") == {new}
    assert after("2025-06-01T10:00:00%2B01:00") == {edge, new}  # 09:00 UTC
    assert after("2025-06-01T10:00:00+01:00") == {edge, new}  # a "+" sent unencoded arrives as a space
    assert after("2025-06-01") == {edge, new}
    assert after("2025-06-01T09:00:00") == {edge, new}  # no offset: UTC
    assert after("2030-01-01T00:00:00Z") == set()
    listed = get_json(any_client, f"{API}/services?modified_after=2025-06-02T00:00:00Z")["contents"]
    assert [s["last_modified"] for s in listed] == ["2025-06-02T00:00:00Z"]
    places = all_pages(any_client, f"{API}/service_at_locations?modified_after=2025-06-01T09:00:00Z")
    assert {p["service_id"] for p in places} <= {edge, new}


def test_search_is_a_plain_case_insensitive_match(any_app, any_client):
    load_directory(any_app)
    lower = {s["id"] for s in all_pages(any_client, f"{API}/services?search=carers")}
    assert lower and lower == {s["id"] for s in all_pages(any_client, f"{API}/services?search=CARERS")}
    for item in all_pages(any_client, f"{API}/services?search=carers"):
        assert "carers" in (item["name"] + item.get("description", "")).lower()
    # wildcards are text, not patterns
    assert get_json(any_client, f"{API}/services?search=%25")["total_items"] == 0
    assert get_json(any_client, f"{API}/services?search=_")["total_items"] == 0
    assert get_json(any_client, f"{API}/organizations?search=camden")["total_items"] >= 1
    assert get_json(any_client, f"{API}/taxonomy_terms?search=carers")["total_items"] >= 1


def test_taxonomy_term_filters(any_app, any_client):
    load_directory(any_app)
    tax = taxonomy()
    terms = all_pages(any_client, f"{API}/taxonomy_terms?taxonomy_id={tax.meta.id}")
    assert len(terms) == len(tax.terms)
    top = all_pages(any_client, f"{API}/taxonomy_terms?top_only=true")
    assert top and all("parent_id" not in t for t in top)
    children = [t for t in tax.terms if t.parent]
    if children:
        parent = tax.by_slug[children[0].parent]
        below = all_pages(any_client, f"{API}/taxonomy_terms?parent_id={parent.id}")
        assert {t["id"] for t in below} == {t.id for t in tax.terms if t.parent == parent.slug}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("per_page=0", "per_page"),
        ("per_page=1000", "per_page"),
        ("per_page=101", "per_page"),
        ("per_page=abc", "per_page"),
        ("per_page=-1", "per_page"),
        ("per_page=1.5", "per_page"),
        ("per_page=10&per_page=20", "per_page"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page=99999999999", "page"),
        ("modified_after=garbage", "modified_after"),
        ("modified_after=2025-13-45", "modified_after"),
        ("proximity=1000", "proximity"),
        ("postcode=ZZ9%209ZZ", "postcode"),
        ("postcode=not-a-postcode", "postcode"),
        ("postcode=NW5&proximity=abc", "proximity"),
        ("postcode=NW5&proximity=0", "proximity"),
        ("postcode=NW5&proximity=-5", "proximity"),
        ("taxonomy_term_id=carers", "taxonomy_term_id"),
        ("organization_id=1", "organization_id"),
        ("taxonomy_id=x", "taxonomy_id"),
        ("format=ndjson", "format"),
        ("minimal=true", "minimal"),
        ("full=maybe", "full"),
        ("extensions=other", "extensions"),
        ("search=" + "x" * 201, "search"),
    ],
)
def test_bad_parameters_are_json_400s_naming_the_parameter(client, query, parameter):
    body = get_json(client, f"{API}/services?{query}", 400)
    assert body["error"] == "bad_request"
    assert body["parameter"] == parameter
    assert body["message"]


@pytest.mark.parametrize(
    "url",
    [
        f"{API}/service_at_locations?proximity=10",
        f"{API}/service_at_locations?postcode=ZZ9",
        f"{API}/organizations?per_page=0",
        f"{API}/taxonomies?page=0",
        f"{API}/taxonomy_terms?parent_id=nope",
        f"{API}/taxonomy_terms?top_only=perhaps",
        f"{API}/organizations/00000000-0000-4000-8000-000000000000?full_service=perhaps",
    ],
)
def test_every_list_checks_its_parameters(client, url):
    assert get_json(client, url, 400)["error"] == "bad_request"

"""Every ORUK API endpoint, on the seeded directory plus synthetic services, on SQLite and PostgreSQL: each
response validates against the ORUK v3.0-UK schemas with formats checked; synthetic records and adviser notes
never appear; local fields appear only under x_camden when asked for; errors are JSON."""

from __future__ import annotations

import json

import pytest

from app.directory.models import Language, Service
from app.directory.translation import save_translation
from app.extensions import db
from tests.integration.test_api_support import (
    adviser_note_bodies,
    all_pages,
    get_json,
    load_directory,
    public_service_ids,
    synthetic_ids,
)
from tests.integration.test_oruk_schemas import assert_valid

API = "/api/v1"


def test_every_endpoint_validates_and_hides_synthetic_records_and_adviser_notes(any_app, any_client):
    load_directory(any_app)
    public, synthetic, notes = public_service_ids(), synthetic_ids(), adviser_note_bodies()
    assert synthetic and notes  # the test data has both, or this test proves nothing
    seen_text = []

    def check(path: str, url: str, **kwargs):
        body = get_json(any_client, url)
        assert_valid(path, body, **kwargs)
        seen_text.append(json.dumps(body))
        return body

    check("/", f"{API}/")
    services = all_pages(any_client, f"{API}/services")
    assert {s["id"] for s in services} == public
    check("/services", f"{API}/services?per_page=100")
    check("/services", f"{API}/services?full=true&per_page=100", full=True)
    for service_id in sorted(public):
        check("/services/{id}", f"{API}/services/{service_id}")
    places = check("/service_at_locations", f"{API}/service_at_locations?per_page=100")["contents"]
    assert places and {p["service_id"] for p in places} <= public
    check("/service_at_locations", f"{API}/service_at_locations?full=true&per_page=100", full=True)
    for place in places:
        check("/service_at_locations/{id}", f"{API}/service_at_locations/{place['id']}")
    organizations = check("/organizations", f"{API}/organizations?per_page=100")["contents"]
    check("/organizations", f"{API}/organizations?per_page=100&full=true", full=True)
    check(
        "/organizations",
        f"{API}/organizations?per_page=100&full_service=true&extensions=camden",
        full=True,
        extensions=True,
    )
    for org in organizations:
        check("/organizations/{id}", f"{API}/organizations/{org['id']}")
        check("/organizations/{id}", f"{API}/organizations/{org['id']}?full_service=true")
    taxonomies = check("/taxonomies", f"{API}/taxonomies")["contents"]
    for tax in taxonomies:
        check("/taxonomies/{id}", f"{API}/taxonomies/{tax['id']}")
    terms = check("/taxonomy_terms", f"{API}/taxonomy_terms?per_page=100")["contents"]
    for term in terms:
        check("/taxonomy_terms/{id}", f"{API}/taxonomy_terms/{term['id']}")

    everything = "\n".join(seen_text)
    assert not [i for i in synthetic if i in everything], "a synthetic record is in the API"
    assert "Synthetic" not in everything and "test data" not in everything
    assert not [n for n in notes if json.dumps(n)[1:-1] in everything], "an adviser note is in the API"
    for record_id in sorted(synthetic)[:5]:
        get_json(any_client, f"{API}/services/{record_id}", 404)
        get_json(any_client, f"{API}/organizations/{record_id}", 404)


def test_local_fields_only_under_x_camden_and_only_when_asked(any_app, any_client):
    load_directory(any_app)
    service = db.session.get(Service, sorted(public_service_ids())[0])
    save_translation("service", service, "bn", {"description": "পরীক্ষা (test translation)"}, "machine-draft")
    service.verified = True
    db.session.commit()

    strict = get_json(any_client, f"{API}/services/{service.id}")
    assert "x_camden" not in json.dumps(strict)
    local = get_json(any_client, f"{API}/services/{service.id}?extensions=camden")
    assert_valid("/services/{id}", local, extensions=True)
    ext = local["x_camden"]
    assert ext["verified"] is True
    assert ext["translations"] == [
        {
            "lang": "bn",
            "status": "machine-draft",
            "fields": {"description": "পরীক্ষা (test translation)"},
            "reviewed_on": None,
            "updated_at": ext["translations"][0]["updated_at"],
        }
    ]
    assert set(ext) >= {"languages", "eligibility", "accessible_formats", "sources", "check_before_use"}
    # the same fields, whatever the strict payload: extensions only add
    assert {k: v for k, v in local.items() if k != "x_camden"} == strict

    listed = get_json(any_client, f"{API}/services?extensions=camden&per_page=100")
    assert_valid("/services", listed, extensions=True)
    assert all("x_camden" in item for item in listed["contents"])
    organizations = get_json(any_client, f"{API}/organizations?extensions=camden")
    assert_valid("/organizations", organizations, extensions=True)
    assert all("verified" in item["x_camden"] for item in organizations["contents"])
    get_json(any_client, f"{API}/services?extensions=everything", 400)


def test_languages_are_named_only_under_x_camden(any_app, any_client):
    load_directory(any_app)
    service = db.session.get(Service, sorted(public_service_ids())[0])
    service.languages = [Language(code="bn"), Language(code="so", note="Tuesdays only (test data)")]
    db.session.commit()
    shown = get_json(any_client, f"{API}/services/{service.id}?extensions=camden")
    assert_valid("/services/{id}", shown, extensions=True)
    assert [set(lang) for lang in shown["languages"]] == [{"id", "service_id"}] * 2  # all the UK profile has
    assert [(lang["code"], lang["name"]) for lang in shown["x_camden"]["languages"]] == [
        ("bn", "Bangla"),
        ("so", "Somali"),
    ]
    assert [lang["id"] for lang in shown["languages"]] == [lang["id"] for lang in shown["x_camden"]["languages"]]
    assert shown["x_camden"]["languages"][1]["note"] == "Tuesdays only (test data)"


def test_places_and_numbers_to_check_stay_out_of_the_strict_payload(any_app, any_client):
    load_directory(any_app)
    services = [get_json(any_client, f"{API}/services/{i}?extensions=camden") for i in sorted(public_service_ids())]
    flagged = [s for s in services if s["x_camden"]["check_before_use"]["service_at_locations"]]
    phones = [s for s in services if s["x_camden"]["check_before_use"]["phones"]]
    assert flagged and phones, "the seed has places and numbers from old pages"
    for service in flagged:
        hidden = {p["id"] for p in service["x_camden"]["check_before_use"]["service_at_locations"]}
        assert not hidden & {p["id"] for p in service["service_at_locations"]}
        for link_id in hidden:
            get_json(any_client, f"{API}/service_at_locations/{link_id}", 404)
    for service in phones:
        hidden = {p["id"] for p in service["x_camden"]["check_before_use"]["phones"]}
        assert hidden.isdisjoint({p["id"] for c in service["contacts"] for p in c["phones"]})


def test_required_but_unknown_fields_are_empty_strings_never_guesses(any_app, any_client):
    load_directory(any_app)
    addresses = [
        address
        for service in (
            get_json(any_client, f"{API}/services/{i}?extensions=camden") for i in sorted(public_service_ids())
        )
        for place in [
            *service["service_at_locations"],
            *service["x_camden"]["check_before_use"]["service_at_locations"],
        ]
        for address in place["location"]["addresses"]
    ]
    assert addresses
    assert all(a["state_province"] == "" for a in addresses)  # UK addresses have none
    greenwood = [a for a in addresses if a["address_1"].startswith("Greenwood Place")]
    assert greenwood and greenwood[0]["postal_code"] == ""  # the seed does not give its postcode
    assert greenwood[0]["address_1"] == "Greenwood Place, Kentish Town"  # address_2 joined, not lost


@pytest.mark.parametrize(
    "url",
    [
        f"{API}/services/00000000-0000-4000-8000-000000000000",
        f"{API}/services/not-an-id",
        f"{API}/service_at_locations/00000000-0000-4000-8000-000000000000",
        f"{API}/organizations/00000000-0000-4000-8000-000000000000",
        f"{API}/taxonomies/00000000-0000-4000-8000-000000000000",
        f"{API}/taxonomy_terms/00000000-0000-4000-8000-000000000000",
        f"{API}/no-such-thing",
        "/api/v2/services",
        "/api/",
        "/api",
    ],
)
def test_unknown_ids_and_paths_are_json_404s(client, url):
    body = get_json(client, url, 404)
    assert body["error"] == "not_found" and body["message"]


def test_other_methods_are_json_405s_and_options_answers_cors(client):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(f"{API}/services")
        assert response.status_code == 405 and response.mimetype == "application/json"
        assert response.get_json()["error"] == "method_not_allowed"
        assert response.headers["Allow"] == "GET, HEAD, OPTIONS"
        assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(f"{API}/services", headers={"Origin": "https://example.org"})
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]


def test_a_server_error_is_json(app, client, monkeypatch):
    import app.api.queries as queries

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    # Not a mock of behaviour under test: a way to make the database layer fail, to see the error's shape.
    monkeypatch.setattr(queries, "taxonomies", broken)
    response = client.get(f"{API}/taxonomies")
    assert response.status_code == 500 and response.mimetype == "application/json"
    assert response.get_json() == {"error": "server_error", "message": "something went wrong on our side"}
    assert "boom" not in response.get_data(as_text=True)

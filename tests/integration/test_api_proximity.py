"""postcode and proximity: nearest first from the postcode's centroid, optionally within a radius; on
/service_at_locations as open_api.json places them, and on /services as our documented extension."""

from __future__ import annotations

from app.directory.taxonomy import sync_taxonomy, taxonomy
from app.extensions import db
from app.places import lookup
from tests.integration.test_api_support import all_pages, get_json, load_directory, make_located_service
from tests.integration.test_oruk_schemas import assert_valid

API = "/api/v1"
METRES_PER_DEGREE = 111_195.0


def _north_of(place, metres: float) -> tuple[float, float]:
    return place.lat + metres / METRES_PER_DEGREE, place.lon


def _make_places():
    centre = lookup("NW5")
    made = {}
    for name, metres in (("Far (test data)", 5_000), ("Near (test data)", 200), ("Middle (test data)", 1_000)):
        made[name] = make_located_service(name, *_north_of(centre, metres), terms=("carers-support",))
    made["Online (test data)"] = make_located_service("Online (test data)", None, None, terms=("carers-support",))
    made["Synthetic nearest"] = make_located_service("Synthetic nearest", *_north_of(centre, 10), synthetic=True)
    db.session.commit()
    return {name: service.id for name, service in made.items()}


def test_services_are_ordered_by_distance_from_a_postcode(any_app, any_client):
    load_directory(any_app)
    ids = _make_places()
    for postcode in ("NW5", "nw5", "NW5%201TL", "nw51tl"):
        listed = all_pages(any_client, f"{API}/services?postcode={postcode}")
        names = [s["name"] for s in listed]
        assert names[:3] == ["Near (test data)", "Middle (test data)", "Far (test data)"], postcode
        assert ids["Synthetic nearest"] not in {s["id"] for s in listed}
        # services with no place on the map (online, or unknown address) come after every located one
        assert names.index("Online (test data)") > 2
    body = get_json(any_client, f"{API}/services?postcode=NW5&per_page=100&extensions=camden")
    assert_valid("/services", body, extensions=True)
    distances = [s["x_camden"]["distance_m"] for s in body["contents"]]
    assert distances[:3] == [200, 1000, 5000]
    assert all(d is None for d in distances[3:])


def test_proximity_keeps_only_what_is_within_it(any_app, any_client):
    load_directory(any_app)
    _make_places()
    within = get_json(any_client, f"{API}/services?postcode=NW5&proximity=1500")
    assert [s["name"] for s in within["contents"]] == ["Near (test data)", "Middle (test data)"]
    assert within["total_items"] == 2 and within["total_pages"] == 1
    assert_valid("/services", within)
    assert get_json(any_client, f"{API}/services?postcode=NW5&proximity=150")["total_items"] == 0
    assert get_json(any_client, f"{API}/services?postcode=NW5&proximity=999")["total_items"] == 1
    assert get_json(any_client, f"{API}/services?postcode=NW5&proximity=1001")["total_items"] == 2
    # combined with other filters, and paged
    term = taxonomy().by_slug["carers-support"].id
    paged = get_json(
        any_client, f"{API}/services?postcode=NW5&proximity=6000&taxonomy_term_id={term}&per_page=2&page=2"
    )
    assert [s["name"] for s in paged["contents"]] == ["Far (test data)"]
    assert (paged["total_items"], paged["total_pages"], paged["last_page"]) == (3, 2, True)


def test_service_at_locations_take_postcode_and_proximity(any_app, any_client):
    load_directory(any_app)
    ids = _make_places()
    body = get_json(any_client, f"{API}/service_at_locations?postcode=NW5&proximity=2000&extensions=camden")
    assert_valid("/service_at_locations", body, extensions=True)
    assert [p["service"]["name"] for p in body["contents"]] == ["Near (test data)", "Middle (test data)"]
    assert [p["x_camden"]["distance_m"] for p in body["contents"]] == [200, 1000]
    everything = all_pages(any_client, f"{API}/service_at_locations?postcode=NW5")
    assert [p["service_id"] for p in everything[:3]] == [
        ids["Near (test data)"],
        ids["Middle (test data)"],
        ids["Far (test data)"],
    ]
    assert ids["Synthetic nearest"] not in {p["service_id"] for p in everything}


def test_an_onspd_postcode_is_measured_from_its_own_point(any_app, any_client, monkeypatch):
    from pathlib import Path

    sync_taxonomy(taxonomy())
    centre = lookup("NW5")
    make_located_service("At the centroid (test data)", centre.lat, centre.lon)
    exact = (51.554, -0.141)  # NW5 1TL in the synthetic ONSPD fixture
    make_located_service("At the postcode (test data)", *exact)
    db.session.commit()
    assert [s["name"] for s in get_json(any_client, f"{API}/services?postcode=NW5%201TL")["contents"]][0] == (
        "At the centroid (test data)"
    )
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "places" / "onspd-sample.csv"
    monkeypatch.setitem(any_app.config, "PLACES_ONSPD_PATH", str(fixture))
    assert [s["name"] for s in get_json(any_client, f"{API}/services?postcode=NW5%201TL")["contents"]][0] == (
        "At the postcode (test data)"
    )

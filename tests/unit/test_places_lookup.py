"""lookup(): outward-code centroids by default, exact full postcodes from an ONSPD extract when configured;
distance_m() between places."""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from app.places import Place, PlacesDataError, distance_m, lookup
from app.places.gazetteer import (
    DEFAULT_OUTCODES_PATH,
    SOURCE_ONSPD,
    SOURCE_OUTCODES,
    gazetteer_for,
    load_gazetteer,
    load_onspd,
    load_outcodes,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "places"
ONSPD_SAMPLE = FIXTURES / "onspd-sample.csv"  # synthetic, ONSPD-shaped (see tests/fixtures/README.md)


def test_the_default_data_has_every_district():
    outcodes = load_outcodes()
    assert len(outcodes) > 2_500
    assert outcodes["NW5"] == (51.55139, -0.14209)


@pytest.mark.parametrize("typed", ["NW5 1TL", "nw51tl", "NW5", " nw5 "])
def test_a_postcode_resolves_to_its_district_centroid_by_default(typed):
    place = lookup(typed)
    assert place == Place(lat=51.55139, lon=-0.14209, outcode="NW5", in_camden=None, source=SOURCE_OUTCODES)


def test_a_place_is_frozen():
    place = lookup("NW5")
    with pytest.raises(FrozenInstanceError):
        place.lat = 0  # type: ignore[misc]


@pytest.mark.parametrize("typed", ["ZZ9 9ZZ", "ZZ9", "hello", "", None])
def test_unknown_or_garbage_postcodes_give_none(typed):
    assert lookup(typed) is None


def test_a_missing_sub_district_falls_back_to_its_district():
    gazetteer = load_gazetteer()
    assert "WC1" in gazetteer.outcodes
    assert "WC1Z" not in gazetteer.outcodes
    place = gazetteer.lookup("WC1Z 9ZZ")
    assert place is not None and place.outcode == "WC1Z"
    assert (place.lat, place.lon) == gazetteer.outcodes["WC1"]


def test_onspd_resolves_full_postcodes_exactly_with_the_borough():
    gazetteer = load_gazetteer(onspd_path=ONSPD_SAMPLE)
    assert gazetteer.lookup("nw51tl") == Place(51.554, -0.141, "NW5", True, SOURCE_ONSPD)
    assert gazetteer.lookup("N19 5ZZ") == Place(51.565, -0.130, "N19", False, SOURCE_ONSPD)
    assert gazetteer.lookup("NW6 9ZZ").in_camden is False
    # a terminated postcode still resolves (old letters use it)
    assert gazetteer.lookup("WC1H 9ZZ").in_camden is True


def test_onspd_falls_back_to_the_district_for_what_it_lacks():
    gazetteer = load_gazetteer(onspd_path=ONSPD_SAMPLE)
    assert gazetteer.lookup("NW5") == Place(51.55139, -0.14209, "NW5", None, SOURCE_OUTCODES)
    assert gazetteer.lookup("NW5 2AB").source == SOURCE_OUTCODES
    # ONSPD's "no grid reference" row is skipped, not placed at 99.999999
    assert gazetteer.skipped_rows == 1
    assert gazetteer.lookup("NW3 9ZY").source == SOURCE_OUTCODES


def test_the_app_reads_the_onspd_path_from_its_config(app, monkeypatch):
    assert lookup("NW5 1TL").source == SOURCE_OUTCODES
    monkeypatch.setitem(app.config, "PLACES_ONSPD_PATH", str(ONSPD_SAMPLE))
    assert lookup("NW5 1TL").source == SOURCE_ONSPD


def test_loading_is_cached_per_process():
    assert gazetteer_for(DEFAULT_OUTCODES_PATH, ONSPD_SAMPLE) is gazetteer_for(DEFAULT_OUTCODES_PATH, ONSPD_SAMPLE)


def test_a_file_without_the_onspd_columns_is_a_clear_error(tmp_path):
    broken = tmp_path / "not-onspd.csv"
    broken.write_text("postcode,lat,long\nNW5 1TL,51.5,-0.1\n", encoding="utf-8")
    with pytest.raises(PlacesDataError, match="no column pcds, oslaua"):
        load_onspd(broken)
    with pytest.raises(PlacesDataError, match="missing.csv"):
        load_onspd(tmp_path / "missing.csv")


def test_distance_is_haversine():
    assert distance_m(lookup("NW5"), lookup("NW5")) == 0
    # one degree of latitude on the mean-radius sphere
    a, b = Place(51.0, -0.1, "X", None, "test"), Place(52.0, -0.1, "X", None, "test")
    assert distance_m(a, b) == pytest.approx(111_195, abs=1)
    # NW5 to WC1H centroids: about 3.1 km
    assert distance_m(lookup("NW5"), lookup("WC1H")) == pytest.approx(3_150, rel=0.05)
    assert distance_m(lookup("NW5"), lookup("WC1H")) == distance_m(lookup("WC1H"), lookup("NW5"))

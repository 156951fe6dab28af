"""content/places/neighbourhoods.yaml: empty until Camden supplies it; the schema refuses what is not one."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.places import lookup
from app.places.neighbourhoods import NeighbourhoodsError, load_neighbourhoods, neighbourhoods, neighbourhoods_path

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_file_is_valid_and_empty_until_camden_supplies_it():
    assert load_neighbourhoods(neighbourhoods_path(ROOT / "content")).items == ()


def test_the_app_loads_it_lazily(app):
    assert neighbourhoods() is neighbourhoods()


def test_a_filled_file_finds_the_neighbourhoods_of_a_place(tmp_path):
    path = tmp_path / "n.yaml"
    path.write_text(
        "neighbourhoods:\n"
        "  - {slug: test-area-one, name: Test area one, outcodes: [nw5, NW1], sources: [test]}\n"
        "  - {slug: test-area-two, name: Test area two, outcodes: [NW5], ward_codes: [E05013660], sources: [test]}\n",
        encoding="utf-8",
    )
    loaded = load_neighbourhoods(path)
    assert loaded.items[0].outcodes == ("NW5", "NW1")
    assert [n.slug for n in loaded.containing(lookup("NW5 1TL"))] == ["test-area-one", "test-area-two"]
    assert loaded.containing(lookup("WC1H")) == []


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("{slug: Bad Slug, name: X, sources: [t]}", "slug"),
        ("{slug: a, name: X, outcodes: [NW5 1TL], sources: [t]}", "outward code"),
        ("{slug: a, name: X, ward_codes: [W123], sources: [t]}", "GSS"),
        ("{slug: a, name: X}", "sources"),
        ("{slug: a, name: X, sources: [t], colour: red}", "colour"),
    ],
)
def test_the_schema_refuses_bad_entries(tmp_path, entry, problem):
    path = tmp_path / "n.yaml"
    path.write_text(f"neighbourhoods:\n  - {entry}\n", encoding="utf-8")
    with pytest.raises(NeighbourhoodsError, match=problem):
        load_neighbourhoods(path)


def test_slugs_are_unique(tmp_path):
    path = tmp_path / "n.yaml"
    path.write_text(
        "neighbourhoods:\n  - {slug: a, name: A, sources: [t]}\n  - {slug: a, name: B, sources: [t]}\n",
        encoding="utf-8",
    )
    with pytest.raises(NeighbourhoodsError, match="used twice: a"):
        load_neighbourhoods(path)

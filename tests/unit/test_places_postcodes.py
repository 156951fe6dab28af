"""Postcodes as people type them: normalised, or refused."""

from __future__ import annotations

import pytest

from app.places import validate_postcode
from app.places.postcodes import parse_postcode


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("NW5 1TL", "NW5 1TL"),
        ("nw51tl", "NW5 1TL"),
        ("  nw5   1tl ", "NW5 1TL"),
        ("NW5", "NW5"),
        ("nw5", "NW5"),
        ("WC1H 9JE", "WC1H 9JE"),
        ("wc1h9je", "WC1H 9JE"),
        ("WC1H", "WC1H"),
        ("N19", "N19"),
        ("n195aa", "N19 5AA"),
        ("W1A 1AA", "W1A 1AA"),
        ("EC1A1BB", "EC1A 1BB"),
        ("M1 1AE", "M1 1AE"),
    ],
)
def test_postcodes_are_normalised(typed, normalised):
    assert validate_postcode(typed) == normalised


@pytest.mark.parametrize(
    "garbage",
    ["", " ", None, "hello", "NW", "5NW", "NW5 1T", "NW5 1TLX", "NW5-1TL", "12345", "NW5 1TL; DROP TABLE", "Ω5 1TL"],
)
def test_garbage_is_not_a_postcode(garbage):
    assert validate_postcode(garbage) is None


def test_full_and_outward_codes_are_told_apart():
    full = parse_postcode("nw51tl")
    assert full is not None and full.is_full and full.outward == "NW5" and full.inward == "1TL"
    assert full.compact == "NW51TL"
    outward = parse_postcode("nw5")
    assert outward is not None and not outward.is_full and str(outward) == "NW5"


def test_very_long_input_is_refused_without_work():
    assert validate_postcode("NW5 1TL" + " " * 10_000) is None

"""The synthetic generator's rows, without a database: deterministic, clearly fake, realistically varied."""

from __future__ import annotations

import random
import re
from collections import Counter

from app.directory.models import Language, Location, Phone, Schedule, Service, ServiceAttribute
from app.directory.synthetic import _Maker, load_outcodes

TERMS = [f"term-{i}" for i in range(20)]
CAMDEN_DISTRICTS = re.compile(r"^(NW1|NW3|NW5|NW6|WC1[A-Z]?|WC2[A-Z]?|N6|N7|N19) \d[A-Z]{2}$")


def _rows(seed: int, count: int = 300) -> list[tuple[str, dict]]:
    maker = _Maker(random.Random(seed), TERMS, load_outcodes())
    return [(model.__name__, row) for n in range(1, count + 1) for model, row in maker.service(n)]


def test_the_same_seed_gives_the_same_rows_and_another_seed_does_not():
    assert _rows(1) == _rows(1)
    assert _rows(1) != _rows(2)


def test_every_record_is_flagged_and_clearly_fake():
    rows = _rows(7)
    services = [row for name, row in rows if name == Service.__name__]
    assert len(services) == 300
    assert all(row["synthetic"] and not row["verified"] for row in services)
    assert all(re.fullmatch(r"Synthetic service \d{5} \(test data\)", row["name"]) for row in services)
    assert all(row["synthetic"] for name, row in rows if name == Location.__name__)
    # Ofcom's drama range for London numbers: never a real line.
    assert all(re.fullmatch(r"020 7946 0\d{3}", row["number"]) for name, row in rows if name == Phone.__name__)


def test_descriptions_are_about_sixty_words():
    services = [row for name, row in _rows(3) if name == Service.__name__]
    assert all(len(row["description"].split()) == 60 for row in services)


def test_the_data_has_realistic_variety():
    rows = _rows(11, 1000)
    by_model = Counter(name for name, _row in rows)
    services = [row for name, row in rows if name == Service.__name__]
    assert by_model[ServiceAttribute.__name__] > 1000  # one to three categories each
    assert by_model[Language.__name__] > 1000  # English plus others
    assert {row["status"] for row in services} == {"active", "temporarily closed", "inactive", "defunct"}
    assert any(row["assured_date"] is None for row in services)
    assert any(row["assured_date"] is not None for row in services)
    schedules = [row for name, row in rows if name == Schedule.__name__]
    assert any(row.get("is_exception") for row in schedules) and any(not row.get("is_exception") for row in schedules)
    postcodes = [row["postal_code"] for name, row in rows if name == "Address"]
    assert postcodes and all(CAMDEN_DISTRICTS.match(code) for code in postcodes)
    assert {row["taxonomy_term_id"] for name, row in rows if name == ServiceAttribute.__name__} == set(TERMS)


def test_ids_are_unique_uuids():
    ids = [row["id"] for _name, row in _rows(5)]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", i) for i in ids)

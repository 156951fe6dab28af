"""What readers see of a record: opening times, how recently it was checked, language names, ages, costs,
and translated fields with their status. Plain objects, no database."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from app.directory import display
from app.directory.models import CostOption, Schedule
from app.directory.translation import RecordTranslation, effective_status, fields_hash, record_hash, translated_fields
from tests.support.site_pages import content_app

TODAY = dt.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def request_context():
    # Interface words (gettext) follow the request's language: English here. Dates and names take `lang`.
    with content_app().test_request_context("/en/"):
        yield


def _weekly(byday, opens, closes, **extra):
    return Schedule(
        freq="WEEKLY",
        byday=byday,
        opens_at=dt.time.fromisoformat(opens),
        closes_at=dt.time.fromisoformat(closes),
        is_exception=False,
        closed=False,
        **extra,
    )


def test_weekly_hours_become_a_row_a_day_in_the_readers_language():
    times = display.opening_times(
        [_weekly("MO,TU,WE,TH,FR", "09:00", "17:00"), _weekly("SA", "10:00", "13:00")], "en", TODAY
    )
    assert [row.day for row in times.week] == [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ]  # fmt: skip
    assert times.week[0].hours == ["9:00\u202fAM to 5:00\u202fPM"] or times.week[0].hours == ["9:00 AM to 5:00 PM"]
    assert times.week[6].hours == []  # closed on Sunday
    bengali = display.opening_times([_weekly("MO", "09:00", "17:00")], "bn", TODAY)
    assert bengali.week[0].day == "সোমবার"


def test_round_the_clock_hours_say_so():
    times = display.opening_times([_weekly("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")], "en", TODAY)
    assert all(row.hours == ["Open 24 hours"] for row in times.week)


def test_exceptions_show_upcoming_dates_only():
    past = Schedule(valid_from=dt.date(2025, 12, 25), valid_to=dt.date(2025, 12, 25), is_exception=True, closed=True)
    coming = Schedule(
        valid_from=dt.date(2026, 4, 3),
        valid_to=dt.date(2026, 4, 6),
        is_exception=True,
        closed=True,
        description="Easter",
    )
    times = display.opening_times([past, coming], "en", TODAY)
    assert len(times.exceptions) == 1
    assert times.exceptions[0].closed and times.exceptions[0].description == "Easter"
    assert "April" in times.exceptions[0].dates
    assert times.week == [] and times.known


def test_no_schedules_means_not_known_and_expired_hours_are_ignored():
    assert not display.opening_times([], "en", TODAY).known
    expired = _weekly("MO", "09:00", "17:00", valid_to=dt.date(2025, 1, 1))
    assert not display.opening_times([expired], "en", TODAY).known


@pytest.mark.parametrize(
    ("assured", "state"),
    [
        (None, "never"),
        (dt.date(2026, 1, 5), "recent"),
        (dt.date(2025, 9, 10), "recent"),
        (dt.date(2025, 9, 9), "stale"),
    ],
)
def test_check_state(assured, state):
    assert display.check_state(assured, TODAY) == state


def test_months_before_clamps_the_day():
    assert display.months_before(dt.date(2026, 8, 31), 6) == dt.date(2026, 2, 28)
    assert display.months_before(dt.date(2026, 3, 10), 6) == dt.date(2025, 9, 10)


def test_language_names_are_in_the_readers_language():
    assert display.language_name("so", "bn") == "সোমালি"
    assert display.language_name("bn", "ar") == "البنغالية"
    assert display.language_name("bfi", "en") == "British Sign Language"  # not in CLDR: our own list
    assert display.language_name("xx", "en") == "xx"


def test_ages_costs_and_audiences():
    assert display.age_text(18, None) == "18 or over"
    assert display.age_text(None, 64) == "Under 65"
    assert display.age_text(18, 25) == "18 to 25 years old"
    assert display.age_text(None, None) is None
    assert display.cost_text(CostOption(amount=0), "en") == "Free"
    assert display.cost_text(CostOption(amount=12.5, currency="GBP"), "en") == "£12.50"
    assert display.cost_text(CostOption(amount=None), "en") == "Cost not known"
    assert display.audience_labels(["carers", "unknown"]) == ["Unpaid carers"]


def test_paragraphs_and_excerpts():
    assert display.paragraphs("One\nline.\n\nTwo.") == ["One line.", "Two."]
    assert display.paragraphs(None) == []
    assert display.excerpt("a " * 40, words=3) == "a a a …"


# -- translations of record fields --------------------------------------------------------------------------
def _service(**fields):
    base = {"id": "s1", "description": "Help for carers.", "eligibility_description": None, "alert": None}
    return SimpleNamespace(**{**base, **fields})


def test_a_current_translation_is_shown_with_its_status():
    service = _service()
    row = RecordTranslation(
        fields={"description": "কেয়ারারদের জন্য সাহায্য।"},
        status="machine-draft",
        source_hash=record_hash("service", service),
    )
    shown = translated_fields("service", service, "bn", row)
    assert shown["description"].text == "কেয়ারারদের জন্য সাহায্য।"
    assert (shown["description"].lang, shown["description"].status) == ("bn", "machine-draft")
    assert shown["eligibility_description"].text is None


def test_an_old_translation_is_outdated_and_a_missing_one_falls_back_to_english():
    service = _service()
    row = RecordTranslation(fields={"description": "পুরনো"}, status="reviewed", source_hash=fields_hash(["Old text"]))
    assert translated_fields("service", service, "bn", row)["description"].status == "outdated"
    missing = translated_fields("service", service, "so", None)["description"]
    assert (missing.text, missing.lang, missing.status) == ("Help for carers.", "en", "missing")
    english = translated_fields("service", service, "en", None)["description"]
    assert english.status == "original" and not english.is_translated


def test_effective_status():
    assert effective_status(None, None, "h") == "missing"
    assert effective_status("reviewed", "old", "new") == "outdated"
    assert effective_status("human-draft", "h", "h") == "human-draft"

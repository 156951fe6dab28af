"""Anonymous counts for the Board, on SQLite and PostgreSQL: what is stored when someone reaches the result (and
what is not), the board-viewer's statistics page and CSV with small counts suppressed, who may see them, the
staff home task, and retention."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from sqlalchemy import inspect, select

from app.extensions import db
from app.models import utcnow
from app.purge import purge
from app.questionnaire.models import ALL_RESULTS, QuestionnaireCount
from app.questionnaire.stats import record
from app.retention import ITEMS
from tests.integration.test_auth_support import (
    cheap_password_hashing,  # noqa: F401 - an autouse fixture
    is_sign_in_redirect,
    make_user,
    signed_in_client,
    staff_client,
)
from tests.integration.test_questionnaire_support import RESULT, answer_all, checked
from tests.unit.test_questionnaire_outcomes import CARER

PAGE = "/{lang}/staff/questionnaire-statistics"
CSV = "/{lang}/staff/questionnaire-statistics.csv"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def today(any_app, monkeypatch):
    monkeypatch.setitem(any_app.config, "QUESTIONNAIRE_TODAY", TODAY)


def _rows() -> list[QuestionnaireCount]:
    db.session.expire_all()
    return list(db.session.scalars(select(QuestionnaireCount).order_by(QuestionnaireCount.outcome)))


def _board_viewer(app):
    make_user("board@camden.invalid", name="Board", grants=[("board-viewer", None)])
    return signed_in_client(app, "board@camden.invalid")


def test_reaching_the_result_counts_it_without_personal_data(any_app, any_client):
    answer_all(any_client, "ar", CARER)
    columns = {column["name"] for column in inspect(db.engine).get_columns("questionnaire_counts")}
    assert columns == {"id", "questionnaire", "iso_week", "week_start", "lang", "outcome", "count"}
    rows = _rows()
    week = utcnow().isocalendar()
    assert {row.iso_week for row in rows} == {f"{week[0]}-W{week[1]:02d}"}
    assert {row.lang for row in rows} == {"ar"}
    assert {row.count for row in rows} == {1}
    assert {row.week_start.weekday() for row in rows} == {0}  # a Monday at midnight: no time of day
    assert {row.week_start.time() for row in rows} == {dt.time()}
    assert [row.outcome for row in rows] == sorted(
        [
            ALL_RESULTS,
            "carer-conversation",
            "carers-allowance",
            "carers-credit",
            "carers-breaks",
            "carers-leave",
            "local-organisations",
        ]
    )
    stored = " ".join(f"{row.questionnaire} {row.iso_week} {row.lang} {row.outcome}" for row in rows)
    for answer in ("35-or-more", "26-to-state-pension-age", "personal-care", "up-to-limit"):
        assert answer not in stored


def test_a_result_is_counted_once_and_each_person_adds_one(any_app, any_client):
    answer_all(any_client, "en", CARER)
    assert any_client.get(RESULT.format(lang="en")).status_code == 200  # a reload
    assert {row.outcome: row.count for row in _rows()}[ALL_RESULTS] == 1
    answer_all(any_app.test_client(), "en", CARER)
    assert {row.outcome: row.count for row in _rows()}[ALL_RESULTS] == 2


def test_counts_from_different_weeks_and_languages_are_kept_apart(any_app):
    record("am-i-a-carer", "en", ["not-a-carer"], now=dt.datetime(2026, 11, 23, 9))
    record("am-i-a-carer", "en", ["not-a-carer"], now=dt.datetime(2026, 11, 29, 23))
    record("am-i-a-carer", "bn", ["not-a-carer"], now=dt.datetime(2026, 11, 30, 0, 1))
    cells = {(r.iso_week, r.lang, r.outcome): r.count for r in _rows()}
    assert cells[("2026-W48", "en", ALL_RESULTS)] == 2
    assert cells[("2026-W49", "bn", "not-a-carer")] == 1


def _results(count: int, lang: str, outcomes: list[str], week: dt.datetime) -> None:
    for _ in range(count):
        record("am-i-a-carer", lang, outcomes, now=week)


def test_the_statistics_page_suppresses_small_counts(any_app):
    this_week = dt.datetime(2026, 11, 23, 12)
    _results(7, "en", ["not-a-carer"], this_week)
    _results(2, "ar", ["young-carer", "carers-credit"], this_week)
    client = _board_viewer(any_app)
    response = client.get(PAGE.format(lang="en"))
    soup = checked(client, response, PAGE.format(lang="en"))
    assert response.headers["Cache-Control"] == "no-store"
    table = soup.find("caption", string=lambda s: s and "by ISO week" in s).find_parent("table")
    row = table.find("th", string="2026-W48").find_parent("tr")
    cells = [" ".join(td.get_text().split()) for td in row.find_all("td")]
    # en 7, bn 0, so 0, ar 2 -> fewer than 5; the 7 would give the 2 away from the week's total 9, so it is
    # withheld too.
    assert cells == ["not shown", "0", "0", "fewer than 5", "9"]
    text = soup.get_text()
    assert "fewer than 5" in text
    svgs = soup.select("svg[role=img]")
    assert len(svgs) == 2
    for svg in svgs:
        labelled = svg["aria-labelledby"].split()
        assert all(soup.find(id=i) for i in labelled)
    weekly = svgs[0]
    assert "9" in [t.get_text() for t in weekly.select("text.app-chart__value")]
    outcome_rows = {
        " ".join(tr.th.get_text().split()): " ".join(tr.td.get_text().split())
        for tr in soup.find("caption", string=lambda s: s and "each outcome" in s)
        .find_parent("table")
        .tbody.find_all("tr")
    }
    assert outcome_rows["You may be able to get Carer's Credit"] == "fewer than 5"
    assert outcome_rows["All results"] == "9"


def test_the_csv_applies_the_same_suppression(any_app):
    _results(6, "en", ["not-a-carer"], dt.datetime(2026, 11, 23, 12))
    _results(1, "so", ["paid-carer"], dt.datetime(2026, 11, 16, 12))
    response = _board_viewer(any_app).get(CSV.format(lang="en"))
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    figures = {tuple(row[:4]): row[4] for row in rows[1:]}
    assert figures[("results-by-week-and-language", "2026-W47", "so", "")] == "fewer than 5"
    assert figures[("results-by-outcome", "total", "total", "paid-carer")] == "fewer than 5"
    assert figures[("results-by-outcome", "total", "total", "all-results")] == "7"
    # With 7 results in all, the 6 in English (and the outcome every English result showed) would give the 1
    # away by subtraction, so they are withheld too.
    assert figures[("results-by-week-and-language", "2026-W48", "en", "")] == "withheld"
    assert figures[("results-by-outcome", "total", "total", "not-a-carer")] == "withheld"
    assert "1" not in figures.values() and "6" not in figures.values()


def test_the_statistics_need_the_board_viewer_role(any_app):
    make_user("adviser@camden.invalid", name="Adviser", grants=[("adviser", None)])
    adviser = signed_in_client(any_app, "adviser@camden.invalid")
    for url in (PAGE.format(lang="en"), CSV.format(lang="en")):
        assert is_sign_in_redirect(staff_client(any_app).get(url), next=url)
        assert adviser.get(url).status_code == 403
    assert _board_viewer(any_app).get("/en/staff/questionnaire-statistics.xml").status_code == 404


def test_the_staff_home_offers_the_statistics_to_board_viewers_only(any_app):
    board = _board_viewer(any_app)
    assert "/en/staff/questionnaire-statistics" in board.get("/en/staff/").get_data(as_text=True)
    make_user("editor@camden.invalid", name="Editor", grants=[("editor", None)])
    editor = signed_in_client(any_app, "editor@camden.invalid")
    assert "questionnaire-statistics" not in editor.get("/en/staff/").get_data(as_text=True)


def test_the_statistics_page_in_arabic_is_right_to_left(any_app):
    _results(5, "en", ["not-a-carer"], dt.datetime(2026, 11, 23, 12))
    client = _board_viewer(any_app)
    soup = checked(client, client.get(PAGE.format(lang="ar")), PAGE.format(lang="ar"))
    bar = soup.select("svg")[0].select_one("rect.app-chart__bar")
    assert int(float(bar["x"])) + int(float(bar["width"])) == 600  # bars grow from the right


def test_an_empty_page_says_so(any_app):
    client = _board_viewer(any_app)
    soup = checked(client, client.get(PAGE.format(lang="en")), PAGE.format(lang="en"))
    assert "No results have been counted yet." in soup.get_text()


def test_counts_are_kept_for_their_retention_period(any_app):
    days = any_app.config["RETENTION_DAYS"]["questionnaire_counts"]
    assert "questionnaire_counts" in [item.key for item in ITEMS]
    now = utcnow()
    record("am-i-a-carer", "en", ["not-a-carer"], now=now - dt.timedelta(days=days + 8))
    record("am-i-a-carer", "en", ["not-a-carer"], now=now - dt.timedelta(days=days - 8))
    purge()
    rows = _rows()
    assert rows and all(row.week_start > now - dt.timedelta(days=days + 1) for row in rows)

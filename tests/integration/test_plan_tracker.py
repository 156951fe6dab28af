"""The Carers Action Plan's tracker on SQLite and PostgreSQL: the seed, the public tracker pages and feeds, and the
plan editor (versions, stale edits, validation, tampered and replayed posts)."""

from __future__ import annotations

import datetime as dt

import feedparser
import pytest
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from app.auth.models import AuditEvent
from app.extensions import db, limiter
from app.plan import tracker
from app.plan.models import ActionVersion, PlanAction, ProgressUpdate, StepTranslation
from tests.integration.test_auth_support import (
    another_app,
    cheap_password_hashing,  # noqa: F401 - an autouse fixture
    error_texts,
    make_user,
    run_cli,
    signed_in_client,
)
from tests.support.i18n_text import translated
from tests.support.site_pages import site_languages

TRACKER = "/en/carers-action-plan/tracker"
EDITOR = "/en/staff/plan/"
EDITOR_EMAIL = "pat@camden.invalid"
BOARD_BLANK = "To be set by the Board"


def _seed(app) -> str:
    result = run_cli(app, ["plan", "seed"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    return result.output


@pytest.fixture
def seeded(any_app):
    _seed(any_app)
    return any_app


@pytest.fixture
def editor(seeded):
    make_user(EDITOR_EMAIL, name="Pat Plan", grants=[("plan-editor", None)])
    return signed_in_client(seeded, EDITOR_EMAIL)


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def _action(number: int) -> PlanAction:
    db.session.expire_all()
    found = tracker.get_action(number)
    assert found is not None
    return found


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _form_values(client, url: str) -> dict[str, str]:
    """What a browser would send from the page's form, unchanged."""
    response = client.get(url)
    assert response.status_code == 200, url
    form = _soup(response).find("form", attrs={"method": "post", "action": url})
    values = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") == "submit":
            continue
        if field.name == "textarea":
            values[name] = field.get_text()
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            values[name] = chosen["value"] if chosen else ""
        elif field.get("type") == "radio":
            if field.has_attr("checked"):
                values[name] = field["value"]
        else:
            values[name] = field.get("value", "")
    return values


def _edit_url(number: int, lang: str = "en") -> str:
    return f"/{lang}/staff/plan/actions/{number}/edit"


# -- the seed ------------------------------------------------------------------------------------------------


def test_the_seed_is_idempotent(any_app):
    first = _seed(any_app)
    counts = [_count(m) for m in (PlanAction, ActionVersion, ProgressUpdate, StepTranslation)]
    assert counts == [9, 11, 2, 24]  # 9 actions, 9 first versions + 2 progress versions, 8 steps x 3 languages
    assert "actions created: 9" in first
    second = _seed(any_app)
    assert "actions created: 0" in second and "progress updates added: 0" in second
    assert [_count(m) for m in (PlanAction, ActionVersion, ProgressUpdate, StepTranslation)] == counts


def test_the_seed_is_honest(seeded):
    for action in tracker.all_actions():
        current = action.current
        assert current.status == "not-yet-reported"
        assert (current.outcome_measure, current.success, current.lead, current.timescale) == (None,) * 4
        expected_kind = "progress-update" if action.number in (3, 4) else "seeded"
        assert current.kind == expected_kind, action.number
    assert _action(9).current.step is None
    assert {u.action.number for u in db.session.scalars(select(ProgressUpdate))} == {3, 4}


def test_the_seed_never_overwrites_an_action_a_plan_editor_changed(seeded):
    one = _action(1)
    values = tracker.Values.of(one.current)
    tracker.edit_action(one, 1, tracker.Values(**{**values.as_dict(), "status": "in-progress"}), actor=None)
    db.session.commit()
    _seed(seeded)
    assert _action(1).current.status == "in-progress" and _action(1).version == 2


# -- public pages --------------------------------------------------------------------------------------------


def _row_numbers(response) -> list[int]:
    table = _soup(response).find("table", class_="app-plan-table")
    if table is None:
        return []
    return [int(th.get_text(strip=True)) for th in table.select("tbody th[scope=row]")]


def test_the_tracker_filters_and_sorts_with_plain_links_and_a_get_form(seeded, any_client):
    page = any_client.get(TRACKER)
    soup = _soup(page)
    form = soup.find("form", class_="app-plan-filters")
    assert form["method"] == "get" and form["action"] == TRACKER
    assert {s["name"] for s in form.find_all("select")} == {"area", "status", "sort"}
    assert _row_numbers(page) == list(range(1, 10))
    assert all(th.get("scope") == "col" for th in soup.select("table.app-plan-table thead th"))
    assert page.get_data(as_text=True).count(BOARD_BLANK) >= 9 * 4

    assert _row_numbers(any_client.get(f"{TRACKER}?area=information-and-advice")) == [7, 8, 9]
    assert _row_numbers(any_client.get(f"{TRACKER}?status=not-yet-reported&area=communication")) == [1, 2, 3, 4, 5, 6]
    nothing = any_client.get(f"{TRACKER}?status=done")
    assert _row_numbers(nothing) == [] and "No actions match" in nothing.get_data(as_text=True)
    # Unknown values are no filter at all (an old bookmark still works).
    assert _row_numbers(any_client.get(f"{TRACKER}?area=nowhere&status=finished&sort=colour")) == list(range(1, 10))

    one = _action(9)
    tracker.edit_action(one, one.version, tracker.Values(area="communication", step=None, status="done"), actor=None)
    db.session.commit()
    by_status = any_client.get(f"{TRACKER}?sort=status")
    assert _row_numbers(by_status) == [1, 2, 3, 4, 5, 6, 7, 8, 9]  # not yet reported comes first
    assert _soup(by_status).find("th", attrs={"aria-sort": "ascending"}).get_text(strip=True) == "Status"
    assert _row_numbers(any_client.get(f"{TRACKER}?sort=area")) == [1, 2, 3, 4, 5, 6, 9, 7, 8]
    sort_links = [a["href"] for a in _soup(any_client.get(f"{TRACKER}?area=communication")).select("thead th a")]
    assert sort_links and all("area=communication" in link for link in sort_links)  # sorting keeps the filter


def test_the_tracker_shows_progress_by_area_as_a_chart_and_a_table(seeded, any_client):
    soup = _soup(any_client.get(TRACKER))
    chart = soup.find("svg", class_="app-plan-chart__svg")
    assert chart["role"] == "img" and chart["aria-label"]
    table = soup.find("table", class_="app-plan-chart-table")
    totals = {row.th.get_text(strip=True): row.find_all("td")[-1].get_text(strip=True) for row in table.tbody("tr")}
    assert totals["1. Communication"] == "6" and totals["2. Information and advice"] == "3"
    assert totals["8. Carers breaks"] == "0" and len(totals) == 11


def test_an_action_page_shows_its_progress_and_history(seeded, any_client):
    soup = _soup(any_client.get(f"{TRACKER}/actions/4"))
    assert soup.h1.get_text(strip=True) == "Action 4"
    assert soup.find(id="version-1") and soup.find(id="version-2")
    assert "developing and distributing leaflets and posters" in soup.find(id="version-2").get_text()
    assert "Scrutiny Committee" in soup.find(id="version-2").get_text()  # its source, by title
    assert soup.get_text().count(BOARD_BLANK) == 4
    nine = _soup(any_client.get(f"{TRACKER}/actions/9")).get_text()
    assert "not published here" in nine


@pytest.mark.parametrize(
    "url",
    [
        f"{TRACKER}/actions/99",
        f"{TRACKER}/actions/0",
        f"{TRACKER}/actions/four",
        f"{TRACKER}/areas/nowhere/feed.atom",
        "/en/carers-action-plan/no-such-area",
        "/xx/carers-action-plan/tracker",
    ],
)
def test_unknown_actions_and_areas_are_404(seeded, any_client, url):
    response = any_client.get(url)
    assert response.status_code == 404
    assert response.mimetype == "text/html" and "Page not found" in response.get_data(as_text=True)


def _feed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/atom+xml", url
    parsed = feedparser.parse(response.get_data())
    assert parsed.bozo == 0, f"{url}: {parsed.get('bozo_exception')}"
    assert parsed.feed.id and parsed.feed.title and parsed.feed.updated
    for entry in parsed.entries:
        assert entry.id and entry.title and entry.updated and entry.link and entry.content[0].value
    return parsed


@pytest.mark.parametrize("lang", site_languages())
def test_the_feeds_are_valid_atom(seeded, any_client, lang):
    whole = _feed(any_client, f"/{lang}/carers-action-plan/tracker/feed.atom")
    assert len(whole.entries) == 2 and whole.feed.language == lang
    assert {e.link.rsplit("/", 1)[-1] for e in whole.entries} == {"3#version-2", "4#version-2"}
    assert len(_feed(any_client, f"/{lang}/carers-action-plan/tracker/areas/communication/feed.atom").entries) == 2
    assert _feed(any_client, f"/{lang}/carers-action-plan/tracker/areas/carers-breaks/feed.atom").entries == []


# -- the plan editor -----------------------------------------------------------------------------------------


def test_an_edit_makes_a_new_version_shown_in_the_history_and_the_feed(editor, any_client):
    url = _edit_url(1)
    values = _form_values(editor, url)
    assert values["version"] == "1" and values["status"] == "not-yet-reported"
    values.update(status="in-progress", lead="Camden Carers")
    response = editor.post(url, data=values)
    assert response.status_code == 303
    action = _action(1)
    assert action.version == 2 and [v.version for v in action.versions] == [1, 2]
    assert action.versions[0].status == "not-yet-reported"  # nothing overwritten
    assert action.current.changed_fields == ["lead", "status"] and action.current.lead == "Camden Carers"

    history = _soup(any_client.get(f"{TRACKER}/actions/1")).find(id="version-2").get_text(" ", strip=True)
    assert "Changed" in history and "In progress" in history and "Camden Carers" in history
    assert "Pat" not in history  # public pages name a role, not a person
    entries = _feed(any_client, "/en/carers-action-plan/tracker/feed.atom").entries
    assert entries[0].title == "Action 1 changed: Lead organisation or role, Status"
    assert entries[0].link.endswith("/en/carers-action-plan/tracker/actions/1#version-2")
    assert len(_feed(any_client, "/en/carers-action-plan/tracker/areas/communication/feed.atom").entries) == 3
    audit = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "plan-action-changed")).one()
    assert audit.target == "plan action 1" and "version 2" in audit.detail


def test_saving_without_a_change_writes_nothing(editor):
    response = editor.post(_edit_url(2), data=_form_values(editor, _edit_url(2)))
    assert response.status_code == 303
    assert _action(2).version == 1


def test_a_stale_edit_is_refused_and_the_typed_text_is_kept(editor):
    url = _edit_url(2)
    values = _form_values(editor, url)  # loaded at version 1
    other = _action(2)
    tracker.edit_action(
        other,
        1,
        tracker.Values(**{**tracker.Values.of(other.current).as_dict(), "timescale": "March 2026"}),
        actor=None,
    )
    db.session.commit()
    typed = "Agree, with carers, the words used to describe carers: my new wording."
    response = editor.post(url, data={**values, "step": typed})
    assert response.status_code == 409
    soup = _soup(response)
    assert "Your changes have not been saved" in soup.get_text()
    assert soup.find("textarea", attrs={"name": "step"}).get_text() == typed
    assert "March 2026" in soup.find("dl", class_="govuk-summary-list").get_text()  # what it says now
    assert soup.find("input", attrs={"name": "version"})["value"] == "2"
    action = _action(2)
    assert action.version == 2 and action.current.step != typed


def test_a_replayed_post_changes_nothing(editor):
    url = _edit_url(5)
    values = {**_form_values(editor, url), "status": "not-started"}
    assert editor.post(url, data=values).status_code == 303
    assert editor.post(url, data=values).status_code == 409
    assert _action(5).version == 2 and _count(ActionVersion) == 12


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"version": None}, 400),
        ({"version": "two"}, 400),
        ({"status": "finished"}, 400),
        ({"area": "nowhere"}, 400),
        ({"csrf_token": "forged"}, 400),
    ],
    ids=["no-version", "bad-version", "unknown-status", "unknown-area", "bad-csrf"],
)
def test_tampered_posts_change_nothing(editor, change, status):
    url = _edit_url(6)
    values = {**_form_values(editor, url), "step": "Something else entirely."}
    for key, value in change.items():
        if value is None:
            values.pop(key)
        else:
            values[key] = value
    assert editor.post(url, data=values).status_code == status
    assert _action(6).version == 1 and _count(ActionVersion) == 11


@pytest.mark.parametrize("lang", ["en", "bn", "ar"])
def test_validation_errors_are_summarised_in_the_editors_language(editor, seeded, lang):
    url = _edit_url(7, lang)
    values = {**_form_values(editor, url), "step": "   ", "lead": "x" * 201}
    response = editor.post(url, data=values)
    assert response.status_code == 400
    summary = _soup(response).find(class_="govuk-error-summary")
    links = {a["href"]: a.get_text(strip=True) for a in summary.find_all("a")}
    assert links["#step"] == translated(seeded, lang, "Enter the step")
    assert "#lead" in links
    assert _action(7).version == 1


def test_a_progress_update_is_a_new_version_in_the_history_and_the_feed(editor, any_client):
    url = "/en/staff/plan/actions/8/progress"
    values = _form_values(editor, url)
    today = dt.date.today()
    values.update(day=str(today.day), month=str(today.month), year=str(today.year), text="Mapping has begun.")
    assert editor.post(url, data=values).status_code == 303
    action = _action(8)
    assert action.version == 2 and action.current.kind == "progress-update"
    assert action.progress_updates[0].text == "Mapping has begun." and action.progress_updates[0].on_date == today
    assert "Mapping has begun." in any_client.get(f"{TRACKER}/actions/8").get_data(as_text=True)
    entry = _feed(any_client, "/en/carers-action-plan/tracker/areas/information-and-advice/feed.atom").entries[0]
    assert entry.title == "Action 8: progress update" and "Mapping has begun." in entry.content[0].value
    assert editor.post(url, data=values).status_code == 409  # the same post again: refused
    assert _count(ProgressUpdate) == 3


@pytest.mark.parametrize(
    ("date", "message"),
    [
        (("", "", ""), "Enter the date of the progress"),
        (("31", "2", "2025"), "The date must be a real date"),
        (("1", "1", "2999"), "Enter a year from 2024, when the plan was launched"),
        (("x", "1", "2025"), "The date must include a day, month and year, in numbers"),
    ],
)
def test_progress_dates_are_checked(editor, date, message):
    url = "/en/staff/plan/actions/8/progress"
    values = {**_form_values(editor, url), "day": date[0], "month": date[1], "year": date[2], "text": "Something."}
    response = editor.post(url, data=values)
    assert response.status_code == 400
    assert message in " ".join(error_texts(response.get_data(as_text=True)))
    assert _soup(response).find(class_="govuk-error-summary").find("a")["href"] == "#date-day"
    assert _count(ProgressUpdate) == 2


def test_a_future_date_is_refused(editor):
    url = "/en/staff/plan/actions/8/progress"
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    values = _form_values(editor, url)
    values.update(day=str(tomorrow.day), month=str(tomorrow.month), year=str(tomorrow.year), text="Soon.")
    response = editor.post(url, data=values)
    assert response.status_code == 400 and "today or in the past" in response.get_data(as_text=True)


def test_a_new_action_appears_in_its_area_and_numbers_are_unique(editor, any_client):
    url = "/en/staff/plan/actions/new"
    values = _form_values(editor, url)
    values.update(
        number="10", area="carers-breaks", step="Find out which breaks carers can book.", status="not-started"
    )
    assert editor.post(url, data=values).status_code == 303
    assert _action(10).current.kind == "created" and _action(10).version == 1
    area_page = any_client.get("/en/carers-action-plan/carers-breaks").get_data(as_text=True)
    assert "Find out which breaks carers can book." in area_page and "Not started" in area_page
    assert _feed(any_client, "/en/carers-action-plan/tracker/areas/carers-breaks/feed.atom").entries[0].title == (
        "Action 10 added to the tracker"
    )
    again = editor.post(url, data=values)
    assert again.status_code == 400 and "There is already an action 10" in again.get_data(as_text=True)
    for bad in ("0", "ten", "1000"):
        response = editor.post(url, data={**values, "number": bad})
        assert response.status_code == 400 and "whole number from 1 to 999" in response.get_data(as_text=True)
    assert _count(PlanAction) == 10


def test_concurrent_edits_based_on_the_same_version_cannot_both_win(seeded):
    # Two editors loaded version 1; the first saves. The second's action was read before that save (a
    # detached copy stands in for the other worker's), so only the conditional UPDATE can stop it.
    seen = _action(1)
    db.session.expunge(seen)
    values = tracker.Values.of(seen.current).as_dict()
    tracker.edit_action(_action(1), 1, tracker.Values(**{**values, "status": "in-progress"}), actor=None)
    db.session.commit()
    with pytest.raises(tracker.StaleEdit) as refused:
        tracker.edit_action(seen, 1, tracker.Values(**{**values, "status": "paused"}), actor=None)
    assert refused.value.action.version == 2
    assert _action(1).current.status == "in-progress" and _count(ActionVersion) == 12


def test_the_staff_home_offers_the_plan_editor_to_plan_editors_only(editor, seeded):
    assert "Carers Action Plan tracker" in editor.get("/en/staff/").get_data(as_text=True)
    make_user("val@camden.invalid", name="Val", grants=[("board-viewer", None)])
    other = signed_in_client(seeded, "val@camden.invalid")
    assert "Carers Action Plan tracker" not in other.get("/en/staff/").get_data(as_text=True)
    assert other.get(EDITOR).status_code == 403


def test_editor_pages_are_private_and_pass_the_page_checks(editor, get_page):
    for url in (EDITOR, _edit_url(1), "/en/staff/plan/actions/1/progress", "/en/staff/plan/actions/new"):
        get_page(editor, url)
        assert editor.get(url).headers["Cache-Control"] == "no-store"


def test_editor_posts_are_rate_limited(seeded):
    make_user(EDITOR_EMAIL, name="Pat Plan", grants=[("plan-editor", None)])
    enabled = limiter.enabled
    try:
        with another_app(seeded, RATELIMIT_ENABLED=True, FORM_RATE_LIMIT="2 per minute") as limited:
            client = signed_in_client(limited, EDITOR_EMAIL)
            url = _edit_url(1)
            values = {**_form_values(client, url), "step": ""}  # invalid: nothing is saved
            assert [client.post(url, data=values).status_code for _ in range(3)] == [400, 400, 429]
    finally:
        limiter.enabled = enabled
    assert _action(1).version == 1

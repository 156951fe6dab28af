"""“Am I a carer?” through the test client: every path with JavaScript off, htmx fragments, and bad input.

Every page on the way is checked (tests/support/page_checks: valid HTML, one h1 that starts the title, unique
ids, forms with actions and CSRF tokens, labels, language marks). Bad input never gives a 500 or a wrong result:
it sends the reader to the question that is really next for them, with a message.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

import pytest

from app.questionnaire.flow import keep_on_way
from app.questionnaire.outcomes import decide
from app.questionnaire.paths import all_paths
from app.questionnaire.registry import AM_I_A_CARER, get, load_questionnaire
from tests.integration.test_questionnaire_support import (
    CHECK,
    HTMX,
    QUESTION,
    RESULT,
    START,
    START_AGAIN,
    answer_all,
    checked,
    fragment,
    location,
    notice_text,
    outcomes_shown,
    page,
    post_answer,
    token,
)
from tests.unit.test_questionnaire_outcomes import CARER, _expected

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def today(app, monkeypatch):
    monkeypatch.setitem(app.config, "QUESTIONNAIRE_TODAY", TODAY)


def _path_ids() -> list[str]:
    """Every path's name (its answers), read from the files without an app, for the test ids."""
    root = Path(__file__).resolve().parents[2] / "content"
    questionnaire = load_questionnaire(root / "questionnaires", AM_I_A_CARER, ["en"], "en")
    return [str(path) for path in all_paths(questionnaire.definition)]


PATHS = _path_ids()


# -- Every path, JavaScript off -----------------------------------------------------------------------------


@pytest.mark.parametrize("path_id", PATHS)
def test_every_path_lands_on_a_result_that_matches_the_rules(app, client, path_id):
    definition = get().definition
    path = next(p for p in all_paths(definition) if str(p) == path_id)
    soup = answer_all(client, "en", path.answers)
    period = get().rules.in_force(TODAY)
    decision = decide(definition, path.answers, period)
    assert outcomes_shown(soup) == list(decision.ids)
    assert set(decision.ids) == _expected(path.answers, period)
    assert soup.h1.get_text(strip=True) == definition.texts[f"result-headline-{decision.headline}"]


def test_35_hours_benefit_age_26_not_studying_under_the_limit_shows_carers_allowance_today(client):
    soup = answer_all(client, "en", CARER)
    section = soup.select_one("#outcome-carers-allowance")
    text = " ".join(section.get_text(" ").split())
    assert "You may be able to get Carer's Allowance" in text
    assert "£86.45 a week (from 6 April 2026)" in text
    assert "£204 a week or less" in text
    assert "Check with GOV.UK" in text
    checker = get().rules.carers_allowance_checker
    assert section.find("a", href=checker) is not None
    conversation = soup.select_one("#outcome-carer-conversation")
    assert conversation.find("a", href="/en/carers/carer-conversations") is not None
    assert conversation.find("a", href="tel:02079744000") is not None
    assert "eligible" not in soup.get_text().lower()


def test_the_figures_before_6_april_2026_are_the_2025_ones(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "QUESTIONNAIRE_TODAY", dt.date(2026, 4, 5))
    text = " ".join(answer_all(client, "en", CARER).get_text(" ").split())
    assert "£83.30 a week (from 7 April 2025)" in text
    assert "£196 a week or less" in text
    assert "£86.45" not in text


def test_the_earnings_question_shows_the_limit_in_force(app, client, monkeypatch):
    answers = dict(CARER)
    monkeypatch.setitem(app.config, "QUESTIONNAIRE_TODAY", dt.date(2026, 4, 5))
    client.get(START.format(lang="en"))
    for qid in list(answers)[:-1]:
        post_answer(client, "en", qid, answers[qid])
    assert "£196 a week or less" in page(client, QUESTION.format(lang="en", qid="work")).get_text()
    monkeypatch.setitem(app.config, "QUESTIONNAIRE_TODAY", dt.date(2026, 4, 6))
    assert "£204 a week or less" in page(client, QUESTION.format(lang="en", qid="work")).get_text()


def test_under_18_is_the_young_carers_route(client):
    soup = answer_all(client, "en", {**CARER, "your-age": ("under-16",)})
    assert soup.h1.get_text(strip=True) == "You may be a young carer"
    assert outcomes_shown(soup)[0] == "young-carer"
    assert "carer-conversation" not in outcomes_shown(soup)


def test_20_to_34_hours_shows_carers_credit(client):
    shown = outcomes_shown(answer_all(client, "en", {**CARER, "hours": ("20-to-34",)}))
    assert "carers-credit" in shown and "carers-allowance" not in shown


def test_paid_care_says_you_may_not_be_an_unpaid_carer_and_still_points_to_information(client):
    soup = answer_all(client, "en", {**CARER, "paid": ("yes",)})
    assert soup.h1.get_text(strip=True) == "You may not be an unpaid carer"
    assert outcomes_shown(soup) == ["paid-carer"]
    assert soup.find("a", href="/en/carers/who-is-a-carer") is not None
    assert soup.find("a", href="/en/carers/") is not None


def test_helping_with_nothing_is_not_a_carer_kindly(client):
    soup = answer_all(client, "en", {**CARER, "tasks": ("none",)})
    assert soup.h1.get_text(strip=True) == "You may not be a carer at the moment"
    assert "Thank you for checking" in soup.get_text()


def test_services_from_the_directory_five_per_outcome_never_synthetic(app, client):
    from tests.integration.test_directory_pages import _make_services

    real = _make_services(7, "assessments")
    fake = _make_services(1, "assessments", synthetic=True)
    soup = answer_all(client, "en", CARER)
    listed = soup.select("#outcome-carer-conversation .app-questionnaire-outcome__services a")
    names = [a.get_text(strip=True) for a in listed]
    assert names == sorted(s.name for s in real)[:5]
    assert fake[0].id not in str(soup)
    more = soup.select_one("#outcome-carer-conversation").find("a", href="/en/services/categories/assessments")
    assert more is not None


def test_the_result_in_arabic_is_right_to_left_with_english_marked(client):
    soup = answer_all(client, "ar", CARER)
    assert soup.html["dir"] == "rtl"
    h1 = soup.h1.find("span")
    assert (h1["lang"], h1["dir"]) == ("en", "ltr")  # not translated yet: English, marked so
    notice = soup.select_one(".app-translation-notice--missing")
    assert notice is not None
    # Figures are formatted for the text's language (English here), phone links stay left to right.
    assert "£86.45" in soup.select_one("#outcome-carers-allowance").get_text()


@pytest.mark.parametrize("lang", ["bn", "so"])
def test_every_question_in_other_languages(client, lang):
    answer_all(client, lang, CARER)


# -- Check your answers and changing an answer --------------------------------------------------------------


def _complete(client, lang="en", answers=CARER):
    """Answer along the flow while `answers` has the next question's answer."""
    client.get(START.format(lang=lang))
    qid = get().definition.first.id
    while qid in answers:
        response = post_answer(client, lang, qid, answers[qid])
        assert response.status_code == 303, (qid, response.status_code)
        qid = location(response).split("/questions/")[-1]


def test_check_your_answers_lists_every_answer_with_a_change_link(client):
    _complete(client)
    soup = page(client, CHECK.format(lang="en"))
    rows = soup.select(".govuk-summary-list__row")
    assert len(rows) == len(CARER)
    change = rows[3].select_one(".govuk-summary-list__actions a")
    assert change["href"] == "/en/am-i-a-carer/questions/hours?change=yes"
    assert "Hours a week" in change.get_text()  # the visually hidden part says what changes


def test_a_change_goes_back_to_check_your_answers(client):
    _complete(client)
    url = QUESTION.format(lang="en", qid="hours") + "?change=yes"
    soup = page(client, url)
    assert soup.select_one(".govuk-back-link")["href"] == CHECK.format(lang="en")
    response = post_answer(client, "en", "hours", "35-or-more", soup=soup, query="?change=yes")
    assert location(response) == CHECK.format(lang="en")


def test_a_change_that_needs_new_answers_asks_them_then_returns(client):
    _complete(client, answers={**CARER, "hours": ("under-20",)})
    response = post_answer(client, "en", "hours", "35-or-more", query="?change=yes")
    assert location(response) == QUESTION.format(lang="en", qid="their-benefit") + "?change=yes"
    response = post_answer(client, "en", "their-benefit", "yes", query="?change=yes")
    assert location(response) == QUESTION.format(lang="en", qid="study") + "?change=yes"
    response = post_answer(client, "en", "study", "not-studying", query="?change=yes")
    assert location(response) == CHECK.format(lang="en")


def test_going_back_and_continuing_keeps_the_order(client):
    _complete(client)
    response = post_answer(client, "en", "hours", "35-or-more")
    assert location(response) == QUESTION.format(lang="en", qid="paid")
    soup = page(client, QUESTION.format(lang="en", qid="paid"))
    assert soup.find("input", {"value": "no"}).has_attr("checked"), "earlier answers are shown selected"


def test_start_again_clears_the_answers(client):
    _complete(client)
    soup = page(client, START.format(lang="en"))
    assert "carry on where you left off" in soup.get_text()
    response = client.post(START_AGAIN.format(lang="en"), data={"csrf_token": token(soup)})
    assert location(response) == START.format(lang="en")
    soup = page(client, START.format(lang="en"))
    assert "Your answers have been cleared." in notice_text(soup)
    assert location(client.get(RESULT.format(lang="en"))) == QUESTION.format(lang="en", qid="helps-someone")


def test_answers_live_only_in_the_session_cookie(app, client):
    from sqlalchemy import inspect

    from app.extensions import db

    tables_before = {
        t: db.session.execute(db.text(f'SELECT COUNT(*) FROM "{t}"')).scalar()
        for t in inspect(db.engine).get_table_names()
    }
    _complete(client)
    tables_after = {
        t: db.session.execute(db.text(f'SELECT COUNT(*) FROM "{t}"')).scalar()
        for t in inspect(db.engine).get_table_names()
    }
    assert tables_after == tables_before, "answering writes nothing to the database (only the result is counted)"
    with client.session_transaction() as session:
        assert session["questionnaire:am-i-a-carer"]["answers"]["hours"] == ["35-or-more"]


def test_pages_are_never_cached(client):
    response = client.get(START.format(lang="en"))
    assert "no-store" in response.headers["Cache-Control"]
    assert "HX-Request" in response.headers["Vary"]


# -- htmx ---------------------------------------------------------------------------------------------------


def test_htmx_answer_swaps_in_the_next_question(client):
    soup = page(client, QUESTION.format(lang="en", qid="helps-someone"))
    form = soup.find("form", attrs={"hx-post": "/en/am-i-a-carer/questions/helps-someone"})
    assert form["hx-target"] == "#questionnaire" and form["hx-swap"] == "outerHTML"
    response = post_answer(client, "en", "helps-someone", "yes", soup=soup, headers=HTMX)
    assert response.status_code == 200
    assert response.headers["HX-Push-Url"] == QUESTION.format(lang="en", qid="why")
    assert "HX-Request" in response.headers["Vary"]
    part = fragment(response)
    assert part.title.get_text() == "Why do they need your help? – Care and Support in Camden"
    wrapper = part.select_one("#questionnaire")
    heading = wrapper.select_one("h1[tabindex='-1']")
    assert heading.get_text(strip=True) == "Why do they need your help?"
    assert wrapper.find("form")["action"] == QUESTION.format(lang="en", qid="why")


def test_htmx_error_comes_back_as_the_question_with_its_error_focused(client):
    soup = page(client, QUESTION.format(lang="en", qid="helps-someone"))
    response = client.post(
        QUESTION.format(lang="en", qid="helps-someone"), data={"csrf_token": token(soup)}, headers=HTMX
    )
    assert response.status_code == 200
    part = fragment(response)
    summary = part.select_one(".govuk-error-summary")
    assert summary.has_attr("data-focus-on-swap")
    assert summary.find("a")["href"] == "#answer" and part.find(id="answer") is not None
    assert "HX-Push-Url" not in response.headers


def test_htmx_last_answer_swaps_in_check_your_answers(client):
    _complete(client, answers={k: v for k, v in CARER.items() if k != "work"})
    response = post_answer(client, "en", "work", "not-working", headers=HTMX)
    assert response.headers["HX-Push-Url"] == CHECK.format(lang="en")
    part = fragment(response)
    assert part.select_one("h1[tabindex='-1']").get_text(strip=True) == "Check your answers"
    assert len(part.select(".govuk-summary-list__row")) == len(CARER)


def test_htmx_get_gives_the_part_and_a_history_restore_the_page(client):
    url = QUESTION.format(lang="en", qid="helps-someone")
    fragment(client.get(url, headers=HTMX))
    response = client.get(url, headers={**HTMX, "HX-History-Restore-Request": "true"})
    checked(client, response, url)


def test_back_links_are_htmx_enhanced_links(client):
    _complete(client, answers={"helps-someone": ("yes",)})
    back = page(client, QUESTION.format(lang="en", qid="why")).select_one(".govuk-back-link")
    assert back["href"] == back["hx-get"] == QUESTION.format(lang="en", qid="helps-someone")
    assert back["hx-push-url"] == "true"


# -- Bad input ----------------------------------------------------------------------------------------------


def test_nothing_chosen_shows_the_error_summary_with_status_400(client):
    soup = page(client, QUESTION.format(lang="en", qid="helps-someone"))
    response = client.post(QUESTION.format(lang="en", qid="helps-someone"), data={"csrf_token": token(soup)})
    assert response.status_code == 400
    soup = checked(client, response, QUESTION.format(lang="en", qid="helps-someone"))
    assert "There is a problem" in soup.select_one(".govuk-error-summary").get_text()
    assert "Select whether you help someone" in soup.select_one(".govuk-error-message").get_text()
    assert soup.select_one(".govuk-form-group--error") is not None


@pytest.mark.parametrize("values", [["perhaps"], ["yes", "no"], ["<script>alert(1)</script>"], [""]])
def test_unknown_or_impossible_values_are_an_error_and_save_nothing(client, values):
    response = post_answer(client, "en", "helps-someone", values)
    assert response.status_code == 400
    assert "<script>alert" not in response.get_data(as_text=True)
    assert location(client.get(CHECK.format(lang="en"))) == QUESTION.format(lang="en", qid="helps-someone")


def test_none_of_these_with_something_else_is_an_error(client):
    _complete(client, answers={"helps-someone": ("yes",), "why": ("illness",)})
    response = post_answer(client, "en", "tasks", ["none", "meals"])
    assert response.status_code == 400
    soup = checked(client, response, QUESTION.format(lang="en", qid="tasks"))
    assert soup.find("input", {"value": "meals"}).has_attr("checked"), "what was sent stays selected"


def test_skipping_ahead_by_url_goes_to_the_first_unanswered_question(client):
    _complete(client, answers={"helps-someone": ("yes",)})
    response = client.get(QUESTION.format(lang="en", qid="work"))
    assert response.status_code == 303
    assert location(response) == QUESTION.format(lang="en", qid="why")
    soup = page(client, QUESTION.format(lang="en", qid="why"))
    assert "Answer this question first" in notice_text(soup)
    assert not notice_text(page(client, QUESTION.format(lang="en", qid="why"))), "the message is shown once"


def test_a_post_for_a_question_not_yet_reached_saves_nothing(client):
    soup = page(client, QUESTION.format(lang="en", qid="helps-someone"))
    response = client.post(
        QUESTION.format(lang="en", qid="work"), data={"csrf_token": token(soup), "answer": "not-working"}
    )
    assert location(response) == QUESTION.format(lang="en", qid="helps-someone")
    with client.session_transaction() as session:
        assert session["questionnaire:am-i-a-carer"]["answers"] == {}


def test_a_replayed_post_from_an_old_way_is_refused(client):
    """Answers that took the reader one way, then a change: a post replayed for the old way is not taken."""
    _complete(client, answers={k: v for k, v in CARER.items() if k in ("helps-someone", "why", "tasks", "hours")})
    old_page = page(client, QUESTION.format(lang="en", qid="paid"))
    post_answer(client, "en", "tasks", "none")  # now the questions end at tasks
    response = client.post(QUESTION.format(lang="en", qid="paid"), data={"csrf_token": token(old_page), "answer": "no"})
    assert location(response) == CHECK.format(lang="en")
    soup = page(client, RESULT.format(lang="en"))
    assert outcomes_shown(soup) == ["not-a-carer"]


@pytest.mark.parametrize("url", [CHECK, RESULT])
def test_check_your_answers_and_the_result_need_every_answer(client, url):
    _complete(client, answers={"helps-someone": ("yes",)})
    response = client.get(url.format(lang="en"))
    assert location(response) == QUESTION.format(lang="en", qid="why")
    assert "not answered all the questions" in notice_text(page(client, location(response)))


def test_expired_answers_are_cleared_with_a_message(app, client):
    _complete(client, answers={"helps-someone": ("yes",), "why": ("illness",)})
    with client.session_transaction() as session:
        state = session["questionnaire:am-i-a-carer"]
        state["seen"] = time.time() - 60 * app.config["QUESTIONNAIRE_IDLE_MINUTES"] - 1
        session["questionnaire:am-i-a-carer"] = state
    response = client.get(QUESTION.format(lang="en", qid="tasks"))
    assert location(response) == QUESTION.format(lang="en", qid="helps-someone")
    assert "Your earlier answers were cleared" in notice_text(page(client, location(response)))


def test_a_post_after_the_session_cookie_has_gone_goes_to_the_first_question_with_a_message(app, client):
    _complete(client, answers={k: v for k, v in CARER.items() if k in ("helps-someone", "why", "tasks")})
    soup = page(client, QUESTION.format(lang="en", qid="hours"))
    other = app.test_client()  # the same page, posted by a browser that no longer has the session cookie
    response = other.post(
        QUESTION.format(lang="en", qid="hours"), data={"csrf_token": token(soup), "answer": "under-20"}
    )
    assert response.status_code == 303
    assert location(response) == QUESTION.format(lang="en", qid="helps-someone")
    assert "Your earlier answers were cleared" in notice_text(page(other, location(response)))


def test_a_missing_csrf_token_shows_the_question_again_with_a_message(client):
    _complete(client, answers={"helps-someone": ("yes",)})
    response = client.post(QUESTION.format(lang="en", qid="why"), data={"answer": "illness"})
    assert response.status_code == 400
    soup = checked(client, response, QUESTION.format(lang="en", qid="why"))
    assert soup.h1.get_text(strip=True) == "Why do they need your help?"
    assert "This page had expired, so your answer was not saved" in notice_text(soup)
    assert location(client.get(CHECK.format(lang="en"))) == QUESTION.format(lang="en", qid="why")


def test_a_missing_csrf_token_on_start_again_changes_nothing(client):
    _complete(client, answers={"helps-someone": ("yes",)})
    response = client.post(START_AGAIN.format(lang="en"), data={})
    assert location(response) == START.format(lang="en")
    assert "This page had expired" in notice_text(page(client, START.format(lang="en")))
    assert location(client.get(CHECK.format(lang="en"))) == QUESTION.format(lang="en", qid="why")


def test_a_tampered_session_is_cleaned_not_trusted(client):
    page(client, START.format(lang="en"))
    with client.session_transaction() as session:
        session["questionnaire:am-i-a-carer"] = {
            "answers": {"helps-someone": ["yes"], "why": ["hacking"], "hours": "lots", "paid": ["no"]},
            "counted": "yes",
            "notice": 42,
            "seen": time.time(),
        }
    assert location(client.get(RESULT.format(lang="en"))) == QUESTION.format(lang="en", qid="why")
    page(client, QUESTION.format(lang="en", qid="why"))


def test_an_unknown_question_is_not_found(client):
    assert client.get(QUESTION.format(lang="en", qid="favourite-colour")).status_code == 404
    assert client.post(QUESTION.format(lang="en", qid="favourite-colour"), data={}).status_code in (400, 404)


def test_random_posts_never_give_a_server_error_or_a_wrong_result(app, client):
    """Posts in any order with any values, tokens or none: only 200, 303, 400 or 404; and the result, whenever
    it can be reached, is the one the answers the site kept lead to."""
    rng = random.Random(20261123)
    definition = get().definition
    ids = [q.id for q in definition.questions] + ["no-such-question"]
    good_token = token(page(client, QUESTION.format(lang="en", qid="helps-someone")))
    for _ in range(150):
        qid = rng.choice(ids)
        question = definition.by_id.get(qid)
        values = rng.sample([o.value for o in question.options], k=rng.randint(0, 2)) if question else ["x"]
        if rng.random() < 0.2:
            values.append(rng.choice(["", "nope", "35-or-more", "none"]))
        data = {"answer": values}
        if rng.random() < 0.9:
            data["csrf_token"] = good_token
        response = client.post(
            QUESTION.format(lang="en", qid=qid), data=data, headers=HTMX if rng.random() < 0.3 else {}
        )
        assert response.status_code in (200, 303, 400, 404), (qid, data, response.status_code)
        response = client.get(RESULT.format(lang="en"))
        assert response.status_code in (200, 303)
        if response.status_code == 200:
            with client.session_transaction() as session:
                kept = {k: tuple(v) for k, v in session["questionnaire:am-i-a-carer"]["answers"].items()}
            expected = decide(definition, keep_on_way(definition, kept), get().rules.in_force(TODAY))
            shown = outcomes_shown(checked(client, response, RESULT.format(lang="en")))
            assert shown == list(expected.ids)

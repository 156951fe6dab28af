"""Which outcomes a set of answers leads to (app/questionnaire/outcomes.py), checked three ways: representative
answers with the outcomes and reasons spelled out; every combination of answers against an independent
statement of the rules; and the wording, which never tells anyone they ARE eligible."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from app.questionnaire.definition import RESULT
from app.questionnaire.flow import keep_on_way, next_step, walk
from app.questionnaire.outcomes import decide, topic_problems
from app.questionnaire.registry import AM_I_A_CARER, load_questionnaire
from app.questionnaire.stats import PARTITION

ROOT = Path(__file__).resolve().parents[2]
DIRECTORY = ROOT / "content" / "questionnaires"
LANGUAGES = [entry["code"] for entry in yaml.safe_load((ROOT / "content" / "languages.yaml").read_text())["languages"]]
TODAY = dt.date(2026, 11, 23)

CARER = {
    "helps-someone": ("yes",),
    "why": ("illness",),
    "tasks": ("personal-care", "meals"),
    "hours": ("35-or-more",),
    "paid": ("no",),
    "your-age": ("26-to-state-pension-age",),
    "their-age": ("18-or-over",),
    "their-benefit": ("yes",),
    "study": ("not-studying",),
    "work": ("up-to-limit",),
}


@pytest.fixture(scope="module")
def questionnaire():
    return load_questionnaire(DIRECTORY, AM_I_A_CARER, LANGUAGES, "en")


@pytest.fixture(scope="module")
def period(questionnaire):
    return questionnaire.rules.in_force(TODAY)


def _decide(questionnaire, period, **changes):
    answers = {**CARER, **{key.replace("_", "-"): value for key, value in changes.items()}}
    answers = keep_on_way(questionnaire.definition, answers)
    assert walk(questionnaire.definition, answers).complete, answers
    return decide(questionnaire.definition, answers, period)


def test_the_definition_gives_the_outcomes_what_they_need(questionnaire):
    assert not topic_problems(questionnaire.definition, questionnaire.rules)


def test_35_hours_benefit_age_26_not_studying_earning_under_the_limit_suggests_carers_allowance(questionnaire, period):
    decision = _decide(questionnaire, period)
    assert decision.headline == "carer"
    outcomes = dict((c.id, c.reasons) for c in decision.outcomes)
    assert outcomes["carers-allowance"] == ("hours", "age", "not-studying", "earnings-within-limit", "benefit-yes")
    assert outcomes["carers-credit"] == ("hours", "age", "benefit-yes", "with-carers-allowance")
    assert decision.ids == (
        "carer-conversation",
        "carers-allowance",
        "carers-credit",
        "carers-breaks",
        "carers-leave",
        "local-organisations",
    )


def test_not_knowing_about_their_benefit_still_shows_carers_allowance_with_a_check(questionnaire, period):
    decision = _decide(questionnaire, period, their_benefit=("dont-know",), work=("not-working",))
    reasons = dict((c.id, c.reasons) for c in decision.outcomes)["carers-allowance"]
    assert reasons[-2:] == ("not-working", "benefit-not-known")
    assert "carers-leave" not in decision.ids


@pytest.mark.parametrize(
    "change",
    [
        {"their_benefit": ("no",)},
        {"study": ("21-hours-or-more",)},
        {"work": ("over-limit",)},
        {"hours": ("20-to-34",)},
    ],
)
def test_any_condition_that_fails_rules_carers_allowance_out(questionnaire, period, change):
    assert "carers-allowance" not in _decide(questionnaire, period, **change).ids


def test_20_to_34_hours_suggests_carers_credit_only(questionnaire, period):
    decision = _decide(questionnaire, period, hours=("20-to-34",), their_benefit=("no",))
    assert "carers-allowance" not in decision.ids
    assert dict((c.id, c.reasons) for c in decision.outcomes)["carers-credit"] == ("hours", "age", "care-certificate")


def test_under_20_hours_suggests_neither_benefit(questionnaire, period):
    decision = _decide(questionnaire, period, hours=("under-20",))
    assert not {"carers-allowance", "carers-credit"} & set(decision.ids)
    assert "carers-leave" in decision.ids  # the work question is still asked


def test_state_pension_age_rules_out_carers_credit_not_carers_allowance(questionnaire, period):
    decision = _decide(questionnaire, period, your_age=("state-pension-age-or-over",))
    assert "carers-allowance" in decision.ids
    assert "carers-credit" not in decision.ids


@pytest.mark.parametrize(("age", "transition"), [("under-16", False), ("16-or-17", True)])
def test_under_18_is_the_young_carers_route(questionnaire, period, age, transition):
    decision = _decide(questionnaire, period, your_age=(age,))
    assert decision.headline == "young-carer"
    assert decision.ids[0] == "young-carer"
    assert dict((c.id, c.reasons) for c in decision.outcomes)["young-carer"] == (
        ("under-18", "transition") if transition else ("under-18",)
    )
    assert not {"carer-conversation", "carers-breaks", "local-organisations", "young-adult-carer"} & set(decision.ids)
    if age == "16-or-17":
        assert {"carers-allowance", "carers-credit"} <= set(decision.ids)


def test_18_to_25_is_the_young_adult_carers_route(questionnaire, period):
    decision = _decide(questionnaire, period, your_age=("18-to-25",))
    assert decision.ids[:2] == ("young-adult-carer", "carer-conversation")


@pytest.mark.parametrize(
    ("their_age", "outcome"),
    [("18-or-over", "carer-conversation"), ("16-or-17", "transition-assessment"), ("under-16", "caring-for-a-child")],
)
def test_an_adults_assessment_route_depends_on_the_age_of_the_person_cared_for(
    questionnaire, period, their_age, outcome
):
    ids = set(_decide(questionnaire, period, their_age=(their_age,)).ids)
    routes = {"carer-conversation", "transition-assessment", "caring-for-a-child"}
    assert ids & routes == {outcome}


def test_paid_care_says_you_may_not_be_an_unpaid_carer(questionnaire, period):
    decision = _decide(questionnaire, period, paid=("yes",))
    assert decision.headline == "paid"
    assert decision.ids == ("paid-carer",)
    assert questionnaire.definition.texts["result-headline-paid"] == "You may not be an unpaid carer"


@pytest.mark.parametrize(
    ("change", "reason"), [({"helps_someone": ("no",)}, "helps-no"), ({"tasks": ("none",)}, "helps-with-nothing")]
)
def test_helping_nobody_or_with_nothing_is_not_a_carer_kindly(questionnaire, period, change, reason):
    decision = _decide(questionnaire, period, **change)
    assert decision.headline == "not-a-carer"
    assert [(c.id, c.reasons) for c in decision.outcomes] == [("not-a-carer", (reason,))]


def test_mental_health_adds_its_outcome(questionnaire, period):
    assert "mental-health" in _decide(questionnaire, period, why=("frailty", "mental-health")).ids
    assert "mental-health" not in _decide(questionnaire, period).ids


def _expected(answers: dict, period) -> set[str]:
    """The rules, stated again from the facts pack without the module's helpers: an independent oracle."""
    ca, cc = period.carers_allowance, period.carers_credit
    assert (ca.min_hours_a_week, ca.min_age, ca.study_hours_limit, cc.min_hours_a_week, cc.min_age) == (
        35,
        16,
        21,
        20,
        16,
    )
    if answers["helps-someone"] == ("no",) or answers["tasks"] == ("none",):
        return {"not-a-carer"}
    if answers["paid"] == ("yes",):
        return {"paid-carer"}
    (age,), (their,), (hours,) = answers["your-age"], answers["their-age"], answers["hours"]
    young = age in ("under-16", "16-or-17")
    found = set()
    if young:
        found.add("young-carer")
    else:
        found |= {"carers-breaks", "local-organisations"}
        found.add(
            {"18-or-over": "carer-conversation", "16-or-17": "transition-assessment"}.get(their, "caring-for-a-child")
        )
    if age == "18-to-25":
        found.add("young-adult-carer")
    if (
        hours == "35-or-more"
        and age != "under-16"
        and answers.get("study") in (("not-studying",), ("under-21-hours",))
        and answers.get("work") in (("not-working",), ("up-to-limit",))
        and answers.get("their-benefit") in (("yes",), ("dont-know",))
    ):
        found.add("carers-allowance")
    if hours != "under-20" and age in ("16-or-17", "18-to-25", "26-to-state-pension-age"):
        found.add("carers-credit")
    if answers.get("work") in (("up-to-limit",), ("over-limit",)):
        found.add("carers-leave")
    if "mental-health" in answers["why"]:
        found.add("mental-health")
    return found


def _every_answer_set(definition):
    """Every complete set of answers along the flow: each radio option; for checkboxes an option that means
    nothing to the result, each option that does (alone and with the other), as the result reads them."""

    def choices(question):
        if question.type == "radios":
            return [(o.value,) for o in question.options]
        plain = next(o.value for o in question.options if o.means is None)
        meaning = [o.value for o in question.options if o.means is not None]
        pairs = [(plain, v) for v in meaning if not question.option(v).exclusive]
        return [(plain,), *((v,) for v in meaning), *pairs]

    def go(current, answers):
        if current == RESULT:
            yield answers
            return
        question = definition.by_id[current]
        for choice in choices(question):
            chosen = {**answers, current: choice}
            yield from go(next_step(question, chosen), chosen)

    yield from go(definition.first.id, {})


@pytest.mark.parametrize("day", [dt.date(2026, 4, 5), dt.date(2026, 4, 6)])
def test_every_combination_of_answers_matches_the_rules(questionnaire, day):
    definition = questionnaire.definition
    period = questionnaire.rules.in_force(day)
    count = 0
    for answers in _every_answer_set(definition):
        assert walk(definition, answers).complete
        decision = decide(definition, answers, period)
        assert set(decision.ids) == _expected(answers, period), answers
        assert sum(outcome in decision.ids for outcome in PARTITION) == 1, f"{answers}: not exactly one of {PARTITION}"
        count += 1
    assert count > 1000


def test_no_text_tells_anyone_they_are_eligible(questionnaire):
    claims = re.compile(r"\byou (are|will be) (eligible|entitled)\b|\byou will get\b|\byou qualify\b", re.IGNORECASE)
    for key, text in questionnaire.definition.english_texts().items():
        assert not claims.search(text), f"{key}: {text!r}"
    for outcome in ("carers-allowance", "carers-credit"):
        assert questionnaire.definition.outcome_by_id[outcome].title.startswith("You may be able to get")

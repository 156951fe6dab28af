"""What the result page shows, worked out from the answers and the benefit rules in force.

The logic reads answers by their meaning (a question's `topic`, an option's `means`, `min` and `max`), never by
their wording, so the questions can be reworded or reordered freely. It never decides that someone IS eligible:
an outcome is shown when the answers do not rule it out, with the reasons that suggest it may apply.

Three-valued checks: a band of numbers is at least a limit (True), below it (False), or straddles it (None). The
bands are kept so that every limit falls on an edge (`topic_problems` checks it for every period of the rules).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.questionnaire.definition import Definition, Option
from app.questionnaire.flow import Answers
from app.questionnaire.rules import BenefitRules, CarersAllowanceRules, CarersCreditRules, Period

# Ages that the law fixes (not benefit rules): young carers are under 18 (Children and Families Act 2014 s.96),
# young adult carers 18 to 25 (Carers Action Plan); a transition assessment is planned from 16 (Care Act s.63).
ADULT_AGE = 18
YOUNG_ADULT_CARER_UNTIL = 25
TRANSITION_AGE = 16

# The meanings each topic's options must carry.
TOPIC_MEANINGS = {
    "helps-someone": {"yes", "no", "not-sure"},
    "paid": {"paid", "unpaid", "not-sure"},
    "cared-for-benefit": {"yes", "no", "not-known"},
    "work-earnings": {"not-working", "up-to-limit", "over-limit"},
}
BANDED_TOPICS = ("caring-hours", "carer-age", "cared-for-age", "study-hours")
TOPICS = (*TOPIC_MEANINGS, *BANDED_TOPICS, "reasons", "tasks")
STATE_PENSION_AGE_OR_OVER = "state-pension-age-or-over"

# Every outcome this module can choose, with the reasons it can give (keys of the outcome's `reasons`).
OUTCOME_REASONS: dict[str, set[str]] = {
    "young-carer": {"under-18", "transition"},
    "young-adult-carer": {"age"},
    "carer-conversation": {"adult-caring-for-adult"},
    "transition-assessment": {"cared-for-16-or-17"},
    "caring-for-a-child": {"cared-for-under-16"},
    "carers-allowance": {
        "hours",
        "age",
        "not-studying",
        "studying-under-limit",
        "not-working",
        "earnings-within-limit",
        "benefit-yes",
        "benefit-not-known",
    },
    "carers-credit": {"hours", "age", "benefit-yes", "care-certificate", "with-carers-allowance"},
    "carers-breaks": {"adult-carer"},
    "carers-leave": {"working"},
    "mental-health": {"mental-health"},
    "local-organisations": {"adult-carer"},
    "not-a-carer": {"helps-no", "helps-with-nothing"},
    "paid-carer": {"paid"},
}
HEADLINES = ("carer", "young-carer", "not-a-carer", "paid")


@dataclass(frozen=True)
class Chosen:
    id: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Decision:
    headline: str  # one of HEADLINES
    outcomes: tuple[Chosen, ...]  # in the definition's order

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(chosen.id for chosen in self.outcomes)


def at_least(option: Option | None, limit: int) -> bool | None:
    if option is None:
        return None
    if option.min is not None and option.min >= limit:
        return True
    if option.max is not None and option.max < limit:
        return False
    return None


class _Read:
    """The answers, by topic."""

    def __init__(self, definition: Definition, answers: Answers) -> None:
        self.definition = definition
        self.answers = answers

    def options(self, topic: str) -> list[Option]:
        question = self.definition.by_topic[topic]
        chosen = [question.option(value) for value in self.answers.get(question.id, ())]
        return [option for option in chosen if option is not None]

    def option(self, topic: str) -> Option | None:
        chosen = self.options(topic)
        return chosen[0] if chosen else None

    def means(self, topic: str) -> str | None:
        option = self.option(topic)
        return option.means if option else None


def decide(definition: Definition, answers: Answers, period: Period) -> Decision:
    """The outcomes for a completed set of answers (flow.walk(...).complete)."""
    read = _Read(definition, answers)
    if read.means("helps-someone") == "no":
        return Decision("not-a-carer", (Chosen("not-a-carer", ("helps-no",)),))
    tasks = read.options("tasks")
    if tasks and all(option.means == "none" for option in tasks):
        return Decision("not-a-carer", (Chosen("not-a-carer", ("helps-with-nothing",)),))
    if read.means("paid") == "paid":
        return Decision("paid", (Chosen("paid-carer", ("paid",)),))

    age, cared_for = read.option("carer-age"), read.option("cared-for-age")
    young = at_least(age, ADULT_AGE) is False
    adult = at_least(age, ADULT_AGE) is True
    chosen: dict[str, tuple[str, ...]] = {}
    if young:
        chosen["young-carer"] = ("under-18", "transition") if at_least(age, TRANSITION_AGE) else ("under-18",)
    if adult and at_least(age, YOUNG_ADULT_CARER_UNTIL + 1) is False:
        chosen["young-adult-carer"] = ("age",)
    if adult:
        if at_least(cared_for, ADULT_AGE):
            chosen["carer-conversation"] = ("adult-caring-for-adult",)
        elif at_least(cared_for, TRANSITION_AGE):
            chosen["transition-assessment"] = ("cared-for-16-or-17",)
        else:
            chosen["caring-for-a-child"] = ("cared-for-under-16",)
    allowance = _carers_allowance(read, period.carers_allowance)
    if allowance:
        chosen["carers-allowance"] = allowance
    credit = _carers_credit(read, period.carers_credit, with_allowance=allowance is not None)
    if credit:
        chosen["carers-credit"] = credit
    if adult:
        chosen["carers-breaks"] = ("adult-carer",)
    if read.means("work-earnings") in ("up-to-limit", "over-limit"):
        chosen["carers-leave"] = ("working",)
    if any(option.means == "mental-health" for option in read.options("reasons")):
        chosen["mental-health"] = ("mental-health",)
    if adult:
        chosen["local-organisations"] = ("adult-carer",)
    ordered = tuple(Chosen(o.id, chosen[o.id]) for o in definition.outcomes if o.id in chosen)
    return Decision("young-carer" if young else "carer", ordered)


def _carers_allowance(read: _Read, rules: CarersAllowanceRules) -> tuple[str, ...] | None:
    """The reasons Carer's Allowance may apply, or None when an answer rules it out (or was not asked)."""
    if not (
        at_least(read.option("caring-hours"), rules.min_hours_a_week)
        and at_least(read.option("carer-age"), rules.min_age)
    ):
        return None
    reasons = ["hours", "age"]
    study = read.option("study-hours")
    if at_least(study, rules.study_hours_limit) is not False:
        return None  # full-time education, or not asked
    reasons.append("not-studying" if study is not None and study.max == 0 else "studying-under-limit")
    work = read.means("work-earnings")
    if work not in ("not-working", "up-to-limit"):
        return None
    reasons.append("not-working" if work == "not-working" else "earnings-within-limit")
    if rules.cared_for_needs_qualifying_benefit:
        benefit = read.means("cared-for-benefit")
        if benefit not in ("yes", "not-known"):
            return None
        reasons.append("benefit-yes" if benefit == "yes" else "benefit-not-known")
    return tuple(reasons)


def _carers_credit(read: _Read, rules: CarersCreditRules, *, with_allowance: bool) -> tuple[str, ...] | None:
    age = read.option("carer-age")
    if not (at_least(read.option("caring-hours"), rules.min_hours_a_week) and at_least(age, rules.min_age)):
        return None
    if rules.under_state_pension_age and age is not None and age.means == STATE_PENSION_AGE_OR_OVER:
        return None
    # A qualifying benefit, or else a Care Certificate signed by a health or social care worker.
    reasons = ["hours", "age", "benefit-yes" if read.means("cared-for-benefit") == "yes" else "care-certificate"]
    if with_allowance:
        reasons.append("with-carers-allowance")
    return tuple(reasons)


def topic_problems(definition: Definition, rules: BenefitRules) -> list[str]:
    """Whether the definition gives this module what it needs, and whether its bands fit every period's limits."""
    problems = []
    for topic in TOPICS:
        if topic not in definition.by_topic:
            problems.append(f"no question has the topic {topic!r}")
    for topic, meanings in TOPIC_MEANINGS.items():
        question = definition.by_topic.get(topic)
        if question is None:
            continue
        given = [o.means for o in question.options]
        if set(given) != meanings or len(given) != len(set(given)):
            problems.append(f"{question.id}: each of the meanings {sorted(meanings)} is given to exactly one option")
    for topic in BANDED_TOPICS:
        banded = definition.by_topic.get(topic)
        for option in banded.options if banded else []:
            if option.min is None and option.max is None:
                problems.append(f"{topic}: option {option.value!r} needs a `min` or a `max`")
    for topic, meaning in (("tasks", "none"), ("reasons", "mental-health")):
        question = definition.by_topic.get(topic)
        marked = [o for o in question.options if o.means == meaning] if question else []
        if question and (len(marked) != 1 or (topic == "tasks" and not marked[0].exclusive)):
            problems.append(f"{question.id}: one option (exclusive, for tasks) means {meaning!r}")
    ages = definition.by_topic.get("carer-age")
    if ages and not any(o.means == STATE_PENSION_AGE_OR_OVER for o in ages.options):
        problems.append(f"{ages.id}: one option means {STATE_PENSION_AGE_OR_OVER!r}")
    for outcome_id, reasons in OUTCOME_REASONS.items():
        outcome = definition.outcome_by_id.get(outcome_id)
        if outcome is None:
            problems.append(f"outcome {outcome_id!r} is missing from the definition")
        elif reasons - set(outcome.reasons):
            problems.append(f"outcome {outcome_id}: reasons {sorted(reasons - set(outcome.reasons))} are missing")
    for outcome in definition.outcomes:
        if outcome.id not in OUTCOME_REASONS:
            problems.append(f"outcome {outcome.id!r} is never chosen (app/questionnaire/outcomes.py)")
    if problems:
        return problems
    return _band_problems(definition, rules)


def _band_problems(definition: Definition, rules: BenefitRules) -> list[str]:
    problems = []
    for period in rules.periods:
        ca, cc = period.carers_allowance, period.carers_credit
        limits = {
            "caring-hours": [ca.min_hours_a_week, cc.min_hours_a_week],
            "carer-age": [ca.min_age, cc.min_age, ADULT_AGE, TRANSITION_AGE, YOUNG_ADULT_CARER_UNTIL + 1],
            "cared-for-age": [ADULT_AGE, TRANSITION_AGE],
            "study-hours": [ca.study_hours_limit],
        }
        for topic, values in limits.items():
            question = definition.by_topic[topic]
            for option in question.options:
                for limit in values:
                    if at_least(option, limit) is None:
                        problems.append(
                            f"{question.id}: the band {option.value!r} straddles the limit {limit} "
                            f"({period.name}); move the band's edge to the limit"
                        )
    return problems

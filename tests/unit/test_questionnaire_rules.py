"""The dated benefit rules (content/questionnaires/benefit-rules.yaml): the right figures for the day, and the
questions' bands lined up with every period's limits."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from app.questionnaire.outcomes import topic_problems
from app.questionnaire.registry import AM_I_A_CARER, load_questionnaire
from app.questionnaire.rules import BenefitRules, RulesError, load_rules

ROOT = Path(__file__).resolve().parents[2]
DIRECTORY = ROOT / "content" / "questionnaires"
RULES = DIRECTORY / "benefit-rules.yaml"


@pytest.fixture(scope="module")
def rules() -> BenefitRules:
    return load_rules(RULES)


@pytest.mark.parametrize(
    ("day", "rate", "limit"),
    [
        (dt.date(2025, 4, 7), "83.30", "196.00"),
        (dt.date(2026, 4, 5), "83.30", "196.00"),  # the day before the 2026 rates
        (dt.date(2026, 4, 6), "86.45", "204.00"),
        (dt.date(2026, 11, 23), "86.45", "204.00"),
        (dt.date(2031, 1, 1), "86.45", "204.00"),  # the newest figures until someone adds the next year's
    ],
)
def test_the_rules_in_force_on_a_day(rules, day, rate, limit):
    period = rules.in_force(day)
    assert period.carers_allowance.weekly_rate == Decimal(rate)
    assert period.carers_allowance.earnings_limit_a_week == Decimal(limit)
    assert period.effective_from <= day


def test_the_conditions_in_every_period(rules):
    for period in rules.periods:
        ca, cc = period.carers_allowance, period.carers_credit
        assert (ca.min_hours_a_week, ca.min_age, ca.study_hours_limit) == (35, 16, 21)
        assert ca.cared_for_needs_qualifying_benefit
        assert (cc.min_hours_a_week, cc.min_age, cc.under_state_pension_age) == (20, 16, True)
        assert ca.sources and cc.sources


def test_no_rules_before_the_first_period(rules):
    with pytest.raises(RulesError, match="no benefit rules are in force on 2025-04-06"):
        rules.in_force(dt.date(2025, 4, 6))


def test_the_checker_is_named_by_the_facts_pack():
    facts = (ROOT.parent / "shared" / "facts" / "facts-pack.md").read_text(encoding="utf-8")
    checker = load_rules(RULES).carers_allowance_checker
    assert checker in facts


def _write(tmp_path, data) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_periods_out_of_order_are_refused(tmp_path):
    data = yaml.safe_load(RULES.read_text())
    data["periods"].reverse()
    with pytest.raises(RulesError, match="date order"):
        load_rules(_write(tmp_path, data))


def test_a_figure_without_a_source_is_refused(tmp_path):
    data = yaml.safe_load(RULES.read_text())
    data["periods"][0]["carers_allowance"]["sources"] = []
    with pytest.raises(RulesError, match="source"):
        load_rules(_write(tmp_path, data))


def test_a_limit_inside_a_band_is_caught(tmp_path):
    """If next year's Carer's Allowance needed 30 hours, the hours bands could no longer tell: the test says so."""
    data = yaml.safe_load(RULES.read_text())
    later = copy.deepcopy(data["periods"][-1])
    later["effective_from"] = dt.date(2027, 4, 5)
    later["carers_allowance"]["min_hours_a_week"] = 30
    data["periods"].append(later)
    questionnaire = load_questionnaire(DIRECTORY, AM_I_A_CARER, ["en"], "en")
    problems = topic_problems(questionnaire.definition, load_rules(_write(tmp_path, data)))
    assert any("straddles the limit 30" in p and "'20-to-34'" in p for p in problems), problems

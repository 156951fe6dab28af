"""The benefit rules, dated: content/questionnaires/benefit-rules.yaml, validated, and the period in force on a day.

The result page shows the figures in force today (`in_force(day)`: the newest period whose `effective_from` is on
or before the day). The day is passed in, never read here, so tests can ask about any date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator


class RulesError(Exception):
    pass


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Sourced(_Strict):
    sources: list[str]  # where the figures come from (the facts pack's addresses)

    @field_validator("sources")
    @classmethod
    def web_addresses(cls, value: list[str]) -> list[str]:
        if not value or not all(s.startswith(("https://", "http://")) for s in value):
            raise ValueError("give at least one source, each a web address")
        return value


class CarersAllowanceRules(_Sourced):
    weekly_rate: Decimal
    min_hours_a_week: int
    min_age: int
    study_hours_limit: int  # studying this many hours a week or more counts as full-time education
    earnings_limit_a_week: Decimal
    cared_for_needs_qualifying_benefit: bool


class CarersCreditRules(_Sourced):
    min_hours_a_week: int
    min_age: int
    under_state_pension_age: bool


class Period(_Strict):
    name: str
    effective_from: dt.date
    carers_allowance: CarersAllowanceRules
    carers_credit: CarersCreditRules

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(self.carers_allowance.sources + self.carers_credit.sources))


class BenefitRules(_Strict):
    carers_allowance_checker: str
    periods: list[Period]

    @model_validator(mode="after")
    def dated_in_order(self) -> BenefitRules:
        if not self.periods:
            raise ValueError("give at least one period")
        days = [p.effective_from for p in self.periods]
        if days != sorted(days) or len(set(days)) != len(days):
            raise ValueError("periods must be in date order, each with its own effective_from")
        if not self.carers_allowance_checker.startswith("https://"):
            raise ValueError("carers_allowance_checker must be an https address")
        return self

    def in_force(self, day: dt.date) -> Period:
        """The rules in force on `day`: the newest period that started on or before it."""
        started = [period for period in self.periods if period.effective_from <= day]
        if not started:
            raise RulesError(f"no benefit rules are in force on {day.isoformat()}")
        return started[-1]


def load_rules(path: Path) -> BenefitRules:
    try:
        return BenefitRules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise RulesError(f"{path}: {problems}") from None

"""Counting results for the Board, and reading the counts back safely.

`record` adds one to the week's counters when someone reaches the result (app/questionnaire/models.py says what
is kept). `board_tables` reads the counts for the statistics page and its CSV, with statistical disclosure
control: a count from 1 to 4 is shown as "fewer than 5" (primary suppression), and where that count could be
worked out from a total and the other counts in its row, column or group, the smallest other non-zero count is
withheld too (secondary suppression), until no suppressed count can be found by subtraction. Zero is shown: it
is about nobody. The page, its chart and the CSV all show the same protected figures.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from app.extensions import db
from app.models import utcnow
from app.questionnaire.models import ALL_RESULTS, QuestionnaireCount

SMALL = 5  # counts from 1 to SMALL - 1 are not shown
# Every result shows exactly one of these outcomes (tests/unit/test_questionnaire_outcomes.py checks it), so
# they add up to the number of results: a group for secondary suppression.
PARTITION = ("not-a-carer", "paid-carer", "young-carer", "local-organisations")
TOTAL = "total"


def week_of(moment: dt.datetime) -> tuple[str, dt.datetime]:
    """The ISO week ("2026-W48") and its Monday at midnight."""
    year, week, _ = moment.isocalendar()
    monday = dt.date.fromisocalendar(year, week, 1)
    return f"{year}-W{week:02d}", dt.datetime.combine(monday, dt.time())


def record(questionnaire: str, lang: str, outcome_ids: Iterable[str], now: dt.datetime | None = None) -> None:
    """One result reached: add one to the week's results and to each outcome shown, in one statement."""
    iso_week, week_start = week_of(now or utcnow())
    rows = [
        {
            "questionnaire": questionnaire,
            "iso_week": iso_week,
            "week_start": week_start,
            "lang": lang,
            "outcome": outcome,
            "count": 1,
        }
        for outcome in dict.fromkeys([ALL_RESULTS, *outcome_ids])
    ]
    dialect = db.session.get_bind().dialect.name
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect]  # both have ON CONFLICT
    stmt = insert(QuestionnaireCount).values(rows)
    upsert = stmt.on_conflict_do_update(  # type: ignore[attr-defined]
        index_elements=["questionnaire", "iso_week", "lang", "outcome"],
        set_={"count": QuestionnaireCount.__table__.c.count + 1},
    )
    db.session.execute(upsert)
    db.session.commit()


@dataclass(frozen=True)
class Cell:
    count: int
    state: str  # "shown", "small" (1 to 4: "fewer than 5") or "withheld" (hidden so a small count stays hidden)

    @property
    def shown(self) -> bool:
        return self.state == "shown"


def protect(counts: dict[Hashable, int], groups: list[list[Hashable]]) -> dict[Hashable, Cell]:
    """Primary and secondary suppression. Each group is a set of counts that add up to a total in the same
    group (a row and its total; the outcomes of PARTITION and the number of results)."""
    hidden = {key for key, value in counts.items() if 0 < value < SMALL}
    changed = True
    while changed:
        changed = False
        for group in groups:
            if sum(key in hidden for key in group) != 1:
                continue
            candidates = [key for key in group if key not in hidden and counts[key] > 0]
            if candidates:  # never empty: one hidden count in a group of sums means another non-zero count
                hidden.add(min(candidates, key=lambda key: (counts[key], str(key))))
                changed = True
    return {
        key: Cell(value, "shown" if key not in hidden else "small" if value < SMALL else "withheld")
        for key, value in counts.items()
    }


@dataclass(frozen=True)
class BoardTables:
    weeks: list[str]  # newest first
    languages: list[str]
    outcomes: list[str]  # outcome ids, in the definition's order
    by_week: dict[tuple[str, str], Cell]  # (week or TOTAL, language or TOTAL)
    by_outcome: dict[str, Cell]  # outcome id, and TOTAL (results reached)

    @property
    def empty(self) -> bool:
        return self.by_week[(TOTAL, TOTAL)].count == 0


def board_tables(questionnaire: str, languages: list[str], outcomes: list[str]) -> BoardTables:
    rows = db.session.execute(
        select(
            QuestionnaireCount.iso_week,
            QuestionnaireCount.lang,
            QuestionnaireCount.outcome,
            func.sum(QuestionnaireCount.count),
        )
        .where(QuestionnaireCount.questionnaire == questionnaire)
        .group_by(QuestionnaireCount.iso_week, QuestionnaireCount.lang, QuestionnaireCount.outcome)
    )
    results: dict[tuple[str, str], int] = defaultdict(int)
    per_outcome: dict[str, int] = defaultdict(int)
    for week, lang, outcome, count in rows:
        if outcome == ALL_RESULTS:
            results[(week, lang)] += int(count)
        else:
            per_outcome[outcome] += int(count)
    langs = list(languages) + sorted({lang for _, lang in results} - set(languages))
    weeks = sorted({week for week, _ in results}, reverse=True)
    counts: dict[Hashable, int] = {}
    for week in weeks:
        for lang in langs:
            counts[("week", week, lang)] = results.get((week, lang), 0)
        counts[("week", week, TOTAL)] = sum(results.get((week, lang), 0) for lang in langs)
    for lang in langs:
        counts[("week", TOTAL, lang)] = sum(results.get((week, lang), 0) for week in weeks)
    grand = sum(results.values())
    counts[("week", TOTAL, TOTAL)] = grand
    known = list(outcomes) + sorted(set(per_outcome) - set(outcomes))
    for outcome in known:
        counts[("outcome", outcome)] = per_outcome.get(outcome, 0)
    groups: list[list[Hashable]] = []
    for week in [*weeks, TOTAL]:
        groups.append([("week", week, lang) for lang in [*langs, TOTAL]])
    for lang in [*langs, TOTAL]:
        groups.append([("week", week, lang) for week in [*weeks, TOTAL]])
    groups.append([*(("outcome", o) for o in PARTITION if ("outcome", o) in counts), ("week", TOTAL, TOTAL)])
    cells: dict[Any, Cell] = protect(counts, groups)
    return BoardTables(
        weeks=weeks,
        languages=langs,
        outcomes=known,
        by_week={(key[1], key[2]): cell for key, cell in cells.items() if key[0] == "week"},
        by_outcome={key[1]: cell for key, cell in cells.items() if key[0] == "outcome"}
        | {TOTAL: cells[("week", TOTAL, TOTAL)]},
    )


def recent_weeks(today: dt.date, how_many: int) -> list[str]:
    """The ISO weeks ending with this one, oldest first."""
    weeks = []
    for back in range(how_many - 1, -1, -1):
        weeks.append(week_of(dt.datetime.combine(today - dt.timedelta(weeks=back), dt.time()))[0])
    return weeks

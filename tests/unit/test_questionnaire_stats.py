"""Disclosure control and drawing for the Board's statistics (app/questionnaire/stats.py, board.py), without a
database: suppression of small counts, the counts that would give them away, ISO weeks, the CSV and the chart."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools

import pytest

from app.questionnaire.board import bar_chart, csv_text
from app.questionnaire.stats import TOTAL, BoardTables, Cell, protect, recent_weeks, week_of


def _rows_and_columns(grid: list[list[int]]):
    """Counts keyed (row, column) with row and column totals, and the groups that add up."""
    rows, cols = range(len(grid)), range(len(grid[0]))
    counts = {(r, c): grid[r][c] for r in rows for c in cols}
    counts |= {(r, TOTAL): sum(grid[r]) for r in rows}
    counts |= {(TOTAL, c): sum(grid[r][c] for r in rows) for c in cols}
    counts[(TOTAL, TOTAL)] = sum(map(sum, grid))
    groups = [[(r, c) for c in [*cols, TOTAL]] for r in [*rows, TOTAL]]
    groups += [[(r, c) for r in [*rows, TOTAL]] for c in [*cols, TOTAL]]
    return counts, groups


def test_counts_from_1_to_4_are_hidden_and_0_and_5_are_shown():
    cells = protect({"a": 0, "b": 1, "c": 4, "d": 5, "e": 12}, [])
    assert [cells[k].state for k in "abcde"] == ["shown", "small", "small", "shown", "shown"]


def test_a_small_count_cannot_be_worked_out_from_its_row_total():
    counts, groups = _rows_and_columns([[3, 7, 0], [9, 8, 6]])
    cells = protect(counts, groups)
    assert cells[(0, 0)].state == "small"
    hidden = {key for key, cell in cells.items() if not cell.shown}
    for group in groups:
        assert sum(key in hidden for key in group) != 1, f"one hidden count in {group} can be subtracted out"
    assert cells[(0, 1)].state == "withheld"  # the 7 would give the 3 away from the row total 10


def test_no_hidden_count_is_ever_alone_in_a_group():
    """Over many small grids: after protection, no group (a row or column with its total) has exactly one
    hidden count, so none can be found by subtraction; shown cells keep their true numbers."""
    for values in itertools.islice(itertools.product([0, 1, 3, 5, 8, 20], repeat=6), 0, None, 7):
        grid = [list(values[:3]), list(values[3:])]
        counts, groups = _rows_and_columns(grid)
        cells = protect(counts, groups)
        hidden = {key for key, cell in cells.items() if not cell.shown}
        for group in groups:
            assert sum(key in hidden for key in group) != 1, (grid, group)
        for key, cell in cells.items():
            assert cell.count == counts[key]
            if 0 < counts[key] < 5:
                assert cell.state == "small"


@pytest.mark.parametrize(
    ("moment", "week", "monday"),
    [
        (dt.datetime(2026, 11, 23, 16, 0), "2026-W48", dt.datetime(2026, 11, 23)),
        (dt.datetime(2026, 11, 29, 23, 59), "2026-W48", dt.datetime(2026, 11, 23)),
        (dt.datetime(2027, 1, 1, 9, 0), "2026-W53", dt.datetime(2026, 12, 28)),  # ISO years differ from calendar years
    ],
)
def test_iso_weeks(moment, week, monday):
    assert week_of(moment) == (week, monday)


def test_recent_weeks_end_with_this_one():
    weeks = recent_weeks(dt.date(2026, 11, 23), 3)
    assert weeks == ["2026-W46", "2026-W47", "2026-W48"]


def _tables() -> BoardTables:
    return BoardTables(
        weeks=["2026-W48"],
        languages=["en", "ar"],
        outcomes=["carers-allowance"],
        by_week={
            ("2026-W48", "en"): Cell(9, "withheld"),
            ("2026-W48", "ar"): Cell(2, "small"),
            ("2026-W48", TOTAL): Cell(11, "shown"),
            (TOTAL, "en"): Cell(9, "withheld"),
            (TOTAL, "ar"): Cell(2, "small"),
            (TOTAL, TOTAL): Cell(11, "shown"),
        },
        by_outcome={"carers-allowance": Cell(3, "small"), TOTAL: Cell(11, "shown")},
    )


def test_the_csv_never_holds_a_hidden_number():
    rows = list(csv.reader(io.StringIO(csv_text(_tables()))))
    assert rows[0] == ["table", "iso_week", "language", "outcome", "count"]
    figures = [row[-1] for row in rows[1:]]
    assert "9" not in figures and "2" not in figures and "3" not in figures
    assert ["results-by-week-and-language", "2026-W48", "ar", "", "fewer than 5"] in rows
    assert ["results-by-week-and-language", "2026-W48", "en", "", "withheld"] in rows
    assert ["results-by-week-and-language", "2026-W48", "total", "", "11"] in rows
    assert ["results-by-outcome", "total", "total", "carers-allowance", "fewer than 5"] in rows
    assert ["results-by-outcome", "total", "total", "all-results", "11"] in rows


def test_the_chart_draws_no_bar_for_a_hidden_count_and_mirrors_for_right_to_left(app):
    with app.test_request_context("/en/"):
        items = [("big", None, Cell(20, "shown")), ("half", None, Cell(10, "shown")), ("small", None, Cell(2, "small"))]
        ltr = bar_chart("c", "title", "desc", items, rtl=False)
        rtl = bar_chart("c", "title", "desc", items, rtl=True)
    big, half, small = ltr.bars
    assert big.bar_width == 2 * half.bar_width > 0
    assert small.bar_width == 0 and small.value == "fewer than 5"
    assert big.bar_x == 0 and big.anchor == "start"
    assert rtl.bars[0].bar_x + rtl.bars[0].bar_width == rtl.width and rtl.bars[0].anchor == "end"
    assert ltr.height > 3 * 40

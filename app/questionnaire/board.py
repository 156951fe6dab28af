"""The Board's statistics page: its tables, its server-drawn SVG bar charts and its CSV, all from the same
protected counts (app/questionnaire/stats.py), so no view shows more than another.

The charts are drawn on the server (no JavaScript) as horizontal bars, each label above its bar, so that long
labels in any language fit and right-to-left pages mirror simply. A suppressed count has no bar, and says
"fewer than 5" (or "not shown") where its number would be; the table next to each chart gives the same figures.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from flask_babel import gettext as _

from app.questionnaire.models import ALL_RESULTS
from app.questionnaire.stats import TOTAL, BoardTables, Cell, recent_weeks

CHART_WEEKS = 12
WIDTH = 600
ROW = 46  # label line and bar
BAR = 18
LABEL_SIZE = 15
PAD = 6
BAR_SPACE = WIDTH - 110  # room after the longest bar for its figure

CSV_SMALL = "fewer than 5"
CSV_WITHHELD = "withheld"


def cell_text(cell: Cell) -> str:
    if cell.state == "small":
        return _("fewer than 5")
    if cell.state == "withheld":
        return _("not shown")
    return str(cell.count)


@dataclass(frozen=True)
class Bar:
    label: str
    label_lang: str | None  # set when the label is not in the page's language
    value: str
    label_x: int
    label_y: int
    bar_x: int
    bar_y: int
    bar_width: int
    value_x: int
    value_y: int
    anchor: str  # text-anchor of the label
    value_anchor: str


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    width: int
    height: int
    bars: list[Bar]


def bar_chart(
    chart_id: str, title: str, description: str, items: Sequence[tuple[str, str | None, Cell]], rtl: bool
) -> Chart:
    """Bars for (label, label language, cell); bars grow from the start side of the page's direction."""
    biggest = max((cell.count for _, _, cell in items if cell.shown), default=0)
    bars = []
    for index, (label, label_lang, cell) in enumerate(items):
        top = PAD + index * ROW
        width = round(BAR_SPACE * cell.count / biggest) if cell.shown and biggest else 0
        start = WIDTH if rtl else 0
        bar_x = WIDTH - width if rtl else 0
        gap = 6 if width else 0
        value_x = (bar_x - gap) if rtl else (width + gap)
        bars.append(
            Bar(
                label=label,
                label_lang=label_lang,
                value=cell_text(cell),
                label_x=start,
                label_y=top + LABEL_SIZE,
                bar_x=bar_x,
                bar_y=top + LABEL_SIZE + 5,
                bar_width=width,
                value_x=value_x,
                value_y=top + LABEL_SIZE + 5 + BAR - 4,
                anchor="end" if rtl else "start",
                value_anchor="end" if rtl else "start",
            )
        )
    return Chart(chart_id, title, description, WIDTH, PAD * 2 + ROW * len(items), bars)


def weekly_chart(tables: BoardTables, today: dt.date, rtl: bool) -> Chart:
    weeks = recent_weeks(today, CHART_WEEKS)
    items = [(week, None, tables.by_week.get((week, TOTAL), Cell(0, "shown"))) for week in weeks]
    return bar_chart(
        "chart-weeks",
        _("Results reached each week, the last %(num)d weeks", num=CHART_WEEKS),
        _("A bar chart. The same figures are in the table below it."),
        items,
        rtl,
    )


def outcome_chart(tables: BoardTables, labels: dict[str, tuple[str, str | None]], rtl: bool) -> Chart:
    items = [(*labels.get(o, (o, None)), tables.by_outcome[o]) for o in tables.outcomes]
    return bar_chart(
        "chart-outcomes",
        _("How many results showed each outcome"),
        _("A bar chart. The same figures are in the table below it."),
        items,
        rtl,
    )


def csv_text(tables: BoardTables) -> str:
    """The protected figures as CSV: one row per figure, small and withheld counts as words, never numbers."""

    def figure(cell: Cell) -> str:
        return str(cell.count) if cell.shown else CSV_SMALL if cell.state == "small" else CSV_WITHHELD

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["table", "iso_week", "language", "outcome", "count"])
    for week in [*tables.weeks, TOTAL]:
        for lang in [*tables.languages, TOTAL]:
            writer.writerow(["results-by-week-and-language", week, lang, "", figure(tables.by_week[(week, lang)])])
    for outcome in [*tables.outcomes, TOTAL]:
        name = ALL_RESULTS if outcome == TOTAL else outcome  # the number of results reached
        writer.writerow(["results-by-outcome", TOTAL, TOTAL, name, figure(tables.by_outcome[outcome])])
    return out.getvalue()

"""Geometry for the two server-rendered SVG drawings: the map of the priority areas (plan home) and the bar
chart of progress by area (tracker). Plain numbers in viewBox units; the templates draw them.

Both are vector with real <text> (sharp at any zoom, text not outlined), scale to the width of their
container through the viewBox (no sideways scrolling at 320px), and mirror for right-to-left languages: x
positions are worked out here for the reader's direction, and the text anchors at its start in that direction.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

WIDTH = 360  # viewBox width of both drawings
# Characters that fit on one line of a label, roughly, by script (Bengali glyphs run wider, Arabic narrower).
LINE_CHARS = {"bn": 20, "ar": 28}
DEFAULT_LINE_CHARS = 26


def wrap(text: str, lang: str, scale: float = 1.0) -> list[str]:
    width = int(LINE_CHARS.get(lang, DEFAULT_LINE_CHARS) * scale)
    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False) or [text]


def _x(x: float, rtl: bool, width: float = 0) -> float:
    """A left edge (or a point, width 0) measured from the start side, in viewBox coordinates."""
    return WIDTH - x - width if rtl else x


@dataclass(frozen=True)
class Line:
    text: str
    y: float


@dataclass(frozen=True)
class MapStop:
    """One area on the map: a numbered station on the route, its title (the link) and its status line."""

    number: int
    href: str
    lang: str  # of the title (English where the reader's language has none)
    cx: float
    cy: float
    title: list[Line]
    status: list[Line]
    text_x: float
    focus_x: float
    focus_y: float
    focus_width: float
    focus_height: float


@dataclass(frozen=True)
class AreaMap:
    height: float
    rtl: bool
    stops: list[MapStop]
    spine_x: float
    spine_top: float
    spine_bottom: float
    radius: float = 18


TITLE_LINE = 23
STATUS_LINE = 20
STATION_X = 30
TEXT_X = 62


def area_map(entries: list[tuple[int, str, str, str, str]], lang: str, rtl: bool) -> AreaMap:
    """`entries`: (number, href, title, title language, status summary) per area, in order."""
    stops = []
    y = 12.0
    for number, href, title, title_lang, status in entries:
        title_lines = wrap(title, title_lang)
        status_lines = wrap(status, lang, scale=1.2)
        block = len(title_lines) * TITLE_LINE + len(status_lines) * STATUS_LINE
        first_baseline = y + 19
        stops.append(
            MapStop(
                number=number,
                href=href,
                lang=title_lang,
                cx=_x(STATION_X, rtl),
                cy=y + 16,
                title=[Line(line, first_baseline + i * TITLE_LINE) for i, line in enumerate(title_lines)],
                status=[
                    Line(line, first_baseline + len(title_lines) * TITLE_LINE + i * STATUS_LINE)
                    for i, line in enumerate(status_lines)
                ],
                text_x=_x(TEXT_X, rtl),
                focus_x=_x(4, rtl, WIDTH - 8),
                focus_y=y - 6,
                focus_width=WIDTH - 8,
                focus_height=max(44, len(title_lines) * TITLE_LINE + 10),
            )
        )
        y += max(48, block + 8) + 14
    spine_top = stops[0].cy if stops else 0
    spine_bottom = stops[-1].cy if stops else 0
    return AreaMap(y, rtl, stops, _x(STATION_X, rtl), spine_top, spine_bottom)


@dataclass(frozen=True)
class Segment:
    status: str
    x: float
    width: float


@dataclass(frozen=True)
class ChartRow:
    label: list[Line]
    label_lang: str
    bar_y: float
    segments: list[Segment]
    total: int
    total_x: float


@dataclass(frozen=True)
class LegendItem:
    status: str
    label: str
    x: float
    y: float
    text_x: float


@dataclass(frozen=True)
class ProgressChart:
    height: float
    rtl: bool
    legend: list[LegendItem]
    rows: list[ChartRow]
    axis_x: float
    axis_top: float
    axis_bottom: float


BAR_HEIGHT = 18
BAR_MAX = 280
LABEL_LINE = 19


def progress_chart(
    rows: list[tuple[str, str, dict[str, int]]], order: tuple[str, ...], labels: dict[str, str], lang: str, rtl: bool
) -> ProgressChart:
    """`rows`: (label, label language, {status: count}) per area. Bars are stacked in `order`."""
    legend = []
    y = 8.0
    for i, status in enumerate(order):
        column = i % 2
        if i and column == 0:
            y += 24
        legend.append(LegendItem(status, labels[status], _x(4 + column * 178, rtl, 16), y, _x(26 + column * 178, rtl)))
    y += 40
    largest = max((sum(counts.values()) for _, _, counts in rows), default=0) or 1
    unit = BAR_MAX / largest
    axis_top = y
    chart_rows = []
    for label, label_lang, counts in rows:
        lines = wrap(label, label_lang, scale=1.2)
        label_lines = [Line(line, y + 15 + i * LABEL_LINE) for i, line in enumerate(lines)]
        bar_y = y + len(lines) * LABEL_LINE + 4
        x = 4.0
        segments = []
        for status in order:
            count = counts.get(status, 0)
            if count:
                segments.append(Segment(status, _x(x, rtl, count * unit), count * unit))
                x += count * unit
        total = sum(counts.values())
        chart_rows.append(ChartRow(label_lines, label_lang, bar_y, segments, total, _x(x + 8, rtl)))
        y = bar_y + BAR_HEIGHT + 16
    return ProgressChart(y, rtl, legend, chart_rows, _x(4, rtl), axis_top, y - 8)

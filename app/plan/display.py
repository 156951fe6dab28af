"""What a reader sees of the tracker, as plain values: status labels, "To be set by the Board", steps in the
reader's language, and the one-line summary of an area's actions. Plain functions; templates lay them out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from babel.lists import format_list
from flask import url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.plan.areas import Area
from app.plan.models import STATUSES, PlanAction
from app.plan.translation import Shown, choose

STATUS_LABELS = {
    "not-yet-reported": _l("Not yet reported"),
    "not-started": _l("Not started"),
    "in-progress": _l("In progress"),
    "done": _l("Done"),
    "paused": _l("Paused"),
}
# GOV.UK tag colours (every tag also says its status in words).
STATUS_TAGS = {
    "not-yet-reported": "govuk-tag--grey",
    "not-started": "govuk-tag--yellow",
    "in-progress": "govuk-tag--blue",
    "done": "govuk-tag--green",
    "paused": "govuk-tag--orange",
}
FIELD_LABELS = {
    "area": _l("Priority area"),
    "step": _l("Step"),
    "outcome_measure": _l("Outcome measure"),
    "success": _l("What success looks like"),
    "lead": _l("Lead organisation or role"),
    "timescale": _l("Timescale"),
    "status": _l("Status"),
}
SORT_LABELS = {"number": _l("Number"), "area": _l("Priority area"), "status": _l("Status")}
TO_BE_SET = _l("To be set by the Board")
# Summaries count statuses in this order: what has moved first.
SUMMARY_ORDER = ("done", "in-progress", "paused", "not-started", "not-yet-reported")


def status_label(status: str) -> str:
    return str(STATUS_LABELS[status])


def status_count(status: str, count: int) -> str:
    phrases = {
        "done": ngettext("%(num)d done", "%(num)d done", count),
        "in-progress": ngettext("%(num)d in progress", "%(num)d in progress", count),
        "paused": ngettext("%(num)d paused", "%(num)d paused", count),
        "not-started": ngettext("%(num)d not started", "%(num)d not started", count),
        "not-yet-reported": ngettext("%(num)d not yet reported", "%(num)d not yet reported", count),
    }
    return phrases[status]


def summary(statuses: Iterable[str]) -> str:
    """The line under an area: "6 actions: 1 done and 5 not yet reported", or "No actions in the tracker yet"."""
    counts = Counter(statuses)
    total = sum(counts.values())
    if not total:
        return _("No actions in the tracker yet")
    parts = [status_count(status, counts[status]) for status in SUMMARY_ORDER if counts[status]]
    return _(
        "%(actions)s: %(statuses)s",
        actions=ngettext("%(num)d action", "%(num)d actions", total),
        statuses=format_list(parts, locale=get_locale()),
    )


def step_in(action: PlanAction, lang: str) -> Shown | None:
    """The action's current step in `lang` when translated, else in English; None if it was never published."""
    current = action.current
    if current is None or current.step is None:
        return None
    own = next((t for t in action.translations if t.lang == lang), None)
    return choose(
        current.step, lang, own.step if own else None, own.status if own else None, own.source_hash if own else None
    )


@dataclass(frozen=True)
class ActionRow:
    """One action as the tracker table, an area page and "You said, we did" show it."""

    number: int
    url: str
    area: Area | None
    area_title: Shown | None
    step: Shown | None
    outcome_measure: str | None
    success: str | None
    lead: str | None
    timescale: str | None
    status: str
    status_label: str
    status_tag: str
    version: int


def action_row(action: PlanAction, lang: str, areas: dict[str, Area]) -> ActionRow:
    current = action.current
    assert current is not None
    area = areas.get(current.area)
    return ActionRow(
        number=action.number,
        url=url_for("plan.action", number=action.number, lang=lang),
        area=area,
        area_title=area.title(lang) if area else None,
        step=step_in(action, lang),
        outcome_measure=current.outcome_measure,
        success=current.success,
        lead=current.lead,
        timescale=current.timescale,
        status=current.status,
        status_label=status_label(current.status),
        status_tag=STATUS_TAGS[current.status],
        version=action.version,
    )


def status_choices() -> list[tuple[str, str]]:
    return [(status, status_label(status)) for status in STATUSES]

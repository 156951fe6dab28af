"""The template context of the tracker pages (the whole tracker, one action and its history) and the entries
of the feeds. Plain functions: the views parse the request and pass plain values in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import current_app, url_for
from flask_babel import gettext as _

from app.i18n import text_direction
from app.plan import charts, display, tracker
from app.plan.data import plan_data
from app.plan.feeds import Entry
from app.plan.models import FIELDS, ActionVersion, PlanAction, ProgressUpdate
from app.plan.translation import notice_status


def tracker_context(lang: str, *, area: str | None, status: str | None, sort: str) -> dict:
    areas = plan_data().areas
    actions = tracker.all_actions()
    order = {a.slug: a.number for a in areas.areas}
    shown = tracker.filter_and_sort(actions, area=area, status=status, sort=sort, area_order=order)
    rows = [display.action_row(a, lang, areas.by_slug) for a in shown]

    by_area: dict[str, dict[str, int]] = {a.slug: {} for a in areas.areas}
    for action in actions:
        if action.current is not None and action.current.area in by_area:
            counts = by_area[action.current.area]
            counts[action.current.status] = counts.get(action.current.status, 0) + 1
    chart_rows = []
    for item in areas.areas:
        title = item.title(lang)
        chart_rows.append((f"{item.number}. {title.text}", title.lang, by_area[item.slug]))
    chart = charts.progress_chart(
        chart_rows,
        display.SUMMARY_ORDER,
        {s: display.status_label(s) for s in display.SUMMARY_ORDER},
        lang,
        rtl=text_direction(lang) == "rtl",
    )
    table = [
        {
            "area": item,
            "title": item.title(lang),
            "counts": [by_area[item.slug].get(s, 0) for s in display.SUMMARY_ORDER],
            "total": sum(by_area[item.slug].values()),
        }
        for item in areas.areas
    ]
    return {
        "rows": rows,
        "total": len(actions),
        "area": area,
        "status": status,
        "sort": sort,
        "area_items": _options([(a.slug, f"{a.number}. {a.title(lang).text}") for a in areas.areas], area),
        "status_items": _options(display.status_choices(), status),
        "sort_items": _options([(key, str(label)) for key, label in display.SORT_LABELS.items()], sort),
        "sort_urls": {
            key: url_for("plan.tracker", lang=lang, sort=key, area=area, status=status) for key in tracker.SORTS
        },
        "filtered": area is not None or status is not None,
        "step_status": notice_status([row.step for row in rows if row.step]),
        "label_status": notice_status([a.title(lang) for a in areas.areas]),
        "chart": chart,
        "chart_table": table,
        "summary_order": display.SUMMARY_ORDER,
        "status_names": {s: display.status_label(s) for s in display.SUMMARY_ORDER},
        "source": plan_data().areas.source,
        "feed_url": url_for("plan.feed", lang=lang),
    }


def _options(choices: list[tuple[str, str]], chosen: str | None) -> list[dict]:
    """Items for a GOV.UK select."""
    return [{"value": value, "text": text, "selected": value == chosen} for value, text in choices]


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    before: str | None  # None: first version (nothing before)
    after: str


@dataclass(frozen=True)
class HistoryItem:
    version: ActionVersion
    who: str
    what: str
    changes: list[Change]
    progress: ProgressUpdate | None
    sources: list[str]


def _value(field: str, value: str | None, lang: str) -> str:
    if field == "status" and value:
        return display.status_label(value)
    if field == "area" and value:
        area = plan_data().areas.get(value)
        return f"{area.number}. {area.title(lang).text}" if area else value
    if field == "step" and value is None:
        return _("Not published here")
    return value if value is not None else str(display.TO_BE_SET)


def _who(version: ActionVersion) -> str:
    # Public pages name a role, never a member of staff: staff pages and the audit log say who.
    if version.changed_by_id is None:
        return _("Taken from a published source")
    return _("A plan editor")


def _what(version: ActionVersion) -> str:
    return {
        "seeded": _("Copied from the published tracker"),
        "created": _("Added to the tracker"),
        "edited": _("Changed"),
        "progress-update": _("Progress update"),
    }[version.kind]


def history(action: PlanAction, lang: str) -> list[HistoryItem]:
    """Every version, newest first, with what changed from the one before."""
    titles = current_app.extensions["seed_titles"]
    items = []
    previous: ActionVersion | None = None
    for version in action.versions:
        changes = []
        for name in version.changed_fields:
            if name not in FIELDS:
                continue
            before = _value(name, getattr(previous, name), lang) if previous is not None else None
            changes.append(
                Change(name, str(display.FIELD_LABELS[name]), before, _value(name, getattr(version, name), lang))
            )
        progress = version.progress_update
        sources = list(version.sources) + (list(progress.sources) if progress else [])
        items.append(
            HistoryItem(version, _who(version), _what(version), changes, progress, [titles.get(s, s) for s in sources])
        )
        previous = version
    return list(reversed(items))


def action_context(action: PlanAction, lang: str) -> dict:
    areas = plan_data().areas
    row = display.action_row(action, lang, areas.by_slug)
    current = action.current
    assert current is not None
    area = areas.get(current.area)
    english_step = current.step
    return {
        "action": action,
        "row": row,
        "english_step": english_step,
        "area_url": url_for("pages.page", section="carers-action-plan", slug=area.slug, lang=lang) if area else None,
        "history": history(action, lang),
        "progress_updates": action.progress_updates,
        "feed_url": url_for("plan.area_feed", slug=current.area, lang=lang)
        if area
        else url_for("plan.feed", lang=lang),
        "fields": [
            (display.FIELD_LABELS[name], getattr(current, name))
            for name in ("outcome_measure", "success", "lead", "timescale")
        ],
    }


def feed_entries(lang: str, area: str | None) -> list[Entry]:
    entries = []
    for version in tracker.feed_versions(area):
        action = version.action
        link = url_for(
            "plan.action", number=action.number, lang=lang, _external=True, _anchor=f"version-{version.version}"
        )
        progress = version.progress_update
        if progress is not None:
            title = _("Action %(number)d: progress update", number=action.number)
            content = f"{progress.on_date.isoformat()}: {progress.text}"
            content_lang = "en"
        else:
            what = ", ".join(str(display.FIELD_LABELS[name]) for name in version.changed_fields if name in FIELDS)
            if version.kind == "created":
                title = _("Action %(number)d added to the tracker", number=action.number)
            else:
                title = _("Action %(number)d changed: %(fields)s", number=action.number, fields=what)
            content = "\n".join(
                f"{display.FIELD_LABELS[name]}: {_value(name, getattr(version, name), lang)}"
                for name in version.changed_fields
                if name in FIELDS
            )
            # Steps, leads and the Board's fields are English as typed; labels and statuses are translated.
            content_lang = "en" if lang != "en" and set(version.changed_fields) - {"status", "area"} else lang
        entries.append(Entry(version.uuid, title, version.changed_at, link, content, content_lang))
    return entries


def feed_updated(area: str | None) -> dt.datetime | None:
    return tracker.latest_change(area)

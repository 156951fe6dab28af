"""The template context of the plan's pages, built by plain functions.

`plan_home_context` and `plan_area_context` are Jinja globals (registered in app/plan/views.py), called by the
`plan-home` and `priority-area` layouts: the generic content route serves those pages, and the layouts ask
for the tracker's data themselves.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask import current_app, url_for
from flask_babel import gettext as _

from app.content.service import repository
from app.directory.models import Service
from app.directory.taxonomy import ShownLabel, Term, taxonomy
from app.i18n import text_direction
from app.plan import charts, display, tracker
from app.plan.areas import PLAN_PAGES, Area, PlanDataError
from app.plan.data import plan_data
from app.plan.models import PlanAction
from app.plan.related import related_services
from app.plan.translation import Shown, notice_status

SECTION = "carers-action-plan"


@dataclass(frozen=True)
class AreaEntry:
    area: Area
    title: Shown
    url: str
    summary: str
    counts: dict[str, int]


@dataclass(frozen=True)
class Link:
    text: str
    url: str
    lang: str


def area_url(area: Area, lang: str) -> str:
    return url_for("pages.page", section=SECTION, slug=area.slug, lang=lang)


def area_entries(actions: list[PlanAction], lang: str) -> list[AreaEntry]:
    statuses: dict[str, list[str]] = {}
    for action in actions:
        if action.current is not None:
            statuses.setdefault(action.current.area, []).append(action.current.status)
    entries = []
    for area in plan_data().areas.areas:
        found = statuses.get(area.slug, [])
        entries.append(
            AreaEntry(area, area.title(lang), area_url(area, lang), display.summary(found), dict(Counter(found)))
        )
    return entries


def home_links(lang: str) -> list[Link]:
    repo = repository()
    links = []
    for key in plan_data().areas.home_links:
        if key in PLAN_PAGES:
            titles = {"tracker": _("Part III: the action tracker"), "you-said-we-did": _("You said, we did")}
            links.append(Link(titles[key], url_for(PLAN_PAGES[key], lang=lang), lang))
            continue
        section, slug = key.split("/")
        resolved = repo.resolve(lang, section, slug)
        if resolved is None:
            raise PlanDataError(f"areas.yaml home_links: no page {key}")
        links.append(
            Link(resolved.page.meta.title, url_for("pages.page", section=section, slug=slug), resolved.page.lang)
        )
    return links


def plan_home_context(lang: str) -> dict:
    entries = area_entries(tracker.all_actions(), lang)
    area_map = charts.area_map(
        [(e.area.number, e.url, e.title.text, e.title.lang, e.summary) for e in entries],
        lang,
        rtl=text_direction(lang) == "rtl",
    )
    return {
        "entries": entries,
        "area_map": area_map,
        "label_status": notice_status([e.title for e in entries]),
        "links": home_links(lang),
    }


@dataclass(frozen=True)
class RelatedPage:
    title: str
    summary: str
    url: str
    lang: str


def plan_area_context(slug: str, lang: str) -> dict:
    area = plan_data().areas.get(slug)
    if area is None:
        raise PlanDataError(f"carers-action-plan/{slug} uses the priority-area layout, but areas.yaml has no {slug}")
    areas = plan_data().areas.by_slug
    actions = [a for a in tracker.all_actions() if a.current is not None and a.current.area == slug]
    rows = [display.action_row(a, lang, areas) for a in actions]
    repo = repository()
    pages = []
    for key in area.pages:
        section, page_slug = key.split("/")
        resolved = repo.resolve(lang, section, page_slug)
        if resolved is not None:  # areas.yaml is checked against the content when the app starts
            meta = resolved.page.meta
            pages.append(
                RelatedPage(
                    meta.title, meta.summary, url_for("pages.page", section=section, slug=page_slug), resolved.page.lang
                )
            )
    tax = taxonomy()
    terms: list[Term] = [tax.by_slug[s] for s in area.terms]
    categories: list[tuple[Term, ShownLabel]] = [(term, term.label(lang)) for term in terms]
    services: list[Service] = related_services([term.id for term in terms])
    return {
        "area": area,
        "area_title": area.title(lang),
        "rows": rows,
        "summary": display.summary(row.status for row in rows),
        "step_status": notice_status([row.step for row in rows if row.step]),
        "related_pages": pages,
        "categories": categories,
        "services": services,
        "feed_url": url_for("plan.area_feed", slug=slug, lang=lang),
        "tracker_url": url_for("plan.tracker", lang=lang),
    }


def you_said_context(lang: str) -> dict:
    actions = {a.number: a for a in tracker.all_actions()}
    areas = plan_data().areas
    titles = current_app.extensions["seed_titles"]
    items = []
    for ask in plan_data().asks:
        rows = [display.action_row(actions[n], lang, areas.by_slug) for n in ask.actions if n in actions]
        done = [row for row in rows if row.status == "done"]
        if not ask.actions:
            outcome = "no-action"
        elif done:
            outcome = "done"
        else:
            outcome = "not-done"
        area = areas.get(ask.area) if ask.area else None
        items.append(
            {
                "ask": ask,
                "said": ask.text(lang),
                "source": titles.get(ask.source, ask.source),
                "area": area,
                "area_title": area.title(lang) if area else None,
                "area_url": area_url(area, lang) if area else None,
                "rows": rows,
                "done": done,
                "outcome": outcome,
            }
        )
    return {"items": items, "said_status": notice_status([item["said"] for item in items])}

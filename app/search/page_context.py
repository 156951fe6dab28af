"""The search page's template context, built by plain functions: labels in the reader's language for
facets, categories and distances, and the links the page needs (pages of results, "show them too")."""

from __future__ import annotations

from dataclasses import dataclass

from babel.dates import get_day_names
from babel.numbers import format_decimal
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from markupsafe import Markup

from app.directory.display import STATUS_LABELS, language_name
from app.directory.taxonomy import CamdenTaxonomy
from app.i18n import text_direction
from app.search.documents import WEEKDAYS
from app.search.engine import PER_PAGE, FacetValue, Hit
from app.search.schema import FACETS, NOT_KNOWN
from app.search.service import SearchPage
from app.translation_status import status_label

FACET_LEGENDS = {
    "category": _l("Category"),
    "cost": _l("Cost"),
    "age": _l("Age"),
    "language": _l("Languages spoken"),
    "wheelchair": _l("Wheelchair access"),
    "open_on": _l("Open on"),
}
VALUE_LABELS = {
    ("cost", "free"): _l("Free"),
    ("cost", "paid"): _l("Charges apply"),
    ("age", "under-18"): _l("Under 18"),
    ("age", "18-25"): _l("18 to 25"),
    ("age", "26-64"): _l("26 to 64"),
    ("age", "65-plus"): _l("65 and over"),
    ("wheelchair", "yes"): _l("Step-free access"),
    ("wheelchair", "no"): _l("No step-free access"),
}
FACET_ORDER = {
    "cost": ("free", "paid"),
    "age": ("under-18", "18-25", "26-64", "65-plus"),
    "wheelchair": ("yes", "no"),
    "open_on": WEEKDAYS,
}


@dataclass(frozen=True)
class Option:
    id: str
    name: str  # the query-string parameter
    value: str
    label: str
    label_attrs: Markup  # lang and dir when the label is not in the page's language
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetView:
    name: str
    legend: str
    options: list[Option]


@dataclass(frozen=True)
class ServiceItem:
    hit: Hit
    href: str
    categories: list[tuple[str, Markup]]  # (label, its lang and dir when not the page's)
    summary_attrs: Markup
    status_label: str | None
    distance: str | None  # "1.2 km", or None when not known (only shown when sorting by distance)


def lang_attrs(text_lang: str | None, page_lang: str) -> Markup:
    """` lang=".." dir=".."` for text in another language than the page's, else nothing."""
    if not text_lang or text_lang == page_lang:
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(text_lang, text_direction(text_lang))


_LABELS: dict[tuple[str, str, str], tuple[str, str | None]] = {}


def value_label(facet: str, value: str, lang: str, tax: CamdenTaxonomy) -> tuple[str, str | None]:
    """A facet value's label, and its language when that is not the reader's (kept: labels only change
    with a deploy)."""
    key = (facet, value, lang)
    found = _LABELS.get(key)
    if found is None:
        if len(_LABELS) > 10_000:
            _LABELS.clear()
        found = _LABELS[key] = _value_label(facet, value, lang, tax)
    return found


def _value_label(facet: str, value: str, lang: str, tax: CamdenTaxonomy) -> tuple[str, str | None]:
    if value == NOT_KNOWN:
        return _("Not known"), None
    if facet == "category":
        term = tax.by_slug.get(value)
        if term is None:
            return value, None
        shown = term.label(lang)
        return shown.name, shown.lang if shown.lang != lang else None
    if facet == "language":
        return language_name(value, lang), None
    if facet == "open_on":
        return get_day_names("wide", locale=lang)[WEEKDAYS.index(value)], None
    return str(VALUE_LABELS.get((facet, value), value)), None


def _ordered(facet: str, values: list[FacetValue], tax: CamdenTaxonomy, lang: str) -> list[FacetValue]:
    known = [v for v in values if v.value != NOT_KNOWN]
    if facet == "category":
        position = {t.slug: t.position for t in tax.terms}
        known.sort(key=lambda v: position.get(v.value, 10_000))
    elif facet == "language":
        known.sort(key=lambda v: value_label(facet, v.value, lang, tax)[0].casefold())
    elif facet in FACET_ORDER:
        order = FACET_ORDER[facet]
        known.sort(key=lambda v: order.index(v.value) if v.value in order else len(order))
    unknown = [v for v in values if v.value == NOT_KNOWN] or [FacetValue(NOT_KNOWN, 0, False)]
    return known + unknown


def facet_views(result: SearchPage, lang: str, tax: CamdenTaxonomy) -> list[FacetView]:
    """Each filter with its values and counts: values no service has are left out unless ticked, and
    "Not known" is always there, counted like any other value."""
    views = []
    for facet in FACETS:
        values = _ordered(facet, result.outcome.facets.get(facet, []), tax, lang)
        options = []
        for value in values:
            if value.count == 0 and not value.selected and value.value != NOT_KNOWN:
                continue
            label, label_lang = value_label(facet, value.value, lang, tax)
            attrs = lang_attrs(label_lang, lang)
            options.append(
                Option(f"filter-{facet}-{value.value}", facet, value.value, label, attrs, value.count, value.selected)
            )
        views.append(FacetView(facet, str(FACET_LEGENDS[facet]), options))
    return views


def distance_text(metres: float | None, lang: str) -> str | None:
    if metres is None:
        return None
    if metres < 950:
        return _("%(distance)s m", distance=format_decimal(max(10, round(metres, -1)), format="#,##0", locale=lang))
    return _("%(distance)s km", distance=format_decimal(round(metres / 1000, 1), format="#,##0.0", locale=lang))


def service_items(result: SearchPage, lang: str, tax: CamdenTaxonomy) -> list[ServiceItem]:
    prefix = url_for("directory.service", service_id="0").removesuffix("0")  # one url_for, not one per result
    items = []
    for hit in result.outcome.services:
        data = hit.data
        labels = []
        for slug in data.get("categories", []):
            if slug in tax.by_slug:
                label, label_lang = value_label("category", slug, lang, tax)
                labels.append((label, lang_attrs(label_lang, lang)))
        status = data.get("status", "active")
        items.append(
            ServiceItem(
                hit,
                prefix + hit.id,
                labels,
                lang_attrs(data.get("summary_lang"), lang),
                str(STATUS_LABELS[status]) if status != "active" and status in STATUS_LABELS else None,
                distance_text(hit.distance_m, lang),
            )
        )
    return items


def query_args(result: SearchPage, **changes) -> dict:
    """The current search as query-string arguments (lists for repeated ones), with some changed."""
    args: dict = {"q": result.query.text or None, "postcode": result.postcode or None}
    for facet, values in result.filters.selected.items():
        args[facet] = list(values)
    args.update(changes)
    return {key: value for key, value in args.items() if value not in (None, "", [])}


def search_url(result: SearchPage, **changes) -> str:
    return url_for("search.search", **query_args(result, **changes))


def hidden_notices(result: SearchPage) -> list[tuple[str, str]]:
    """(message, link that shows them too) for each filter hiding services whose value is not known."""
    found = []
    for facet, count in result.outcome.hidden.items():
        if count:
            message = ngettext(
                "%(num)d service is not shown by the “%(filter)s” filter because it does not say.",
                "%(num)d services are not shown by the “%(filter)s” filter because they do not say.",
                count,
                filter=FACET_LEGENDS[facet],
            )
            values = [*result.filters.selected.get(facet, ()), NOT_KNOWN]
            found.append((message, search_url(result, **{facet: values})))
    return found


def search_context(result: SearchPage, lang: str, tax: CamdenTaxonomy, boosted: bool = False) -> dict:
    outcome = result.outcome
    page_count = outcome.page_count
    return {
        "result": result,
        "outcome": outcome,
        "facets": facet_views(result, lang, tax),
        "items": service_items(result, lang, tax),
        "hidden": hidden_notices(result),
        "previous_url": search_url(result, page=outcome.page - 1) if outcome.page > 1 else None,
        "next_url": search_url(result, page=outcome.page + 1) if outcome.page < page_count else None,
        "page_count": page_count,
        "first_shown": (outcome.page - 1) * PER_PAGE + 1,
        "suggestion_url": url_for("search.search", **query_args(result, q=outcome.suggestion, page=None))
        if outcome.suggestion
        else None,
        "focus_results": boosted,  # a page link was followed: move focus to the results heading
        "en_attrs": lang_attrs("en", lang),
        "words": {  # said once per page, not once per result
            "unchecked": _("Not checked by Camden"),
            "categories": _("Categories:"),
            "no_distance": _("Distance not known"),
        },
        "status_labels": {status: status_label(status) for status in STATUS_TAGGED},
        "page_links": [_page_link(hit, lang) for hit in outcome.pages],
    }


STATUS_TAGGED = ("machine-draft", "human-draft", "outdated", "missing")


@dataclass(frozen=True)
class PageLink:
    href: str
    title: str
    summary: str
    attrs: Markup
    status: str


def _page_link(hit: Hit, lang: str) -> PageLink:
    data = hit.data
    if data["slug"] == "index":
        href = url_for("pages.section", section=data["section"])
    else:
        href = url_for("pages.page", section=data["section"], slug=data["slug"])
    return PageLink(href, data["title"], data["summary"], lang_attrs(data["lang"], lang), data["status"])

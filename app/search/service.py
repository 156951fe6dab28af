"""One search request, start to finish: read the reader's input, search their language's index, log a
search that found nothing. The view calls `search()` and renders what it returns."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _

from app.directory.taxonomy import taxonomy
from app.search import engine, searcher, zero_results
from app.search.engine import Outcome
from app.search.query import Filters, Query, parse, printable, read_filters, read_page
from app.search.synonyms import synonyms


@dataclass
class SearchPage:
    query: Query
    filters: Filters
    postcode: str  # as typed (trimmed), for the form
    place: object | None  # app.places.Place
    outcome: Outcome
    notices: list[str] = field(default_factory=list)
    available: bool = True

    @property
    def searched(self) -> bool:
        """Whether the reader asked for anything (words, filters or a place), not just opened the page."""
        return bool(self.query.text or self.filters.selected or self.postcode)


def read_place(raw: str | None):
    """(postcode as typed, Place or None, messages) for the postcode box."""
    from app.places import lookup, validate_postcode

    typed = printable(raw, 40)[:20]
    if not typed:
        return "", None, []
    normalised = validate_postcode(typed)
    if normalised is None:
        return (
            typed,
            None,
            [_("“%(postcode)s” is not a postcode. Enter a postcode like NW1 2PX or NW1.", postcode=typed)],
        )
    place = lookup(normalised)
    if place is None:
        return (
            typed,
            None,
            [
                _(
                    "We could not find the postcode %(postcode)s, so services are not sorted by distance.",
                    postcode=normalised,
                )
            ],
        )
    return normalised, place, []


def search(args, lang: str, live: bool = False) -> SearchPage:
    """`live`: the request comes from typing (htmx, as the reader types); such half-typed searches are not
    logged as finding nothing."""
    groups = synonyms().for_language(lang)
    query = parse(args.get("q"), lang, groups)
    filters = read_filters(args, set(taxonomy().by_slug))
    page, page_notices = read_page(args.get("page"))
    postcode, place, place_notices = read_place(args.get("postcode"))
    notices = query.notices + filters.notices + page_notices + place_notices
    if query.text and not query.units:
        notices.append(_("Your search only had very common words (like “and” or “the”), so it was left out."))
    try:
        with searcher.use(lang) as snapshot:
            outcome = engine.run(snapshot.docs, query, filters, lang, place, page, snapshot.spelling(), groups)
            if page > outcome.page_count:
                notices.append(_("There is no page %(page)d, so the first page is shown.", page=page))
                outcome = engine.run(snapshot.docs, query, filters, lang, place, 1, snapshot.spelling(), groups)
    except searcher.SearchUnavailable as exc:
        current_app.logger.warning("search unavailable: %s", exc)
        return SearchPage(query, filters, postcode, place, Outcome(), notices, available=False)
    if query.text and not live and outcome.total == 0 and outcome.pages_total == 0:
        zero_results.record(query.text, lang)
    return SearchPage(query, filters, postcode, place, outcome, notices)

"""Running a search on one snapshot of a language's index: matches, facet counts, ranking, distance, the
information pages group and spelling suggestions, all from document sets (app/search/bitmaps.py).

- Matching: a document matches a unit (word, phrase, synonym) if any of its alternatives is in any text
  field; it matches the query if it matches every unit. When no document has every word, documents with any
  of them are shown instead, with a message saying so.
- Filters: values of one facet are alternatives (OR); facets combine (AND). Each facet's counts are worked
  out with every filter but its own, so the counts say what ticking a box would give. `not-known` is a value
  like any other, and the number of services a filter hides because the fact is not known is reported.
- Relevance: the sum of each unit's field weights (name first, then organisation and category names, then
  description) times how rare the unit is; open and checked services win ties; then the build's order.
- Distance: with a place, located services are sorted by distance (searched cell by cell outwards from the
  place); services with no location follow, by relevance.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from app.places.distance import haversine_m
from app.search import spelling
from app.search.analysis import pairs
from app.search.bitmaps import DocSets, add_weighted, first, iter_bits, top
from app.search.documents import CELL_LAT, CELL_LON
from app.search.query import Filters, Query, Unit
from app.search.schema import FACETS, FIELD_WEIGHTS, LOCAL_FIELDS, NOT_KNOWN, PAIR_FIELDS, TEXT_FIELDS

PER_PAGE = 20
PAGES_SHOWN = 5  # information pages listed with the services
SUGGEST_BELOW = 3  # results below which "Did you mean …?" is worked out
MAX_RARITY = 6.0
FIELDS_FOR = {"en": TEXT_FIELDS, "local": LOCAL_FIELDS}


@dataclass(frozen=True)
class Hit:
    id: str
    data: dict
    distance_m: float | None = None


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool


@dataclass
class Outcome:
    services: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: list[Hit] = field(default_factory=list)  # information pages
    pages_total: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    hidden: dict[str, int] = field(default_factory=dict)  # facet -> services hidden for "not known"
    any_words: bool = False  # no service had every word: services with some are shown
    suggestion: str | None = None  # a corrected query that finds more
    suggestion_total: int = 0
    corrected_from: str | None = None  # the results are for `suggestion`, the reader's words found nothing
    by_distance: bool = False

    @property
    def page_count(self) -> int:
        return max(1, math.ceil(self.total / PER_PAGE))


def unit_fields(docs: DocSets, unit: Unit) -> dict[str, int]:
    """The documents matching a unit, by the field they match it in."""
    found: dict[str, int] = {}
    for alternative in unit.alternatives:
        fields = FIELDS_FOR[alternative.analysis]
        sequence = alternative.terms
        if len(sequence) == 1:
            for name in fields:
                bits = docs.term(name, sequence[0])
                if bits:
                    found[name] = found.get(name, 0) | bits
            continue
        phrase = -1  # every document, until a pair narrows it
        for pair in pairs(list(sequence)):
            phrase &= docs.term(PAIR_FIELDS[alternative.analysis], pair)
            if not phrase:
                break
        if not phrase:
            continue
        for name in fields:
            bits = phrase
            for text in sequence:
                bits &= docs.term(name, text)
                if not bits:
                    break
            if bits:
                found[name] = found.get(name, 0) | (bits & docs.live)
    return found


def _union(sets) -> int:
    bits = 0
    for one in sets:
        bits |= one
    return bits


def _intersection(sets, start: int) -> int:
    bits = start
    for one in sets:
        bits &= one
    return bits


def run(
    docs: DocSets, query: Query, filters: Filters, lang: str, place=None, page: int = 1, spell=None, groups=()
) -> Outcome:
    """`spell`: the snapshot's spelling index (None: no suggestions); `groups`: the language's synonyms."""
    outcome = _run(docs, query, filters, place, page)
    if spell is not None and query.units and outcome.total + outcome.pages_total < SUGGEST_BELOW:
        corrected = spelling.correct(docs, spell, query, lang, list(groups))
        if corrected is not None:
            better = _run(docs, corrected, filters, place, page)
            if better.total + better.pages_total > outcome.total + outcome.pages_total:
                if outcome.total + outcome.pages_total == 0:
                    better.corrected_from = query.text
                    better.suggestion, better.suggestion_total = corrected.text, better.total
                    return better
                outcome.suggestion, outcome.suggestion_total = corrected.text, better.total
    return outcome


def _run(docs: DocSets, query: Query, filters: Filters, place, page: int) -> Outcome:
    outcome = Outcome(page=page)
    services = docs.term("kind", "service") & docs.live
    information = docs.term("kind", "page") & docs.live
    per_unit = [unit_fields(docs, unit) for unit in query.units]
    hits = [_union(fields.values()) for fields in per_unit]
    planes: list[int] = []
    if hits:
        text = _intersection(hits, -1)
        if not (text & (services | information)) and len(hits) > 1:
            text, outcome.any_words = _union(hits), True
        text &= docs.live
        _score(planes, docs, per_unit, hits)
        add_weighted(planes, docs.term("status", "active"), 1)
        add_weighted(planes, docs.term("checked", "yes"), 1)
        base = text & services
        page_matches = text & information
        outcome.pages_total = page_matches.bit_count()
        outcome.pages = [_hit(docs, d) for d in top(planes, page_matches, PAGES_SHOWN)]
    else:
        base = services
    chosen = {facet: _union(docs.term(facet, v) for v in values) for facet, values in filters.selected.items()}
    matched = _intersection(chosen.values(), base)
    outcome.total = matched.bit_count()
    for facet in FACETS:
        others = _intersection((bits for name, bits in chosen.items() if name != facet), base)
        selected = filters.selected.get(facet, ())
        values = docs.values(facet)
        values = values + [v for v in selected if v not in values]  # ticked, even if no service has it
        outcome.facets[facet] = [
            FacetValue(value, (others & docs.term(facet, value)).bit_count(), value in selected) for value in values
        ]
        if selected and NOT_KNOWN not in selected:
            outcome.hidden[facet] = (others & docs.term(facet, NOT_KNOWN)).bit_count()
    start = (page - 1) * PER_PAGE
    if place is not None:
        outcome.by_distance = True
        outcome.services = _by_distance(docs, planes, matched, place, start, start + PER_PAGE)
    else:
        outcome.services = [_hit(docs, d) for d in _ranked(planes, matched, start + PER_PAGE)[start:]]
    return outcome


def _score(planes: list[int], docs: DocSets, per_unit: list[dict[str, int]], hits: list[int]) -> None:
    everything = docs.live.bit_count() or 1
    for fields, hit in zip(per_unit, hits, strict=True):
        rarity = min(MAX_RARITY, 1 + math.log((everything + 1) / ((hit & docs.live).bit_count() + 1)))
        for name, bits in fields.items():
            add_weighted(planes, bits, max(1, round(FIELD_WEIGHTS[name] * rarity)))


def _ranked(planes: list[int], candidates: int, count: int) -> list[int]:
    return top(planes, candidates, count) if planes else first(candidates, count)


def _hit(docs: DocSets, docnum: int, distance: float | None = None) -> Hit:
    stored = docs.stored(docnum)
    return Hit(stored["id"], stored["data"], distance)


# -- distance ---------------------------------------------------------------------------------------------------
def _cell_bounds(cell: str) -> tuple[float, float, float, float]:
    row, column = (int(part) for part in cell.split(":"))
    return row * CELL_LAT, (row + 1) * CELL_LAT, column * CELL_LON, (column + 1) * CELL_LON


def _nearest_in_cell(place, bounds) -> float:
    lat0, lat1, lon0, lon1 = bounds
    return haversine_m(place.lat, place.lon, min(max(place.lat, lat0), lat1), min(max(place.lon, lon0), lon1))


def nearest(docs: DocSets, candidates: int, place, count: int) -> list[tuple[float, int]]:
    """The `count` candidates nearest to `place`, as (metres, docnum), nearest first. Cells are visited
    from the nearest outwards, and the search stops once no unvisited cell can hold anything nearer."""
    cells = sorted((_nearest_in_cell(place, _cell_bounds(c)), c) for c in docs.values("cell"))
    found: list[tuple[float, int]] = []
    for bound, cell in cells:
        if len(found) >= count:
            found.sort()
            del found[count:]
            if found[-1][0] <= bound:
                break
        members = candidates & docs.term("cell", cell)
        if members:
            for docnum, (lat, lon) in docs.coordinates(list(iter_bits(members))).items():
                found.append((haversine_m(place.lat, place.lon, lat, lon), docnum))
    found.sort()
    return found[:count]


def _by_distance(docs: DocSets, planes, matched: int, place, start: int, end: int) -> list[Hit]:
    located = matched & docs.term("located", "yes")
    count = located.bit_count()
    shown: list[Hit] = []
    if start < count:
        for metres, docnum in nearest(docs, located, place, min(end, count))[start:]:
            shown.append(_hit(docs, docnum, metres))
    if end > count:
        rest = matched & ~located
        skip = max(0, start - count)
        shown += [_hit(docs, d) for d in _ranked(planes, rest, end - count)[skip:]]
    return shown

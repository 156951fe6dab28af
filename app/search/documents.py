"""What goes into the index: directory services and information pages, as one Whoosh document per language.

Services are read from the database in a few batched Core queries (one per table, not one per service), so
a full build of 100,000 services and the re-indexing of one edited service use the same code. Each document
carries what a result shows (name, summary in the reader's language with its translation status,
categories, whether Camden has checked it, where it is) so that a page of results needs no database query.

Facet values are worked out here, each with `not-known` when the record does not say: a filter must never
quietly hide a service because a fact is missing.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from flask_babel import force_locale
from sqlalchemy import select

from app.content.loader import ContentRepository
from app.content.loader import Page as ContentPage
from app.directory.display import AUDIENCE_LABELS, DAY_CODES, excerpt
from app.directory.models import (
    Accessibility,
    Address,
    CostOption,
    Language,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
)
from app.directory.taxonomy import CamdenTaxonomy
from app.directory.translation import RecordTranslation, effective_status, fields_hash
from app.extensions import db
from app.search.analysis import analyse, analyse_short, words
from app.search.schema import NOT_KNOWN

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DAY_BY_CODE = dict(zip(DAY_CODES, WEEKDAYS, strict=True))
AGE_GROUPS = (("under-18", 0, 17), ("18-25", 18, 25), ("26-64", 26, 64), ("65-plus", 65, 200))
# Grid cells for distance ranking: about 280 m by 280 m in London.
CELL_LAT, CELL_LON = 0.0025, 0.004
STEP_FREE_NO = re.compile(r"\b(no|not|without)\b[^.]*\b(step[- ]free|wheelchair|level access|lift)|steps only", re.I)
STEP_FREE_YES = re.compile(r"step[- ]free|wheelchair[- ]accessible|level access|\bramp\b|\blifts?\b", re.I)
MARKDOWN_LINK_TARGET = re.compile(r"\]\([^)]*\)")
BARE_URL = re.compile(r"https?://\S+")
IN_CLAUSE = 500  # ids per IN (...) list


@dataclass
class Place:
    lat: float | None
    lon: float | None
    postcode: str | None
    approximate: bool  # a postcode district's centre, not the place itself


@dataclass(frozen=True)
class Translation:
    fields: dict[str, str]
    status: str
    source_hash: str


@dataclass
class ServiceRecord:
    id: str
    name: str
    organization: str
    description: str | None
    eligibility: str | None
    alert: str | None
    status: str
    verified: bool
    minimum_age: int | None
    maximum_age: int | None
    audiences: list[str]
    term_ids: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    costs: list[float | None] = field(default_factory=list)
    accessibility: list[str] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    online: bool = False
    day_codes: set[str] = field(default_factory=set)
    translations: dict[str, Translation] = field(default_factory=dict)


# -- reading services -------------------------------------------------------------------------------------------
def _chunks(ids: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(ids), IN_CLAUSE):
        yield ids[start : start + IN_CLAUSE]


def load_services(ids: Iterable[str] | None = None, lookup=None) -> dict[str, ServiceRecord]:
    """Listed services (not defunct) by id: all of them, or those of `ids` that still exist and are listed.

    `lookup(postcode)` places services whose locations have a postcode but no coordinates (the seed's)."""
    if ids is None:
        return _load(None, lookup)
    records: dict[str, ServiceRecord] = {}
    for chunk in _chunks(sorted(set(ids))):
        records.update(_load(chunk, lookup))
    return records


def _load(ids: list[str] | None, lookup) -> dict[str, ServiceRecord]:
    def only(column):
        return column.in_(ids) if ids is not None else True

    session = db.session
    service_id: str | None
    rows = session.execute(
        select(
            Service.id,
            Service.name,
            Organization.name,
            Service.description,
            Service.eligibility_description,
            Service.alert,
            Service.status,
            Service.verified,
            Service.minimum_age,
            Service.maximum_age,
            Service.eligibility_audiences,
        )
        .join(Organization, Organization.id == Service.organization_id)
        .where(Service.status != "defunct", only(Service.id))
    )
    records = {row[0]: ServiceRecord(*row[:10], audiences=list(row[10] or [])) for row in rows}  # type: ignore[misc]
    for service_id, term_id in session.execute(
        select(ServiceAttribute.service_id, ServiceAttribute.taxonomy_term_id).where(only(ServiceAttribute.service_id))
    ):
        if service_id in records:
            records[service_id].term_ids.append(term_id)  # type: ignore[index]
    for service_id, code in session.execute(
        select(Language.service_id, Language.code).where(only(Language.service_id))
    ):
        if service_id in records:
            records[service_id].languages.append(code)
    for service_id, amount in session.execute(
        select(CostOption.service_id, CostOption.amount).where(only(CostOption.service_id))
    ):
        if service_id in records:
            records[service_id].costs.append(amount)
    _load_places(records, only, lookup, full=ids is None)
    _load_translations(records, only)
    return records


def _load_places(records: dict[str, ServiceRecord], only, lookup, full: bool) -> None:
    session = db.session
    service_id: str | None
    links = session.execute(
        select(
            ServiceAtLocation.id,
            ServiceAtLocation.service_id,
            ServiceAtLocation.location_id,
            Location.location_type,
            Location.latitude,
            Location.longitude,
        )
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .where(only(ServiceAtLocation.service_id))
        .order_by(ServiceAtLocation.service_id, ServiceAtLocation.position)
    ).all()
    location_ids = list({row[2] for row in links if row[1] in records})
    postcodes: dict[str, str] = {}
    access: dict[str, list[str]] = defaultdict(list)
    for chunk in _chunks(location_ids):
        for location_id, postcode in session.execute(
            select(Address.location_id, Address.postal_code).where(Address.location_id.in_(chunk))
        ):
            if postcode:
                postcodes.setdefault(location_id, postcode)
        for location_id, description, details in session.execute(
            select(Accessibility.location_id, Accessibility.description, Accessibility.details).where(
                Accessibility.location_id.in_(chunk)
            )
        ):
            access[location_id] += [text for text in (description, details) if text]
    link_owner: dict[str, str] = {}
    for link_id, service_id, location_id, location_type, lat, lon in links:
        record = records.get(service_id)
        if record is None:
            continue
        link_owner[link_id] = service_id
        record.accessibility += access.get(location_id, [])
        if location_type == "virtual":
            record.online = True
            continue
        postcode = postcodes.get(location_id)
        approximate = False
        if (lat is None or lon is None) and postcode and lookup is not None:
            found = lookup(postcode)
            if found is not None:
                lat, lon, approximate = found.lat, found.lon, True
        record.places.append(Place(lat, lon, postcode, approximate))
    for service_id, byday, is_exception in session.execute(
        select(Schedule.service_id, Schedule.byday, Schedule.is_exception).where(
            Schedule.service_id.is_not(None), only(Schedule.service_id)
        )
    ):
        if service_id in records and not is_exception:
            _add_days(records[service_id], byday)  # type: ignore[index]
    # Opening times of a service's places: all of them at once for a full build, else by link id.
    scheduled = select(Schedule.service_at_location_id, Schedule.byday, Schedule.is_exception)
    batches = (
        [scheduled.where(Schedule.service_at_location_id.is_not(None))]
        if full
        else [scheduled.where(Schedule.service_at_location_id.in_(chunk)) for chunk in _chunks(list(link_owner))]
    )
    for stmt in batches:
        for scheduled_link, byday, is_exception in session.execute(stmt):
            if scheduled_link in link_owner and not is_exception:
                _add_days(records[link_owner[scheduled_link]], byday)


def _add_days(record: ServiceRecord, byday: str | None) -> None:
    # "MO,TU", or in monthly rules "1MO,-1FR": the weekday part
    for part in (byday or "").split(","):
        code = part.strip().lstrip("+-0123456789")
        if code in DAY_BY_CODE:
            record.day_codes.add(code)


def _load_translations(records: dict[str, ServiceRecord], only) -> None:
    stmt = select(
        RecordTranslation.record_id,
        RecordTranslation.lang,
        RecordTranslation.fields,
        RecordTranslation.status,
        RecordTranslation.source_hash,
    ).where(RecordTranslation.record_type == "service", only(RecordTranslation.record_id))
    for record_id, lang, fields, status, source_hash in db.session.execute(stmt):
        if record_id in records:
            records[record_id].translations[lang] = Translation(dict(fields or {}), status, source_hash)


# -- facet values -----------------------------------------------------------------------------------------------
def cost_values(costs: list[float | None]) -> list[str]:
    values = []
    if any(amount == 0 for amount in costs):
        values.append("free")
    if any(amount is not None and amount > 0 for amount in costs):
        values.append("paid")
    return values or [NOT_KNOWN]


def age_values(minimum: int | None, maximum: int | None) -> list[str]:
    if minimum is None and maximum is None:
        return [NOT_KNOWN]
    low, high = minimum if minimum is not None else 0, maximum if maximum is not None else 200
    return [name for name, start, end in AGE_GROUPS if low <= end and start <= high]


def wheelchair_values(accessibility: list[str]) -> list[str]:
    text = " ".join(accessibility)
    if STEP_FREE_NO.search(text):
        return ["no"]
    if STEP_FREE_YES.search(text):
        return ["yes"]
    return [NOT_KNOWN]


def cell_of(lat: float, lon: float) -> str:
    return f"{math.floor(lat / CELL_LAT)}:{math.floor(lon / CELL_LON)}"


@lru_cache(maxsize=1)
def english_audience_labels() -> dict[str, str]:
    """Who a service is for, in English (the labels are gettext strings; the index needs the original)."""
    with force_locale("en"):
        return {code: str(label) for code, label in AUDIENCE_LABELS.items()}


# -- documents ----------------------------------------------------------------------------------------------------
def static_rank(record: ServiceRecord) -> tuple:
    """Ties in relevance go to open services, then ones Camden has checked, then by name."""
    return (record.status != "active", not record.verified, record.name.casefold(), record.id)


def service_documents(
    record: ServiceRecord, langs: list[str], tax: CamdenTaxonomy, default_lang: str = "en"
) -> dict[str, dict]:
    """The record's document for each language's index. What is in English (its name, description, category
    names) is analysed once and shared by all of them."""
    shared = _shared_parts(record, tax, default_lang)
    return {lang: _with_language(record, shared, lang, tax, default_lang) for lang in langs}


def service_document(record: ServiceRecord, lang: str, tax: CamdenTaxonomy, default_lang: str = "en") -> dict:
    return service_documents(record, [lang], tax, default_lang)[lang]


def _shared_parts(record: ServiceRecord, tax: CamdenTaxonomy, default_lang: str) -> dict:
    terms = sorted((tax.by_id[i] for i in record.term_ids if i in tax.by_id), key=lambda term: term.position)
    with_parents = {t.slug for t in terms} | {t.parent for t in terms if t.parent}
    labels = english_audience_labels()
    audiences = [labels[a] for a in record.audiences if a in labels]
    doc: dict = {}
    doc["name"], name_pairs = analyse_short((record.name,), "en")
    doc["org"], org_pairs = analyse_short((record.organization,), "en")
    doc["terms"], term_pairs = analyse_short(tuple(t.labels[default_lang].name for t in terms), "en")
    doc["body"], body_pairs = analyse([record.description, record.eligibility, *audiences], "en")
    doc["pairs"] = name_pairs | org_pairs | term_pairs | body_pairs
    place = next((p for p in record.places if p.lat is not None and p.lon is not None), None)
    doc.update(
        id=record.id,
        kind=["service"],
        category=sorted(with_parents) or [NOT_KNOWN],
        cost=cost_values(record.costs),
        age=age_values(record.minimum_age, record.maximum_age),
        language=sorted(set(record.languages)) or [NOT_KNOWN],
        wheelchair=wheelchair_values(record.accessibility),
        open_on=sorted(DAY_BY_CODE[c] for c in record.day_codes) or [NOT_KNOWN],
        status=[record.status],
        checked=["yes" if record.verified else "no"],
        located=["yes" if place else "no"],
        data={
            "kind": "service",
            "name": record.name,
            "organization": record.organization,
            "summary": excerpt(record.description),
            "summary_lang": default_lang,
            "summary_status": "original",
            "categories": [t.slug for t in terms],
            "status": record.status,
            "verified": record.verified,
            "postcode": place.postcode if place else None,
            "approximate": place.approximate if place else False,
            "online": record.online,
        },
    )
    if place is not None:
        doc.update(lat=place.lat, lon=place.lon, cell=[cell_of(place.lat, place.lon)])  # type: ignore[arg-type]
    return doc


def _with_language(record: ServiceRecord, shared: dict, lang: str, tax: CamdenTaxonomy, default_lang: str) -> dict:
    if lang == default_lang:
        return shared
    doc = dict(shared)
    data = doc["data"] = dict(shared["data"], summary_status="missing")
    translation = record.translations.get(lang)
    local_body: list[str | None] = []
    if translation is not None:
        own = translation.fields
        local_body = [own.get("description"), own.get("eligibility_description")]
        if own.get("description") and record.description:
            status = effective_status(
                translation.status,
                translation.source_hash,
                fields_hash([record.description, record.eligibility, record.alert]),
            )
            data.update(summary=excerpt(own["description"]), summary_lang=lang, summary_status=status)
    labels = [tax.by_slug[slug].labels[lang].name for slug in data["categories"] if lang in tax.by_slug[slug].labels]
    doc["terms_local"], label_pairs = analyse_short(tuple(labels), lang)
    doc["body_local"], body_pairs = analyse(local_body, lang)
    doc["pairs_local"] = label_pairs | body_pairs
    return doc


def plain_text(markdown: str) -> str:
    """Markdown as words for the index: link targets and bare URLs out (their words are not the page's)."""
    return BARE_URL.sub(" ", MARKDOWN_LINK_TARGET.sub("] ", markdown))


def _page_fields(page: ContentPage, lang: str, names: tuple[str, str, str]) -> dict:
    title, title_pairs = analyse([page.meta.title], lang)
    summary, summary_pairs = analyse([page.meta.summary], lang)
    body, _pairs = analyse([plain_text(page.body)], lang)
    return {names[0]: title, names[1]: summary | body, names[2]: title_pairs | summary_pairs}


def page_documents(repo: ContentRepository, lang: str) -> Iterator[dict]:
    """Information pages (not Easy Read variants, which are linked from their pages), in the reader's language
    where a translation exists."""
    english_pages = [p for (code, _), p in sorted(repo.pages.items()) if code == repo.default_lang]
    for english in english_pages:
        if english.is_easy_read:
            continue
        resolved = repo.resolve(lang, english.section, english.slug)
        assert resolved is not None
        shown = resolved.page
        # Phrases are looked for in a page's title and summary, not its whole text: a page's text has
        # thousands of word pairs, which would make the index several times bigger for little gain.
        doc = _page_fields(english, "en", ("name", "body", "pairs"))
        if shown.lang != repo.default_lang:
            doc.update(_page_fields(shown, lang, ("name_local", "body_local", "pairs_local")))
        doc.update(
            id=f"page:{english.key}",
            kind=["page"],
            data={
                "kind": "page",
                "section": english.section,
                "slug": english.slug,
                "title": shown.meta.title,
                "summary": shown.meta.summary,
                "lang": shown.lang,
                "status": resolved.status,
            },
        )
        yield doc


def page_texts(repo: ContentRepository, lang: str) -> Iterator[str]:
    """The text of the information pages a reader of `lang` can find (for "did you mean")."""
    for (code, _key), page in repo.pages.items():
        if code in (repo.default_lang, lang) and not page.is_easy_read:
            yield page.meta.title
            yield plain_text(page.body)


def vocabulary(docs_texts: Iterable[str | None]) -> dict[str, int]:
    """Words (as readers type them, normalised, not stemmed) and how many texts use each: for "did you mean"."""
    counts: dict[str, int] = defaultdict(int)
    for text in docs_texts:
        if text:
            for word in set(words(text)):
                if not word.isdigit() and len(word) > 2:
                    counts[word] += 1
    return dict(counts)

"""The search index on SQLite and PostgreSQL, with a real Whoosh index on disk in a temporary folder: analysis
in four languages, synonyms, facets that count "not known", edits reaching every worker through the change
log, a build that fails half way, and the lock that keeps builders apart."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask import current_app, g
from sqlalchemy import delete, select
from werkzeug.datastructures import MultiDict

from app import create_app
from app.directory.models import (
    CostOption,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    ServiceAttribute,
)
from app.directory.seed import load_seed_file, seed_directory, seed_path
from app.directory.synthetic import generate
from app.directory.taxonomy import sync_taxonomy, taxonomy
from app.directory.translation import save_translation
from app.extensions import db
from app.search import changes, indexer, searcher
from app.search.index_builder import MERGE_BELOW, IndexLocked, LanguageDir
from app.search.models import SearchChange, ZeroResultSearch
from app.search.service import search


@pytest.fixture
def index_dir(any_app, tmp_path):
    """SEARCH_INDEX_DIR pointed at a fresh folder for this test (and back afterwards)."""
    before = any_app.config["SEARCH_INDEX_DIR"]
    any_app.config["SEARCH_INDEX_DIR"] = tmp_path / "search_index"
    searcher.init_app(any_app)
    yield tmp_path / "search_index"
    any_app.extensions["search"].close()
    any_app.config["SEARCH_INDEX_DIR"] = before
    searcher.init_app(any_app)


def _org() -> Organization:
    org = Organization(name="Test organisation", sources=["test"])
    db.session.add(org)
    db.session.flush()
    return org


def _service(org, name, description="", slugs=(), **fields) -> Service:
    service = Service(organization_id=org.id, name=name, description=description, sources=["test"], **fields)
    service.attributes = [ServiceAttribute(taxonomy_term_id=taxonomy().by_slug[s].id) for s in slugs]
    db.session.add(service)
    db.session.flush()
    return service


def _find(lang: str, q: str = "", **filters) -> list[str]:
    """The names of the services a search finds (first page), as a request would."""
    with _request(lang):
        result = search(MultiDict({"q": q, **filters}), lang)
        return [hit.data["name"] for hit in result.outcome.services]


def _result(lang: str, **args):
    with _request(lang):
        return search(MultiDict(args), lang)


@contextmanager
def _request(lang: str):
    with current_app.test_request_context(f"/{lang}/search"):
        g.lang = lang
        yield


@pytest.fixture
def directory(any_app, index_dir):
    """A small directory: Camden's seeded services plus a few made for these tests, indexed."""
    tax = taxonomy()
    seed_directory(load_seed_file(seed_path(Path(any_app.config["CONTENT_DIR"])), tax), tax)
    sync_taxonomy(tax)
    org = _org()
    respite = _service(org, "Sitting service for carers", "Respite care at home so you can rest.", ["carers-breaks"])
    day = _service(org, "Kentish Town day opportunities", "Activities for adults during the day.")
    free = _service(org, "Free advice line", "Advice about money.", ["advocacy"])
    free.cost_options = [CostOption(amount=0)]
    paid = _service(org, "Paid gardening help", "Help in the garden.")
    paid.cost_options = [CostOption(amount=12.5)]
    translated = _service(org, "Bengali women's group", "A weekly group for women.", ["carers-support"])
    db.session.flush()
    save_translation("service", translated, "bn", {"description": "মহিলাদের জন্য সাপ্তাহিক আড্ডা ও সহায়তা।"}, "human-draft")
    db.session.commit()
    indexer.build()
    return {"respite": respite.id, "day": day.id, "free": free.id, "paid": paid.id, "translated": translated.id}


def test_each_language_finds_services_through_its_own_analysis_and_synonyms(directory):
    # One index build, several checks: each build takes a second or two.
    # English stemming: carer finds carers.
    assert "Camden Carers: support for unpaid carers" in _find("en", "carer")
    assert "Camden Carers: support for unpaid carers" in _find("en", "CARERS")
    # Bengali, Arabic and Somali queries find services by their translated category names.
    breaks = taxonomy().by_slug["carers-breaks"]
    for lang in ("bn", "ar", "so"):
        label = breaks.labels[lang].name
        assert "Sitting service for carers" in _find(lang, label), f"{lang}: {label}"
    # Arabic written without the shadda still finds the label written with it.
    assert "Sitting service for carers" in _find("ar", "فترات راحة لمقدمي الرعاية")
    # A translated description is found in its language, and shown with its status.
    assert "Bengali women's group" in _find("bn", "সাপ্তাহিক")
    assert "Bengali women's group" not in _find("en", "সাপ্তাহিক")
    result = _result("bn", q="সাপ্তাহিক")
    hit = next(h for h in result.outcome.services if h.data["name"] == "Bengali women's group")
    assert (hit.data["summary_lang"], hit.data["summary_status"]) == ("bn", "human-draft")
    # Managed synonyms: respite and carers' break, day centre and day opportunities, in several languages.
    assert "Sitting service for carers" in _find("en", "carers' break")  # the service says "respite"
    assert "Kentish Town day opportunities" in _find("en", "day centre")
    assert "Sitting service for carers" in _find("bn", "বিশ্রাম")  # a Bengali synonym of respite
    assert "Sitting service for carers" in _find("so", "nasasho")
    # A word in a service's name counts for more than in a description.
    assert _find("en", "gardening")[0] == "Paid gardening help"


def test_facets_count_not_known_as_a_value_and_say_what_a_filter_hides(directory):
    result = _result("en")
    costs = {v.value: v.count for v in result.outcome.facets["cost"]}
    assert costs["free"] >= 1 and costs["paid"] >= 1
    assert costs["not-known"] == result.outcome.total - costs["free"] - costs["paid"]
    assert costs["not-known"] > 0
    free = _result("en", cost="free")
    assert "Free advice line" in [h.data["name"] for h in free.outcome.services]
    assert free.outcome.hidden["cost"] == costs["not-known"]
    with_unknown = _result("en", **{"cost": ["free", "not-known"]})
    assert with_unknown.outcome.total == costs["free"] + costs["not-known"]


def test_an_edit_in_one_worker_is_in_the_next_search_of_another(directory, any_app, index_dir):
    url = any_app.config["SQLALCHEMY_DATABASE_URI"]
    overrides = {"SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": index_dir}
    worker_a, worker_b = create_app("test", overrides), create_app("test", overrides)
    try:
        client_b = worker_b.test_client()
        assert "Marylebone" not in client_b.get("/en/search?q=marylebone").get_data(as_text=True)
        with worker_a.app_context():
            service = db.session.get(Service, directory["paid"])
            service.description = "Gardening help near Marylebone."
            db.session.commit()
        html = client_b.get("/en/search?q=marylebone").get_data(as_text=True)
        assert "Paid gardening help" in html
    finally:
        for worker in (worker_a, worker_b):
            worker.extensions["search"].close()
            with worker.app_context():
                db.session.remove()
                db.engine.dispose()


def test_related_rows_and_deletions_reach_the_index(directory):
    service = db.session.get(Service, directory["day"])
    location = Location(name="Hall", latitude=51.55, longitude=-0.14, sources=["test"])
    service.service_at_locations = [ServiceAtLocation(location=location)]
    db.session.commit()
    assert db.session.scalars(select(SearchChange.service_id)).all().count(service.id) >= 1
    assert _result("en", q="day opportunities", postcode="NW5").outcome.services[0].distance_m is not None
    db.session.delete(db.session.get(Service, directory["free"]))
    db.session.commit()
    assert "Free advice line" not in _find("en", "advice")


def test_a_build_that_fails_half_way_leaves_the_last_good_generation_serving(directory, index_dir):
    before = LanguageDir(index_dir, "en").pointer()
    service = db.session.get(Service, directory["paid"])
    service.name = "Renamed gardening help"
    db.session.commit()
    db.session.execute(delete(SearchChange))  # only the rebuild can show the new name
    db.session.commit()
    written = 0

    def fail_half_way():
        nonlocal written
        written += 1
        if written == 20:
            raise RuntimeError("the machine stopped")

    with pytest.raises(RuntimeError, match="the machine stopped"):
        indexer.build(on_document=fail_half_way)
    assert LanguageDir(index_dir, "en").pointer() == before
    assert sorted(LanguageDir(index_dir, "en").generations()) == [before.generation]
    assert "Paid gardening help" in _find("en", "gardening")  # the old generation still serves
    indexer.build()
    assert "Renamed gardening help" in _find("en", "gardening")


def test_the_lock_keeps_a_second_builder_out(directory):
    started, release = threading.Event(), threading.Event()
    app = current_app._get_current_object()
    errors = []

    def slow_build():
        with app.app_context():
            try:
                indexer.build(on_document=lambda: (started.set(), release.wait(10)))
            except Exception as exc:  # reported below
                errors.append(exc)

    builder = threading.Thread(target=slow_build)
    builder.start()
    try:
        assert started.wait(10)
        with pytest.raises(IndexLocked):
            indexer.build()
    finally:
        release.set()
        builder.join(30)
    assert not errors


def test_searches_that_find_nothing_are_logged_with_words_and_language_only(directory):
    _result("ar", q="ZZQQ xxyyq")
    with _request("en"):
        search(MultiDict({"q": "half-typed zzq"}), "en", live=True)
    rows = db.session.execute(select(ZeroResultSearch.words, ZeroResultSearch.lang)).all()
    assert rows == [("zzqq xxyyq", "ar")]
    assert {c.name for c in ZeroResultSearch.__table__.columns} == {"id", "words", "lang", "at"}


def test_the_change_log_cursor_waits_for_gaps_then_gives_up_on_them():
    import datetime as dt

    from app.search.changes import GRACE, Cursor

    now = dt.datetime(2026, 1, 1, 12, 0)

    class Row:
        def __init__(self, id, age):
            self.id, self.at = id, now - age

    recent = dt.timedelta(seconds=1)
    cursor = Cursor(4).advanced([Row(5, recent), Row(7, recent)], now)
    assert cursor == Cursor(5, frozenset({7}))  # 6 may still commit
    assert cursor.unseen([Row(6, recent), Row(7, recent)])[0].id == 6
    later = Cursor(5, frozenset({7})).advanced([Row(7, GRACE * 2)], now)
    assert later == Cursor(7)  # 6 never came: a rolled-back insert
    assert changes.Cursor.from_data(later.to_data()) == later


def test_updates_add_small_segments_and_never_rewrite_the_built_one(directory, index_dir):
    def segments() -> dict[str, int]:
        directory_ = LanguageDir(index_dir, "en")
        ix = directory_.open(directory_.pointer())
        try:
            return {s.segment_id(): s.doc_count_all() for s in ix._segments()}
        finally:
            ix.close()

    generate(count=1100, seed=3)  # more documents than updates ever merge (MERGE_BELOW)
    db.session.commit()
    indexer.build()
    _find("en", "carers")  # applies the seed's change log
    built = max(segments().items(), key=lambda item: item[1])
    assert built[1] > MERGE_BELOW
    for number in range(4):
        service = db.session.get(Service, directory["paid"])
        service.description = f"Garden help, edit number{number}"
        db.session.commit()
        assert "Paid gardening help" in _find("en", f"number{number}")
    after = segments()
    assert after[built[0]] == built[1]
    assert len(after) <= 3

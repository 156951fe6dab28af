"""The search page, /<lang>/search: a full page that passes the page checks in every language, an htmx fragment
that passes the fragment checks, input that Whoosh's own query parser would reject answered with a normal
page, clear messages for what cannot be used, "did you mean", distances and the information pages group."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from app.directory.models import Location, Organization, Service, ServiceAtLocation, ServiceAttribute
from app.directory.seed import load_seed_file, seed_directory, seed_path
from app.directory.synthetic import generate
from app.directory.taxonomy import taxonomy
from app.extensions import db
from app.search import indexer, searcher
from app.search.models import ZeroResultSearch
from tests.conftest import _dispose, _make_app
from tests.support.page_checks import check_fragment, check_page
from tests.support.site_pages import site_languages

BAD_INPUT = [
    '"unbalanced quote',
    'carers" "',
    "AND OR NOT",
    "carers AND OR",
    "*",
    "car*",
    "~~~",
    "carers~2",
    "a" * 10_000,
    "carers " * 2_000,
    "\x00\x01\x07\x1b[31m control \x7f",
    "\u202e\u200fright-to-left override\u202c",
    "دعم مقدّمي الرعاية",
    "কেয়ারারদের জন্য সহায়তা",
    "'; DROP TABLE services; --",
    "1' OR '1'='1",
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "title:carers OR (respite AND -break)^3",
    "((((",
    "\\",
    "%00%27",
    "𝓬𝓪𝓻𝓮𝓻𝓼 🙂",
]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """Its own app and database: Camden's seeded services, 30 synthetic ones and a located service, indexed
    once for the module in a temporary folder (these tests only read, except the zero-result log)."""
    folder = tmp_path_factory.mktemp("search-pages")
    app = _make_app(f"sqlite:///{folder / 'search.sqlite3'}", SEARCH_INDEX_DIR=folder / "search_index")
    with app.app_context():
        tax = taxonomy()
        seed_directory(load_seed_file(seed_path(Path(app.config["CONTENT_DIR"])), tax), tax)
        generate(count=30, seed=5)
        org = Organization(name="Kentish Town Carers Hub", sources=["test"])
        db.session.add(org)
        db.session.flush()
        place = Location(name="Hub", latitude=51.5502, longitude=-0.1406, sources=["test"])
        hub = Service(organization_id=org.id, name="Kentish Town carers' drop-in", sources=["test"])
        hub.description = "Respite and a cup of tea for unpaid carers."
        hub.attributes = [ServiceAttribute(taxonomy_term_id=tax.by_slug["carers-support"].id)]
        hub.service_at_locations = [ServiceAtLocation(location=place)]
        db.session.add(hub)
        db.session.commit()
        indexer.build()
        for lang in site_languages():  # apply the seed's change log now, not in the first test
            indexer.apply_changes(lang)
    yield app
    app.extensions["search"].close()
    _dispose(app)


@pytest.fixture
def client(indexed):
    return indexed.test_client()


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html5lib")


@pytest.mark.parametrize("lang", site_languages())
def test_the_search_page_passes_the_page_checks_in_every_language(indexed, client, get_page, lang):
    soup = get_page(client, f"/{lang}/search")
    form = soup.select_one("form#search-form")
    assert form["method"] == "get" and form["action"] == f"/{lang}/search"
    soup = get_page(client, f"/{lang}/search?q=carers")
    assert soup.select(".app-search-list__item")
    status = soup.select_one("#search-status")
    assert status["aria-live"] == "polite"
    assert any(ch.isdigit() for ch in status.get_text())  # "44 services found", in the page's language


def test_results_mark_english_names_and_unchecked_services_on_other_language_pages(indexed, client, get_page):
    soup = get_page(client, "/ar/search?q=carers")
    names = soup.select(".app-search-list__name a")
    assert names and all((a["lang"], a["dir"]) == ("en", "ltr") for a in names)
    assert soup.select(".app-search-unchecked")
    english = get_page(client, "/en/search?q=carers")
    assert not english.select_one(".app-search-list__name a").has_attr("lang")


def test_htmx_gets_a_fragment_with_the_count_and_filters_out_of_band(indexed, client):
    response = client.get("/en/search?q=carers", headers={"HX-Request": "true", "HX-Trigger": "search-form"})
    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<h1" not in html
    soup = check_fragment(html)
    assert soup.select_one('#search-status[hx-swap-oob="innerHTML"]').get_text(strip=True)
    assert soup.select_one("#search-filters[hx-swap-oob]")
    assert soup.select(".app-search-list__item")
    full = client.get("/en/search?q=carers")
    assert "HX-Request" in full.headers["Vary"]


def test_history_restore_gets_the_full_page(indexed, client):
    response = client.get("/en/search?q=carers", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    check_page(response.get_data(as_text=True), lang="en", dir="ltr")


@pytest.mark.parametrize("text", BAD_INPUT, ids=range(len(BAD_INPUT)))
def test_input_a_query_parser_would_reject_gets_a_normal_page(indexed, client, text):
    for lang, direction in (("en", "ltr"), ("ar", "rtl")):
        response = client.get(f"/{lang}/search", query_string={"q": text, "postcode": text[:30], "page": text[:5]})
        assert response.status_code == 200, text
        html = response.get_data(as_text=True)
        soup = check_page(html, lang=lang, dir=direction)
        assert "<script>alert" not in html
        shown = soup.select_one("#search-q")["value"]
        assert len(shown) <= 200 and not any(ch < " " for ch in shown)
    long = client.get("/en/search", query_string={"q": text})
    if len(text) > 200:
        assert "too long" in long.get_data(as_text=True)


def test_bad_filters_postcodes_and_pages_get_a_message_not_an_error(indexed, client, get_page):
    soup = get_page(client, "/en/search?q=carers&category=no-such-thing&cost=priceless&language=../../x&page=zz")
    notices = " ".join(n.get_text(" ", strip=True) for n in soup.select(".app-search-notice"))
    assert "no-such-thing" in notices and "priceless" in notices and "first page" in notices
    soup = get_page(client, "/en/search?q=carers&postcode=ZZ99+9ZZ")
    assert "could not find the postcode ZZ99 9ZZ" in soup.get_text(" ", strip=True)
    soup = get_page(client, "/en/search?q=carers&postcode=hello")
    assert "is not a postcode" in soup.get_text(" ", strip=True)
    soup = get_page(client, "/en/search?q=carers&page=400")
    assert "There is no page 400" in soup.get_text(" ", strip=True)


def test_did_you_mean_and_results_for_a_misspelling(indexed, client, get_page):
    soup = get_page(client, "/en/search?q=carres")
    text = soup.get_text(" ", strip=True)
    assert "Showing results for “carers”" in text or "Did you mean" in text
    assert soup.select(".app-search-list__item")


def test_information_pages_are_their_own_group(indexed, client, get_page):
    soup = get_page(client, "/en/search?q=carer+conversation")
    heading = soup.select_one("#search-pages-heading")
    assert heading is not None
    links = [a["href"] for a in heading.find_next("ul").select("a")]
    assert "/en/carers/carer-conversations" in links


def test_a_postcode_sorts_by_distance_and_says_when_it_is_not_known(indexed, client, get_page):
    soup = get_page(client, "/en/search?q=carers&postcode=NW5+1TL")
    first = soup.select(".app-search-list__item")[0]
    assert "Kentish Town carers' drop-in" in first.get_text()
    assert re.search(r"Distance: [\d,.]+ k?m", first.select_one(".app-search-list__distance").get_text())
    everything = get_page(client, "/en/search?postcode=NW5&page=1")
    assert everything.select(".app-search-list__distance")
    last_page = everything.select_one(".govuk-pagination__next a")
    while last_page is not None:
        everything = get_page(client, last_page["href"])
        last_page = everything.select_one(".govuk-pagination__next a")
    assert "Distance not known" in everything.get_text(" ", strip=True)


def test_facets_show_not_known_with_its_count_and_apply_without_javascript(indexed, client, get_page):
    soup = get_page(client, "/en/search?q=carers")
    for facet in ("category", "cost", "age", "language", "wheelchair", "open_on"):
        box = soup.select_one(f"#filter-{facet}-not-known")
        assert box is not None, facet
        assert "Not known (" in box.find_next("label").get_text()
    assert soup.select_one("#search-filters button[type=submit]")
    filtered = get_page(client, "/en/search?q=carers&wheelchair=yes")
    assert "do not say" in filtered.get_text(" ", strip=True)  # the services the filter hides, counted
    assert filtered.select_one("#filter-wheelchair-yes").has_attr("checked")


def test_zero_results_are_logged_for_searches_but_not_while_typing(indexed, client):
    def logged():
        with indexed.app_context():
            stmt = select(ZeroResultSearch.words, ZeroResultSearch.lang).where(ZeroResultSearch.words == "qqxqq")
            return db.session.execute(stmt).all()

    client.get("/so/search?q=qqxqq", headers={"HX-Request": "true", "HX-Trigger": "search-q"})
    assert logged() == []
    client.get("/so/search?q=qqxqq")
    assert logged() == [("qqxqq", "so")]


def test_without_an_index_the_page_still_answers(app, get_page, tmp_path):
    before = app.config["SEARCH_INDEX_DIR"]
    app.config["SEARCH_INDEX_DIR"] = tmp_path / "nothing-here"
    searcher.init_app(app)
    try:
        soup = get_page(app.test_client(), "/en/search?q=carers")
        assert "not available" in soup.get_text(" ", strip=True)
    finally:
        app.config["SEARCH_INDEX_DIR"] = before
        searcher.init_app(app)

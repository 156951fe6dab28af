"""The public directory pages on SQLite and PostgreSQL, in every site language: a service, the categories, one
category. Every page goes through tests/support/page_checks (one h1, title, ids, lang and dir)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from app.directory.models import AdviserNote, Language, Organization, Service, ServiceAttribute
from app.directory.seed import load_seed_file, seed_directory, seed_path
from app.directory.synthetic import generate
from app.directory.taxonomy import sync_taxonomy, taxonomy
from app.directory.translation import save_translation
from app.extensions import db
from tests.support.site_pages import site_languages

LANGUAGES = site_languages()


@pytest.fixture
def seeded(any_app):
    tax = taxonomy()
    seed_directory(load_seed_file(seed_path(Path(any_app.config["CONTENT_DIR"])), tax), tax)
    db.session.commit()
    return any_app


def _service(name: str) -> Service:
    return db.session.scalar(select(Service).where(Service.name == name))


def _make_services(count: int, slug: str, **fields) -> list[Service]:
    sync_taxonomy(taxonomy())
    org = Organization(name="Test organisation", sources=["test"])
    db.session.add(org)
    db.session.flush()
    term_id = taxonomy().by_slug[slug].id
    services = []
    for n in range(count):
        service = Service(organization_id=org.id, name=f"Test service {n:03d}", sources=["test"], **fields)
        service.attributes = [ServiceAttribute(taxonomy_term_id=term_id)]
        services.append(service)
    db.session.add_all(services)
    db.session.commit()
    return services


def _h1(soup):
    return soup.find("h1")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_seeded_service_page_renders(seeded, any_client, get_page, lang):
    services = db.session.scalars(select(Service)).all()
    if lang in ("bn", "so"):
        services = services[::4]  # every page in English and Arabic (right to left); a sample in the others
    for service in services:
        soup = get_page(any_client, f"/{lang}/services/{service.id}")
        h1 = _h1(soup)
        assert h1.get_text(strip=True) == service.name
        if lang == "en":
            assert not h1.has_attr("lang")
        else:
            # Names stay as the organisation gives them, in English, marked so.
            assert (h1["lang"], h1["dir"]) == ("en", "ltr")
            caption = soup.select_one(".govuk-caption-l span[lang=en]")
            assert caption is not None and caption["dir"] == "ltr"


def test_english_text_on_other_language_pages_is_marked_english(seeded, any_client, get_page):
    service = _service("Camden Carers: support for unpaid carers")
    soup = get_page(any_client, f"/ar/services/{service.id}")
    description = soup.select_one(".app-directory-description")
    assert (description["lang"], description["dir"]) == ("en", "ltr")
    assert soup.select_one(".app-translation-missing") is not None
    marked = " ".join(el.get_text(" ", strip=True) for el in soup.select("[lang=en][dir=ltr]"))
    assert "Camden Carers Services" in marked  # a contact's name
    assert "Given on a GP practice" in marked  # a phone's description


def test_facts_the_sources_do_not_give_say_not_known(seeded, any_client, get_page):
    soup = get_page(any_client, f"/en/services/{_service('Adult Early Help').id}")
    not_known = soup.select(".app-not-known")
    assert len(not_known) >= 8  # age, referral, cost, languages, area, contact, times, address...
    text = soup.get_text(" ", strip=True)
    assert "Not yet checked by Camden" in text
    assert soup.select_one(".app-check-warning") is not None


def test_contacts_are_tel_links_and_old_numbers_say_check_first(seeded, any_client, get_page):
    soup = get_page(any_client, f"/en/services/{_service('Camden Carers: support for unpaid carers').id}")
    assert soup.select_one('a[href="tel:02074288950"]').get_text(strip=True) == "020 7428 8950"
    warning = soup.select_one(".app-check-before-use").get_text(" ", strip=True)
    assert "Check before you call" in warning and "undated" in warning
    soup = get_page(any_client, f"/en/services/{_service('Contact Camden').id}")
    assert soup.select_one('a[href="tel:02079744444"]') is not None
    assert "December 2020" in soup.select_one(".app-check-before-use").get_text(" ", strip=True)


def test_adviser_notes_never_reach_a_public_page(seeded, any_client):
    generate(count=40, seed=2)  # synthetic notes too
    db.session.commit()
    notes = db.session.execute(select(AdviserNote.service_id, AdviserNote.body)).all()
    assert len(notes) > 15
    for lang in LANGUAGES:
        for service_id, body in notes:
            html = any_client.get(f"/{lang}/services/{service_id}").get_data(as_text=True)
            assert body[:60] not in html
            assert "adviser note" not in html.lower()


@pytest.mark.parametrize("path", ["00000000-0000-4000-8000-000000000000", "not-a-uuid", "12345"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_unknown_or_malformed_ids_get_the_404_page(any_client, path, lang):
    response = any_client.get(f"/{lang}/services/{path}")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert f'lang="{lang}"' in html and "<h1" in html


def test_an_upper_case_id_redirects_to_the_one_url(seeded, any_client):
    service = _service("Contact Camden")
    response = any_client.get(f"/en/services/{service.id.upper()}")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(f"/en/services/{service.id}")


def test_a_temporarily_closed_service_shows_a_banner(seeded, any_client, get_page):
    service = _service("Samaritans")
    service.status = "temporarily closed"
    db.session.commit()
    for lang in LANGUAGES:
        banner = get_page(any_client, f"/{lang}/services/{service.id}").select_one(".app-service-status")
        assert banner is not None, lang
        if lang == "en":
            assert "temporarily closed" in banner.get_text(" ", strip=True)


def test_an_open_service_has_no_status_banner(seeded, any_client, get_page):
    soup = get_page(any_client, f"/en/services/{_service('Samaritans').id}")
    assert soup.select_one(".app-service-status") is None
    assert len(soup.select(".app-opening-times tbody tr")) == 7


def test_a_recent_check_shows_its_date_and_an_old_one_a_warning(seeded, any_client, get_page):
    service = _service("Samaritans")
    service.assured_date = dt.date.today() - dt.timedelta(days=10)
    db.session.commit()
    soup = get_page(any_client, f"/en/services/{service.id}")
    assert soup.select_one(".app-check-warning") is None
    assert "Not yet checked by Camden" not in soup.get_text()
    service.assured_date = dt.date.today() - dt.timedelta(days=400)
    db.session.commit()
    soup = get_page(any_client, f"/en/services/{service.id}")
    assert "more than 6 months ago" in soup.select_one(".app-check-warning").get_text()


def test_a_translation_is_shown_with_its_status_until_the_english_changes(seeded, any_client, get_page):
    service = _service("Contact Camden")
    save_translation("service", service, "bn", {"description": "কন্টাক্ট ক্যামডেন কাউন্সিলের ফোন সেন্টার।"}, "machine-draft")
    db.session.commit()
    soup = get_page(any_client, f"/bn/services/{service.id}")
    description = soup.select_one(".app-directory-description")
    assert not description.has_attr("lang")  # in the page's language
    assert "কন্টাক্ট ক্যামডেন" in description.get_text()
    assert soup.select_one(".app-translation-missing") is None
    machine_label = soup.select_one("main .govuk-tag--yellow").get_text(strip=True)
    service.description = service.description + " Changed."
    db.session.commit()
    soup = get_page(any_client, f"/bn/services/{service.id}")
    assert soup.select_one("main .govuk-tag--yellow").get_text(strip=True) != machine_label  # now "outdated"


def test_languages_spoken_are_named_in_the_readers_language(seeded, any_client, get_page):
    service = _service("Samaritans")
    service.languages = [Language(code="so"), Language(code="bfi")]
    db.session.commit()
    text = get_page(any_client, f"/bn/services/{service.id}").get_text(" ")
    assert "সোমালি" in text
    text = get_page(any_client, f"/en/services/{service.id}").get_text(" ")
    assert "Somali" in text and "British Sign Language" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_categories_page_lists_every_term_in_the_readers_language(any_client, get_page, lang):
    soup = get_page(any_client, f"/{lang}/services/categories/")
    links = {a["href"] for a in soup.select("main a[href*='/services/categories/']")}
    for term in taxonomy().terms:
        assert f"/{lang}/services/categories/{term.slug}" in links
        assert term.label(lang).name in soup.get_text()
    if lang != "en":
        assert soup.select_one(".app-translation-notice--machine-draft") is not None


def test_a_category_page_lists_its_services_with_english_names_marked(seeded, any_client, get_page):
    for lang in LANGUAGES:
        soup = get_page(any_client, f"/{lang}/services/categories/advocacy")
        names = [a.get_text(strip=True) for a in soup.select(".app-directory-list__item h2 a")]
        assert "Camden and Islington Integrated Advocacy Service (CIIAS)" in names
        assert _h1(soup).get_text(strip=True) == taxonomy().by_slug["advocacy"].label(lang).name
        for link in soup.select(".app-directory-list__item h2 a"):
            assert (link.get("lang"), link.get("dir")) == ((None, None) if lang == "en" else ("en", "ltr"))


def test_category_pages_are_paginated(any_app, any_client, get_page):
    _make_services(23, "housing-support")
    first = get_page(any_client, "/en/services/categories/housing-support")
    assert len(first.select(".app-directory-list__item")) == 20
    assert first.select_one(".govuk-pagination__next a")["href"].endswith("page=2")
    second = get_page(any_client, "/en/services/categories/housing-support?page=2")
    assert [a.get_text(strip=True) for a in second.select(".app-directory-list__item h2 a")] == [
        "Test service 020", "Test service 021", "Test service 022",
    ]  # fmt: skip
    for bad in ("?page=3", "?page=0", "?page=abc"):
        assert any_client.get(f"/en/services/categories/housing-support{bad}").status_code == 404
    assert any_client.get("/en/services/categories/no-such-category").status_code == 404


def test_defunct_services_are_not_listed_but_keep_their_page(any_app, any_client, get_page):
    [closed] = _make_services(1, "safeguarding", status="defunct")
    soup = get_page(any_client, "/en/services/categories/safeguarding")
    assert "Test service 000" not in soup.get_text()
    page = get_page(any_client, f"/en/services/{closed.id}")
    assert "closed" in page.select_one(".app-service-status").get_text(" ").lower()


def test_an_empty_category_says_so(any_app, any_client, get_page):
    soup = get_page(any_client, "/so/services/categories/carers-breaks")
    assert soup.select_one(".app-directory-list") is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_links_to_the_categories(any_client, get_page, lang):
    soup = get_page(any_client, f"/{lang}/")
    assert soup.select_one(f'a[href="/{lang}/services/categories/"]') is not None

"""The shortlist's outputs on SQLite and PostgreSQL, in English, Bengali, Somali and Arabic: print (and large
print), Easy Read, plain text with its SMS count, the output-language choice, empty lists, and the renderer as
the adviser console calls it (services and information pages, a nested heading level)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.dates import get_day_names
from bs4 import BeautifulSoup
from flask import g
from flask_babel import force_locale, ngettext

from app.extensions import db
from app.shortlist.list import PageItem, ServiceItem
from app.shortlist.outputs import render_outputs
from app.shortlist.sms import count
from tests.support.i18n_text import squash, status_text, translated
from tests.support.page_checks import get_page
from tests.support.shortlist_data import (  # noqa: F401 - limits_off_as_configured is autouse
    AR_DESCRIPTION,
    BN_DESCRIPTION,
    add,
    limits_off_as_configured,
    make_records,
)

LANGUAGES = ["en", "bn", "so", "ar"]
DIRECTION = {"en": "ltr", "bn": "ltr", "so": "ltr", "ar": "rtl"}
TITLE = "Your list of services and information"
STATIC = Path(__file__).resolve().parents[2] / "app" / "static"
CHECK_FIRST = "Check with the service before you go: details can change."


@pytest.fixture
def listed(any_app, any_client):
    records = make_records()
    for service in (records.hub, records.online, records.bare):
        add(any_client, service.id)
    return records


def _output(soup: BeautifulSoup, lang: str):
    article = soup.select_one("article.app-shortlist-output")
    assert article is not None
    assert (article["lang"], article["dir"]) == (lang, DIRECTION[lang])
    return article


def _names_marked_english(article, lang: str) -> None:
    headings = article.select("h2")
    assert [squash(h.get_text()) for h in headings] == ["Carers Test Hub", "Online Test Advice", "Test Befriending"]
    for heading in headings:
        if lang == "en":
            assert not heading.has_attr("lang")
        else:
            assert (heading["lang"], heading["dir"]) == ("en", "ltr")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_print_view_in_each_language(listed, any_client, lang):
    app = any_client.application
    soup = get_page(any_client, f"/{lang}/shortlist/print")
    article = _output(soup, lang)
    assert squash(soup.find("h1").get_text()) == translated(app, lang, TITLE)
    assert article.find("h1") is not None, "the output's title is the page's h1"
    _names_marked_english(article, lang)
    text = squash(article.get_text(" "))
    for msgid in ("Contact", "Opening times", "How to get there", CHECK_FIRST):
        assert translated(app, lang, msgid) in text, msgid
    assert translated(app, lang, "Phone: %(number)s", number="020 7000 0001") in text
    assert get_day_names("wide", locale=lang)[0] in text  # Monday, in the output's language
    assert article.select_one('a[href="tel:02070000001"]') is not None
    assert article.select_one('a[href="https://example.org/hub/easy-read"]') is not None
    more = article.select_one(f'a[href="http://localhost/{lang}/services/{listed.hub.id}"]')
    assert more is not None and more["dir"] == "ltr"
    assert "2019" in text  # the number to check before calling, with its date
    assert "app-shortlist-output--large" not in article["class"]


@pytest.mark.parametrize(
    ("lang", "description", "status"),
    [("bn", BN_DESCRIPTION, "machine-draft"), ("ar", AR_DESCRIPTION, "reviewed"), ("so", None, "missing")],
)
def test_descriptions_are_translated_where_a_translation_exists(listed, any_client, lang, description, status):
    app = any_client.application
    article = _output(get_page(any_client, f"/{lang}/shortlist/print"), lang)
    hub = article.select("section.app-shortlist-entry")[0]
    shown = hub.select_one(".app-shortlist-description")
    in_english = hub.select_one(".app-shortlist-in-english")
    if description:
        assert squash(shown.get_text()) == description
        assert not shown.has_attr("lang"), "in the output's language"
        assert in_english is None
        tag = hub.select_one(".govuk-tag--yellow")
        if status == "reviewed":
            assert tag is None
        else:
            assert squash(tag.get_text()) == status_text(app, lang, status)
    else:
        assert squash(shown.get_text(" ")).startswith("Support for unpaid carers in Camden.")
        assert (shown["lang"], shown["dir"]) == ("en", "ltr")
        assert squash(in_english.get_text()) == translated(app, lang, "(in English)")


def test_english_output_has_no_in_english_marker(listed, any_client):
    article = _output(get_page(any_client, "/en/shortlist/print"), "en")
    assert article.select_one(".app-shortlist-in-english") is None
    assert "This service is temporarily closed." in squash(article.get_text())


def test_large_print_is_18pt_or_more(listed, any_client):
    article = _output(get_page(any_client, "/en/shortlist/print?size=large"), "en")
    assert "app-shortlist-output--large" in article["class"]
    css = (STATIC / "dist" / "app.css").read_text()
    assert ".app-shortlist-output--large{font-size:18pt" in css
    assert ".app-shortlist-output--large .govuk-body," in css


@pytest.mark.parametrize("lang", ["en", "bn", "ar"])
def test_easy_read_has_short_lines_and_pictures_with_alt_text(listed, any_client, lang):
    app = any_client.application
    soup = get_page(any_client, f"/{lang}/shortlist/easy-read")
    article = _output(soup, lang)
    assert squash(soup.find("h1").get_text()) == translated(app, lang, "Your list in Easy Read")
    _names_marked_english(article, lang)
    images = article.select("img")
    assert images
    for img in images:
        assert img["alt"].strip(), img
        assert img["src"].startswith("/static/easy-read/")
        assert (STATIC / "easy-read" / img["src"].split("/")[-1].split("?")[0]).exists()
    for line in article.select("p, li"):
        words = [w for w in squash(line.get_text()).split(" ") if not w.startswith("http")]
        assert len(words) <= 15, f"not a short line: {squash(line.get_text())!r}"
    assert article.select_one('a[href="https://example.org/hub/easy-read"]') is not None
    assert translated(app, lang, "Phone: %(number)s", number="020 7000 0001") in squash(article.get_text(" "))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_version_with_its_sms_count(listed, any_client, lang):
    app = any_client.application
    soup = get_page(any_client, f"/{lang}/shortlist/text")
    textarea = soup.select_one("textarea#shortlist-text")
    assert textarea.has_attr("readonly")
    assert (textarea["lang"], textarea["dir"]) == (lang, DIRECTION[lang])
    assert soup.select_one("label[for=shortlist-text]").get_text(strip=True)
    text = textarea.get_text().replace("\r\n", "\n").lstrip("\n")  # a textarea drops one leading newline
    assert text.startswith(translated(app, lang, TITLE))
    assert "1. Carers Test Hub" in text and "3. Test Befriending" in text
    assert translated(app, lang, "Phone: %(number)s", number="020 7000 0001") in text
    assert f"http://localhost/{lang}/services/{listed.hub.id}" in text
    expected = count(text)
    facts = {squash(row.dt.get_text()): squash(row.dd.get_text()) for row in soup.select(".app-shortlist-sms > div")}
    values = list(facts.values())
    assert values[0] == str(expected.characters)
    assert values[1] == str(expected.segments)
    assert values[3] == str(expected.per_segment)
    assert soup.select_one("#shortlist-text-length") is not None
    assert "shortlist-text-length" in textarea["aria-describedby"]
    shown = squash(soup.select_one(".app-shortlist-sms").get_text())
    assert expected.encoding in ("GSM-7", "UCS-2") and expected.encoding in shown
    if lang in ("bn", "ar"):
        assert expected.encoding == "UCS-2"


def test_english_text_fits_the_gsm_alphabet(listed, any_client):
    soup = get_page(any_client, "/en/shortlist/text")
    result = count(soup.select_one("textarea").get_text().lstrip("\n"))
    assert result.encoding == "GSM-7", result.outside_gsm
    assert "GSM-7" in squash(soup.select_one(".app-shortlist-sms").get_text())


def test_another_output_language_can_be_chosen(listed, any_client):
    app = any_client.application
    soup = get_page(any_client, "/en/shortlist/print?language=ar")
    article = _output(soup, "ar")
    assert squash(article.find("h1").get_text()) == translated(app, "ar", TITLE)
    select = soup.select_one("select#output-language[name=language]")
    assert select.find_parent("form")["method"] == "get"
    assert select.select_one("option[selected]")["value"] == "ar"
    for option in select.select("option"):
        assert option["lang"] == option["value"] and option["dir"] == DIRECTION[option["value"]]
    # Links to the other outputs carry the choice.
    assert soup.select_one('a[href="/en/shortlist/easy-read?language=ar"]') is not None
    large = get_page(any_client, "/bn/shortlist/print?size=large&language=so")
    assert "app-shortlist-output--large" in _output(large, "so")["class"]
    assert large.select_one("form.app-shortlist-language input[name=size]")["value"] == "large"
    text = get_page(any_client, "/ar/shortlist/text?language=en").select_one("textarea")
    assert (text["lang"], text["dir"]) == ("en", "ltr")


@pytest.mark.parametrize("bad", ["xx", "", "EN", "../en"])
def test_an_unknown_output_language_falls_back_to_the_page_language(listed, any_client, bad):
    _output(get_page(any_client, f"/bn/shortlist/print?language={bad}"), "bn")


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("url", ["print", "print?size=large", "easy-read", "text", "email"])
def test_outputs_of_an_empty_list_say_so(any_client, lang, url):
    soup = get_page(any_client, f"/{lang}/shortlist/{url}")
    assert soup.select_one("article.app-shortlist-output") is None
    assert soup.select_one("textarea") is None
    assert soup.select_one(f'main a[href="/{lang}/services/categories/"]') is not None
    text = squash(soup.get_text())
    app = any_client.application
    assert translated(app, lang, "Your list is empty") in text or translated(app, lang, "Your list is empty.") in text


def test_the_renderer_takes_services_and_information_pages(listed, any_app):
    """How the adviser console calls it: any mix of items, in the caller's language, under its own h1."""
    items = [
        PageItem("carers", "who-is-a-carer"),
        ServiceItem(listed.hub.id),
        ServiceItem("00000000-0000-4000-8000-000000000000"),
        PageItem("carers", "no-such-page"),
    ]
    with any_app.test_request_context("/en/staff/"):
        g.lang = "en"
        printed = render_outputs(items, "ar", "print", heading_level=2)
        text = render_outputs(items, "bn", "text")
        easy = render_outputs(items, "so", "easy-read")
    assert (printed.lang, printed.dir, printed.count, printed.missing) == ("ar", "rtl", 2, 2)
    soup = BeautifulSoup(str(printed.body), "html.parser")
    assert soup.find("h1") is None
    assert squash(soup.find("h2").get_text()) == printed.title
    page_heading = soup.find_all("h3")[0]
    assert page_heading.get_text(strip=True)  # the Arabic page's title (or the English one, marked)
    assert soup.select_one('a[href="http://localhost/ar/carers/who-is-a-carer"]') is not None
    assert soup.select_one('a[href="http://localhost/ar/carers/who-is-a-carer/easy-read"]') is not None
    assert soup.select_one("h4") is not None  # the service's sections sit one level further down
    with force_locale("ar"):
        gone = ngettext(
            "%(num)s item on this list is no longer available.",
            "%(num)s items on this list are no longer available.",
            2,
        )
    assert squash(str(gone)) in squash(soup.get_text())  # in Arabic, with the count
    assert text.fmt == "text" and isinstance(text.body, str)
    assert "http://localhost/bn/carers/who-is-a-carer" in text.body
    assert "1. " in text.body and "2. Carers Test Hub" in text.body
    assert easy.lang == "so" and "app-easy-read" in str(easy.body)


def test_renderer_rejects_an_unknown_format(listed, any_app):
    with any_app.test_request_context("/en/"):
        g.lang = "en"
        with pytest.raises(ValueError):
            render_outputs([ServiceItem(listed.hub.id)], "en", "pdf")  # type: ignore[arg-type]


def test_the_text_page_names_the_characters_that_make_a_text_longer(any_app, any_client):
    records = make_records()
    records.bare.name = "Carers’ Befriending"  # a curly apostrophe, as copied from a web page
    db.session.commit()
    add(any_client, records.bare.id)
    soup = get_page(any_client, "/en/shortlist/text")
    result = count(soup.select_one("textarea").get_text().lstrip("\n"))
    assert result.encoding == "UCS-2" and result.outside_gsm == ("’",)
    assert "UCS-2" in squash(soup.select_one(".app-shortlist-sms").get_text())
    assert "fewer characters fit in each message: ’" in squash(soup.select_one("main").get_text())

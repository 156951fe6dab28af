"""Markdown becomes safe HTML: no raw HTML or script URLs survive, site links get the reader's language."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from app.content.markdown import render


def _soup(markdown: str, lang: str = "en") -> BeautifulSoup:
    html = render(markdown, lang)
    assert isinstance(html, Markup)
    return BeautifulSoup(str(html), "html.parser")


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        "Hello <script>alert(1)</script> there",
        '<div onclick="alert(1)">x</div>',
        '<img src="x" onerror="alert(1)">',
        "<iframe src='https://example.com'></iframe>",
        "<style>body{display:none}</style>",
        '<a href="https://example.com" style="color:red">x</a>',
        "<form action='/x'><input name=a></form>",
        "<!-- a comment -->",
    ],
)
def test_raw_html_is_stripped(markdown):
    soup = _soup(markdown)
    for tag in ("script", "div", "iframe", "style", "form", "input"):
        assert soup.find(tag) is None, f"<{tag}> survived: {soup}"
    for el in soup.find_all(True):
        assert not [a for a in el.attrs if a.startswith("on") or a == "style"], f"attribute survived: {el}"
    assert "<!--" not in str(soup)


@pytest.mark.parametrize(
    "markdown",
    [
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](  javascript:alert(1) )",
        "[click](java&#115;cript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "[click](vbscript:msgbox(1))",
        "<javascript:alert(1)>",
        "![x](javascript:alert(1))",
        "[ref]\n\n[ref]: javascript:alert(1)",
    ],
)
def test_script_links_are_stripped(markdown):
    soup = _soup(markdown)
    for el in soup.find_all(["a", "img"]):
        for attr in ("href", "src"):
            value = (el.get(attr) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), f"{attr} survived: {el}"


@pytest.mark.parametrize("lang", ["en", "bn", "so", "ar"])
def test_site_links_get_the_language_prefix(lang):
    soup = _soup("[carer conversations](/carers/carer-conversations#what-happens)", lang)
    assert soup.a["href"] == f"/{lang}/carers/carer-conversations#what-happens"


@pytest.mark.parametrize(
    "href",
    [
        "https://camdencarechoices.camden.gov.uk/",
        "mailto:someone@example.invalid",
        "tel:02079744444",
        "/static/easy-read/phone.svg",
        "#section",
    ],
)
def test_other_links_are_kept_as_written(href):
    assert _soup(f"[x]({href})", "bn").a["href"] == href


def test_protocol_relative_links_are_not_treated_as_site_links():
    href = _soup("[x](//example.com/path)", "bn").a.get("href")
    assert href is None or not href.startswith("/bn/")


def test_images_keep_their_static_path_and_alt_text():
    img = _soup("![A telephone](/static/easy-read/phone.svg)", "ar").img
    assert img["src"] == "/static/easy-read/phone.svg"
    assert img["alt"] == "A telephone"


def test_external_links_do_not_leak_the_opener():
    a = _soup("[Camden](https://www.camden.gov.uk/)").a
    assert set(a["rel"]) >= {"noopener", "noreferrer"}


def test_tables_get_column_scope_and_govuk_classes():
    soup = _soup("| What | How long |\n|---|---|\n| Feedback | 1 year |\n")
    headers = soup.find_all("th")
    assert len(headers) == 2
    assert all(th.get("scope") == "col" for th in headers)
    assert "govuk-table" in soup.table["class"]
    assert all("govuk-table__cell" in td["class"] for td in soup.find_all("td"))
    assert all(td.get("scope") is None for td in soup.find_all("td"))


def test_headings_and_paragraphs_get_govuk_classes():
    soup = _soup("## Heading\n\nText with a [link](/carers/).\n\n- one\n- two\n")
    assert soup.h2["class"] == ["govuk-heading-m"]
    assert soup.p["class"] == ["govuk-body"]
    assert soup.ul["class"] == ["govuk-list", "govuk-list--bullet"]
    assert soup.a["class"] == ["govuk-link"]


def test_text_that_looks_like_markup_is_escaped():
    html = str(render('Use 5 < 6 & "quotes"', "en"))
    assert "5 &lt; 6 &amp;" in html

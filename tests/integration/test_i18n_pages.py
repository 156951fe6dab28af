"""Each language's pages really are in that language: the menus and buttons come from its catalog, the page
says so when the catalog is missing or not yet reviewed, and the status it shows is the one the catalog declares.

These hold before the catalogs land (every non-English catalog is "missing") and after.
"""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from tests.support.catalogs import STATUS_HEADER, po_header, po_path
from tests.support.i18n_text import squash, translated
from tests.support.page_checks import get_page
from tests.support.site_pages import site_languages

SCRIPTS = {"bn": re.compile("[\u0980-\u09ff]"), "ar": re.compile("[\u0600-\u06ff]")}
# UI strings every page shows, looked up in the rendered page and in the catalog.
UI_STRINGS = ["Skip to main content", "Need help now?", "Accessibility statement"]


def _expected_status(code: str) -> str:
    """What the site must show for a UI catalog: missing (no .po); outdated (a message of the .pot has no
    translation, so some menus are in English); otherwise the X-Translation-Status the catalog declares."""
    path = po_path(code)
    if not path.exists():
        return "missing"
    pot = po_path(code).parents[2] / "messages.pot"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    translated = {m.id for m in catalog if m.id and not m.fuzzy and all(_strings(m))}
    if pot.exists():
        with pot.open("rb") as handle:
            if {m.id for m in read_po(handle) if m.id} - translated:
                return "outdated"
    return po_header(path).get(STATUS_HEADER, "(not declared)")


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


@pytest.mark.parametrize("lang", [code for code in site_languages() if code != "en"])
def test_the_site_shows_the_status_its_catalog_declares(app, lang):
    expected = _expected_status(lang)
    shown = app.extensions["catalog_statuses"][lang]
    assert shown == expected, f"the {lang} catalog's status should be {expected!r}; the site shows {shown!r}"


def _catalog_strings(code: str) -> dict[str, str]:
    """msgid -> msgstr for the translated (non-empty, not fuzzy) singular messages of a .po file."""
    path = po_path(code)
    if code == "en" or not path.exists():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    return {m.id: m.string for m in catalog if isinstance(m.id, str) and m.id and m.string and not m.fuzzy}


@pytest.mark.parametrize("lang", site_languages())
def test_menus_and_buttons_come_from_the_catalog(client, lang):
    """What the .po says is what the page shows: its translation where it has one, else the English."""
    soup = get_page(client, f"/{lang}/")
    text = squash(soup.get_text(" "))
    strings = _catalog_strings(lang)
    for msgid in UI_STRINGS:
        expected = squash(strings.get(msgid, msgid))
        assert expected in text, (
            f"{lang}: expected {expected!r} on the page (from translations/{lang}); if the .po has it, "
            "run `make catalogs` to compile the .mo"
        )
        if msgid in strings and lang in SCRIPTS:
            assert SCRIPTS[lang].search(expected), f"{lang}: {msgid!r} is translated as {expected!r}"
    skip = squash(soup.select_one("a.govuk-skip-link").get_text())
    assert skip == squash(strings.get("Skip to main content", "Skip to main content"))
    assert skip == translated(client.application, lang, "Skip to main content")


@pytest.mark.parametrize("lang", site_languages())
def test_catalog_notice_matches_the_catalog_status(client, lang):
    soup = get_page(client, f"/{lang}/")
    notice = soup.select_one(".app-translation-notice--site")
    status = client.application.extensions["catalog_statuses"][lang]
    if status in ("original", "reviewed"):
        assert notice is None, f"{lang}: a site-wide translation notice on a {status} catalog"
    else:
        assert notice is not None, f"{lang}: no site-wide notice for a {status} catalog"
        sentence = {
            "machine-draft": "Menus and buttons: machine translation, not yet checked by a person.",
            "human-draft": "Menus and buttons: translation not yet checked.",
            "outdated": "Some menus and buttons are not yet translated into this language.",
            "missing": "Menus and buttons are not yet translated into this language.",
        }[status]
        assert translated(client.application, lang, sentence) in squash(notice.get_text())


def test_missing_catalog_notice_does_not_claim_a_translation_exists(client):
    # With no catalog the menus are in English; saying they "have not yet been checked by a reviewer" is wrong.
    statuses = client.application.extensions["catalog_statuses"]
    missing = [code for code, status in statuses.items() if status == "missing"]
    for lang in missing:
        notice = get_page(client, f"/{lang}/").select_one(".app-translation-notice--site")
        unchecked = translated(
            client.application,
            lang,
            "The words on this site's menus and buttons have not yet been checked by a reviewer.",
        )
        assert unchecked not in squash(notice.get_text()), (
            f"{lang}: the notice for a missing catalog says it is unchecked"
        )

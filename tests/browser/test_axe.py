"""axe-core over every layout in every site language, in a real Chromium, plus the document's language."""

from __future__ import annotations

import pytest

from tests.support.browser import html_lang_dir
from tests.support.site_pages import one_page_per_layout, site_languages

CASES = [(lang, page.url, page.kind) for lang in site_languages() for page in one_page_per_layout(lang)]
CASES += [(lang, f"/{lang}/no-such-section/no-such-page", "error-404") for lang in site_languages()]
DIRECTIONS = {"en": "ltr", "bn": "ltr", "so": "ltr", "ar": "rtl"}


@pytest.mark.parametrize(("lang", "url", "kind"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_layout_has_no_axe_violations(desktop, live_server, axe_check, lang, url, kind):
    desktop.get(live_server + url)
    assert html_lang_dir(desktop) == (lang, DIRECTIONS.get(lang, "ltr"))
    if kind != "error-404":
        assert desktop.title, "the page has no title"
    axe_check(desktop)


def test_every_layout_is_covered():
    from app.content.registry import LAYOUTS

    kinds = {kind for _, _, kind in CASES}
    assert set(LAYOUTS) <= kinds, f"no content page uses the layouts {set(LAYOUTS) - kinds}: add one to test"
    assert {"home", "error-404"} <= kinds


def test_axe_reports_violations(desktop, axe_check):
    # The harness itself: a page with known faults must fail, with the rule and the element named.
    desktop.get(
        "data:text/html;charset=utf-8,<!DOCTYPE html><html><head><title>t</title></head>"
        "<body><main><img src='x.png'><a href='/x'></a></main></body></html>"
    )
    with pytest.raises(pytest.fail.Exception) as failed:
        axe_check(desktop)
    message = str(failed.value)
    for rule in ("html-has-lang", "image-alt", "link-name"):
        assert rule in message
    assert "img" in message


def test_axe_returns_incomplete_results(desktop, axe_check):
    # Text over a gradient: axe cannot work out the contrast, so a person must check it ("incomplete").
    desktop.get(
        "data:text/html;charset=utf-8,<!DOCTYPE html><html lang='en'><head><title>t</title></head>"
        "<body><main><h1>t</h1><p style='background-image:linear-gradient(%23fff,%23ccc);color:%23555'>"
        "Some text</p></main></body></html>"
    )
    results = axe_check(desktop)
    assert "color-contrast" in {item["id"] for item in results["incomplete"]}

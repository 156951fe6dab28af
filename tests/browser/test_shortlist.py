"""The shortlist ("My list") in a real Chromium: "Add to my list" with htmx (only the control is swapped, the count
beside it changes, focus moves to the confirmation) and without JavaScript (a post and a redirect back), removing
with htmx, and axe on the service page after adding and on every shortlist page, in English and Arabic."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import select

from app.directory.models import Service
from app.extensions import db
from tests.support.browser import html_lang_dir, open_page, wait_until_loaded
from tests.support.shortlist_data import limits_off_as_configured  # noqa: F401 - autouse

TIMEOUT = 10
DIRECTIONS = {"en": "ltr", "ar": "rtl"}
OUTPUTS = ["", "/print", "/print?size=large", "/easy-read", "/text", "/email"]


@pytest.fixture(scope="module")
def service_ids(live_app) -> list[str]:
    with live_app.app_context():
        ids = list(db.session.scalars(select(Service.id).where(Service.status == "active").order_by(Service.name)))
        db.session.remove()
    assert len(ids) >= 2, "the seeded directory has services"
    return ids[:2]


def _path(driver) -> str:
    return "/" + driver.current_url.split("/", 3)[3]


def _fresh(driver, live_server: str) -> None:
    """An empty list: a new session (the browsers are shared by the whole test session)."""
    open_page(driver, live_server, "/en/")
    driver.delete_all_cookies()


def _add_with_htmx(driver, live_server: str, lang: str, service_id: str, expected_count: int) -> None:
    url = f"/{lang}/services/{service_id}"
    open_page(driver, live_server, url)
    driver.find_element(By.CSS_SELECTOR, "#shortlist-add-control button[type=submit]").click()
    done = WebDriverWait(driver, TIMEOUT).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#shortlist-add-control .app-shortlist-add__done"))
    )
    assert _path(driver) == url, "htmx swaps the control; the page stays"
    assert f"({expected_count})" in done.text
    WebDriverWait(driver, TIMEOUT).until(
        lambda d: d.execute_script("return document.activeElement.hasAttribute('data-focus-on-swap')"),
        "focus moves to the confirmation",
    )
    count = driver.find_element(By.ID, "shortlist-count")
    assert count.get_attribute("aria-live") == "polite", "the live region stays on the page"
    WebDriverWait(driver, TIMEOUT).until(lambda d: str(expected_count) in count.text)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_add_with_htmx_swaps_the_button_in_place(desktop, live_server, axe_check, service_ids, lang):
    _fresh(desktop, live_server)
    open_page(desktop, live_server, f"/{lang}/services/{service_ids[0]}")
    axe_check(desktop)  # the button, before
    _add_with_htmx(desktop, live_server, lang, service_ids[0], 1)
    assert html_lang_dir(desktop) == (lang, DIRECTIONS[lang])
    axe_check(desktop)  # "Added", after the swap
    _add_with_htmx(desktop, live_server, lang, service_ids[1], 2)
    desktop.find_element(By.CSS_SELECTOR, "#shortlist-add-control a").click()
    wait_until_loaded(desktop)
    assert _path(desktop) == f"/{lang}/shortlist"
    assert len(desktop.find_elements(By.CSS_SELECTOR, "#shortlist-items li")) == 2


def test_add_without_javascript_posts_and_comes_back(browser_without_js, live_server, service_ids):
    driver = browser_without_js
    _fresh(driver, live_server)
    url = f"/en/services/{service_ids[0]}"
    open_page(driver, live_server, url)
    driver.find_element(By.CSS_SELECTOR, "#shortlist-add-control button[type=submit]").click()
    wait_until_loaded(driver)
    assert _path(driver) == url + "#shortlist-add"
    assert "Added" in driver.find_element(By.ID, "shortlist-add-control").text
    assert "(1 service)" in driver.find_element(By.ID, "shortlist-count").text
    # Remove it from the list page, still without JavaScript.
    driver.find_element(By.CSS_SELECTOR, "#shortlist-add-control a").click()
    wait_until_loaded(driver)
    assert _path(driver) == "/en/shortlist"
    driver.find_element(By.CSS_SELECTOR, "#shortlist-items form button[type=submit]").click()
    wait_until_loaded(driver)
    assert _path(driver) == "/en/shortlist"
    assert "Removed from your list" in driver.find_element(By.CSS_SELECTOR, ".app-shortlist-notice").text
    assert not driver.find_elements(By.CSS_SELECTOR, "#shortlist-items li")


def test_remove_with_htmx_updates_the_list_in_place(desktop, live_server, axe_check, service_ids):
    _fresh(desktop, live_server)
    _add_with_htmx(desktop, live_server, "en", service_ids[0], 1)
    _add_with_htmx(desktop, live_server, "en", service_ids[1], 2)
    open_page(desktop, live_server, "/en/shortlist")
    desktop.find_element(By.CSS_SELECTOR, "#shortlist-items form button[type=submit]").click()
    notice = WebDriverWait(desktop, TIMEOUT).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#shortlist-items .app-shortlist-notice"))
    )
    assert "Removed from your list" in notice.text
    assert len(desktop.find_elements(By.CSS_SELECTOR, "#shortlist-items li")) == 1
    live = desktop.execute_script("return document.getElementById('shortlist').getAttribute('aria-live')")
    assert live == "polite"
    WebDriverWait(desktop, TIMEOUT).until(
        lambda d: d.execute_script("return document.activeElement.classList.contains('app-shortlist-notice')")
    )
    axe_check(desktop)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_shortlist_page_has_no_axe_violations(desktop, live_server, axe_check, service_ids, lang):
    _fresh(desktop, live_server)
    for url in OUTPUTS:  # empty first
        open_page(desktop, live_server, f"/{lang}/shortlist{url}")
        axe_check(desktop)
    _add_with_htmx(desktop, live_server, lang, service_ids[0], 1)
    _add_with_htmx(desktop, live_server, lang, service_ids[1], 2)
    other = "ar" if lang == "en" else "en"
    for url in [*OUTPUTS, f"/print?language={other}", f"/easy-read?language={other}"]:
        open_page(desktop, live_server, f"/{lang}/shortlist{url}")
        assert html_lang_dir(desktop) == (lang, DIRECTIONS[lang])
        assert desktop.find_element(By.TAG_NAME, "h1").text
        axe_check(desktop)


def test_large_print_body_text_is_at_least_18pt(desktop, live_server, service_ids):
    _fresh(desktop, live_server)
    _add_with_htmx(desktop, live_server, "en", service_ids[0], 1)
    open_page(desktop, live_server, "/en/shortlist/print?size=large")
    sizes = desktop.execute_script(
        "return Array.from(document.querySelectorAll('.app-shortlist-output p, .app-shortlist-output li'))"
        ".map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert sizes and min(sizes) >= 24, sizes  # 18pt is 24 CSS px

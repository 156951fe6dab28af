"""The search page in a real Chromium: live results as the reader types (htmx, debounced) with axe run after
the swap in English and Arabic, the count announced from a region that is never swapped, the address bar
and back button; and with JavaScript off, the plain GET form and the filter panel's button."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from werkzeug.serving import make_server

from app.directory.seed import load_seed_file, seed_directory, seed_path
from app.directory.synthetic import generate
from app.directory.taxonomy import taxonomy
from app.extensions import db
from app.search import indexer
from tests.browser.conftest import _QuietHandler
from tests.conftest import _dispose, _make_app
from tests.support.browser import html_lang_dir, open_page, wait_until_loaded

TIMEOUT = 10


@pytest.fixture(scope="module")
def search_server(tmp_path_factory):
    """An app of its own with an index in a temporary folder (the session's live server has none)."""
    folder = tmp_path_factory.mktemp("search-browser")
    app = _make_app(f"sqlite:///{folder / 'search.sqlite3'}", SEARCH_INDEX_DIR=folder / "search_index")
    with app.app_context():
        tax = taxonomy()
        seed_directory(load_seed_file(seed_path(Path(app.config["CONTENT_DIR"])), tax), tax)
        generate(count=60, seed=8)
        db.session.commit()
        indexer.build()
        for lang in ("en", "ar", "bn", "so"):
            indexer.apply_changes(lang)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="search-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
    app.extensions["search"].close()
    _dispose(app)


def _path(driver) -> str:
    return "/" + driver.current_url.split("/", 3)[3]


def _results_text(driver) -> str:
    return driver.find_element(By.ID, "search-results").text


def _count(driver) -> str:
    return driver.find_element(By.ID, "search-status").text


@pytest.mark.parametrize(("lang", "words"), [("en", "carers"), ("ar", "مقدمي الرعاية")])
def test_live_results_replace_the_list_and_pass_axe(desktop, search_server, axe_check, lang, words):
    open_page(desktop, search_server, f"/{lang}/search")
    status = desktop.find_element(By.ID, "search-status")
    box = desktop.find_element(By.ID, "search-q")
    box.send_keys(words)
    WebDriverWait(desktop, TIMEOUT).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".app-search-list__item"))
    WebDriverWait(desktop, TIMEOUT).until(lambda d: "?q=" in d.current_url)  # hx-push-url
    assert _path(desktop).startswith(f"/{lang}/search?")
    assert desktop.find_element(By.ID, "search-status") == status, "the live region itself is never swapped"
    assert status.get_attribute("aria-live") == "polite" and status.text
    assert desktop.switch_to.active_element == box, "typing keeps focus in the search box"
    assert html_lang_dir(desktop) == (lang, "rtl" if lang == "ar" else "ltr")
    axe_check(desktop)


def test_filters_update_the_results_and_the_back_button_restores_the_page(desktop, search_server, axe_check):
    open_page(desktop, search_server, "/en/search?q=support")
    before = _count(desktop)
    desktop.find_element(By.CSS_SELECTOR, 'label[for="filter-cost-not-known"]').click()
    WebDriverWait(desktop, TIMEOUT).until(lambda d: "cost=not-known" in d.current_url)
    WebDriverWait(desktop, TIMEOUT).until(lambda d: _count(d) != before)
    assert desktop.find_element(By.ID, "filter-cost-not-known").is_selected()
    assert desktop.switch_to.active_element.get_attribute("id") == "filter-cost-not-known"
    axe_check(desktop)
    desktop.back()
    WebDriverWait(desktop, TIMEOUT).until(lambda d: "cost=" not in d.current_url)
    wait_until_loaded(desktop)
    WebDriverWait(desktop, TIMEOUT).until(lambda d: _count(d) == before)
    assert not desktop.find_element(By.ID, "filter-cost-not-known").is_selected()
    assert desktop.find_elements(By.TAG_NAME, "h1"), "history restore gives the whole page"


def test_the_form_works_without_javascript(browser_without_js, search_server):
    driver = browser_without_js
    open_page(driver, search_server, "/en/search")
    box = driver.find_element(By.ID, "search-q")
    box.send_keys("carers")
    box.send_keys(Keys.ENTER)
    wait_until_loaded(driver)
    assert _path(driver).startswith("/en/search?q=carers")
    assert driver.find_elements(By.CSS_SELECTOR, ".app-search-list__item")
    driver.find_element(By.CSS_SELECTOR, 'label[for="filter-cost-not-known"]').click()
    driver.find_element(By.CSS_SELECTOR, "#search-filters button[type=submit]").click()
    wait_until_loaded(driver)
    assert "cost=not-known" in driver.current_url
    assert driver.find_element(By.ID, "filter-cost-not-known").is_selected()
    assert "services found" in _count(driver)

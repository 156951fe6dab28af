"""The site works with JavaScript off (every interaction starts as a plain link or form), and with JavaScript
on the scripts run under the Content-Security-Policy without errors.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.support.browser import html_lang_dir, open_page, wait_until_loaded
from tests.support.site_pages import one_page_per_layout


def _click(driver, css: str) -> None:
    driver.find_element(By.CSS_SELECTOR, css).click()
    wait_until_loaded(driver)


def _path(driver) -> str:
    return "/" + driver.current_url.split("/", 3)[3]


def test_javascript_really_is_off(browser_without_js, live_server):
    open_page(browser_without_js, live_server, "/en/")
    classes = browser_without_js.find_element(By.TAG_NAME, "body").get_attribute("class").split()
    assert "js-enabled" not in classes, "the JavaScript-off browser ran the page's scripts"


def test_language_switcher_works_without_javascript(browser_without_js, live_server):
    driver = browser_without_js
    open_page(driver, live_server, "/en/carers/who-is-a-carer")
    _click(driver, '.app-language-switcher a[hreflang="ar"]')
    assert _path(driver) == "/ar/carers/who-is-a-carer"
    assert html_lang_dir(driver) == ("ar", "rtl")
    _click(driver, '.app-language-switcher a[hreflang="bn"]')
    assert _path(driver) == "/bn/carers/who-is-a-carer"
    assert html_lang_dir(driver) == ("bn", "ltr")
    # `/` now sends this reader back to Bengali: the switcher's choice is remembered without JavaScript.
    open_page(driver, live_server, "/")
    assert _path(driver) == "/bn/"
    _click(driver, '.app-language-switcher a[hreflang="en"]')
    assert _path(driver) == "/en/"


def test_links_work_without_javascript(browser_without_js, live_server):
    driver = browser_without_js
    open_page(driver, live_server, "/en/")
    _click(driver, "main .app-card a")
    assert _path(driver).endswith("/") and driver.find_element(By.TAG_NAME, "h1").text
    section = _path(driver)
    _click(driver, "main .app-card a")
    assert _path(driver).startswith(section)
    _click(driver, ".govuk-breadcrumbs a")
    assert _path(driver) == "/en/"
    ActionChains(driver).send_keys(Keys.TAB).send_keys(Keys.ENTER).perform()  # the skip link is for keyboards
    assert driver.current_url.endswith("#main-content")


def test_easy_read_link_works_without_javascript(browser_without_js, live_server):
    easy_read = [p for p in one_page_per_layout("en") if p.kind == "easy-read"]
    assert easy_read, "no Easy Read page in the content"
    driver = browser_without_js
    open_page(driver, live_server, easy_read[0].url.removesuffix("/easy-read"))
    _click(driver, f'main a[href="{easy_read[0].url}"]')
    assert _path(driver) == easy_read[0].url


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_scripts_run_without_errors_or_csp_violations(desktop, live_server, lang):
    problems = []
    desktop.get_log("browser")  # drop messages from earlier tests
    for page in one_page_per_layout(lang):
        open_page(desktop, live_server, page.url)
        classes = desktop.find_element(By.TAG_NAME, "body").get_attribute("class").split()
        if not {"js-enabled", "govuk-frontend-supported"} <= set(classes):
            problems.append(f"{page.url}: GOV.UK Frontend's 'supported' script did not run (body class {classes})")
        started = desktop.execute_script("return typeof window.htmx === 'object'")
        if not started:
            problems.append(f"{page.url}: htmx did not load")
        for entry in desktop.get_log("browser"):
            if entry["level"] in ("SEVERE", "WARNING"):
                problems.append(f"{page.url}: {entry['level']}: {entry['message'][:300]}")
    assert not problems, "\n".join(problems)


def test_exit_this_page_button_is_started_by_govuk_frontend(desktop, live_server):
    pages = [p for p in one_page_per_layout("en") if p.kind == "safeguarding"]
    assert pages, "no safeguarding page in the content"
    open_page(desktop, live_server, pages[0].url)
    button = desktop.find_element(By.CSS_SELECTOR, ".govuk-exit-this-page__button")
    assert button.is_displayed()
    assert button.get_attribute("href").startswith("https://")

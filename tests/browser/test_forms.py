"""The forms, in a real browser, with JavaScript on (htmx) and off (plain posts), each state checked by axe.

- "Was this page useful?" (POST /<lang>/feedback) at the foot of content pages: htmx swaps the panel in place;
  without JavaScript the post redirects back to the page, or shows the errors on a page of their own.
- Staff sign-in (/<lang>/staff/sign-in): a plain form, with its error summary.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from tests.support.browser import html_lang_dir, open_page, wait_until_loaded
from tests.support.site_pages import one_page_per_layout

TIMEOUT = 10


def _article(lang: str) -> str:
    return next(p.url for p in one_page_per_layout(lang) if p.kind == "article")


def _path(driver) -> str:
    return "/" + driver.current_url.split("/", 3)[3]


def _choose(driver, radio_id: str) -> None:
    # GOV.UK radios hide the input and draw it on the label: readers click the label.
    driver.find_element(By.CSS_SELECTOR, f'label[for="{radio_id}"]').click()


def _send_feedback(driver) -> None:
    driver.find_element(By.CSS_SELECTOR, "#feedback-panel button[type=submit]").click()


# -- Feedback with JavaScript (htmx) -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_feedback_with_htmx_thanks_in_place(desktop, live_server, axe_check, lang):
    url = _article(lang)
    open_page(desktop, live_server, url)
    _choose(desktop, "feedback-useful")
    desktop.find_element(By.ID, "feedback-comment").send_keys("Clear, thank you.")
    _send_feedback(desktop)
    thanks = WebDriverWait(desktop, TIMEOUT).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#feedback [data-focus-on-swap]"))
    )
    assert _path(desktop) == url, "htmx should swap the panel, not load another page"
    assert thanks.text
    WebDriverWait(desktop, TIMEOUT).until(
        lambda d: d.execute_script("return document.activeElement.hasAttribute('data-focus-on-swap')")
    )
    live = desktop.execute_script("return document.getElementById('feedback').getAttribute('aria-live')")
    assert live == "polite", "the live region must stay on the wrapper that is not swapped"
    axe_check(desktop)


def test_feedback_with_htmx_shows_errors_in_place(desktop, live_server, axe_check):
    url = _article("en")
    open_page(desktop, live_server, url)
    _send_feedback(desktop)
    WebDriverWait(desktop, TIMEOUT).until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, "#feedback-panel .govuk-error-summary"))
    )
    assert _path(desktop) == url
    assert desktop.find_elements(By.CSS_SELECTOR, "#feedback-panel .govuk-error-message")
    WebDriverWait(desktop, TIMEOUT).until(
        lambda d: d.execute_script("return !!document.activeElement.closest('#feedback-panel')"),
        "after an error, focus must move to the error summary in the swapped panel",
    )
    axe_check(desktop)
    # Correcting the answer then works in place too.
    _choose(desktop, "feedback-useful-2")
    _send_feedback(desktop)
    WebDriverWait(desktop, TIMEOUT).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#feedback [data-focus-on-swap]"))
    )
    axe_check(desktop)


# -- Feedback without JavaScript -----------------------------------------------------------------------------
# axe runs inside the page, so each state reached without JavaScript is checked by axe in the JavaScript browser.


def test_feedback_without_javascript_redirects_back_with_thanks(browser_without_js, desktop, live_server, axe_check):
    driver = browser_without_js
    url = _article("bn")
    open_page(driver, live_server, url)
    _choose(driver, "feedback-useful-2")
    _send_feedback(driver)
    wait_until_loaded(driver)
    assert _path(driver).startswith(url + "?"), _path(driver)
    assert driver.current_url.endswith("#feedback")
    assert driver.find_elements(By.CSS_SELECTOR, "#feedback [data-focus-on-swap]"), "no thank-you shown"
    assert html_lang_dir(driver) == ("bn", "ltr")
    desktop.get(driver.current_url)
    wait_until_loaded(desktop)
    axe_check(desktop)


def test_feedback_without_javascript_shows_errors_on_a_page(browser_without_js, live_server):
    driver = browser_without_js
    url = _article("ar")
    open_page(driver, live_server, url)
    _send_feedback(driver)
    wait_until_loaded(driver)
    assert _path(driver) == "/ar/feedback"
    assert html_lang_dir(driver) == ("ar", "rtl")
    assert driver.find_element(By.CSS_SELECTOR, ".govuk-error-summary").is_displayed()
    assert driver.find_element(By.TAG_NAME, "h1").text
    _choose(driver, "feedback-useful")
    _send_feedback(driver)
    wait_until_loaded(driver)
    assert _path(driver).startswith(url + "?")
    assert driver.find_elements(By.CSS_SELECTOR, "#feedback [data-focus-on-swap]")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_feedback_error_page_has_no_axe_violations(desktop, live_server, axe_check, lang):
    open_page(desktop, live_server, _article(lang))
    # form.submit() posts the form natively (no submit event, so htmx stays out): the page a reader
    # without JavaScript gets.
    desktop.execute_script("document.querySelector('#feedback-panel form').submit()")
    WebDriverWait(desktop, TIMEOUT).until(lambda d: _path(d) == f"/{lang}/feedback")
    wait_until_loaded(desktop)
    assert desktop.find_element(By.CSS_SELECTOR, ".govuk-error-summary").is_displayed()
    axe_check(desktop)


# -- Staff sign-in -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_sign_in_page_and_its_errors(request, live_server, axe_check, lang, javascript):
    """A plain form: with JavaScript off it must work the same; axe checks each state in the JS browser."""
    driver = request.getfixturevalue("desktop" if javascript else "browser_without_js")
    url = f"/{lang}/staff/sign-in"
    open_page(driver, live_server, url)
    assert html_lang_dir(driver) == (lang, "rtl" if lang == "ar" else "ltr")
    if javascript:
        axe_check(driver)

    submit = "main form button[type=submit]"  # (not the password field's Show button)
    driver.find_element(By.CSS_SELECTOR, submit).click()  # nothing typed
    wait_until_loaded(driver)
    summary = WebDriverWait(driver, TIMEOUT).until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, ".govuk-error-summary"))
    )
    assert summary.find_elements(By.CSS_SELECTOR, "a[href^='#']"), "the summary links to the fields"
    if javascript:
        axe_check(driver)

    driver.find_element(By.ID, "email").send_keys("nobody@example.invalid")
    driver.find_element(By.ID, "password").send_keys("not the password")
    driver.find_element(By.CSS_SELECTOR, submit).click()
    wait_until_loaded(driver)
    WebDriverWait(driver, TIMEOUT).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".govuk-error-summary")))
    assert _path(driver).startswith(url)
    assert driver.find_element(By.ID, "password").get_attribute("value") == "", (
        "the password must not be sent back in the page"
    )
    if javascript:  # the same server-rendered page either way; axe needs JavaScript to run
        axe_check(driver)

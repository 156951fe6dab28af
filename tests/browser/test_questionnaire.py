"""“Am I a carer?” in a real browser, in English and Arabic (right to left), with JavaScript on and off.

With JavaScript, htmx swaps each question in place: the URL follows, focus moves to the new heading (or to the
error summary), and axe checks the page after every swap. Without JavaScript the same forms post and redirect.
axe runs inside the page, so the states reached without JavaScript are checked in the JavaScript browser: the
full pages are the ones it loads too, and the no-JavaScript error page is loaded there by a native submit.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from tests.support.browser import html_lang_dir, open_page, wait_until_loaded
from tests.unit.test_questionnaire_outcomes import CARER

TIMEOUT = 10
ORDER = list(CARER)  # the representative path: every question, ending in Carer's Allowance


def _path(driver) -> str:
    return "/" + driver.current_url.split("/", 3)[3]


def _fresh(driver, live_server) -> None:
    """A reader who has not started: no session from an earlier test."""
    open_page(driver, live_server, "/en/")
    driver.delete_all_cookies()


def _choose(driver, values) -> None:
    for value in values:
        field = driver.find_element(By.CSS_SELECTOR, f'#questionnaire input[name="answer"][value="{value}"]')
        # GOV.UK radios and checkboxes draw the input on the label: readers click the label.
        driver.find_element(By.CSS_SELECTOR, f'label[for="{field.get_attribute("id")}"]').click()


def _continue(driver) -> None:
    driver.find_element(By.CSS_SELECTOR, "#questionnaire form button[type=submit]").click()


def _focused(driver) -> str:
    return driver.execute_script(
        "var el = document.activeElement;"
        "return el.tagName + (el.closest('.govuk-error-summary') ? ' in error summary' : '');"
    )


def _wait_for_swap(driver, url: str, heading: str | None = None) -> None:
    WebDriverWait(driver, TIMEOUT).until(lambda d: _path(d) == url, f"the URL did not become {url}")
    WebDriverWait(driver, TIMEOUT).until(lambda d: _focused(d) == "H1", "focus did not move to the new heading")
    if heading:
        assert driver.find_element(By.TAG_NAME, "h1").text == heading


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_questions_with_htmx(desktop, live_server, axe_check, lang):
    driver = desktop
    _fresh(driver, live_server)
    base = f"/{lang}/am-i-a-carer"
    open_page(driver, live_server, base)
    assert html_lang_dir(driver) == (lang, "rtl" if lang == "ar" else "ltr")
    axe_check(driver)
    driver.find_element(By.CSS_SELECTOR, "a.govuk-button--start").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: _path(d) == f"{base}/questions/{ORDER[0]}")
    wait_until_loaded(driver)
    driver.execute_script("window.questionnaireMarker = 'same page'")  # gone if the page reloads
    axe_check(driver)

    # Nothing chosen: the error comes back in place, focused.
    _continue(driver)
    WebDriverWait(driver, TIMEOUT).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".govuk-error-summary")))
    WebDriverWait(driver, TIMEOUT).until(lambda d: _focused(d).endswith("in error summary"))
    axe_check(driver)

    for index, qid in enumerate(ORDER):
        _choose(driver, CARER[qid])
        _continue(driver)
        following = f"{base}/questions/{ORDER[index + 1]}" if index + 1 < len(ORDER) else f"{base}/check-your-answers"
        _wait_for_swap(driver, following)
        assert driver.title.startswith(driver.find_element(By.TAG_NAME, "h1").text)
        axe_check(driver)
        if index == 1:  # the back link swaps the previous question in, with its answer selected
            driver.find_element(By.CSS_SELECTOR, ".govuk-back-link").click()
            _wait_for_swap(driver, f"{base}/questions/{ORDER[1]}")
            assert driver.find_element(By.CSS_SELECTOR, 'input[value="illness"]').is_selected()
            axe_check(driver)
            _continue(driver)
            _wait_for_swap(driver, following)
    assert driver.execute_script("return window.questionnaireMarker") == "same page", "htmx should swap, not reload"
    assert len(driver.find_elements(By.CSS_SELECTOR, ".govuk-summary-list__row")) == len(ORDER)

    driver.find_element(By.CSS_SELECTOR, f'#questionnaire a.govuk-button[href="{base}/result"]').click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: _path(d) == f"{base}/result")
    wait_until_loaded(driver)
    assert driver.find_element(By.ID, "outcome-carers-allowance").is_displayed()
    assert html_lang_dir(driver) == (lang, "rtl" if lang == "ar" else "ltr")
    axe_check(driver)
    logs = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert not logs, logs


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_questions_without_javascript(browser_without_js, live_server, lang):
    driver = browser_without_js
    _fresh(driver, live_server)
    base = f"/{lang}/am-i-a-carer"
    open_page(driver, live_server, base)
    driver.find_element(By.CSS_SELECTOR, "a.govuk-button--start").click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: _path(d) == f"{base}/questions/{ORDER[0]}")
    _continue(driver)  # nothing chosen: the page comes back with its errors
    WebDriverWait(driver, TIMEOUT).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".govuk-error-summary")))
    assert _path(driver) == f"{base}/questions/{ORDER[0]}"
    for index, qid in enumerate(ORDER):
        _choose(driver, CARER[qid])
        _continue(driver)
        following = f"{base}/questions/{ORDER[index + 1]}" if index + 1 < len(ORDER) else f"{base}/check-your-answers"
        WebDriverWait(driver, TIMEOUT).until(lambda d, url=following: _path(d) == url, f"did not reach {following}")
        wait_until_loaded(driver)
        assert html_lang_dir(driver) == (lang, "rtl" if lang == "ar" else "ltr")
    driver.find_element(By.CSS_SELECTOR, f'#questionnaire a.govuk-button[href="{base}/result"]').click()
    WebDriverWait(driver, TIMEOUT).until(lambda d: _path(d) == f"{base}/result")
    assert driver.find_element(By.ID, "outcome-carers-allowance").is_displayed()
    driver.find_element(By.CSS_SELECTOR, ".app-questionnaire-result__actions form button").click()  # start again
    WebDriverWait(driver, TIMEOUT).until(lambda d: _path(d) == base)
    assert driver.find_element(By.CSS_SELECTOR, ".govuk-notification-banner").is_displayed()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_error_page_without_javascript_has_no_axe_violations(desktop, live_server, axe_check, lang):
    _fresh(desktop, live_server)
    open_page(desktop, live_server, f"/{lang}/am-i-a-carer/questions/{ORDER[0]}")
    # form.submit() posts natively (no submit event, so htmx stays out): the page a reader without JavaScript gets.
    desktop.execute_script("document.querySelector('#questionnaire form').submit()")
    WebDriverWait(desktop, TIMEOUT).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".govuk-error-summary")))
    wait_until_loaded(desktop)
    axe_check(desktop)

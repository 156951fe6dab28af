"""Small helpers for the browser tests (the fixtures live in tests/browser/conftest.py)."""

from __future__ import annotations

from selenium.webdriver.support.ui import WebDriverWait


def wait_until_loaded(driver, timeout: float = 10) -> None:
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return document.readyState") == "complete")


def html_lang_dir(driver) -> tuple[str, str]:
    return tuple(driver.execute_script("return [document.documentElement.lang, document.documentElement.dir]"))


def open_page(driver, base_url: str, path: str) -> None:
    """Load a page and wait for it (driver.get waits for the load event; this also covers redirects)."""
    driver.get(base_url + path)
    wait_until_loaded(driver)

"""Reflow (WCAG 1.4.10): at 320 CSS pixels wide, no page scrolls sideways, left-to-right or right-to-left."""

from __future__ import annotations

import pytest

from tests.support.browser import open_page
from tests.support.site_pages import one_page_per_layout

WIDTH = 320
CASES = [(lang, page.url, page.kind) for lang in ("en", "ar") for page in one_page_per_layout(lang)]
CASES += [(lang, f"/{lang}/no-such-section/no-such-page", "error-404") for lang in ("en", "ar")]

# The elements sticking out past the right (or, right-to-left, the left) edge, to name them in the failure.
OVERFLOWING = """
const width = window.innerWidth;
const out = [];
for (const el of document.body.querySelectorAll('*')) {
  const box = el.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) continue;
  if (box.right > width + 0.5 || box.left < -0.5) {
    if (el.parentElement && [...out].some((o) => o.el === el.parentElement)) continue;
    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
      + (el.classList.length ? '.' + [...el.classList].join('.') : '');
    out.push({el, name, left: Math.round(box.left), right: Math.round(box.right),
              text: (el.innerText || '').trim().slice(0, 50)});
  }
}
return out.slice(0, 8).map(({name, left, right, text}) => `${name} [${left}..${right}] ${JSON.stringify(text)}`);
"""


@pytest.fixture(scope="module")
def narrow(browser):
    """The browser with a 320 CSS px wide viewport; the window's own frame is measured and added."""
    browser.set_window_size(WIDTH, 900)
    inner = browser.execute_script("return window.innerWidth")
    if inner != WIDTH:
        browser.set_window_size(WIDTH + (WIDTH - inner), 900)
        inner = browser.execute_script("return window.innerWidth")
    assert inner == WIDTH, f"could not make the viewport {WIDTH} px wide (it is {inner} px)"
    yield browser
    browser.set_window_size(1280, 1024)


@pytest.mark.parametrize(("lang", "url", "kind"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_no_horizontal_scrolling_at_320px(narrow, live_server, lang, url, kind):
    open_page(narrow, live_server, url)
    inner, scroll = narrow.execute_script("return [window.innerWidth, document.documentElement.scrollWidth]")
    assert inner == WIDTH
    if scroll > inner:
        offenders = narrow.execute_script(OVERFLOWING)
        pytest.fail(
            f"{url} is {scroll} px wide in a {inner} px viewport; sticking out:\n  " + "\n  ".join(offenders),
            pytrace=False,
        )

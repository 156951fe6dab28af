"""Keyboard use: Tab from the top of a page reaches the skip link first, then every visible link, button and
field in the order they appear, and each one shows where the focus is (WCAG 2.4.3, 2.4.7, 2.1.1).
"""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.support.browser import open_page
from tests.support.site_pages import one_page_per_layout

# Marks every element a keyboard can reach, in DOM order, with its visibility and unfocused look.
COLLECT = """
const selector = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, '
  + '[tabindex], [contenteditable=""], [contenteditable=true]';
// GOV.UK radios and checkboxes hide the real input and draw it, and its focus ring, on the label's ::before.
const drawn = (el) => (el.type === 'radio' || el.type === 'checkbox') && el.labels && el.labels.length
  ? getComputedStyle(el.labels[0], '::before') : getComputedStyle(el);
const look = (el) => {
  const s = drawn(el);
  return {outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0, outlineColor: s.outlineColor,
          boxShadow: s.boxShadow, background: s.backgroundColor};
};
const shown = (el) => {
  const target = (el.type === 'radio' || el.type === 'checkbox') && el.labels && el.labels.length ? el.labels[0] : el;
  const box = target.getBoundingClientRect();
  return box.width > 1 && box.height > 1 && target.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
};
// Tab stops once in a radio group: on its checked radio, or its first.
const tabStop = (el) => {
  if (el.type !== 'radio' || !el.name) return true;
  const group = [...(el.form || document).querySelectorAll('input[type=radio]')].filter((r) => r.name === el.name);
  const checked = group.find((r) => r.checked);
  return el === (checked || group[0]);
};
const found = [];
document.querySelectorAll(selector).forEach((el) => {
  if (el.disabled || el.tabIndex < 0 || el.closest('[inert]')) return;
  el.dataset.kbd = String(found.length);
  found.push({index: found.length, tag: el.tagName.toLowerCase(),
              text: (el.innerText || el.value || '').trim().slice(0, 60),
              visible: shown(el) && tabStop(el), tabindex: el.getAttribute('tabindex'),
              skip: el.classList.contains('govuk-skip-link'), look: look(el)});
});
return found;
"""

FOCUSED = """
const el = document.activeElement;
if (!el || el === document.body || !el.dataset || el.dataset.kbd === undefined) {
  return {index: null, tag: el ? el.tagName.toLowerCase() : null};
}
const drawnOn = (el.type === 'radio' || el.type === 'checkbox') && el.labels && el.labels.length ? el.labels[0] : null;
const s = drawnOn ? getComputedStyle(drawnOn, '::before') : getComputedStyle(el);
const box = (drawnOn || el).getBoundingClientRect();
return {index: Number(el.dataset.kbd), width: box.width, height: box.height,
        look: {outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
               outlineColor: s.outlineColor, boxShadow: s.boxShadow, background: s.backgroundColor}};
"""


def _pages():
    chosen = {p.kind: p for p in one_page_per_layout("en")}
    return [chosen[kind] for kind in ("article", "safeguarding") if kind in chosen]


def _transparent(colour: str) -> bool:
    return colour == "transparent" or bool(re.fullmatch(r"rgba\(.*,\s*0(\.0+)?\)", colour))


def _has_indicator(unfocused: dict, focused: dict) -> bool:
    """A focus indicator: a visible outline, or a box-shadow or background the element lacks unfocused.

    GOV.UK Frontend draws focus as a yellow background with a black box-shadow underline (its outline is
    transparent, for Windows high contrast mode), so each of these counts.
    """
    outline = (
        focused["outlineStyle"] not in ("none", "hidden")
        and focused["outlineWidth"] >= 1
        and not _transparent(focused["outlineColor"])
    )
    shadow = focused["boxShadow"] not in ("none", unfocused["boxShadow"])
    background = not _transparent(focused["background"]) and focused["background"] != unfocused["background"]
    return outline or shadow or background


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.kind)
def test_tab_order_and_visible_focus(desktop, live_server, page):
    open_page(desktop, live_server, page.url)
    elements = desktop.execute_script(COLLECT)
    positive = [e for e in elements if e["tabindex"] not in (None, "0")]
    assert not positive, f"tabindex above 0 breaks the reading order: {positive}"
    skip = [e for e in elements if e["skip"]]
    assert len(skip) == 1, "the page needs exactly one skip link"
    expected = [skip[0]["index"]] + [e["index"] for e in elements if e["visible"] and not e["skip"]]

    visited, problems = [], []
    actions = ActionChains(desktop)
    for _ in range(len(expected) + 3):
        actions.send_keys(Keys.TAB).perform()
        focused = desktop.execute_script(FOCUSED)
        if focused["index"] is None:
            break  # focus left the page (the browser's own controls)
        element = elements[focused["index"]]
        visited.append(focused["index"])
        if focused["width"] <= 1 or focused["height"] <= 1:
            problems.append(f"focused but not visible: <{element['tag']}> {element['text']!r}")
        if not _has_indicator(element["look"], focused["look"]):
            problems.append(f"no visible focus indicator: <{element['tag']}> {element['text']!r}")

    def names(indexes):
        return [f"<{elements[i]['tag']}> {elements[i]['text']!r}" for i in indexes]

    assert visited[:1] == expected[:1], f"the first Tab must reach the skip link, reached {names(visited[:1])}"
    assert visited == expected, (
        "Tab order differs from the visible links and controls in page order.\n"
        f"  missing: {names([i for i in expected if i not in visited])}\n"
        f"  unexpected: {names([i for i in visited if i not in expected])}"
    )
    assert not problems, "\n".join(problems)


def test_skip_link_moves_focus_to_main_content(desktop, live_server):
    page = _pages()[0]
    open_page(desktop, live_server, page.url)
    ActionChains(desktop).send_keys(Keys.TAB).send_keys(Keys.ENTER).perform()
    target = desktop.execute_script("return document.activeElement.id || document.activeElement.tagName")
    assert target == "main-content", f"after the skip link, focus is on {target!r}"
    ActionChains(desktop).send_keys(Keys.TAB).perform()
    inside_main = desktop.execute_script("return !!document.activeElement.closest('main')")
    assert inside_main, "the next Tab after the skip link must land inside <main>"

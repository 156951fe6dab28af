"""The Carers Action Plan in a real Chromium: axe on the plan home (map and list), an area page, the tracker and
an action page in English and Arabic; the map by keyboard (Tab reaches every area, focus shows, Enter follows)
and as a screen reader's accessibility tree sees it; the tracker at 320px."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from tests.support.browser import html_lang_dir, open_page, wait_until_loaded

PAGES = [
    "/{lang}/carers-action-plan/",
    "/{lang}/carers-action-plan/carers-breaks",
    "/{lang}/carers-action-plan/communication",
    "/{lang}/carers-action-plan/tracker",
    "/{lang}/carers-action-plan/tracker/actions/4",
    "/{lang}/carers-action-plan/you-said-we-did",
]
CASES = [(lang, page.format(lang=lang)) for lang in ("en", "ar") for page in PAGES]
AREAS = 11
FOCUS_YELLOW = "rgb(255, 221, 0)"

FOCUSED = """
const el = document.activeElement;
const link = el && el.closest ? el.closest('a') : null;
const map = link ? link.closest('svg.app-plan-map__svg') : null;
const box = map ? link.querySelector('.app-plan-map__focus') : null;
return {href: link ? link.getAttribute('href') : null, inMap: !!map,
        fill: box ? getComputedStyle(box).fill : null,
        visible: link ? link.getBoundingClientRect().height > 1 : false};
"""


@pytest.mark.parametrize(("lang", "url"), CASES, ids=[url for _, url in CASES])
def test_plan_pages_have_no_axe_violations(desktop, live_server, axe_check, lang, url):
    open_page(desktop, live_server, url)
    assert html_lang_dir(desktop) == (lang, "rtl" if lang == "ar" else "ltr")
    axe_check(desktop)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_tab_reaches_every_map_link_with_visible_focus_and_enter_follows_it(desktop, live_server, lang):
    open_page(desktop, live_server, f"/{lang}/carers-action-plan/")
    expected = desktop.execute_script(
        "return [...document.querySelectorAll('svg.app-plan-map__svg a')].map(a => a.getAttribute('href'))"
    )
    assert len(expected) == AREAS
    reached, problems = [], []
    actions = ActionChains(desktop)
    for _ in range(200):
        actions.send_keys(Keys.TAB).perform()
        focused = desktop.execute_script(FOCUSED)
        if focused["inMap"]:
            reached.append(focused["href"])
            if focused["fill"] != FOCUS_YELLOW or not focused["visible"]:
                problems.append(f"{focused['href']}: focus box {focused['fill']}")
            if len(reached) == AREAS:
                break
    assert reached == expected, "Tab must reach each area of the map once, in order"
    assert not problems, problems
    # Back to the eighth area (Carers breaks), then Enter.
    for _ in range(AREAS - 8):
        actions.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    assert desktop.execute_script(FOCUSED)["href"] == expected[7]
    actions.send_keys(Keys.ENTER).perform()
    wait_until_loaded(desktop)
    assert desktop.current_url == live_server + expected[7]
    assert desktop.current_url.endswith(f"/{lang}/carers-action-plan/carers-breaks")


def _ax_nodes(driver) -> list[dict]:
    driver.execute_cdp_cmd("Accessibility.enable", {})
    return driver.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]


def _value(node: dict, key: str) -> str:
    return (node.get(key) or {}).get("value") or ""


def test_screen_readers_get_the_map_as_a_list_of_named_links(desktop, live_server):
    open_page(desktop, live_server, "/en/carers-action-plan/")
    nodes = _ax_nodes(desktop)
    by_id = {node["nodeId"]: node for node in nodes}
    links = [n for n in nodes if _value(n, "role") == "link" and not n.get("ignored")]
    names = [_value(n, "name") for n in links]
    # Each area's link is named the same on the map and in the list.
    for expected in ("1 Communication", "8 Carers breaks", "11 Employment, education and training"):
        assert names.count(expected) == 2, (expected, names)
    map_group = next(
        n for n in nodes if _value(n, "role") == "group" and _value(n, "name") == "Map of the priority areas"
    )
    items = []
    stack = list(map_group.get("childIds", []))
    while stack:
        node = by_id.get(stack.pop(0))
        if node is None:
            continue
        if _value(node, "role") == "listitem":
            items.append(node)
        stack.extend(node.get("childIds", []))
    assert len(items) == AREAS


def test_the_tracker_reflows_at_320px(browser, live_server):
    browser.set_window_size(320, 900)
    inner = browser.execute_script("return window.innerWidth")
    browser.set_window_size(320 + (320 - inner), 900)
    try:
        for lang in ("en", "ar"):
            open_page(browser, live_server, f"/{lang}/carers-action-plan/tracker")
            inner, scroll = browser.execute_script("return [window.innerWidth, document.documentElement.scrollWidth]")
            assert scroll <= inner, f"{lang}: the page is {scroll} px wide in a {inner} px viewport"
    finally:
        browser.set_window_size(1280, 1024)

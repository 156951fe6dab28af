"""The browser tier: the app on a live server, ONE Chromium for the whole session, and axe-core.

- `live_server`: create_app("test") on a migrated SQLite file, served by werkzeug in a thread on 127.0.0.1.
- `browser`: headless Chromium through Debian's chromedriver (never Selenium Manager), started once.
- `browser_without_js`: a second Chromium with JavaScript switched off, started only if a test asks for it.
- `axe_check(driver)`: runs axe-core (the version package.json pins) on the current page; any violation fails,
  and "incomplete" results (needs a person to look) are listed in the terminal summary.

Missing Chromium, chromedriver or axe-core fails the run with a message saying how to install them: a skipped
accessibility check is a check nobody runs.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections import defaultdict
from pathlib import Path

import pytest
from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.conftest import _make_app
from tests.support.seeding import seed

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"  # pinned exactly in package.json; upgrade both together, on purpose
CHROME_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = (1280, 1024)
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations", "incomplete"],
    # Rules switched off, each with its reason and the date it was decided:
    "rules": {},
}

# page URL -> axe "incomplete" results, printed by pytest_terminal_summary below.
_incomplete: dict[str, list[dict]] = defaultdict(list)


def pytest_collection_modifyitems(config, items):
    browser_dir = Path(__file__).parent
    for item in items:
        if browser_dir in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def _require(path: Path, how: str) -> None:
    if not path.exists():
        pytest.fail(f"{path} is missing: {how}", pytrace=False)


# -- The live server -----------------------------------------------------------------------------------------


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:  # one line per request would bury the test output
        pass


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.sqlite3'}"
    app = _make_app(url)
    seed(app)  # the starting data `make db` loads
    return app


@pytest.fixture(scope="session")
def live_server(live_app):
    server = make_server("127.0.0.1", 0, live_app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


# -- Chromium ------------------------------------------------------------------------------------------------


def _start_chromium(tmp_path_factory, *, javascript: bool) -> webdriver.Chrome:
    _require(CHROMIUM, "install Debian's chromium (`make test-deps`, or apt-get install -y chromium)")
    _require(CHROMEDRIVER, "install Debian's chromium-driver (`make test-deps`, or apt-get install -y chromium-driver)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    home = tmp_path_factory.mktemp("chromium-home")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    # An explicit chromedriver path: Selenium Manager never runs (it would download drivers and phone home).
    # HOME is a temporary folder, or Chromium writes into the real ~/.config and ~/.cache.
    service = Service(str(CHROMEDRIVER), env={**os.environ, "HOME": str(home)})
    logging.getLogger("selenium").setLevel(logging.WARNING)
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_window_size(*DESKTOP)
    driver.set_script_timeout(15)  # an axe run takes well under a second; a hang should fail fast
    driver.javascript_enabled = javascript
    return driver


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    driver = _start_chromium(tmp_path_factory, javascript=True)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def browser_without_js(tmp_path_factory):
    driver = _start_chromium(tmp_path_factory, javascript=False)
    yield driver
    driver.quit()


@pytest.fixture
def desktop(browser):
    """The JavaScript browser at desktop size (a test that resizes it puts it back)."""
    if browser.get_window_size() != {"width": DESKTOP[0], "height": DESKTOP[1]}:
        browser.set_window_size(*DESKTOP)
    return browser


# -- axe-core ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def axe_script() -> Path:
    _require(AXE_SCRIPT, "run `bash scripts/build_assets.sh` (npm ci installs axe-core from package.json)")
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"].get("axe-core")
    assert pinned == AXE_VERSION, f"package.json pins axe-core {pinned!r}; the tests expect exactly {AXE_VERSION}"
    return AXE_SCRIPT


def _format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']}  [{v.get('helpUrl', '')}]")
        for node in v["nodes"]:
            target = " ".join(map(str, node["target"]))
            lines.append(f"    at {target}")
            if node.get("failureSummary"):
                lines.append("       " + node["failureSummary"].replace("\n", "\n       "))
    return "\n".join(lines)


@pytest.fixture
def axe_check(axe_script):
    """`axe_check(driver)`: run axe on the page the driver shows; fail on any violation."""

    def check(driver, context: dict | None = None) -> dict:
        if not getattr(driver, "javascript_enabled", True):
            pytest.fail("axe runs in the page, so it needs the JavaScript browser: load the same state there")
        axe = Axe(driver, script_url=str(axe_script))
        axe.inject()
        loaded = driver.execute_script("return window.axe && window.axe.version")
        assert loaded == AXE_VERSION, f"loaded axe-core {loaded}, expected {AXE_VERSION}"
        results = axe.run(context=context, options=json.dumps(AXE_OPTIONS))
        url = driver.current_url
        if url.startswith("http"):
            for item in results.get("incomplete", []):
                _incomplete[url.split("/", 3)[-1]].append(item)
        if results["violations"]:
            pytest.fail(_format_violations(url, results["violations"]), pytrace=False)
        return results

    return check


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not _incomplete:
        return
    by_rule: dict[str, dict] = {}
    for page, items in sorted(_incomplete.items()):
        for item in items:
            entry = by_rule.setdefault(item["id"], {"help": item["help"], "impact": item.get("impact"), "pages": {}})
            entry["pages"][page] = [" ".join(map(str, n["target"])) for n in item["nodes"]]
    terminalreporter.section("axe: incomplete results (a person must check these)")
    for rule, entry in sorted(by_rule.items()):
        count = sum(len(t) for t in entry["pages"].values())
        terminalreporter.write_line(
            f"{rule} ({entry['impact']}): {entry['help']} - {count} node(s) on {len(entry['pages'])} page(s)"
        )
        for page, targets in list(entry["pages"].items())[:4]:
            shown = ", ".join(targets[:3]) + (f", and {len(targets) - 3} more" if len(targets) > 3 else "")
            terminalreporter.write_line(f"    /{page}: {shown}")
        if len(entry["pages"]) > 4:
            terminalreporter.write_line(f"    ...and {len(entry['pages']) - 4} more page(s)")

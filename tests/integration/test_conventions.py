"""Whole-site conventions, checked over app.url_map and by crawling the site from each home page.

- URLs are lower-case kebab-case words, and every page's URL starts with its language.
- Every public page can be reached by following links from the home page of each language, and no internal
  link is broken.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from bs4 import BeautifulSoup
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

from tests.conftest import _make_app
from tests.support.seeding import seed
from tests.support.site_pages import public_pages, site_languages

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# File-like URL parts allowed as they are, with the reason.
FILE_NAMES = {
    "feed.atom": "Atom feeds are files to feed readers; the extension tells them what they get",
}

# Rules that may sit outside /<lang>/, each with the reason.
OUTSIDE_LANGUAGE_PREFIX = {
    "static": "static files are the same in every language",
    "pages.root": "`/` only redirects the reader to their language's home page",
}

# GET endpoints a reader cannot reach by following links, each with the reason.
UNLINKED_ENDPOINTS = {
    "static": "files, not pages",
    "pages.root": "`/` is typed or bookmarked, then redirects; pages link to /<lang>/ instead",
    "feedback.get_not_allowed": "GET on the POST-only feedback URL, which answers 405",
    "directory.services_root": "/<lang>/services/ only redirects someone who shortened a service's address",
    "search.search": "reached through the search form on every home page (a GET form, not a link)",
    "questionnaire.check_answers": "reached only after answering; without answers it goes to the first question",
    "questionnaire.result": "reached only after answering; without answers it goes to the first question",
}

# Endpoints for staff only are not crawled from the public pages.
STAFF_PREFIXES = ("/<lang>/staff", "/staff")


def _rules(app):
    return sorted(app.url_map.iter_rules(), key=lambda r: r.rule)


def _static_parts(rule) -> list[str]:
    return [part for part in rule.rule.strip("/").split("/") if part and "<" not in part]


def test_url_parts_are_lower_case_kebab_case(app):
    bad = []
    for rule in _rules(app):
        if rule.rule.startswith(("/api/", "/static/")):
            continue  # API paths follow their own scheme; static files keep their built names
        for part in _static_parts(rule):
            if not KEBAB.match(part) and part not in FILE_NAMES:
                bad.append(f"{rule.rule} ({rule.endpoint}): {part!r}")
    assert not bad, "URL parts must be lower-case words joined by hyphens:\n  " + "\n  ".join(bad)


def test_every_url_starts_with_the_language(app):
    bad = [
        f"{rule.rule} ({rule.endpoint})"
        for rule in _rules(app)
        if not rule.rule.startswith("/<lang>/")
        and rule.endpoint not in OUTSIDE_LANGUAGE_PREFIX
        # The Open Referral UK API is language-neutral JSON at the paths the standard fixes.
        and not rule.rule.startswith("/api/")
    ]
    assert not bad, (
        "these URLs have no /<lang>/ prefix; add it, or add the endpoint to OUTSIDE_LANGUAGE_PREFIX with a "
        "reason:\n  " + "\n  ".join(bad)
    )


def test_allowlists_name_real_endpoints(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    stale = (set(OUTSIDE_LANGUAGE_PREFIX) | set(UNLINKED_ENDPOINTS)) - endpoints
    assert not stale, f"allowlist entries for endpoints that no longer exist: {stale}"


def _internal_target(href: str, base_path: str) -> str | None:
    href = urldefrag(href.strip())[0]
    if not href:
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None  # another site (http, https, mailto, tel)
    if not parts.path.startswith("/"):
        parts = urlsplit(base_path.rsplit("/", 1)[0] + "/" + href)
    if parts.path.startswith("/static/"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _language_of(path: str) -> str:
    return path.split("/")[1] if path.count("/") > 1 else ""


def crawl(client, start: str) -> tuple[dict[str, int], list[str]]:
    """Follow every internal link from `start` within its language; returns {path: status} and broken links.

    Links into another language (the language switcher, "Read this page in English") are checked but not
    followed: each language's pages must be reachable from that language's home page.
    """
    lang = _language_of(start)
    seen: dict[str, int] = {}
    broken: list[str] = []
    queue = deque([(start, "(start)")])
    while queue:
        path, source = queue.popleft()
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = response.status_code
        if response.status_code in (301, 302, 303, 307, 308):
            queue.append((_internal_target(response.headers["Location"].removeprefix("http://localhost"), path), path))
            continue
        if response.status_code != 200:
            broken.append(f"{path} ({response.status_code}), linked from {source}")
            continue
        if response.mimetype != "text/html" or _language_of(path) != lang:
            continue
        soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        for a in soup.find_all("a", href=True):
            target = _internal_target(a["href"], path)
            if target and target not in seen:
                queue.append((target, path))
    return seen, broken


@pytest.fixture(scope="module")
def seeded_app(tmp_path_factory):
    """Its own database, seeded as `make db` does, so pages that need data (a service) can be reached."""
    app = _make_app(f"sqlite:///{tmp_path_factory.mktemp('crawl') / 'crawl.sqlite3'}")
    seed(app)
    return app


@pytest.fixture(scope="module")
def crawled(seeded_app):
    client = seeded_app.test_client()
    results = {}
    for lang in site_languages():
        results[lang] = crawl(client, f"/{lang}/")
    return results


@pytest.mark.parametrize("lang", site_languages())
def test_no_broken_internal_links(crawled, lang):
    _, broken = crawled[lang]
    assert not broken, "broken links:\n  " + "\n  ".join(broken)


@pytest.mark.parametrize("lang", site_languages())
def test_every_content_page_is_linked_from_the_home_page(crawled, lang):
    seen, _ = crawled[lang]
    unreached = [p.url for p in public_pages() if p.lang == lang and seen.get(p.url) != 200]
    assert not unreached, f"pages no link leads to from /{lang}/:\n  " + "\n  ".join(unreached)


@pytest.mark.parametrize("lang", site_languages())
def test_every_public_get_endpoint_is_reached(seeded_app, crawled, lang):
    seen, _ = crawled[lang]
    adapter = seeded_app.url_map.bind("localhost")
    reached = set()
    for path in seen:
        try:
            endpoint, _ = adapter.match(urlsplit(path).path, method="GET")
        except (NotFound, MethodNotAllowed, RequestRedirect):
            continue
        reached.add(endpoint)
    expected = {
        rule.endpoint
        for rule in seeded_app.url_map.iter_rules()
        if "GET" in (rule.methods or ())
        and rule.endpoint not in UNLINKED_ENDPOINTS
        and not rule.rule.startswith(STAFF_PREFIXES)
        # The ORUK API answers machines with JSON; docs/api.md documents it and the footer links its root.
        and not rule.rule.startswith("/api/")
    }
    missing = expected - reached
    assert not missing, (
        f"no link from /{lang}/ leads to these endpoints; link them, or add them to UNLINKED_ENDPOINTS with "
        f"a reason: {sorted(missing)}"
    )

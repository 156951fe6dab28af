"""Security headers on every response, cookie flags, and no inline script or style on any page.

The Content-Security-Policy forbids inline script and style, so a page that relies on either is broken for
readers even though it renders in the test client: the walk over every page catches that here, not in a browser.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from flask import session

from app import create_app
from tests.support.site_pages import public_pages

# Responses of each kind: a page, a redirect, an error page and a static file all carry the headers.
HEADER_URLS = ["/en/", "/ar/carers/who-is-a-carer", "/", "/en/no-such-page/at/all", "/static/dist/app.css"]


def _csp(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request.path}"
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.parametrize("url", HEADER_URLS)
def test_content_security_policy_is_strict(client, url):
    with client.get(url) as response:
        csp = _csp(response)
    for directive, sources in csp.items():
        assert "'unsafe-inline'" not in sources, f"{directive} allows 'unsafe-inline'"
        assert "'unsafe-eval'" not in sources, f"{directive} allows 'unsafe-eval'"
        assert "*" not in sources and "data:" not in sources, f"{directive} is too broad: {sources}"
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]
    assert "script-src" in csp or "default-src" in csp


@pytest.mark.parametrize("url", HEADER_URLS)
def test_other_security_headers(client, url):
    with client.get(url) as response:
        headers = response.headers
    assert headers.get("X-Content-Type-Options") == "nosniff"
    assert headers.get("Referrer-Policy") in ("strict-origin-when-cross-origin", "same-origin", "no-referrer")
    policy = headers.get("Permissions-Policy", "")
    for feature in ("camera", "microphone", "geolocation"):
        assert f"{feature}=()" in policy, f"Permissions-Policy does not switch off {feature}: {policy!r}"
    assert headers.get("X-Frame-Options") == "DENY"


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/en/").headers
    hsts = client.get("/en/", base_url="https://localhost").headers.get("Strict-Transport-Security", "")
    max_age = int(hsts.split("max-age=")[1].split(";")[0]) if "max-age=" in hsts else 0
    assert max_age >= 31536000, f"HSTS over HTTPS: {hsts!r}"
    assert "includeSubDomains" in hsts


@pytest.fixture
def production_app(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "production-test-key-" + "x" * 32)
    # ProductionConfig reads SECRET_KEY when app.config is imported, so it is passed here too.
    app = create_app(
        "production",
        {
            "SECRET_KEY": "production-test-key-" + "x" * 32,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
            "RATELIMIT_STORAGE_URI": "memory://",
        },
    )
    _add_session_route(app)
    return app


def _add_session_route(app) -> None:
    @app.get("/_test/session")
    def touch_session():
        session["seen"] = True
        return "ok"


def _set_cookies(response) -> dict[str, str]:
    cookies = {}
    for header in response.headers.getlist("Set-Cookie"):
        name = header.split("=", 1)[0]
        cookies[name] = header
    return cookies


def _flags(header: str) -> set[str]:
    return {part.strip().lower() for part in header.split(";")[1:]}


def test_session_cookie_flags_in_test_config():
    app = create_app("test", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    _add_session_route(app)
    cookie = _set_cookies(app.test_client().get("/_test/session"))[app.config["SESSION_COOKIE_NAME"]]
    flags = _flags(cookie)
    assert "httponly" in flags
    assert "samesite=lax" in flags


def test_session_and_language_cookies_are_secure_in_production(production_app):
    client = production_app.test_client()
    cookies = _set_cookies(client.get("/_test/session", base_url="https://localhost"))
    flags = _flags(cookies[production_app.config["SESSION_COOKIE_NAME"]])
    assert {"httponly", "secure", "samesite=lax"} <= flags, flags
    cookies = _set_cookies(client.get("/bn/", base_url="https://localhost"))
    flags = _flags(cookies[production_app.config["LANGUAGE_COOKIE"]])
    assert {"httponly", "secure", "samesite=lax"} <= flags, flags


def test_production_sends_hsts_behind_a_tls_proxy(production_app):
    client = production_app.test_client()
    # The Flask test client defaults to PREFERRED_URL_SCHEME (https in production): say http explicitly.
    plain = "http://localhost"
    assert "Strict-Transport-Security" not in client.get("/en/", base_url=plain).headers
    response = client.get("/en/", base_url=plain, headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in response.headers


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app("production", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})


# Pages outside the content repository that readers and staff also see: (url, expected status).
OTHER_PAGES = [("/en/no-such-section/no-such-page", 404), ("/ar/no/such/page/at/all", 404), ("/en/staff/sign-in", 200)]


@pytest.mark.parametrize(("url", "status"), [(p.url, 200) for p in public_pages()] + OTHER_PAGES, ids=lambda v: str(v))
def test_no_inline_script_or_style(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    soup = BeautifulSoup(response.get_data(as_text=True), "html5lib")
    problems = []
    for script in soup.find_all("script"):
        if not script.get("src"):
            problems.append(f"inline <script>: {str(script)[:120]}")
        if script.get("type") not in (None, "module", "text/javascript"):
            problems.append(f"<script> of type {script.get('type')!r}")
    for style in soup.find_all("style"):
        problems.append(f"<style> element: {str(style)[:120]}")
    for el in soup.find_all(style=True):
        problems.append(f"style= attribute on <{el.name}>: {el['style'][:80]}")
    for el in soup.find_all(True):
        handlers = [name for name in el.attrs if name.lower().startswith("on")]
        if handlers:
            problems.append(f"inline event handler {handlers} on <{el.name}>")
    for link in soup.find_all(["a", "link", "script", "img", "form"]):
        target = link.get("href") or link.get("src") or link.get("action") or ""
        if target.strip().lower().startswith("javascript:"):
            problems.append(f"javascript: URL on <{link.name}>")
    assert not problems, f"{url}: " + "; ".join(problems)

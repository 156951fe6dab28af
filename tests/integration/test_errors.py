"""Error pages: the right status, the reader's language, the page checks, and never a stack trace.

Routes that fail on purpose are added to a fresh app (under /<lang>/_test/), so these tests do not depend on
which forms exist yet.
"""

from __future__ import annotations

import pytest
from flask import request

from app import create_app
from tests.support.i18n_text import squash, translated
from tests.support.page_checks import check_page

LANGS = ["en", "bn", "so", "ar"]


@pytest.fixture(scope="module")
def failing_app():
    app = create_app("test", {"SQLALCHEMY_DATABASE_URI": "sqlite://", "WTF_CSRF_ENABLED": True})

    @app.get("/<lang>/_test/boom")
    def boom():
        raise RuntimeError("a secret detail that must not reach the reader")

    @app.post("/<lang>/_test/form")
    def form():
        return f"got {len(request.form)} fields"

    return app


def _checked(app, response, lang: str, code: int):
    assert response.status_code == code, response.status_code
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "Traceback" not in html and "secret detail" not in html
    return check_page(html, lang=lang, dir=app.extensions["site_languages"][lang].dir)


@pytest.mark.parametrize("lang", LANGS)
def test_unexpected_error_is_a_500_page_in_the_readers_language(failing_app, lang, caplog):
    soup = _checked(failing_app, failing_app.test_client().get(f"/{lang}/_test/boom"), lang, 500)
    expected = translated(failing_app, lang, "Sorry, there is a problem with the service")
    assert squash(soup.h1.get_text()) == expected
    assert "Unhandled error" in caplog.text, "the error is logged for the team"


@pytest.mark.parametrize("lang", LANGS)
def test_expired_or_missing_csrf_token_is_a_400_page(failing_app, lang):
    response = failing_app.test_client().post(f"/{lang}/_test/form", data={"a": "b"})
    soup = _checked(failing_app, response, lang, 400)
    assert squash(soup.h1.get_text()) == translated(failing_app, lang, "Your form has expired")


def test_too_large_a_post_is_a_413_page(failing_app):
    body = {"comment": "x" * (failing_app.config["MAX_CONTENT_LENGTH"] + 1)}
    response = failing_app.test_client().post("/bn/_test/form", data=body)
    soup = _checked(failing_app, response, "bn", 413)
    assert squash(soup.h1.get_text()) == translated(failing_app, "bn", "What you sent is too long")


@pytest.mark.parametrize("lang", LANGS)
def test_404_page_in_each_language(client, lang):
    response = client.get(f"/{lang}/carers/no-such-page")
    soup = _checked(client.application, response, lang, 404)
    assert squash(soup.h1.get_text()) == translated(client.application, lang, "Page not found")
    assert soup.title.get_text().startswith(soup.h1.get_text().strip())


def test_error_pages_carry_the_security_headers(failing_app):
    response = failing_app.test_client().get("/en/_test/boom")
    assert "Content-Security-Policy" in response.headers
    assert response.headers.get("X-Content-Type-Options") == "nosniff"


def test_405_lists_the_allowed_methods(client):
    response = client.delete("/en/")
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"GET", "HEAD"}

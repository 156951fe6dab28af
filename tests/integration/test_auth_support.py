"""Helpers for the staff sign-in and admin tests (no tests here).

Forms are posted the way a browser does: GET the page, take the CSRF token from its form, POST with it.
"""

from __future__ import annotations

import contextlib
import contextvars
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from sqlalchemy import select

from app import create_app
from app.auth import passwords
from app.auth.accounts import create_account
from app.auth.models import AuditEvent, SignInEvent, User
from app.extensions import db

PASSWORD = "correct horse battery staple"
SIGN_IN = "/en/staff/sign-in"
SIGN_OUT = "/en/staff/sign-out"
STAFF_HOME = "/en/staff/"
GENERIC_ERROR = "Email address or password is wrong"


# scrypt at werkzeug's cost takes 0.1-0.2 s a hash, and these tests hash hundreds of times. A hash carries
# its own parameters, so accounts made at a low cost are checked at that cost. Unit tests check the real one.
TEST_HASH_METHOD = "scrypt:1024:8:1"


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    """Autouse in each module that imports it."""
    monkeypatch.setattr(passwords, "METHOD", TEST_HASH_METHOD)


# A new app takes over the module-level Talisman's reference to "the app", which would let the shared session
# apps be collected at the end of the run with their pooled connections open: a ResourceWarning, an error
# here. Holding them keeps the end of the run as it is without a second app.
_SESSION_APPS: list = []


@contextlib.contextmanager
def another_app(app, env: str = "test", **overrides):
    """Another app on the same database, like a second gunicorn worker: its own engine, memory and config."""
    _SESSION_APPS.append(app)
    other = create_app(env, {"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], **overrides})
    try:
        yield other
    finally:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


class RequestIsolatedClient(FlaskClient):
    """A test client whose every request gets its own app context, as each request does in production.

    The `any_app` fixture keeps an app context open for the whole test, and Flask reuses an open app context
    for test requests, so `g` would carry over from one request to the next: Flask-Login's cached user and
    Flask-WTF's CSRF token among them. That would hide exactly the bugs these tests look for (a session
    that survives sign-out, a token from before sign-in), so each request runs in an empty context.
    """

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


def staff_client(app) -> RequestIsolatedClient:
    return RequestIsolatedClient(app, app.response_class, use_cookies=True)


def run_cli(app, args: list[str], **kwargs):
    """Run a `flask` command on `app` in a context of its own, not in the test's open app context."""
    return contextvars.Context().run(app.test_cli_runner().invoke, args=args, **kwargs)


def make_user(
    email: str = "ann@camden.invalid",
    *,
    name: str = "Ann Admin",
    password: str = PASSWORD,
    grants=(("admin", None),),
    active: bool = True,
) -> User:
    user = create_account(email=email, name=name, password=password, grants=set(grants), actor=None)
    if not active:
        user.active = False
        db.session.commit()
    return user


def csrf_token(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"GET {url}: {response.status_code}"
    field = BeautifulSoup(response.get_data(as_text=True), "html.parser").find("input", {"name": "csrf_token"})
    assert field is not None, f"no csrf_token on {url}"
    return field["value"]


def post_form(client, url: str, data: dict, *, form_url: str | None = None, **kwargs):
    token = csrf_token(client, form_url or url)
    return client.post(url, data={**data, "csrf_token": token}, **kwargs)


def sign_in(client, email: str, password: str = PASSWORD, *, next: str | None = None):
    url = f"{SIGN_IN}?{urlencode({'next': next})}" if next is not None else SIGN_IN
    return post_form(client, url, {"email": email, "password": password})


def signed_in_client(app, user_or_email, password: str = PASSWORD) -> RequestIsolatedClient:
    client = staff_client(app)
    email = user_or_email if isinstance(user_or_email, str) else user_or_email.email
    response = sign_in(client, email, password)
    assert response.status_code == 302, f"sign in as {email}: {response.status_code}"
    return client


def sign_out(client):
    return post_form(client, SIGN_OUT, {}, form_url=STAFF_HOME)


def fresh_user(email: str) -> User:
    """The account as the database has it now (requests change it in their own sessions)."""
    db.session.expire_all()
    return db.session.scalars(select(User).where(User.email == email)).one()


def sign_in_outcomes() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(select(SignInEvent.outcome).order_by(SignInEvent.id)))


def audit_actions() -> list[tuple[str, str, str]]:
    db.session.expire_all()
    rows = db.session.execute(select(AuditEvent.action, AuditEvent.target, AuditEvent.detail).order_by(AuditEvent.id))
    return [tuple(row) for row in rows]


def error_texts(html: str) -> list[str]:
    """The error summary and inline error messages of a page, as people read them."""
    soup = BeautifulSoup(html, "html.parser")
    parts = soup.select(".govuk-error-summary, .govuk-error-message")
    return [" ".join(part.get_text().split()) for part in parts]


def is_sign_in_redirect(response, next: str | None = None) -> bool:
    """A redirect to the sign-in page (coming back to `next` afterwards, when given)."""
    if response.status_code != 302:
        return False
    location = urlsplit(response.headers["Location"])
    if location.path != SIGN_IN:
        return False
    return next is None or parse_qs(location.query).get("next") == [next]

"""Fixtures shared by every tier.

- `app` / `client`: the app on a fresh SQLite database file, migrated with Alembic.
- `any_app` / `any_client`: the same, once on SQLite and once on PostgreSQL (TEST_DATABASE_URL). Every test of
  the data layer uses these, so it runs on both. PostgreSQL is required: `make test` starts it; a missing
  server fails the run rather than skipping it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from app import create_app
from app.extensions import db

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _postgres_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.fail("TEST_DATABASE_URL is not set: run the tests with `make test`")
    return url


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


class FreshContextClient(FlaskClient):
    """Each request gets its own app context, as in production, even while a test holds one open for the
    database: otherwise `g` (the language, the signed-in user, the CSRF token) leaks from one request to
    the next and hides bugs."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


def _make_app(url: str, **overrides):
    app = create_app("test", {"SQLALCHEMY_DATABASE_URI": url, **overrides})
    app.test_client_class = FreshContextClient
    with app.app_context():
        upgrade(directory=str(app.config["MIGRATIONS_DIR"]))
    return app


def _dispose(app) -> None:
    """Close pooled connections, so no connection is left for the garbage collector to find at exit."""
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_app(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    the_app = _make_app(url)
    yield the_app
    _dispose(the_app)


@pytest.fixture(scope="session")
def postgres_app():
    url = _postgres_url()
    _reset_postgres(url)
    the_app = _make_app(url)
    yield the_app
    _dispose(the_app)


def _clean(app) -> None:
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())


@pytest.fixture
def app(sqlite_app):
    _clean(sqlite_app)
    with sqlite_app.app_context():
        yield sqlite_app
        db.session.remove()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_app(request):
    the_app = request.getfixturevalue(f"{request.param}_app" if request.param == "sqlite" else "postgres_app")
    _clean(the_app)
    with the_app.app_context():
        yield the_app
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def any_client(any_app):
    return any_app.test_client()


# -- Added by the test harness: tier time budgets, and the page checks every full-page request runs. ----------
pytest_plugins = ["tests.support.tiers"]


@pytest.fixture
def get_page():
    """`get_page(client, url)`: GET, assert 200 text/html, run tests/support/page_checks.check_page, return soup."""
    from tests.support.page_checks import get_page as checked_get

    return checked_get

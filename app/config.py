"""Settings classes, picked by the APP_ENV environment variable (development, test, production)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _sqlite_url(name: str) -> str:
    return f"sqlite:///{ROOT / 'instance' / name}"


class Config:
    APP_ENV = "base"
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    # How staff prove who they are: "password" (local accounts). Single sign-on plugs in here (app/auth/backends.py).
    AUTH_BACKEND = os.environ.get("AUTH_BACKEND", "password")
    BABEL_DEFAULT_TIMEZONE = "Europe/London"
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or _sqlite_url("camden.sqlite3")
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    MIGRATIONS_DIR = ROOT / "migrations"
    CONTENT_DIR = Path(os.environ.get("CONTENT_DIR", ROOT / "content"))
    SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", ROOT / "search_index"))
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "translations")
    BABEL_DEFAULT_LOCALE = "en"
    DEFAULT_LANGUAGE = "en"

    # Forms
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = 3600 * 8
    MAX_CONTENT_LENGTH = 64 * 1024  # the largest form post; bigger bodies get a 413 page
    MAX_FORM_MEMORY_SIZE = 64 * 1024

    # Sessions: staff are signed out after 30 minutes without a request.
    PERMANENT_SESSION_LIFETIME = timedelta(minutes=30)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_DURATION = timedelta(0)
    LANGUAGE_COOKIE = "lang"

    # Rate limits (Flask-Limiter). memory:// is per process; production sets a shared store.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    FORM_RATE_LIMIT = os.environ.get("FORM_RATE_LIMIT", "20 per minute;200 per day")
    SIGN_IN_RATE_LIMIT = os.environ.get("SIGN_IN_RATE_LIMIT", "10 per minute")
    # "Am I a carer?": answers left unused this long are cleared from the session (app/questionnaire/answers.py).
    QUESTIONNAIRE_IDLE_MINUTES = int(os.environ.get("QUESTIONNAIRE_IDLE_MINUTES", "60"))
    QUESTIONNAIRE_TODAY = None  # a datetime.date: tests set it to see the benefit rules in force on that day
    # "Email these results to me", on top of FORM_RATE_LIMIT: the form mails any address, so keep it slow.
    QUESTIONNAIRE_EMAIL_RATE_LIMIT = os.environ.get("QUESTIONNAIRE_EMAIL_RATE_LIMIT", "10 per hour;30 per day")
    # Sending a shortlist by email, on top of FORM_RATE_LIMIT: the form mails any address, so keep it slow.
    SHORTLIST_EMAIL_RATE_LIMIT = os.environ.get("SHORTLIST_EMAIL_RATE_LIMIT", "10 per hour;30 per day")

    # Sign-in lockout (counted in the database so it holds across workers).
    LOCKOUT_THRESHOLD = 5
    LOCKOUT_MINUTES = 15

    # How long each kind of record is kept (days); enforced by `flask purge`, shown in the privacy notice.
    RETENTION_DAYS = {
        "feedback": 365,
        "sign_in_events": 90,
        "audit_log": 730,
        "zero_result_searches": 365,  # searches that found nothing: the words and language only (app/search)
        "questionnaire_counts": 730,  # anonymous weekly counts of "Am I a carer?" results, for the Board
    }

    # Email (the shortlist's "Send by email") through an SMTP relay. Without MAIL_SERVER and MAIL_FROM the page
    # says sending is not working and offers the text and print versions instead.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "1") != "0"  # STARTTLS
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_FROM = os.environ.get("MAIL_FROM", "")
    MAIL_TIMEOUT = float(os.environ.get("MAIL_TIMEOUT", "10"))  # seconds to wait for the relay

    SECURE_HEADERS_HTTPS = False  # HSTS is sent only for requests that arrived over HTTPS
    PREFERRED_URL_SCHEME = "http"
    TEMPLATES_AUTO_RELOAD = False

    # HTTP caching (app/caching.py). Public pages always get an ETag and Cache-Control; the in-process
    # cache of rendered pages (never sharing a session or CSRF token) is on in production.
    PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE_ENABLED", "1") != "0"
    PAGE_CACHE_TTL = int(os.environ.get("PAGE_CACHE_TTL", "600"))  # seconds before a page is rendered again
    PAGE_CACHE_MAX_ENTRIES = 500  # rendered variants kept per worker process
    PAGE_CACHE_ENDPOINTS = ("pages.home", "pages.section", "pages.page", "pages.easy_read")

    # Places (app/places): outward-code centroids by default; an ONS Postcode Directory extract makes full
    # postcodes exact and tells whether they are in Camden.
    PLACES_OUTCODES_PATH = os.environ.get("PLACES_OUTCODES_PATH") or None  # None: app/places/data/uk-outcodes.csv
    PLACES_ONSPD_PATH = os.environ.get("PLACES_ONSPD_PATH") or None


class DevelopmentConfig(Config):
    APP_ENV = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY", "development-only-not-secret")
    SESSION_COOKIE_SECURE = False
    TEMPLATES_AUTO_RELOAD = True
    PAGE_CACHE_ENABLED = False  # templates and content change under a developer's feet


class TestConfig(Config):
    APP_ENV = "test"
    TESTING = True
    SECRET_KEY = "test-only-not-secret"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or "sqlite://"
    SESSION_COOKIE_SECURE = False
    RATELIMIT_ENABLED = False
    PAGE_CACHE_ENABLED = False  # tests that need it turn it on (tests/integration/test_caching.py)


class ProductionConfig(Config):
    APP_ENV = "production"
    PREFERRED_URL_SCHEME = "https"
    # How many proxies (load balancer, nginx) sit in front of gunicorn and set X-Forwarded-*.
    TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))

    @classmethod
    def check(cls) -> None:
        if not os.environ.get("SECRET_KEY"):
            raise RuntimeError("SECRET_KEY must be set in production")


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}


def config_for(env: str | None) -> type[Config]:
    name = env or os.environ.get("APP_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"APP_ENV must be one of {sorted(CONFIGS)}, not {name!r}") from None

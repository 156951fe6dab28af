"""Rate limits on form posts: the 429 page, and one count shared by every worker through Redis.

Flask-Limiter keeps its storage and its on/off switch on the Limiter object, and each app's init_app
replaces them, so with one module-level limiter the app built last decides for every app in the process.
Production runs one app per gunicorn worker process, so that is harmless there; here it means:
- two apps in one process share a count whatever the storage, so the shared-count test also checks that the
  count is in Redis, and one test runs the second "worker" as a real second process;
- the on/off switch is put back after each test, so later tests' apps (limits off) are not limited.

Redis must be running (TEST_REDIS_URL, default db 15): if it is not, these tests fail rather than skip.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from bs4 import BeautifulSoup
from limits.storage import MemoryStorage, RedisStorage
from sqlalchemy import func, select

from app.extensions import db, limiter
from app.feedback.models import Feedback
from tests.conftest import ROOT, _make_app
from tests.support.i18n_text import squash, translated

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
LIMITED = {"RATELIMIT_ENABLED": True, "FORM_RATE_LIMIT": "3 per minute"}
PAGES = {"en": "/en/carers/who-is-a-carer", "bn": "/bn/carers/who-is-a-carer"}


def post_feedback(client, lang: str = "en"):
    """Open a page and send its feedback form, as a browser without JavaScript would."""
    html = client.get(PAGES[lang]).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    return client.post(f"/{lang}/feedback", data={"csrf_token": token, "path": PAGES[lang], "useful": "yes"})


# The same steps, run in a separate Python process: a second gunicorn worker.
WORKER = """
import re, sys, json
from tests.conftest import _make_app
from tests.integration.test_rate_limits import LIMITED, post_feedback
app = _make_app(sys.argv[1], RATELIMIT_STORAGE_URI=sys.argv[2], **LIMITED)
print(json.dumps([post_feedback(app.test_client()).status_code for _ in range(int(sys.argv[3]))]))
"""


def _in_another_process(db_url: str, posts: int) -> list[int]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", WORKER, db_url, REDIS_URL, str(posts)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _stored(app) -> int:
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Feedback))
        db.session.remove()
        return count


@pytest.fixture(autouse=True)
def _limiter_switch_restored():
    enabled = limiter.enabled
    yield
    limiter.enabled = enabled


@pytest.fixture
def redis_db():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    except redis.ConnectionError as exc:  # a failure, never a skip: the shared count is what is under test
        pytest.fail(f"Redis is not running at {REDIS_URL} ({exc}); `make test` starts it")
    yield client
    client.flushdb()
    client.close()


def _db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'workers.sqlite3'}"


def test_fourth_post_in_a_minute_gets_the_429_page_and_stores_nothing(tmp_path):
    app = _make_app(_db_url(tmp_path), **LIMITED)
    assert isinstance(limiter.storage, MemoryStorage)
    client = app.test_client()
    assert [post_feedback(client).status_code for _ in range(3)] == [303, 303, 303]

    refused = post_feedback(client)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    soup = BeautifulSoup(refused.get_data(as_text=True), "html5lib")
    assert squash(soup.find("h1").get_text()) == translated(app, "en", "Too many tries")
    assert _stored(app) == 3


def test_429_page_is_in_the_readers_language(tmp_path):
    app = _make_app(_db_url(tmp_path), **LIMITED)
    client = app.test_client()
    for _ in range(3):
        post_feedback(client, "bn")
    refused = post_feedback(client, "bn")
    assert refused.status_code == 429
    assert "Retry-After" in refused.headers
    soup = BeautifulSoup(refused.get_data(as_text=True), "html5lib")
    assert soup.find("html")["lang"] == "bn"
    assert squash(soup.find("h1").get_text()) == translated(app, "bn", "Too many tries")


def test_reading_pages_is_never_limited(tmp_path):
    app = _make_app(_db_url(tmp_path), **LIMITED)
    client = app.test_client()
    assert {client.get(PAGES["en"]).status_code for _ in range(6)} == {200}


def test_two_workers_share_one_count_through_redis(tmp_path, redis_db):
    url = _db_url(tmp_path)
    one = _make_app(url, RATELIMIT_STORAGE_URI=REDIS_URL, **LIMITED)
    two = _make_app(url, RATELIMIT_STORAGE_URI=REDIS_URL, **LIMITED)
    assert isinstance(limiter.storage, RedisStorage)  # RATELIMIT_STORAGE_URI is honoured
    first, second = one.test_client(), two.test_client()

    assert [post_feedback(first).status_code, post_feedback(first).status_code] == [303, 303]
    assert post_feedback(second).status_code == 303
    assert post_feedback(first).status_code == 429
    assert post_feedback(second).status_code == 429
    assert _stored(one) == 3
    # The count is in Redis (in one process both apps would share even an in-memory count).
    counters = [int(redis_db.get(key)) for key in redis_db.keys("LIMITS*")]
    assert counters == [5], counters  # every post counted, refused ones too


def test_a_worker_in_another_process_sees_the_same_count(tmp_path, redis_db):
    url = _db_url(tmp_path)
    here = _make_app(url, RATELIMIT_STORAGE_URI=REDIS_URL, **LIMITED)
    client = here.test_client()
    assert [post_feedback(client).status_code for _ in range(2)] == [303, 303]

    assert _in_another_process(url, posts=2) == [303, 429]
    assert post_feedback(client).status_code == 429
    assert _stored(here) == 3

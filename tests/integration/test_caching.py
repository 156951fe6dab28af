"""HTTP caching (app/caching.py): ETags and 304s, Cache-Control and Vary, versioned static files, and the
in-process page cache, which must never give one visitor another's CSRF token or session cookie.

The page cache is off in the test configuration; the `cache` fixture turns it on for one test on the shared
app and empties it before and after.
"""

from __future__ import annotations

import os
import re
import time
from email.utils import parsedate_to_datetime

import pytest
from flask import g
from itsdangerous import URLSafeTimedSerializer

PAGE = "/en/carers/who-is-a-carer"  # a content page: it carries the feedback form and so a CSRF token
BN_PAGE = "/bn/carers/who-is-a-carer"
HOME = "/en/"  # no form, no token
TOKEN = re.compile(rb'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def cache(app):
    page_cache = app.extensions["page_cache"]
    saved = app.config["PAGE_CACHE_ENABLED"], app.config["PAGE_CACHE_TTL"]
    app.config["PAGE_CACHE_ENABLED"] = True
    page_cache.clear()
    yield page_cache
    page_cache.clear()
    app.config["PAGE_CACHE_ENABLED"], app.config["PAGE_CACHE_TTL"] = saved


def _request(client, method: str, url: str, **kwargs):
    """A request as a separate one would be. The `app` fixture keeps one app context pushed for the whole
    test, so `g` outlives a request there, and Flask-WTF would hand the next request the token it cached in
    g.csrf_token (in production every request has its own `g`)."""
    g.pop("csrf_token", None)
    return client.open(url, method=method, **kwargs)


def _get(client, url: str, **kwargs):
    return _request(client, "GET", url, **kwargs)


def _warm(client, url: str, times: int = 3, **kwargs):
    """The first two renders of a variant fill the cache (they must agree); later requests are replayed."""
    return [_get(client, url, **kwargs) for _ in range(times)]


def _token(response) -> str:
    found = TOKEN.findall(response.data)
    assert found, "no CSRF token in the page"
    assert len(set(found)) == 1
    return found[0].decode()


def _raw_of_token(app, token: str) -> str:
    secret = app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
    return URLSafeTimedSerializer(secret, salt="wtf-csrf-token").loads(token)


def _session_of(app, client) -> dict:
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None, "no session cookie"
    return app.session_interface.get_signing_serializer(app).loads(cookie.value)


def _set_cookies(response) -> dict[str, str]:
    return {h.split("=", 1)[0]: h for h in response.headers.getlist("Set-Cookie")}


# -- ETag and conditional GET -------------------------------------------------------------------------------
@pytest.mark.parametrize("cached", [False, True], ids=["rendered", "replayed"])
def test_public_page_has_etag_and_answers_304_without_body(app, client, cache, cached):
    app.config["PAGE_CACHE_ENABLED"] = cached
    first = _warm(client, HOME)[-1]
    etag = first.headers["ETag"]
    assert etag.startswith('"') and first.status_code == 200
    assert "no-cache" in first.headers["Cache-Control"]
    again = _get(client, HOME, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    assert again.headers["X-Frame-Options"] == "DENY"  # security headers on the 304 too
    assert "Content-Security-Policy" in again.headers
    other = _get(client, HOME, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.data == first.data
    assert (cache.hits > 0) is cached


def test_etag_changes_when_the_page_does(client, cache):
    assert _warm(client, HOME)[-1].headers["ETag"] != _warm(client, "/en/about/")[-1].headers["ETag"]


@pytest.mark.parametrize("cached", [False, True], ids=["rendered", "replayed"])
def test_page_with_a_token_is_private_and_revalidates_only_for_its_own_session(app, client, cache, cached):
    app.config["PAGE_CACHE_ENABLED"] = cached
    response = _warm(client, PAGE)[-1]
    etag = response.headers["ETag"]
    assert etag.startswith('W/"')  # the bytes differ by the token's timestamp; the page does not
    cache_control = response.headers["Cache-Control"]
    assert "private" in cache_control and "no-cache" in cache_control
    again = _get(client, PAGE, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    stranger = app.test_client()  # another visitor, who somehow sends the same validator
    response = _get(stranger, PAGE, headers={"If-None-Match": etag})
    assert response.status_code == 200 and TOKEN.search(response.data)


# -- the page cache never shares a session ------------------------------------------------------------------
def test_two_sessions_never_receive_each_others_token_or_cookie(app, cache):
    alice, bob = app.test_client(), app.test_client()
    alice_pages = _warm(alice, PAGE, times=5)
    bob_pages = _warm(bob, PAGE, times=5)
    # Each visit until the third changes the session (new, then Flask-Login's _fresh), so each is a new
    # variant that two renders must confirm; Alice renders them, and from then on pages are replayed.
    assert cache.hits >= 4
    alice_raw = _session_of(app, alice)["csrf_token"]
    bob_raw = _session_of(app, bob)["csrf_token"]
    assert alice_raw != bob_raw
    for page in alice_pages:
        assert _raw_of_token(app, _token(page)) == alice_raw
    for page in bob_pages:
        assert _raw_of_token(app, _token(page)) == bob_raw
    # Neither token nor cookie of one appears anywhere in what the other received.
    alice_cookie = alice.get_cookie("session").value
    for page in bob_pages:
        assert _token(alice_pages[0]).encode() not in page.data
        assert alice_cookie not in str(page.headers)


def test_every_new_visitor_gets_a_new_session_and_token(app, cache):
    for _ in range(2):  # two first visits render the new-visitor variant; the rest are replayed
        _get(app.test_client(), PAGE)
    seen_tokens, seen_cookies = set(), set()
    hits = cache.hits
    for _ in range(5):
        visitor = app.test_client()
        response = _get(visitor, PAGE)
        cookie = _set_cookies(response)["session"]
        seen_cookies.add(cookie)
        token = _token(response)
        seen_tokens.add(token)
        assert _raw_of_token(app, token) == _session_of(app, visitor)["csrf_token"]
        assert "Cookie" in response.headers["Vary"]
    assert cache.hits == hits + 5
    assert len(seen_tokens) == 5 and len(seen_cookies) == 5


def test_tokens_from_the_cache_are_accepted_and_only_from_their_own_session(app, cache):
    alice, bob = app.test_client(), app.test_client()
    _warm(alice, PAGE)
    _warm(bob, PAGE)
    hits = cache.hits
    alice_token = _token(_get(alice, PAGE))
    assert _raw_of_token(app, _token(_get(bob, PAGE))) != _raw_of_token(app, alice_token)
    assert cache.hits == hits + 2
    form = {"path": PAGE, "useful": "yes", "comment": ""}
    stolen = _request(bob, "POST", "/en/feedback", data={**form, "csrf_token": alice_token})
    assert stolen.status_code == 400
    own = _request(alice, "POST", "/en/feedback", data={**form, "csrf_token": alice_token})
    assert own.status_code == 303


def test_returning_visitor_keeps_their_session(app, client, cache):
    _warm(client, PAGE, times=2)
    raw = _session_of(app, client)["csrf_token"]
    hits = cache.hits
    for response in _warm(client, PAGE, times=4):
        assert _raw_of_token(app, _token(response)) == raw
        assert "session" not in _set_cookies(response) or _session_of(app, client)["csrf_token"] == raw
    assert cache.hits > hits
    assert _session_of(app, client)["csrf_token"] == raw


def test_a_session_holding_more_than_a_token_is_never_replayed(app, client, cache):
    _warm(client, PAGE)
    with client.session_transaction() as session:
        session["_user_id"] = "1:1"  # a signed-in member of staff, say
    hits = cache.hits
    _warm(client, PAGE)
    assert cache.hits == hits


def test_unknown_cookies_and_query_strings_bypass_the_cache(app, client, cache):
    _warm(client, HOME)
    hits = cache.hits
    client.set_cookie("something_else", "1")
    _warm(client, HOME)
    client.delete_cookie("something_else")
    _warm(client, HOME, query_string={"feedback": "sent"})
    assert cache.hits == hits


# -- variants: language, htmx, the language cookie ----------------------------------------------------------
def test_bengali_and_english_pages_are_cached_separately(app, cache):
    # A returning reader's fourth request onwards is replayed (each visit before changes the session).
    english = _warm(app.test_client(), PAGE, times=6)
    hits = cache.hits
    bengali = _warm(app.test_client(), BN_PAGE, times=6)
    assert hits >= 2 and cache.hits >= hits + 2
    for response in english:
        assert response.data.startswith(b'<!DOCTYPE html>\n<html lang="en"')
    for response in bengali:
        assert response.data.startswith(b'<!DOCTYPE html>\n<html lang="bn"')
    assert english[-1].data.split(b"<body")[0] != bengali[-1].data.split(b"<body")[0]
    assert {key[0] for key in cache._slots} >= {PAGE, BN_PAGE}


def test_htmx_requests_are_a_separate_variant(app, client, cache):
    plain = _warm(client, HOME)[-1]
    htmx = _warm(client, HOME, headers={"HX-Request": "true"})[-1]
    assert "HX-Request" in plain.headers["Vary"] and "HX-Request" in htmx.headers["Vary"]
    slots = [slot for key, slot in cache._slots.items() if key[0] == HOME]
    assert slots and all(slot.vary == ("HTTP_HX_REQUEST",) for slot in slots)
    assert {key for slot in slots for key in slot.variants} == {(None,), ("true",)}


def test_language_cookie_is_set_per_visitor_with_a_fresh_expiry(app, cache):
    reader = app.test_client()
    reader.set_cookie("lang", "bn")
    _warm(reader, HOME, times=1)
    reader.set_cookie("lang", "bn")
    _warm(reader, HOME, times=1)  # the second render of this variant (bn cookie on an en page)
    hits = cache.hits
    reader.set_cookie("lang", "bn")
    response = _get(reader, HOME)
    assert cache.hits == hits + 1
    header = _set_cookies(response)["lang"]
    assert header.startswith("lang=en;")
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", header).group(1)).timestamp()
    assert abs(expires - (time.time() + 365 * 24 * 3600)) < 120
    settled = response  # now the cookie says en: no Set-Cookie
    settled = _warm(reader, HOME)[-1]
    assert "lang" not in _set_cookies(settled)


def test_head_from_the_cache_has_the_length_and_no_body(app, client, cache):
    full = _warm(client, HOME)[-1]
    hits = cache.hits
    head = _request(client, "HEAD", HOME)
    assert cache.hits == hits + 1
    assert head.status_code == 200 and head.data == b""
    assert int(head.headers["Content-Length"]) == len(full.data)


def test_entries_expire(app, client, cache):
    app.config["PAGE_CACHE_TTL"] = 0
    _warm(client, HOME, times=4)
    assert cache.hits == 0


# -- Vary where the language is negotiated ------------------------------------------------------------------
@pytest.mark.parametrize("url", ["/", "/no-such-page"])
def test_negotiated_language_varies_on_cookie_and_accept_language(client, url):
    vary = _get(client, url).headers["Vary"]
    assert "Accept-Language" in vary and "Cookie" in vary


def test_pages_with_the_language_in_the_url_do_not_vary_on_accept_language(client):
    response = _get(client, PAGE)
    assert "Accept-Language" not in response.headers.get("Vary", "")
    assert "Cookie" in response.headers["Vary"] and "HX-Request" in response.headers["Vary"]


# -- static files -------------------------------------------------------------------------------------------
def test_static_urls_carry_a_content_version_and_are_immutable(client):
    page = _get(client, HOME).data.decode()
    url = re.search(r'href="(/static/dist/app\.css\?v=[0-9a-f]+)"', page)
    assert url, "the stylesheet URL has no ?v= version"
    with _get(client, url.group(1)) as versioned:
        assert versioned.status_code == 200
        cache_control = versioned.headers["Cache-Control"]
    assert "immutable" in cache_control and "max-age=31536000" in cache_control
    assert "public" in cache_control
    for stale in ("/static/dist/app.css", "/static/dist/app.css?v=0000"):
        with _get(client, stale) as response:
            assert "immutable" not in response.headers.get("Cache-Control", "")
            assert "no-cache" in response.headers.get("Cache-Control", "")
            assert response.headers.get("ETag")


# -- the cache's signing shortcuts make what Flask and Flask-WTF make --------------------------------------
def test_fast_serializers_sign_exactly_like_flask_and_flask_wtf(app):
    from app.caching import _fast, _FastSerializer

    secret = app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
    csrf_plain = URLSafeTimedSerializer(secret, salt="wtf-csrf-token")
    csrf_fast = _FastSerializer(secret, salt="wtf-csrf-token")
    session_plain = app.session_interface.get_signing_serializer(app)
    session_fast = _fast(session_plain)
    assert type(session_fast) is _FastSerializer
    for _ in range(200):
        raw = os.urandom(20).hex()
        for plain, fast, value in (
            (csrf_plain, csrf_fast, raw),
            (session_plain, session_fast, {"csrf_token": raw}),
            (session_plain, session_fast, {"_fresh": False, "csrf_token": raw}),
        ):
            signed = fast.dumps(value)
            assert plain.loads(signed) == value
            again = plain.dumps(value)
            if signed.split(".")[1] == again.split(".")[1]:  # the same second: the same bytes
                assert signed == again

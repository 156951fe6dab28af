"""HTTP caching: ETags and conditional GET for public pages, Cache-Control, versioned static URLs, and an
in-process cache of rendered pages that never gives one visitor's session or CSRF token to another.

Two layers; the first works without the second:

1. **HTTP policy** (an ``after_request`` hook, every environment). A public page (``PAGE_CACHE_ENDPOINTS``)
   gets an ETag, ``Cache-Control: no-cache`` (the browser revalidates every time, so a reader never sees a
   stale page, and a 304 costs no body) and ``Vary: HX-Request``; ``If-None-Match`` answers 304 with no body.
   A page that carries a CSRF token (a form) or belongs to a signed-in user is also ``private``; its ETag is
   weak and mixes in a digest of the visitor's *raw* session token and an hour-long time window, so a 304
   only ever tells a browser to keep a page that was sent to the same session, recently enough that the
   signed token in it is still far from expiry (WTF_CSRF_TIME_LIMIT). A response whose language was
   negotiated (no language in the URL: ``/``, errors) varies on ``Cookie`` and ``Accept-Language``.
   Static files get long-lived ``immutable`` caching when requested with the ``?v=`` content hash that
   ``url_for('static', ...)`` now adds; without it (or with an old hash) they stay ``no-cache`` + ETag.

2. **Page cache** (WSGI middleware, outermost; ``PAGE_CACHE_ENABLED``). It *replays* a response that the
   full Flask stack produced (every ``after_request`` hook, Talisman's headers, the session save) for a
   request that is equivalent in everything the response can depend on, substituting only what must be
   fresh per request:

   - the CSRF token: the body is stored split around the signed token, and each hit gets a token signed
     from *its own* session's raw token (or from a new one, in a new session cookie, exactly as Flask-WTF
     and Flask's cookie session would do) — so no visitor ever receives another's token or cookie;
   - the ``Expires`` date of replayed cookies (the language cookie), recomputed from their Max-Age;
   - the ETag (layer 1's rule) and Content-Length.

   The key is the path, scheme, host and forwarded headers, the value of the language cookie, what the
   session holds besides the token (nothing, or ``_fresh``) and whether it holds one, and the request
   headers the response ``Vary``-ies on (HX-Request).
   Anything unusual goes to Flask untouched and is not stored: a query string, a method other than
   GET/HEAD, an Authorization header, any cookie but the session and language ones, a session holding
   anything but a CSRF token and Flask-Login's ``_fresh`` flag (signed-in staff, flashed messages, a
   permanent session), a bad signature, ``Vary: *``, a status other than 200, a Set-Cookie other than
   those two, a streamed body. A variant is served only after two renders agreed byte for byte (modulo
   the token), which catches per-request headers or bodies nobody declared. Entries expire after
   ``PAGE_CACHE_TTL`` seconds; about ``PAGE_CACHE_MAX_ENTRIES`` are kept per worker process.

Content is loaded once per process (the content repository), so a deploy or restart empties the cache.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, current_app, g, request, session
from itsdangerous import BadData, Serializer, URLSafeTimedSerializer
from itsdangerous.encoding import base64_encode
from itsdangerous.signer import HMACAlgorithm
from werkzeug.http import http_date, parse_cookie, parse_etags, quote_etag
from werkzeug.security import safe_join

ENVIRON_KEY = "camden.page_cache"
STATIC_MAX_AGE = 365 * 24 * 3600
# Request headers that carry how the request reached us; a page may build absolute URLs from them.
_ORIGIN_KEYS = (
    "SCRIPT_NAME",
    "wsgi.url_scheme",
    "HTTP_HOST",
    "SERVER_NAME",
    "SERVER_PORT",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PREFIX",
)
# Replayed response headers that are recomputed per request, never copied.
_PER_REQUEST = {"date", "content-length", "etag", "set-cookie"}


def init_app(app: Flask) -> None:
    app.config.setdefault("PAGE_CACHE_ENABLED", False)
    app.config.setdefault("PAGE_CACHE_TTL", 600)
    app.config.setdefault("PAGE_CACHE_MAX_ENTRIES", 500)
    app.config.setdefault("PAGE_CACHE_ENDPOINTS", ("pages.home", "pages.section", "pages.page", "pages.easy_read"))
    app.after_request(_http_policy)
    app.url_defaults(_static_version_default)
    app.extensions["page_cache"] = cache = PageCache(app, app.wsgi_app)
    app.wsgi_app = cache  # type: ignore[method-assign]


# -- layer 1: HTTP policy -----------------------------------------------------------------------------------
def _csrf_field(app: Flask) -> str:
    return app.config.get("WTF_CSRF_FIELD_NAME") or "csrf_token"


def _etag_window(app: Flask) -> int:
    """How long a page with a CSRF token can be revalidated with a 304: an eighth of the token's life."""
    limit = app.config.get("WTF_CSRF_TIME_LIMIT") or 3600 * 8
    return max(60, int(limit) // 8)


def template_digest(body: bytes, token: str | None) -> str:
    """A digest of the page as it is for every visitor: the body with the CSRF token taken out."""
    if token:
        body = b"\x00".join(body.split(token.encode("ascii")))
    return hashlib.blake2b(body, digest_size=12).hexdigest()


def page_etag(digest: str, raw_token: str | None, window: int, now: float | None = None) -> tuple[str, bool]:
    """(etag, weak). A page with a token: weak, and specific to the session's raw token and a time window."""
    if raw_token is None:
        return digest, False
    bucket = int((time.time() if now is None else now) // window)
    mixed = hashlib.blake2b(f"{digest}:{raw_token}:{bucket}".encode(), digest_size=12).hexdigest()
    return mixed, True


def _negotiated_language() -> bool:
    rule = request.url_rule
    return rule is None or "lang" not in rule.arguments


def _http_policy(response):
    app = current_app
    if request.endpoint == "static":
        _static_cache_control(response)
        return response
    if _negotiated_language():
        if response.mimetype != "text/html":
            return response
        response.vary.add("Cookie")
        response.vary.add("Accept-Language")
        return response
    if (
        request.endpoint not in app.config["PAGE_CACHE_ENDPOINTS"]
        or request.method not in ("GET", "HEAD")
        or response.status_code != 200
        or response.mimetype != "text/html"
        or response.is_streamed
    ):
        return response

    field_name = _csrf_field(app)
    token = g.get(field_name)  # set by Flask-WTF when this page rendered a CSRF token
    raw = session.get(field_name) if token else None
    digest = template_digest(response.get_data(), token)
    etag, weak = page_etag(digest, raw, _etag_window(app))
    response.vary.add("HX-Request")
    response.set_etag(etag, weak=weak)
    response.cache_control.no_cache = True
    if token or "_user_id" in session:
        response.cache_control.private = True
    if request.if_none_match.contains_weak(etag):
        response.status_code = 304
    request.environ[ENVIRON_KEY] = {"token": token}
    return response


# -- static files -------------------------------------------------------------------------------------------
_versions: dict[str, tuple[int, int, str]] = {}


def static_version(filename: str) -> str | None:
    """A short hash of a static file's content, recomputed when the file changes; None if there is none."""
    folder = current_app.static_folder
    joined = safe_join(folder, filename) if folder else None
    if joined is None:
        return None
    path = Path(joined)
    try:
        stat = path.stat()
    except (OSError, ValueError):
        return None
    cached = _versions.get(str(path))
    if cached and cached[0] == stat.st_mtime_ns and cached[1] == stat.st_size:
        return cached[2]
    try:
        version = hashlib.blake2b(path.read_bytes(), digest_size=6).hexdigest()
    except OSError:
        return None
    _versions[str(path)] = (stat.st_mtime_ns, stat.st_size, version)
    return version


def _static_version_default(endpoint: str, values: dict) -> None:
    if endpoint == "static" and "v" not in values and "filename" in values:
        version = static_version(values["filename"])
        if version:
            values["v"] = version


def _static_cache_control(response) -> None:
    requested = request.args.get("v")
    filename = (request.view_args or {}).get("filename")
    if response.status_code in (200, 304) and requested and filename and requested == static_version(filename):
        response.cache_control.no_cache = None
        response.cache_control.public = True
        response.cache_control.max_age = STATIC_MAX_AGE
        response.cache_control.immutable = True


# -- layer 2: the page cache --------------------------------------------------------------------------------
# Session keys a replayable visitor's session may hold: the raw CSRF token, and Flask-Login's `_fresh` flag
# (which its session protection sets to False on the first render of a non-empty anonymous session).
_INERT_SESSION_KEYS = {"_fresh"}
_SCALARS = (str, bool, int, type(None))


class _OneShotHMAC(HMACAlgorithm):
    """The same HMAC, computed by OpenSSL in one call (hmac.digest). itsdangerous' default digest is a
    Python function wrapping hashlib.sha1, which sends hmac.new down its pure-Python path."""

    def __init__(self, name: str) -> None:
        self.name = name

    def get_signature(self, key: bytes, value: bytes) -> bytes:
        return hmac.digest(key, value, self.name)


class _FastSerializer(URLSafeTimedSerializer):
    """itsdangerous' URL-safe timed serializer, minus what costs most at thousands of pages a second.

    - It does not try zlib on every payload: a raw CSRF token (40 hex digits) or a session holding one never
      shrinks, so itsdangerous sends it uncompressed anyway.
    - It keeps one signer per salt, derives each key once, and computes the HMAC in one OpenSSL call
      (itsdangerous rebuilds the signer and re-derives the key on every call, in Python).

    For these payloads (random hex, which zlib cannot shrink) the tokens and cookies are byte for byte what
    itsdangerous makes, and whatever the payload they load with the ordinary serializer (Flask's session,
    Flask-WTF's validate_csrf); tests/integration/test_caching.py checks both.
    """

    def dump_payload(self, obj) -> bytes:
        return base64_encode(Serializer.dump_payload(self, obj))

    def make_signer(self, salt=None):
        signers = self.__dict__.setdefault("_signers", {})
        signer = signers.get(salt)
        if signer is None:
            signer = super().make_signer(salt)
            derive = signer.derive_key
            keys: dict = {}

            def derive_key(secret_key=None):
                key = keys.get(secret_key)
                if key is None:
                    key = keys[secret_key] = derive(secret_key)
                return key

            signer.derive_key = derive_key  # type: ignore[method-assign]
            name = getattr(signer.digest_method(b""), "name", "")
            if type(signer.algorithm) is HMACAlgorithm and name in hashlib.algorithms_guaranteed:
                signer.algorithm = _OneShotHMAC(name)
            signers[salt] = signer
        return signer


def _fast(serializer):
    """The same serializer (keys, salt, signer, JSON flavour) as a _FastSerializer; anything else as it is."""
    if type(serializer) is not URLSafeTimedSerializer:
        return serializer
    clone = copy.copy(serializer)
    clone.__class__ = _FastSerializer
    return clone


@dataclass
class _CookieTemplate:
    """A Set-Cookie header to replay: fixed text, an Expires date to refresh, or a session to re-sign."""

    kind: str  # "fixed", "expires" or "session"
    before: str
    after: str = ""
    max_age: int = 0
    session_rest: tuple = ()  # the saved session, less the raw token (which is the visitor's own)


@dataclass
class _Entry:
    headers: list[tuple[str, str]]
    cookies: list[_CookieTemplate]
    parts: list[bytes]  # the body, split around the CSRF token (one part when there is none)
    digest: str
    status: str
    created: float
    confirmed: bool = False

    @property
    def has_token(self) -> bool:
        return len(self.parts) > 1

    def same_as(self, other: _Entry) -> bool:
        return (
            self.status == other.status
            and self.headers == other.headers
            and self.cookies == other.cookies
            and self.parts == other.parts
        )


@dataclass
class _Slot:
    vary: tuple[str, ...]  # WSGI environ keys of the request headers the response varies on
    variants: dict[tuple, _Entry] = field(default_factory=dict)


@dataclass
class _Visitor:
    lang_cookie: str | None
    has_session: bool
    raw_token: str | None  # from the visitor's own session cookie
    session_rest: tuple  # the rest of the visitor's session (inert keys only)

    @property
    def state(self) -> tuple:
        return (self.lang_cookie, self.has_session, self.raw_token is not None, self.session_rest)


class PageCache:
    def __init__(self, app: Flask, wsgi_app: Callable) -> None:
        self.app = app
        self.wsgi_app = wsgi_app
        self._slots: dict[tuple, _Slot] = {}
        self._count = 0
        self._lock = threading.Lock()
        self._dates: dict[int, str] = {}
        self._ready = False
        self.hits = 0  # responses replayed (approximate under threads; for tests and curiosity)
        self._pool: deque[str] = deque()
        self._pool_pid = 0

    def _prepare(self) -> None:
        """Setup that needs the final configuration (done on the first request)."""
        app = self.app
        self.field = _csrf_field(app)
        self.session_cookie = app.config["SESSION_COOKIE_NAME"]
        self.lang_cookie = app.config.get("LANGUAGE_COOKIE", "lang")
        self.languages = set(app.extensions.get("site_languages", ()))
        self.session_serializer = _fast(
            app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
        )
        self.session_max_age = int(app.permanent_session_lifetime.total_seconds())
        secret = app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
        assert secret, "SECRET_KEY is checked in create_app"
        self.csrf_serializer = _FastSerializer(secret, salt="wtf-csrf-token")
        self.window = _etag_window(app)
        self._ready = True

    def clear(self) -> None:
        with self._lock:
            self._slots.clear()
            self._count = 0
            self.hits = 0

    def __len__(self) -> int:
        return self._count

    # -- request side ----------------------------------------------------------------------------------------
    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        config = self.app.config
        method = environ.get("REQUEST_METHOD")
        if (
            not config["PAGE_CACHE_ENABLED"]
            or (method != "GET" and method != "HEAD")
            or environ.get("QUERY_STRING")
            or "HTTP_AUTHORIZATION" in environ
        ):
            return self.wsgi_app(environ, start_response)
        if not self._ready:
            self._prepare()
        visitor = self._visitor(environ)
        if visitor is None:
            return self.wsgi_app(environ, start_response)
        base = (environ.get("PATH_INFO", ""), visitor.state) + tuple(environ.get(k) for k in _ORIGIN_KEYS)
        slot = self._slots.get(base)
        entry = None
        if slot is not None:
            entry = slot.variants.get(tuple(environ.get(k) for k in slot.vary))
            if entry is not None and time.time() - entry.created > config["PAGE_CACHE_TTL"]:
                entry = None
        if entry is not None and entry.confirmed:
            return self._serve(entry, visitor, environ, start_response)
        if method != "GET":
            return self.wsgi_app(environ, start_response)
        return self._render_and_store(base, visitor, environ, start_response)

    def _visitor(self, environ: dict) -> _Visitor | None:
        """The visitor's language cookie and session, or None when the request is not replayable."""
        header = environ.get("HTTP_COOKIE")
        if not header:
            return _Visitor(None, False, None, ())
        cookies = parse_cookie(header)
        lang = None
        session_data = None
        for name in cookies:
            values = cookies.getlist(name)
            if len(values) != 1:
                return None
            if name == self.lang_cookie:
                lang = values[0]
                if lang not in self.languages:
                    return None
            elif name == self.session_cookie:
                session_data = self._load_session(values[0])
                if session_data is None:
                    return None
            else:
                return None  # a cookie a page might read: render it
        if session_data is None:
            return _Visitor(lang, False, None, ())
        raw, rest = session_data
        return _Visitor(lang, True, raw, rest)

    def _load_session(self, cookie: str) -> tuple[str | None, tuple] | None:
        """(raw CSRF token, the rest) of a session cookie holding nothing a page could show; else None."""
        if self.session_serializer is None or not cookie:
            return None
        try:
            data = self.session_serializer.loads(cookie, max_age=self.session_max_age)
        except BadData:
            return None
        if not isinstance(data, dict) or not data:
            return None
        raw = data.get(self.field)
        if raw is not None and not isinstance(raw, str):
            return None
        rest = []
        for key, value in data.items():
            if key == self.field:
                continue
            if key not in _INERT_SESSION_KEYS or not isinstance(value, _SCALARS):
                return None
            rest.append((key, value))
        return raw, tuple(sorted(rest))

    # -- hit -------------------------------------------------------------------------------------------------
    def _serve(self, entry: _Entry, visitor: _Visitor, environ: dict, start_response: Callable):
        self.hits += 1
        raw = visitor.raw_token
        if raw is None and entry.has_token:
            raw = self._new_raw_token()  # a new visitor: a new token in a new session
        if entry.has_token:
            token = self.csrf_serializer.dumps(raw).encode("ascii")
            body = token.join(entry.parts)
            etag, weak = page_etag(entry.digest, raw, self.window)
        else:
            body = entry.parts[0]
            etag, weak = entry.digest, False
        headers = list(entry.headers)
        now = int(time.time())
        for cookie in entry.cookies:
            if cookie.kind == "fixed":
                value = cookie.before
            elif cookie.kind == "expires":
                value = cookie.before + self._date(now + cookie.max_age) + cookie.after
            else:
                saved = dict(cookie.session_rest)
                saved[self.field] = raw
                signed = self.session_serializer.dumps(saved)  # type: ignore[union-attr]
                value = cookie.before + signed + cookie.after
            headers.append(("Set-Cookie", value))
        headers.append(("ETag", quote_etag(etag, weak)))
        inm = environ.get("HTTP_IF_NONE_MATCH")
        if inm and parse_etags(inm).contains_weak(etag):
            start_response("304 NOT MODIFIED", [h for h in headers if h[0].lower() != "content-type"])
            return []
        headers.append(("Content-Length", str(len(body))))
        start_response(entry.status, headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def _new_raw_token(self) -> str:
        """40 random hex digits, like Flask-WTF's sha1(urandom(64)).hexdigest(), from a per-process pool.

        One os.urandom call per 256 tokens instead of one per token: each call releases the GIL, and with
        gunicorn's threads waiting for it, taking it back cost more than the rest of a cached page. The pool
        belongs to the process that filled it (after a fork the child fills its own) and every token is
        taken from it once (deque.popleft is atomic)."""
        pid = os.getpid()
        if self._pool_pid != pid:
            self._pool.clear()
            self._pool_pid = pid
        try:
            return self._pool.popleft()
        except IndexError:
            block = os.urandom(20 * 256).hex()
            fresh = [block[i : i + 40] for i in range(0, len(block), 40)]
            raw = fresh.pop()
            self._pool.extend(fresh)
            return raw

    def _date(self, when: int) -> str:
        text = self._dates.get(when)
        if text is None:
            text = http_date(when)
            if len(self._dates) > 64:
                self._dates.clear()
            self._dates[when] = text
        return text

    # -- miss ------------------------------------------------------------------------------------------------
    def _render_and_store(self, base: tuple, visitor: _Visitor, environ: dict, start_response: Callable):
        captured: dict = {}

        def capture(status, headers, exc_info=None):
            captured["status"] = status
            captured["headers"] = headers
            if exc_info is not None:
                captured["error"] = True
            return start_response(status, headers, exc_info)

        app_iter = self.wsgi_app(environ, capture)
        marker = environ.get(ENVIRON_KEY)
        if marker is None or not captured.get("status", "").startswith("200 ") or "error" in captured:
            return app_iter
        try:
            body = b"".join(app_iter)
        finally:
            close = getattr(app_iter, "close", None)
            if close is not None:
                close()
        try:
            entry = self._entry(visitor, captured["status"], captured["headers"], body, marker)
            if entry is not None:
                self._store(base, environ, *entry)
        except Exception:  # never let the cache break a page that rendered
            self.app.logger.exception("page cache: could not store %s", environ.get("PATH_INFO"))
        return [body]

    def _entry(self, visitor: _Visitor, status: str, headers, body: bytes, marker: dict):
        """The replayable form of a response Flask made, with its Vary keys; None if it cannot be replayed."""
        token: str | None = marker.get("token")
        # The raw token the page and any saved session must hold: the visitor's own, or the one just made.
        expected_raw = visitor.raw_token
        if token:
            signed_raw = self._unsign(token)
            if signed_raw is None or (expected_raw is not None and signed_raw != expected_raw):
                return None
            expected_raw = signed_raw
        kept: list[tuple[str, str]] = []
        cookies: list[_CookieTemplate] = []
        vary_names: list[str] = []
        for name, value in headers:
            lower = name.lower()
            if lower == "vary":
                vary_names.extend(v.strip().lower() for v in value.split(",") if v.strip())
            if lower == "set-cookie":
                template = self._cookie_template(value, expected_raw)
                if template is None:
                    return None
                cookies.append(template)
            elif lower not in _PER_REQUEST:
                kept.append((name, value))
        if "*" in vary_names:
            return None
        saves_session = any(c.kind == "session" for c in cookies)
        if token:
            parts = body.split(token.encode("ascii"))
            if len(parts) < 2:
                return None  # a token was made but not shown: a side effect we do not replay
            if visitor.raw_token is None and not saves_session:
                return None
        else:
            parts = [body]
            if saves_session and visitor.raw_token is None:
                return None
        vary = tuple(sorted({"HTTP_" + n.upper().replace("-", "_") for n in vary_names if n != "cookie"}))
        entry = _Entry(kept, cookies, parts, template_digest(body, token), status, time.time())
        return vary, entry

    def _store(self, base: tuple, environ: dict, vary: tuple, entry: _Entry) -> None:
        key = tuple(environ.get(k) for k in vary)
        with self._lock:
            slot = self._slots.get(base)
            if slot is not None and slot.vary != vary:
                self._count -= len(self._slots.pop(base).variants)
                slot = None
            previous = slot.variants.get(key) if slot is not None else None
            if previous is None and self._count >= self.app.config["PAGE_CACHE_MAX_ENTRIES"]:
                self._evict()
                slot = self._slots.get(base)
            if slot is None:
                slot = self._slots[base] = _Slot(vary)
            if previous is None:
                self._count += 1
            elif previous.same_as(entry):
                entry.confirmed = True  # two renders agreed: serve it from now on
            slot.variants[key] = entry

    def _evict(self) -> None:
        """Drop the oldest half of the slots (insertion order)."""
        for base in list(self._slots)[: max(1, len(self._slots) // 2)]:
            self._count -= len(self._slots.pop(base).variants)

    def _unsign(self, token: str) -> str | None:
        try:
            raw = self.csrf_serializer.loads(token)
        except BadData:
            return None
        return raw if isinstance(raw, str) else None

    def _cookie_template(self, header: str, expected_raw: str | None) -> _CookieTemplate | None:
        pair, _, attributes = header.partition(";")
        name, _, value = pair.partition("=")
        name = name.strip()
        attrs_lower = attributes.lower()
        if name == self.session_cookie:
            # Only a browser session (no expiry) holding the raw token and inert keys, nothing else.
            if "expires=" in attrs_lower or "max-age=" in attrs_lower or value.startswith('"'):
                return None
            loaded = self._load_session(value)
            if loaded is None or expected_raw is None or loaded[0] != expected_raw:
                return None
            after = ";" + attributes if attributes else ""
            return _CookieTemplate("session", f"{name}=", after, session_rest=loaded[1])
        if name != self.lang_cookie:
            return None
        if "expires=" not in attrs_lower:
            return _CookieTemplate("fixed", header)
        max_age = None
        for attribute in attributes.split(";"):
            key, _, val = attribute.strip().partition("=")
            if key.lower() == "max-age":
                try:
                    max_age = int(val)
                except ValueError:
                    return None
        if max_age is None:
            return None
        start = attrs_lower.index("expires=") + len("expires=")
        end = attributes.find(";", start)
        end = len(attributes) if end < 0 else end
        return _CookieTemplate("expires", f"{pair};{attributes[:start]}", attributes[end:], max_age)

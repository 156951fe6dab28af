"""Error pages in the reader's language, with the right status code and never a stack trace."""

from __future__ import annotations

from flask import Flask, g, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.extensions import htmx
from app.i18n import is_supported, preferred_language

MESSAGES = {
    400: (_l("Something was wrong with that request"), _l("Go back and try again.")),
    403: (
        _l("You cannot see this page"),
        _l("You need to sign in with an account that has access."),
    ),
    404: (_l("Page not found"), _l("If you typed the web address, check it is correct.")),
    405: (
        _l("That action is not allowed here"),
        _l("Go back to the page and use its buttons or links."),
    ),
    413: (_l("What you sent is too long"), _l("Make what you typed shorter and try again.")),
    429: (_l("Too many tries"), _l("Wait a minute, then try again.")),
    500: (_l("Sorry, there is a problem with the service"), _l("Try again later.")),
}
CSRF_MESSAGE = (
    _l("Your form has expired"),
    _l("For your security, forms stop working after a while. Go back, reload the page and try again."),
)


def _reader_language() -> str:
    """The language of an error page: the URL's when it names a site language (even if routing failed
    before the URL was read), else the reader's cookie or browser."""
    first = request.path.lstrip("/").split("/", 1)[0]
    return first if is_supported(first) else preferred_language()


def render_error(code: int, title=None, advice=None):
    if not g.get("lang"):
        g.lang = _reader_language()
    default_title, default_advice = MESSAGES.get(code, MESSAGES[500])
    # An htmx request gets the message alone, swapped into the part of the page that asked.
    template = "errors/_fragment.html" if htmx else "errors/error.html"
    body = render_template(template, code=code, title=title or default_title, advice=advice or default_advice)
    return body, code, {"Vary": "HX-Request"}


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(400, *CSRF_MESSAGE)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        code = error.code or 500
        response = error.get_response()
        body, _status, headers = render_error(code if code in MESSAGES else (400 if code < 500 else 500))
        headers.update({k: v for k, v in response.headers.items() if k in ("Allow", "Retry-After")})
        return body, code, headers

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        app.logger.exception("Unhandled error", exc_info=error)
        return render_error(500)

    @app.errorhandler(InternalServerError)
    def server_error(error: InternalServerError):
        return render_error(500)

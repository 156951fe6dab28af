"""Site languages, the reader's language for each request, and the locale in every URL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from flask import Flask, current_app, g, request


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in its own script
    english_name: str
    dir: str  # "ltr" or "rtl"
    locale: str  # for dates and numbers (Babel), e.g. en_GB


def load_languages(content_dir: Path) -> dict[str, Language]:
    data = yaml.safe_load((content_dir / "languages.yaml").read_text(encoding="utf-8"))
    languages = {}
    for entry in data["languages"]:
        lang = Language(
            entry["code"], entry["name"], entry["english_name"], entry["dir"], entry.get("locale", entry["code"])
        )
        if lang.dir not in ("ltr", "rtl"):
            raise ValueError(f"languages.yaml: dir of {lang.code} must be ltr or rtl")
        languages[lang.code] = lang
    return languages


def languages() -> dict[str, Language]:
    return current_app.extensions["site_languages"]


def is_supported(code: str | None) -> bool:
    return bool(code) and code in languages()


def preferred_language() -> str:
    """The language for a request whose URL names none: cookie, then Accept-Language, then English."""
    cookie = request.cookies.get(current_app.config["LANGUAGE_COOKIE"])
    if is_supported(cookie):
        return cookie  # type: ignore[return-value]
    best = request.accept_languages.best_match(list(languages()))
    return best or current_app.config["DEFAULT_LANGUAGE"]


def current_language() -> Language:
    code = g.get("lang") or preferred_language()
    return languages()[code]


def select_locale() -> str:
    return current_language().locale


def init_app(app: Flask) -> None:
    app.extensions["site_languages"] = load_languages(app.config["CONTENT_DIR"])

    @app.url_defaults
    def add_language(endpoint: str, values: dict) -> None:
        if "lang" in values or not app.url_map.is_endpoint_expecting(endpoint, "lang"):
            return
        values["lang"] = g.get("lang") or app.config["DEFAULT_LANGUAGE"]

    @app.url_value_preprocessor
    def pull_language(endpoint: str | None, values: dict | None) -> None:
        if values and "lang" in values:
            code = values.pop("lang")
            if not is_supported(code):
                from flask import abort

                abort(404)
            g.lang = code

    @app.after_request
    def remember_language(response):
        # The URL always wins; remember the reader's choice so that "/" sends them back to it.
        code = g.get("lang")
        cookie = current_app.config["LANGUAGE_COOKIE"]
        if code and request.cookies.get(cookie) != code and response.mimetype == "text/html":
            response.set_cookie(
                cookie,
                code,
                max_age=60 * 60 * 24 * 365,
                httponly=True,
                samesite="Lax",
                secure=current_app.config["SESSION_COOKIE_SECURE"],
            )
        return response

    @app.context_processor
    def language_context() -> dict:
        return {"site_languages": languages(), "current_language": current_language()}

    app.jinja_env.globals.update(alternate_urls=alternate_urls, tel=tel, text_direction=text_direction)


def text_direction(code: str) -> str:
    return languages()[code].dir if code in languages() else "ltr"


def alternate_urls() -> dict[str, str]:
    """The current page in every site language (the language switcher and hreflang alternates).

    Pages outside the locale routes (errors before routing) point at each language's home page.
    """
    from flask import url_for

    endpoint = request.endpoint
    args = dict(request.view_args or {})
    urls = {}
    usable = endpoint is not None and current_app.url_map.is_endpoint_expecting(endpoint, "lang")
    usable = usable and request.method == "GET" and not getattr(request, "routing_exception", None)
    query = request.query_string.decode("latin-1") if usable else ""
    for code in languages():
        if usable:
            url = url_for(endpoint, **{**args, "lang": code})  # type: ignore[arg-type]
            urls[code] = f"{url}?{query}" if query else url
        else:
            urls[code] = url_for("pages.home", lang=code)
    return urls


def tel(number: str, label: str | None = None):
    """A telephone link (for use inside translated sentences)."""
    from markupsafe import Markup, escape

    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    link = Markup('<a class="govuk-link app-phone" href="tel:{}" dir="ltr">{}</a>')
    return link.format(digits, escape(label or number))

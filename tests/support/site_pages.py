"""Every public page of the site, worked out from the content repository and the site's languages.

The list is built once per test session from an app that needs no database (the content is files), so tests
can be parametrized by URL at collection time and a new content file becomes new test cases with no code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from app import create_app
from app.content.registry import LAYOUTS


@dataclass(frozen=True)
class PublicPage:
    url: str
    lang: str
    kind: str  # "home", or the layout of a content page
    section: str | None = None
    slug: str | None = None  # as the repository keys it ("index", "<slug>.easy-read")

    def __str__(self) -> str:
        return self.url


@lru_cache(maxsize=1)
def content_app():
    """An app for reading the site's structure (content, languages, URL map); it never opens its database."""
    return create_app("test", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})


def site_languages() -> list[str]:
    return list(content_app().extensions["site_languages"])


@lru_cache(maxsize=1)
def public_pages() -> tuple[PublicPage, ...]:
    from app.pages.views import page_url

    app = content_app()
    repo = app.extensions["content"]
    english = sorted((page for (lang, _), page in repo.pages.items() if lang == repo.default_lang), key=lambda p: p.key)
    found = []
    with app.test_request_context():
        from flask import url_for

        for lang in app.extensions["site_languages"]:
            found.append(PublicPage(url_for("pages.home", lang=lang), lang, "home"))
            for page in english:
                found.append(PublicPage(page_url(page, lang), lang, page.meta.layout, page.section, page.slug))
    return tuple(found)


def one_page_per_layout(lang: str) -> list[PublicPage]:
    """The home page, and the first page (by URL) of every layout the content uses, in one language."""
    chosen: dict[str, PublicPage] = {}
    for page in public_pages():
        if page.lang == lang and page.kind not in chosen:
            chosen[page.kind] = page
    return [chosen[kind] for kind in ["home", *LAYOUTS] if kind in chosen]

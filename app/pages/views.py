"""Public pages: the home page, section and content pages, Easy Read variants, and the language redirect."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, g, redirect, render_template, url_for

from app.content.loader import EASY_READ_SUFFIX, INDEX_SLUG
from app.content.registry import template_for
from app.content.service import page_context, repository
from app.i18n import preferred_language
from app.retention import retention_rows

bp = Blueprint("pages", __name__)


@bp.get("/")
def root():
    response = redirect(url_for("pages.home", lang=preferred_language()), code=302)
    response.vary.update(("Cookie", "Accept-Language"))
    return response


@bp.get("/<lang>/")
def home():
    repo = repository()
    sections = [repo.resolve(_lang(), s.section, INDEX_SLUG) for s in repo.sections()]
    return render_template("pages/home.html", sections=sections)


@bp.get("/<lang>/<section>/")
def section(section: str):
    return _render(section, INDEX_SLUG)


@bp.get("/<lang>/<section>/<slug>")
def page(section: str, slug: str):
    if slug == INDEX_SLUG:
        return redirect(url_for("pages.section", section=section), code=301)
    if slug.endswith(EASY_READ_SUFFIX):  # the file name, typed as a URL
        return redirect(url_for("pages.easy_read", section=section, slug=slug.removesuffix(EASY_READ_SUFFIX)), 301)
    return _render(section, slug)


@bp.get("/<lang>/<section>/<slug>/easy-read")
def easy_read(section: str, slug: str):
    return _render(section, slug + EASY_READ_SUFFIX)


def _lang() -> str:
    return g.lang


def _render(section: str, slug: str):
    resolved = repository().resolve(_lang(), section, slug)
    if resolved is None:
        abort(404)
    context = page_context(resolved, _lang())
    return render_template(template_for(resolved.english.meta.layout), **context)


def page_url(page, lang: str | None = None) -> str:
    """The URL of a content page (English Page object) for the reader's language."""
    values: dict[str, Any] = {"section": page.section}
    if lang:
        values["lang"] = lang
    if page.slug == INDEX_SLUG:
        return url_for("pages.section", **values)
    if page.is_easy_read:
        return url_for("pages.easy_read", slug=page.base_slug, **values)
    return url_for("pages.page", slug=page.slug, **values)


@bp.app_context_processor
def content_helpers() -> dict:
    return {"page_url": page_url, "section_title": section_title, "retention_rows": retention_rows}


def section_title(section_page) -> str:
    resolved = repository().resolve(g.lang, section_page.section, INDEX_SLUG)
    return resolved.page.meta.title if resolved else section_page.meta.title

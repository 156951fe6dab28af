"""Public directory pages: a service, the list of categories, and one category's services."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from flask import Blueprint, abort, g, redirect, render_template, request, url_for

from app.directory.page_context import categories_context, category_context, service_page_context
from app.directory.queries import category_counts, get_service, services_in_category
from app.directory.taxonomy import load_taxonomy, taxonomy, taxonomy_path

bp = Blueprint("directory", __name__)
PER_PAGE = 20


@bp.record_once
def _load_taxonomy(state) -> None:
    # Loaded once per process, like the content repository; a bad file stops the app from starting.
    app = state.app
    app.extensions["camden_taxonomy"] = load_taxonomy(
        taxonomy_path(Path(app.config["CONTENT_DIR"])), app.config["DEFAULT_LANGUAGE"]
    )


@bp.get("/<lang>/services/")
def services_root():
    # Someone shortening a service's address lands on the list of categories, not a dead end.
    return redirect(url_for("directory.categories"), code=302)


@bp.get("/<lang>/services/categories/")
def categories():
    return render_template("directory/categories.html", **categories_context(taxonomy(), g.lang, category_counts()))


@bp.get("/<lang>/services/categories/<slug>")
def category(slug: str):
    term = taxonomy().by_slug.get(slug)
    if term is None:
        abort(404)
    page = _page_number()
    listing = services_in_category(term.id, page, PER_PAGE)
    if page > listing.pages:
        abort(404)
    return render_template("directory/category.html", **category_context(term, taxonomy(), listing, g.lang))


@bp.get("/<lang>/services/<service_id>")
def service(service_id: str):
    try:
        canonical = str(uuid.UUID(service_id))
    except ValueError:
        abort(404)
    if canonical != service_id:  # upper case, braces, no hyphens: one URL per service
        return redirect(url_for("directory.service", service_id=canonical), code=301)
    record = get_service(canonical)
    if record is None:
        abort(404)
    context = service_page_context(record, g.lang, taxonomy(), dt.date.today())
    return render_template("directory/service.html", **context)


def _page_number() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        abort(404)
    return int(raw)

"""GET /<lang>/search: the search page, or (for htmx) the part of it that changes."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, g, make_response, render_template, request

from app.directory.taxonomy import taxonomy
from app.extensions import htmx
from app.search import changes, searcher
from app.search.page_context import search_context
from app.search.service import search as run_search
from app.search.synonyms import load_synonyms, synonyms_path

bp = Blueprint("search", __name__)
LIVE_TRIGGER = "search-q"  # the id of the search box: htmx names it in HX-Trigger as the reader types


@bp.record_once
def _set_up(state) -> None:
    app = state.app
    app.extensions["search_synonyms"] = load_synonyms(synonyms_path(Path(app.config["CONTENT_DIR"])))
    searcher.init_app(app)
    changes.listen()


@bp.get("/<lang>/search")
def search():
    fragment = bool(htmx) and not htmx.history_restore_request
    result = run_search(request.args, g.lang, live=fragment and htmx.trigger == LIVE_TRIGGER)
    context = search_context(result, g.lang, taxonomy(), boosted=fragment and htmx.boosted)
    template = "search/_fragment.html" if fragment else "search/search.html"
    response = make_response(render_template(template, **context))
    response.vary.add("HX-Request")
    return response

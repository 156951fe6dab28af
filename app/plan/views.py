"""Public pages of the Carers Action Plan's tracker: /<lang>/carers-action-plan/…

The plan's home page and its 11 area pages are content files served by the generic content route; their
layouts (`plan-home`, `priority-area`) call the Jinja globals registered here for the tracker's data.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, g, render_template, request, url_for
from flask_babel import gettext as _

from app.plan import tracker
from app.plan.data import load_plan_data, plan_data
from app.plan.feeds import build_feed
from app.plan.models import STATUSES
from app.plan.page_context import plan_area_context, plan_home_context, you_said_context
from app.plan.tracker_context import action_context, feed_entries, feed_updated, tracker_context

bp = Blueprint("plan", __name__, url_prefix="/<lang>/carers-action-plan")
ATOM_TYPE = "application/atom+xml"


@bp.record_once
def _set_up(state) -> None:
    # After the content repository and the taxonomy: areas.yaml is checked against both.
    app = state.app
    app.extensions["plan"] = load_plan_data(app)
    app.jinja_env.globals.update(plan_home_context=plan_home_context, plan_area_context=plan_area_context)


@bp.get("/tracker", endpoint="tracker")  # the function's name keeps the tracker module visible
def tracker_page():
    area = request.args.get("area") or None
    status = request.args.get("status") or None
    sort = request.args.get("sort") or "number"
    # Unknown values (an old bookmark, a hand-typed URL) mean "no filter", not an error page.
    if area is not None and plan_data().areas.get(area) is None:
        area = None
    if status not in STATUSES:
        status = None
    if sort not in tracker.SORTS:
        sort = "number"
    return render_template("plan/tracker.html", **tracker_context(g.lang, area=area, status=status, sort=sort))


@bp.get("/tracker/actions/<int:number>")
def action(number: int):
    found = tracker.get_action(number)
    if found is None or found.current is None:
        abort(404)
    return render_template("plan/action.html", **action_context(found, g.lang))


@bp.get("/tracker/feed.atom")
def feed():
    return _feed(None)


@bp.get("/tracker/areas/<slug>/feed.atom")
def area_feed(slug: str):
    if plan_data().areas.get(slug) is None:
        abort(404)
    return _feed(slug)


@bp.get("/you-said-we-did")
def you_said_we_did():
    return render_template("plan/you_said_we_did.html", **you_said_context(g.lang))


def _feed(area_slug: str | None) -> Response:
    lang = g.lang
    if area_slug is None:
        title = _("Carers Action Plan: progress")
        page = url_for("plan.tracker", _external=True)
        self_url = url_for("plan.feed", _external=True)
    else:
        area = plan_data().areas.get(area_slug)
        assert area is not None
        title = _("Carers Action Plan: progress in %(area)s", area=area.title(lang).text)
        page = url_for("pages.page", section="carers-action-plan", slug=area_slug, _external=True)
        self_url = url_for("plan.area_feed", slug=area_slug, _external=True)
    body = build_feed(
        lang=lang,
        area=area_slug,
        title=title,
        subtitle=_("New actions, changes and progress updates in the Carers Action Plan's tracker."),
        author=_("Care and Support in Camden"),
        self_url=self_url,
        page_url=page,
        entries=feed_entries(lang, area_slug),
        fallback_updated=feed_updated(area_slug),
    )
    return Response(body, mimetype=ATOM_TYPE, headers={"Cache-Control": "no-cache"})

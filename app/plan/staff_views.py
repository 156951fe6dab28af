"""The plan editor (role `plan-editor`): add and edit the tracker's actions and post progress updates.
/<lang>/staff/plan/…

Every change is a new version (app/plan/tracker.py) and an audit event, committed together. A form based on
an old version is refused (status 409) and shown again with what the person typed, beside what the action
says now. A post with a missing or made-up version, area or status changes nothing.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.auth.access import private_page, roles_required
from app.auth.audit import ACTION_LABELS, record
from app.auth.staff_home import StaffTask, add_task
from app.extensions import db, limiter
from app.plan import display, tracker
from app.plan.data import plan_data
from app.plan.forms import ActionForm, NewActionForm, ProgressForm
from app.plan.models import PlanAction

bp = Blueprint("plan_editor", __name__, url_prefix="/<lang>/staff/plan")
bp.after_request(private_page)
ROLE = "plan-editor"

add_task(
    StaffTask(
        "plan_editor.actions",
        _l("Carers Action Plan tracker"),
        _l("Add and change the tracker's actions and post progress updates."),
        ROLE,
    )
)
# How the admin audit log names this feature's events (app/auth/audit.py: features add their own actions).
AUDIT_LABELS = {
    "plan-action-added": _l("Carers Action Plan: action added"),
    "plan-action-changed": _l("Carers Action Plan: action changed"),
    "plan-progress-posted": _l("Carers Action Plan: progress update posted"),
}
for key, label in AUDIT_LABELS.items():
    ACTION_LABELS.setdefault(key, label)


def _form_limit() -> str:
    return current_app.config["FORM_RATE_LIMIT"]


def _area_choices() -> list[tuple[str, str]]:
    return [(a.slug, f"{a.number}. {a.title(g.lang).text}") for a in plan_data().areas.areas]


def _on_get(values: dict) -> dict | None:
    """A form's starting values, for the GET that shows it. A post is read as sent: a field it leaves out
    (the hidden version among them) must not be filled in from the database."""
    return values if request.method == "GET" else None


def _action_or_404(number: int) -> PlanAction:
    found = tracker.get_action(number)
    if found is None or found.current is None:
        abort(404)
    return found


@bp.get("/")
@roles_required(ROLE)
def actions():
    rows = [display.action_row(a, g.lang, plan_data().areas.by_slug) for a in tracker.all_actions()]
    return render_template("plan/staff/actions.html", rows=rows)


@bp.route("/actions/new", methods=["GET", "POST"])
@roles_required(ROLE)
@limiter.limit(_form_limit, methods=["POST"])
def new_action():
    form = NewActionForm(area_choices=_area_choices(), data=_on_get({"status": "not-yet-reported"}))
    if form.validate_on_submit():
        number = int(form.number.data or 0)
        try:
            tracker.add_action(number, form.values(), actor=current_user)
        except tracker.DuplicateNumber:
            form.number.errors.append(_("There is already an action %(number)d. Choose another number", number=number))
        else:
            record("plan-action-added", actor=current_user, target=f"plan action {number}", detail="version 1")
            db.session.commit()
            flash(_("Action %(number)d added.", number=number))
            return redirect(url_for("plan_editor.actions"), code=303)
    status = 400 if form.errors else 200
    return render_template("plan/staff/action_form.html", form=form, action=None, row=None, stale=False), status


@bp.route("/actions/<int:number>/edit", methods=["GET", "POST"])
@roles_required(ROLE)
@limiter.limit(_form_limit, methods=["POST"])
def edit_action(number: int):
    action = _action_or_404(number)
    current = action.current
    assert current is not None
    form = ActionForm(area_choices=_area_choices(), data=_on_get({**current.values(), "version": str(action.version)}))
    stale = None
    if form.is_submitted():
        base = form.base_version()
        if base is None:
            abort(400)  # a tampered or broken form: nothing a person can correct
        if form.validate():
            try:
                version = tracker.edit_action(action, base, form.values(), actor=current_user)
            except tracker.StaleEdit as conflict:
                stale = conflict.action
            else:
                if version is None:
                    flash(_("Nothing was changed in action %(number)d.", number=number))
                    return redirect(url_for("plan_editor.actions"), code=303)
                detail = f"version {version.version}: {', '.join(version.changed_fields)}"
                record("plan-action-changed", actor=current_user, target=f"plan action {number}", detail=detail)
                db.session.commit()
                flash(_("Action %(number)d saved as version %(version)d.", number=number, version=version.version))
                return redirect(url_for("plan_editor.actions"), code=303)
    return _form_page("plan/staff/action_form.html", form, action, stale)


@bp.route("/actions/<int:number>/progress", methods=["GET", "POST"])
@roles_required(ROLE)
@limiter.limit(_form_limit, methods=["POST"])
def post_progress(number: int):
    action = _action_or_404(number)
    form = ProgressForm(data=_on_get({"version": str(action.version)}))
    stale = None
    if form.is_submitted():
        base = form.base_version()
        if base is None:
            abort(400)
        if form.validate():
            try:
                update = tracker.post_progress(
                    action, base, on_date=form.on_date, text=form.text.data or "", actor=current_user
                )
            except tracker.StaleEdit as conflict:
                stale = conflict.action
            else:
                detail = f"version {update.recorded_in.version}, dated {update.on_date.isoformat()}"
                record("plan-progress-posted", actor=current_user, target=f"plan action {number}", detail=detail)
                db.session.commit()
                flash(_("Progress update posted on action %(number)d.", number=number))
                return redirect(url_for("plan_editor.actions"), code=303)
    return _form_page("plan/staff/progress_form.html", form, action, stale)


def _form_page(template: str, form, action: PlanAction, stale: PlanAction | None):
    """The form again: with its errors (400), or after a stale edit (409) with what the action says now. The
    typed text stays; the hidden version moves on to the current one, so saving again is a decision made
    after seeing the other change."""
    if stale is not None:
        action = stale
        form.version.data = str(stale.version)
    row = display.action_row(action, g.lang, plan_data().areas.by_slug)
    status = 409 if stale is not None else (400 if form.errors else 200)
    return render_template(template, form=form, action=action, row=row, stale=stale is not None), status

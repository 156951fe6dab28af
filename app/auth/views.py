"""Staff sign-in, sign-out and the staff home page: /<lang>/staff/…"""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import sessions
from app.auth.access import ANY_STAFF, private_page, roles_required, safe_next
from app.auth.backends import get_backend
from app.auth.forms import SignInForm
from app.auth.passwords import warm_up
from app.auth.staff_home import home_context
from app.extensions import limiter

bp = Blueprint("auth", __name__, url_prefix="/<lang>/staff")
bp.after_request(private_page)


@bp.record_once
def _set_up(state) -> None:
    sessions.init_app(state.app)
    warm_up()


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGN_IN_RATE_LIMIT"], methods=["POST"])
def sign_in():
    next_url = safe_next(request.args.get("next"))
    if current_user.is_authenticated and request.method == "GET":
        return redirect(next_url or url_for("auth.home"))
    form = SignInForm()
    failed = False
    if form.validate_on_submit():
        user = get_backend().authenticate(form.email.data or "", form.password.data or "")
        if user is not None:
            sessions.start_session(user)
            return redirect(next_url or url_for("auth.home"))
        failed = True
        # One message for every failure, so the page never tells whether an account exists.
        form.email.errors.append(_("Email address or password is wrong"))
    action = url_for("auth.sign_in", next=next_url) if next_url else url_for("auth.sign_in")
    return render_template(
        "auth/sign_in.html",
        form=form,
        action=action,
        failed=failed,
        lockout_minutes=current_app.config["LOCKOUT_MINUTES"],
    )


@bp.post("/sign-out")
@roles_required(ANY_STAFF)
def sign_out():
    sessions.end_session()
    flash(_("You have signed out."))
    return redirect(url_for("auth.sign_in"))


@bp.get("/")
@roles_required(ANY_STAFF)
def home():
    return render_template("auth/home.html", **home_context(current_user))

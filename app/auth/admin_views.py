"""Admin pages: staff accounts, their roles and passwords, and the audit log: /<lang>/staff/…"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import accounts
from app.auth.access import private_page, roles_required
from app.auth.audit import audit_page
from app.auth.forms import AccountForm, NewAccountForm, SetPasswordForm, role_data
from app.auth.lockout import is_locked
from app.auth.models import User
from app.auth.sessions import keep_own_session
from app.extensions import db

bp = Blueprint("admin", __name__, url_prefix="/<lang>/staff")
bp.after_request(private_page)


@bp.get("/accounts")
@roles_required("admin")
def accounts_list():
    return render_template(
        "admin/accounts.html",
        accounts=accounts.all_accounts(),
        grant_names=accounts.grant_names,
        is_locked=is_locked,
    )


@bp.route("/accounts/new", methods=["GET", "POST"])
@roles_required("admin")
def new_account():
    form = NewAccountForm()
    if form.validate_on_submit():
        if accounts.find_by_email(form.email.data or "") is not None:
            form.email.errors.append(_("There is already an account with this email address"))
        else:
            user = accounts.create_account(
                email=form.email.data or "",
                name=form.name.data or "",
                password=form.password.data or "",
                grants=form.grants(),
                actor=current_user,
            )
            flash(_("Account created for %(name)s.", name=user.name))
            return redirect(url_for("admin.account", user_id=user.id))
    return render_template("admin/new_account.html", form=form)


@bp.route("/accounts/<int:user_id>", methods=["GET", "POST"])
@roles_required("admin")
def account(user_id: int):
    user = _user_or_404(user_id)
    form = AccountForm(data={"name": user.name, "active": user.active, **role_data(accounts.grants_of(user))})
    if form.validate_on_submit():
        try:
            accounts.update_account(
                user,
                name=form.name.data or "",
                active=form.active.data,
                grants=form.grants(),
                actor=current_user,
            )
        except accounts.AccountRuleError as error:
            form[error.field].errors.append(error.message)
        else:
            keep_own_session(user)
            flash(_("Changes saved."))
            return redirect(url_for("admin.account", user_id=user.id))
    return render_template(
        "admin/account.html",
        form=form,
        user=user,
        locked=is_locked(user),
        sign_ins=accounts.recent_sign_ins(user),
        outcome_labels=accounts.SIGN_IN_OUTCOMES,
    )


@bp.route("/accounts/<int:user_id>/password", methods=["GET", "POST"])
@roles_required("admin")
def set_password(user_id: int):
    user = _user_or_404(user_id)
    form = SetPasswordForm()
    if form.validate_on_submit():
        accounts.set_password(user, form.password.data or "", actor=current_user)
        keep_own_session(user)
        flash(
            _(
                "New password set for %(name)s. Tell them it in person or by phone, not by email.",
                name=user.name,
            )
        )
        return redirect(url_for("admin.account", user_id=user.id))
    return render_template("admin/password.html", form=form, user=user)


@bp.get("/audit")
@roles_required("admin")
def audit():
    page = audit_page(request.args.get("page", 1, type=int))
    if page is None:
        abort(404)
    return render_template("admin/audit.html", page=page)


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user

"""Signed-in sessions: Flask-Login's user loader, and starting and ending a session.

The session holds `User.get_id()`, "id:session_version". Changing a password, the roles or deactivating
an account bumps the version, so every session started before the change stops loading a user.
Sessions are permanent cookies that expire PERMANENT_SESSION_LIFETIME after the last request (Flask
re-signs the cookie on every request, and refuses a signature older than the lifetime).
"""

from __future__ import annotations

from flask import Flask, session
from flask_login import AnonymousUserMixin, current_user, login_user, logout_user

from app.auth import audit
from app.auth.models import User
from app.extensions import db, login_manager


class AnonymousVisitor(AnonymousUserMixin):
    def has_role(self, role: str, language: str | None = None) -> bool:
        return False


def load_user(user_id: str) -> User | None:
    raw_id, _, version = user_id.partition(":")
    if not (raw_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(raw_id))
    if user is None or not user.is_active or user.session_version != int(version):
        return None
    return user


def start_session(user: User) -> None:
    session.clear()  # nothing from before sign-in survives it (session fixation)
    session.permanent = True
    login_user(user)
    audit.record("signed-in", actor=user, target=user.email)
    db.session.commit()


def end_session() -> None:
    if current_user.is_authenticated:
        audit.record("signed-out", actor=current_user, target=current_user.email)
        db.session.commit()
    logout_user()
    session.clear()


def keep_own_session(user: User) -> None:
    """After an admin changes their own password or roles, they stay signed in on this device."""
    if current_user.is_authenticated and current_user.id == user.id:
        session.permanent = True
        login_user(user)


def init_app(app: Flask) -> None:
    login_manager.user_loader(load_user)
    login_manager.anonymous_user = AnonymousVisitor
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = None  # type: ignore[assignment]  # pages explain themselves

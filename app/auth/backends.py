"""How staff prove who they are, chosen by config AUTH_BACKEND ("password" unless set).

A backend answers one question: which active staff account is this? Everything after that (the
session, roles, the audit log) is in app.auth.sessions and is the same whichever backend is in use.

Single sign-on (OpenID Connect) plugs in here without changing any other feature:

1. Add an `OidcBackend` with `uses_password = False`, configured by OIDC_ISSUER, OIDC_CLIENT_ID and
   OIDC_CLIENT_SECRET (a maintained client such as Authlib does discovery, PKCE and token checks).
2. When `get_backend().uses_password` is False, the sign-in page shows one "Sign in with your Camden
   account" button that redirects to `backend.authorization_url(next_url)` instead of the form, and the
   admin pages hide "set a password".
3. A callback view (`/<lang>/staff/sign-in/callback`) calls `backend.complete(request) -> User | None`,
   which checks state and nonce, verifies the ID token, and finds the *existing* active User by the
   verified `email` claim. It never creates accounts: an admin still grants roles here. It records a
   SignInEvent like the password backend does.
4. On a User, the view calls `sessions.start_session(user)`, exactly as the password flow does.

Lockout and password hashing then belong to the identity provider. Register the class in BACKENDS and
set AUTH_BACKEND = "oidc".
"""

from __future__ import annotations

from typing import Protocol

from flask import current_app
from sqlalchemy import select

from app.auth import audit, lockout
from app.auth.accounts import normalise_email
from app.auth.models import SignInEvent, User
from app.auth.passwords import password_matches, spend_hash_time
from app.extensions import db
from app.models import utcnow


class Backend(Protocol):
    uses_password: bool

    def authenticate(self, email: str, password: str) -> User | None: ...


class PasswordBackend:
    """Email address and password, checked against the scrypt hash, with lockout after repeated failures.

    Every attempt is recorded as a SignInEvent. The caller learns only "a User" or "None", so the page
    can never say which part was wrong; an unknown email still costs one hash check, so timing does not
    tell either.
    """

    uses_password = True

    def authenticate(self, email: str, password: str) -> User | None:
        user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
        if user is None:
            spend_hash_time(password)
            return _finish(None, "unknown-account")  # the email is not recorded: it may be personal data
        matches = password_matches(user.password_hash, password)  # always checked, for even timing
        if lockout.is_locked(user):
            return _finish(user, "locked")
        if not user.is_active:
            return _finish(user, "inactive")
        if not matches:
            if lockout.record_failure(user.id):
                audit.record("account-locked", actor=None, target=user.email)
            return _finish(user, "wrong-password")
        lockout.clear_failures(user.id)
        user.last_sign_in_at = utcnow()
        return _finish(user, "success")


def _finish(user: User | None, outcome: str) -> User | None:
    db.session.add(SignInEvent(user_id=user.id if user else None, outcome=outcome))
    db.session.commit()
    return user if outcome == "success" else None


BACKENDS: dict[str, type[Backend]] = {"password": PasswordBackend}


def get_backend() -> Backend:
    name = current_app.config.get("AUTH_BACKEND", "password")
    try:
        return BACKENDS[name]()
    except KeyError:
        raise RuntimeError(f"AUTH_BACKEND must be one of {sorted(BACKENDS)}, not {name!r}") from None

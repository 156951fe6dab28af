"""Staff accounts: create one, change its name, roles and whether it is active, set its password.

Every change is written to the audit log in the same transaction. A change of password, roles or
active state bumps `session_version`, which ends every session the account had (see sessions.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.auth import audit
from app.auth.models import SignInEvent, User, UserRole
from app.auth.passwords import hash_password
from app.auth.roles import PER_LANGUAGE_ROLES, ROLES, role_name
from app.extensions import db
from app.i18n import languages

Grant = tuple[str, str | None]  # (role, language); the language only for per-language roles
ADMIN: Grant = ("admin", None)
SIGN_IN_OUTCOMES = {
    "success": _l("Signed in"),
    "wrong-password": _l("Wrong password"),
    "locked": _l("Refused: the account was locked"),
    "inactive": _l("Refused: the account is deactivated"),
}


class AccountRuleError(ValueError):
    """A change the rules forbid, reported against one form field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def all_accounts() -> list[User]:
    return list(db.session.scalars(select(User).order_by(func.lower(User.name), User.id)))


def recent_sign_ins(user: User, limit: int = 10) -> list[SignInEvent]:
    return list(
        db.session.scalars(
            select(SignInEvent)
            .where(SignInEvent.user_id == user.id)
            .order_by(SignInEvent.at.desc(), SignInEvent.id.desc())
            .limit(limit)
        )
    )


def grants_of(user: User) -> set[Grant]:
    return {(grant.role, grant.language) for grant in user.roles}


def grant_names(user: User) -> list[str]:
    """The account's roles for people to read: "Editor", "Reviewer (Bengali)"."""
    site_languages = languages()
    names = []
    for role, language in _sorted(grants_of(user)):
        language_name = None
        if language:
            known = site_languages.get(language)
            language_name = known.english_name if known else language
        names.append(role_name(role, language_name))
    return names


def describe_grants(grants: Iterable[Grant]) -> str:
    """For the audit log: "editor, reviewer (bn)", or "no roles"."""
    names = [f"{role} ({language})" if language else role for role, language in _sorted(grants)]
    return ", ".join(names) or "no roles"


def check_grants(grants: Iterable[Grant], languages: Iterable[str]) -> None:
    known_languages = set(languages)
    for role, language in grants:
        if role not in ROLES:
            raise ValueError(f"Unknown role {role!r}")
        if role in PER_LANGUAGE_ROLES and language not in known_languages:
            raise ValueError(f"The {role} role needs one of the site languages {sorted(known_languages)}")
        if role not in PER_LANGUAGE_ROLES and language is not None:
            raise ValueError(f"The {role} role is not given per language")


def create_account(*, email: str, name: str, password: str, grants: Iterable[Grant], actor: User | None) -> User:
    user = User(email=normalise_email(email), name=name.strip(), password_hash=hash_password(password))
    _set_grants(user, set(grants))
    db.session.add(user)
    db.session.flush()
    audit.record("account-created", actor=actor, target=user.email, detail=describe_grants(grants_of(user)))
    db.session.commit()
    return user


def update_account(user: User, *, name: str, active: bool, grants: Iterable[Grant], actor: User) -> None:
    after = set(grants)
    before = grants_of(user)
    if actor.id == user.id:
        # An admin cannot lock themselves (and so, possibly, everyone) out of the admin pages.
        if not active:
            raise AccountRuleError("active", str(_l("You cannot deactivate your own account")))
        if ADMIN in before and ADMIN not in after:
            raise AccountRuleError("roles", str(_l("You cannot remove your own admin role")))
    ends_sessions = False
    name = name.strip()
    if name != user.name:
        audit.record("account-renamed", actor=actor, target=user.email, detail=f"{user.name} → {name}")
        user.name = name
    if after != before:
        _set_grants(user, after)
        detail = f"{describe_grants(before)} → {describe_grants(after)}"
        audit.record("roles-changed", actor=actor, target=user.email, detail=detail)
        ends_sessions = True
    if active != user.active:
        action = "account-reactivated" if active else "account-deactivated"
        audit.record(action, actor=actor, target=user.email)
        user.active = active
        ends_sessions = True
    if ends_sessions:
        user.session_version = User.session_version + 1  # type: ignore[assignment]  # in SQL: atomic
    db.session.commit()


def set_password(user: User, password: str, *, actor: User | None) -> None:
    """Set a new password; this also lifts a lockout and ends the account's other sessions."""
    user.password_hash = hash_password(password)
    user.failed_sign_ins = 0
    user.locked_until = None
    user.session_version = User.session_version + 1  # type: ignore[assignment]
    audit.record("password-set", actor=actor, target=user.email)
    db.session.commit()


def _set_grants(user: User, grants: set[Grant]) -> None:
    current = {(grant.role, grant.language): grant for grant in user.roles}
    for key in current.keys() - grants:
        user.roles.remove(current[key])
    for role, language in _sorted(grants - current.keys()):
        user.roles.append(UserRole(role=role, language=language))


def _sorted(grants: Iterable[Grant]) -> list[Grant]:
    return sorted(grants, key=lambda grant: (grant[0], grant[1] or ""))

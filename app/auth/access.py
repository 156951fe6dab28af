"""Who may open a staff page.

Every staff view is wrapped in `roles_required`, which records the roles on the view as
`required_roles`; tests/integration/test_staff_routes.py walks the URL map to prove none is missed.
A role granted per language (reviewer) opens the page for any of its languages: a view that works on
one language checks `current_user.has_role("reviewer", language)` itself.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import Response, abort, redirect, request, url_for
from flask_login import current_user

from app.auth.roles import ROLES

# Marker for pages open to every signed-in staff account, whatever its roles (the staff home, sign-out).
ANY_STAFF = "any-staff"


def roles_required(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Signed out: redirect to sign-in, coming back afterwards. Signed in without one of `roles`: 403."""
    unknown = set(roles) - set(ROLES) - {ANY_STAFF}
    if not roles or unknown:
        raise ValueError(f"roles_required needs roles from app.auth.roles.ROLES, not {sorted(unknown)}")
    required = frozenset(roles)

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return redirect(sign_in_url())
            if not may_enter(current_user, required):
                abort(403)
            return view(*args, **kwargs)

        guarded.required_roles = required  # type: ignore[attr-defined]
        return guarded

    return decorator


def may_enter(user: Any, required: frozenset[str]) -> bool:
    return ANY_STAFF in required or any(user.has_role(role) for role in required)


def sign_in_url() -> str:
    """The sign-in page, coming back to this page afterwards (only a page can be come back to, not a post)."""
    if request.method not in ("GET", "HEAD"):
        return url_for("auth.sign_in")
    target = request.full_path if request.query_string else request.path
    return url_for("auth.sign_in", next=target)


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None (never send people on to another site)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    # Browsers read "/\evil.example" as "//evil.example" and drop tabs and newlines from URLs.
    if "\\" in target or any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def private_page(response: Response) -> Response:
    """Staff pages are never stored or indexed: they show personal data, maybe on a shared computer."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response

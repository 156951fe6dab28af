"""Staff roles. Every staff route names the role it needs; a test walks the URL map to prove it."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ROLES = {
    "admin": _l("Admin: manages staff accounts and roles"),
    "editor": _l("Editor: edits directory records"),
    "approver": _l("Approver: publishes other people's edits"),
    "plan-editor": _l("Plan editor: updates the Carers Action Plan tracker"),
    "reviewer": _l("Reviewer: checks translations in one language"),
    "adviser": _l("Adviser: uses the Contact Camden console"),
    "board-viewer": _l("Board viewer: sees anonymous statistics"),
}
# Roles granted for one language at a time.
PER_LANGUAGE_ROLES = {"reviewer"}
# Short names, for lists of someone's roles.
ROLE_NAMES = {
    "admin": _l("Admin"),
    "editor": _l("Editor"),
    "approver": _l("Approver"),
    "plan-editor": _l("Plan editor"),
    "reviewer": _l("Reviewer"),
    "adviser": _l("Adviser"),
    "board-viewer": _l("Board viewer"),
}


def role_name(role: str, language_name: str | None = None) -> str:
    """The short name, "Editor"; for a per-language role, "Reviewer (Bengali)"."""
    name = str(ROLE_NAMES.get(role, role))
    return f"{name} ({language_name})" if language_name else name

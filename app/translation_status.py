"""The site's one vocabulary for translation status, its reader-facing labels, and the UI catalogs' status.

machine-draft  written by a machine or an automated assistant; no person has checked it
human-draft    written by a person; not yet reviewed
reviewed       checked by a named reviewer on a date
outdated       its English source has changed since
missing        there is no translation
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po
from flask import Flask, current_app
from flask_babel import lazy_gettext as _l

STATUSES = ("machine-draft", "human-draft", "reviewed", "outdated", "missing")
STATUS_HEADER = "X-Translation-Status"

LABELS = {
    "machine-draft": _l("Machine translation, not yet checked"),
    "human-draft": _l("Translation not yet checked"),
    "reviewed": _l("Checked translation"),
    "outdated": _l("Translation may be out of date"),
    "missing": _l("Not yet translated"),
}


def status_label(status: str) -> str:
    return str(LABELS[status])


def declared_catalog_status(text: str) -> str | None:
    """The X-Translation-Status field of a PO file's header (Babel's Catalog does not keep unknown fields)."""
    match = re.search(rf'^"{STATUS_HEADER}: ?(.*?)\\n"$', text, flags=re.MULTILINE)
    return match.group(1).strip() if match else None


def read_catalog_statuses(translations_dir: Path, languages: list[str], default: str) -> dict[str, str]:
    """Each UI catalog declares its status in its PO header. A catalog that lacks a translation of any
    message in the .pot (the English changed since) is `outdated`, whatever it declares."""
    statuses = {default: "original"}
    pot_path = translations_dir / "messages.pot"
    template_ids: set = set()
    if pot_path.exists():
        with pot_path.open("rb") as handle:
            template_ids = {m.id for m in read_po(handle) if m.id}
    for code in languages:
        if code == default:
            continue
        po_path = translations_dir / code / "LC_MESSAGES" / "messages.po"
        if not po_path.exists():
            statuses[code] = "missing"
            continue
        text = po_path.read_text(encoding="utf-8")
        declared = declared_catalog_status(text) or "machine-draft"
        if declared not in ("machine-draft", "human-draft", "reviewed"):
            raise ValueError(f"{po_path}: {STATUS_HEADER} must be machine-draft, human-draft or reviewed")
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=code)
        translated = {m.id for m in catalog if m.id and not m.fuzzy and _is_translated(m.string)}
        statuses[code] = "outdated" if template_ids - translated else declared
    return statuses


def _is_translated(string) -> bool:
    if isinstance(string, tuple | list):
        return all(string)
    return bool(string)


def catalog_status(code: str | None = None) -> str:
    from app.i18n import current_language

    return current_app.extensions["catalog_statuses"].get(code or current_language().code, "missing")


def init_app(app: Flask) -> None:
    app.extensions["catalog_statuses"] = read_catalog_statuses(
        Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]),
        list(app.extensions["site_languages"]),
        app.config["DEFAULT_LANGUAGE"],
    )
    from flask_babel import format_date

    app.jinja_env.globals.update(status_label=status_label, catalog_status=catalog_status, format_date=format_date)

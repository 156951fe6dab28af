"""The site's one vocabulary for translation status, its reader-facing labels, and the UI catalogs' status.

machine-draft  written by a machine or an automated assistant; no person has checked it
human-draft    written by a person; not yet reviewed
reviewed       checked by a named reviewer on a date
outdated       its English source has changed since
missing        there is no translation
"""

from __future__ import annotations

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


def read_catalog_statuses(translations_dir: Path, languages: list[str], default: str) -> dict[str, str]:
    """Each UI catalog declares its status in its PO header (X-Translation-Status)."""
    statuses = {default: "original"}
    for code in languages:
        if code == default:
            continue
        po_path = translations_dir / code / "LC_MESSAGES" / "messages.po"
        if not po_path.exists():
            statuses[code] = "missing"
            continue
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=code)
        declared = dict(catalog.mime_headers).get(STATUS_HEADER, "machine-draft")
        if declared not in ("machine-draft", "human-draft", "reviewed"):
            raise ValueError(f"{po_path}: {STATUS_HEADER} must be machine-draft, human-draft or reviewed")
        statuses[code] = declared
    return statuses


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

    app.jinja_env.globals.update(
        status_label=status_label, catalog_status=catalog_status, format_date=format_date
    )

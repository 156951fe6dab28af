"""The template context of the shortlist's pages, built by plain functions (testable without a request)."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.directory import display
from app.directory.models import Service
from app.extensions import db
from app.i18n import Language
from app.shortlist.list import MAX_ITEMS, Shortlist


@dataclass(frozen=True)
class Problem:
    """Why an add or remove was refused: a title (the page's h1 without JavaScript) and what to do."""

    code: str
    title: str
    advice: str


PROBLEMS = {
    "unknown": (_l("We could not find that service"), _l("It may have been taken out of the directory.")),
    "full": (
        _l("Your list is full"),
        _l("You can have up to %(max)s services in your list. Remove one to add another.", max=MAX_ITEMS),
    ),
}


def problem(code: str) -> Problem:
    title, advice = PROBLEMS[code]
    return Problem(code, str(title), str(advice))


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    organisation: str
    status_label: str | None


@dataclass(frozen=True)
class AddState:
    added: bool
    count: int


@dataclass
class Notices:
    """What the list page tells the reader once: what they just did, and what was cleaned up."""

    removed: str | None = None  # the name of the service just removed
    cleared: bool = False
    unreadable: bool = False  # the stored list was not a clean list of ids
    gone: int = 0  # services no longer in the directory, taken off


def rows(ids: list[str]) -> list[Row]:
    """The listed services, in the order they were added."""
    if not ids:
        return []
    stmt = select(Service).where(Service.id.in_(ids)).options(joinedload(Service.organization))
    found = {service.id: service for service in db.session.scalars(stmt)}
    return [
        Row(
            s.id,
            s.name,
            s.organization.name,
            str(display.STATUS_LABELS[s.status]) if s.status != "active" else None,
        )
        for s in (found.get(service_id) for service_id in ids)
        if s is not None
    ]


def list_context(shortlist: Shortlist, notices: Notices) -> dict:
    return {"services": rows(shortlist.ids), "notices": notices, "max_items": MAX_ITEMS}


def language_choices(site_languages: dict[str, Language], chosen: str) -> list[dict]:
    """The GOV.UK select's items for the output language: each language named in its own script."""
    return [
        {
            "value": code,
            "text": language.name,
            "selected": code == chosen,
            "attributes": {"lang": code, "dir": language.dir},
        }
        for code, language in site_languages.items()
    ]

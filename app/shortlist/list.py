"""The reader's list: what a list holds (services and information pages), and the public list kept in the
session cookie.

The public list holds service ids only: no account, nothing in the database, nothing about the reader. The
adviser console's call holds services and information pages; both hand the same `ListItem`s to the one
renderer (app/shortlist/outputs.py).

The session is signed, but it is still read as untrusted input: anything that is not a list of canonical
service UUIDs (an old cookie, a hand-made one, a list past the maximum) is cleaned, and the reader is told.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select

from app.directory.models import Service
from app.extensions import db

SESSION_KEY = "shortlist"
MAX_ITEMS = 30
ID_MAX_LENGTH = 64  # longer than any spelling of a UUID that uuid.UUID accepts (braces, "urn:uuid:")


@dataclass(frozen=True)
class ServiceItem:
    service_id: str


@dataclass(frozen=True)
class PageItem:
    """An information page, by its English section and slug (as the content repository keys it)."""

    section: str
    slug: str


ListItem = ServiceItem | PageItem
AddResult = Literal["added", "already", "full"]


def canonical_id(raw: object) -> str | None:
    """The lower-case hyphenated form of a service UUID, or None when `raw` is not one."""
    if not isinstance(raw, str) or not raw or len(raw) > ID_MAX_LENGTH:
        return None
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        return None


def clean_ids(stored: object) -> tuple[list[str], bool]:
    """(the ids in the order they were added, whether anything had to be dropped to get them)."""
    if stored is None:
        return [], False
    if not isinstance(stored, list):
        return [], True
    ids: list[str] = []
    changed = False
    for raw in stored:
        canonical = canonical_id(raw)
        if canonical is None or canonical != raw or canonical in ids or len(ids) >= MAX_ITEMS:
            changed = True
            continue
        ids.append(canonical)
    return ids, changed


def existing_services(ids: Iterable[str]) -> set[str]:
    wanted = list(ids)
    if not wanted:
        return set()
    return set(db.session.scalars(select(Service.id).where(Service.id.in_(wanted))))


class Shortlist:
    """The list in a session (any mutable mapping, so it can be tested without a request)."""

    def __init__(self, store: MutableMapping) -> None:
        self.store = store
        self.ids, self.cleaned = clean_ids(store.get(SESSION_KEY))
        if self.cleaned:
            self._save()

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, service_id: object) -> bool:
        return service_id in self.ids

    def items(self) -> list[ListItem]:
        return [ServiceItem(service_id) for service_id in self.ids]

    def add(self, service_id: str) -> AddResult:
        if service_id in self.ids:
            return "already"
        if len(self.ids) >= MAX_ITEMS:
            return "full"
        self.ids.append(service_id)
        self._save()
        return "added"

    def remove(self, service_id: str) -> bool:
        if service_id not in self.ids:
            return False
        self.ids.remove(service_id)
        self._save()
        return True

    def clear(self) -> None:
        self.ids = []
        self._save()

    def drop_missing(self) -> int:
        """Take off services that are no longer in the directory; how many went."""
        found = existing_services(self.ids)
        gone = [service_id for service_id in self.ids if service_id not in found]
        if gone:
            self.ids = [service_id for service_id in self.ids if service_id in found]
            self._save()
        return len(gone)

    def _save(self) -> None:
        if self.ids:
            self.store[SESSION_KEY] = list(self.ids)
        else:
            self.store.pop(SESSION_KEY, None)

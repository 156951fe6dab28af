"""Each process keeps every language's index open, and reopens it only when a new version appears.

A request asks for a snapshot (`use(lang)`):
1. it checks the change log for edits this index has not applied; if there are any, it applies them (under
   the index's write lock, so one process does the work and the others find it done), so an edit is in the
   very next search after it is committed, whichever worker or machine made it;
2. it stats the CURRENT pointer (one system call): when the pointer has changed (a new generation, or a new
   version of this one), the index is reopened; otherwise the open reader, with its decoded document sets,
   serves again.

Snapshots are reference-counted: a reader replaced while another thread still uses it is closed when that
thread is done.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from app.search import changes
from app.search.bitmaps import DocSets, SegmentCache
from app.search.index_builder import LanguageDir, Pointer, read_meta
from app.search.schema import SCHEMA_VERSION
from app.search.spelling import SpellIndex


class SearchUnavailable(Exception):
    """No usable index for this language on this machine (never built, or built from another database)."""


@dataclass
class Snapshot:
    lang: str
    pointer: Pointer
    path: Path  # the generation's folder
    ix: Any
    reader: Any
    docs: DocSets
    meta: dict
    owner: LanguageIndex | None = None
    users: int = 0
    retired: bool = False

    @property
    def cursor(self) -> changes.Cursor:
        return changes.Cursor.from_data(self.meta.get("cursor"))

    def spelling(self) -> SpellIndex:
        assert self.owner is not None
        return self.owner.spelling(self)

    def close(self) -> None:
        self.reader.close()
        self.ix.close()


class LanguageIndex:
    def __init__(self, root: Path, lang: str, database: str):
        self.directory = LanguageDir(root, lang)
        self.lang = lang
        self.database = database
        self.cache = SegmentCache()
        self.read_lock = threading.Lock()
        self._lock = threading.Lock()
        self._current: Snapshot | None = None
        self._stat: tuple | None = None
        self._failure: tuple[tuple | None, SearchUnavailable] | None = None
        self._spelling: tuple[str, SpellIndex] | None = None

    def spelling(self, snapshot: Snapshot) -> SpellIndex:
        """The generation's "did you mean" index (built on first use, kept while the generation serves)."""
        found = self._spelling
        if found is None or found[0] != snapshot.pointer.generation:
            found = self._spelling = (snapshot.pointer.generation, SpellIndex.load(snapshot.path))
        return found[1]

    def _pointer_stat(self) -> tuple | None:
        try:
            st = os.stat(self.directory.pointer_path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def refresh(self) -> Snapshot:
        """The current snapshot, reopened if the pointer changed since the last look."""
        stat = self._pointer_stat()
        with self._lock:
            if stat is not None and stat == self._stat and self._current is not None:
                return self._current
            if self._failure is not None and self._failure[0] == stat:
                raise self._failure[1]  # the same unusable index as last time: do not reopen it
            try:
                pointer = self.directory.pointer()
                if pointer is None:
                    raise SearchUnavailable(f"no search index for {self.lang!r} in {self.directory.path}")
                current = self._current
                if current is None or current.pointer != pointer:
                    snapshot = self._open(pointer)
                    self._retire(current)
                    self._current = snapshot
            except SearchUnavailable as exc:
                self._failure = (stat, exc)
                raise
            self._failure = None
            self._stat = stat
            return self._current  # type: ignore[return-value]

    def _open(self, pointer: Pointer) -> Snapshot:
        ix = self.directory.open(pointer)
        meta = read_meta(ix)
        if meta.get("schema") != SCHEMA_VERSION or meta.get("database") != self.database:
            ix.close()
            raise SearchUnavailable(
                f"the {self.lang!r} index in {self.directory.path} was built by another version or from another "
                "database: run `flask search build`"
            )
        reader = ix.reader()
        path = self.directory.generation_path(pointer.generation)
        docs = DocSets(reader, self.cache, self.read_lock, path)
        self.cache.forget_segments({segid for _leaf, _offset, segid in docs.leaves})
        return Snapshot(self.lang, pointer, path, ix, reader, docs, meta, owner=self)

    def _retire(self, snapshot: Snapshot | None) -> None:
        if snapshot is not None:
            snapshot.retired = True
            if snapshot.users == 0:
                snapshot.close()

    @contextlib.contextmanager
    def use(self, catch_up: bool = True) -> Iterator[Snapshot]:
        snapshot = self.refresh()
        if catch_up and snapshot.cursor.unseen(changes.rows_after(snapshot.cursor.through)):
            from app.search.indexer import apply_changes

            try:
                apply_changes(self.lang)
            except Exception:  # a reader is better served slightly stale than not at all
                current_app.logger.exception("search: could not apply the change log to the %s index", self.lang)
            snapshot = self.refresh()
        with self._lock:
            snapshot.users += 1
        try:
            yield snapshot
        finally:
            with self._lock:
                snapshot.users -= 1
                if snapshot.retired and snapshot.users == 0:
                    snapshot.close()

    def close(self) -> None:
        with self._lock:
            self._retire(self._current)
            self._current = None
            self._stat = None


class SearchIndexes:
    """Every language's index for one app (one worker process, or one test app)."""

    def __init__(self, root: Path, languages: list[str]):
        self.root = Path(root)
        self.languages = languages
        self._indexes: dict[str, LanguageIndex] = {}
        self._lock = threading.Lock()

    def index(self, lang: str) -> LanguageIndex:
        found = self._indexes.get(lang)
        if found is None:
            from app.search.indexer import database_fingerprint

            with self._lock:
                found = self._indexes.get(lang)
                if found is None:
                    found = self._indexes[lang] = LanguageIndex(self.root, lang, database_fingerprint())
        return found

    def close(self) -> None:
        for index in self._indexes.values():
            index.close()


def init_app(app: Flask) -> None:
    app.extensions["search"] = SearchIndexes(
        Path(app.config["SEARCH_INDEX_DIR"]), list(app.extensions["site_languages"])
    )


def indexes() -> SearchIndexes:
    return current_app.extensions["search"]


def use(lang: str, catch_up: bool = True):
    """`with use(lang) as snapshot:` the language's index, up to date with the change log."""
    return indexes().index(lang).use(catch_up)

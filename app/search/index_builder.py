"""Writing the indexes: full builds as new generations swapped in atomically, and change-log updates.

On each machine, under SEARCH_INDEX_DIR:

    build.lock              held by the one full build running on this machine
    <lang>/write.lock       held by whoever writes to that language's index (a build's swap, an update)
    <lang>/CURRENT          {"generation": "g…", "version": n}: the generation that serves, replaced with
                            os.replace (atomic), so a reader sees the old pointer or the new, never half
    <lang>/g<time>-<hex>/   one Whoosh index per generation

A full build writes a new generation beside the serving one and only then points CURRENT at it; if it
fails or the machine stops half way, CURRENT still names the last good generation, and the next build
deletes the remains. Updates from the change log are Whoosh commits to the serving generation, which are
atomic in the same way (new segment files, then a new table of contents renamed into place), and then
rewrite CURRENT with the new version so that every process's searchers reopen.

Locks are fcntl locks on files: they hold across processes and threads, and the kernel releases them when
a process dies, so a crashed builder never leaves a stale lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index

from app.search.bulk_writer import BulkWriter
from app.search.schema import SCHEMA_VERSION, SHARED_FIELDS, build_schema

META_ID = "__meta__"
POINTER = "CURRENT"
VOCABULARY = "vocabulary.json"
MERGE_BELOW = 1000  # documents: segments smaller than this (or a twentieth of the index) are merged by updates
KEEP_PREVIOUS = 1  # generations kept after a swap besides the serving one (for requests still reading them)


class IndexLocked(Exception):
    """Another process holds the lock (a build is already running on this machine)."""


@dataclass(frozen=True)
class Pointer:
    generation: str
    version: int


@contextlib.contextmanager
def file_lock(path: Path, timeout: float | None = None) -> Iterator[None]:
    """An exclusive lock on `path`: wait up to `timeout` seconds (None: wait as long as it takes; 0: do not
    wait) and raise IndexLocked when it is not free by then."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if deadline is None else fcntl.LOCK_NB))
                break
            except BlockingIOError:
                if deadline is None or time.monotonic() >= deadline:
                    raise IndexLocked(f"{path} is locked by another process") from None
                time.sleep(0.01)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


class LanguageDir:
    """One language's folder of generations."""

    def __init__(self, root: Path, lang: str):
        self.root = Path(root)
        self.lang = lang
        self.path = self.root / lang
        self.pointer_path = self.path / POINTER
        self.lock_path = self.path / "write.lock"

    def pointer(self) -> Pointer | None:
        try:
            data = json.loads(self.pointer_path.read_text(encoding="utf-8"))
            return Pointer(str(data["generation"]), int(data["version"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write_pointer(self, pointer: Pointer) -> None:
        temporary = self.path / f".{POINTER}.{secrets.token_hex(4)}"
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump({"generation": pointer.generation, "version": pointer.version}, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.pointer_path)
        directory = os.open(self.path, os.O_RDONLY)
        try:
            os.fsync(directory)  # the rename itself survives a power cut
        finally:
            os.close(directory)

    def generation_path(self, generation: str) -> Path:
        return self.path / generation

    def open(self, pointer: Pointer):
        return whoosh_index.open_dir(str(self.generation_path(pointer.generation)))

    def generations(self) -> list[str]:
        if not self.path.is_dir():
            return []
        return sorted(p.name for p in self.path.iterdir() if p.is_dir() and p.name.startswith("g"))

    def remove_old(self) -> None:
        """Delete generations that no longer serve, keeping the previous KEEP_PREVIOUS (requests that were
        running at the swap may still read them) and anything newer than the serving one (being built)."""
        current = self.pointer()
        if current is None:
            return
        older = [g for g in self.generations() if g < current.generation]
        for generation in older[: max(0, len(older) - KEEP_PREVIOUS)]:
            shutil.rmtree(self.generation_path(generation), ignore_errors=True)


def new_generation_name() -> str:
    # Sortable by time, unique across machines sharing nothing but the name.
    return f"g{dt.datetime.now(dt.UTC).strftime('%Y%m%dT%H%M%S%f')}-{secrets.token_hex(3)}"


def meta_document(lang: str, cursor_data: list, database: str, built_at: str) -> dict:
    return {
        "id": META_ID,
        "kind": ["meta"],
        "data": {
            "kind": "meta",
            "lang": lang,
            "schema": SCHEMA_VERSION,
            "database": database,
            "built_at": built_at,
            "cursor": cursor_data,
        },
    }


def write_generations(
    directories: dict[str, LanguageDir],
    documents: Iterator[dict[str, dict]],
    metas: dict[str, dict],
    vocabularies: dict[str, dict[str, int]],
    on_document: Callable[[], None] | None = None,
) -> dict[str, Pointer]:
    """Write a new generation for each language in one pass over `documents` (each item: a document per
    language), then swap each in. On any failure every new generation is removed and the exception re-raised:
    the serving generations are untouched. The caller holds the build lock."""
    paths: dict[str, Path] = {}
    try:
        writers: dict[str, BulkWriter] = {}
        shared: dict = {}
        shared_dense: dict = {}
        for number, (lang, directory) in enumerate(directories.items()):
            current = directory.pointer()
            for leftover in directory.generations():  # remains of builds that died half way
                if current is None or leftover > current.generation:
                    shutil.rmtree(directory.generation_path(leftover), ignore_errors=True)
            paths[lang] = directory.generation_path(new_generation_name())
            paths[lang].mkdir(parents=True)
            ix = whoosh_index.create_in(str(paths[lang]), build_schema(lang))
            writers[lang] = BulkWriter(ix, shared, SHARED_FIELDS, records_shared=number == 0, shared_dense=shared_dense)
        try:
            for per_language in documents:
                for lang, writer in writers.items():
                    writer.add_document(**per_language[lang])
                if on_document is not None:
                    on_document()
            for lang, writer in writers.items():
                writer.add_document(**metas[lang])
        except BaseException:
            for writer in writers.values():
                writer.cancel()
            raise
        pointers = {}
        for lang, writer in writers.items():
            writer.commit()
            (paths[lang] / VOCABULARY).write_text(json.dumps(vocabularies[lang], ensure_ascii=False), encoding="utf-8")
            pointers[lang] = Pointer(paths[lang].name, writer.generation)
    except BaseException:
        for path in paths.values():
            shutil.rmtree(path, ignore_errors=True)
        raise
    for lang, directory in directories.items():
        with file_lock(directory.lock_path):
            directory.write_pointer(pointers[lang])
        directory.remove_old()
    return pointers


def merge_small_segments(writer, segments):
    """Whoosh merge policy for updates: fold the small segments that updates leave into the new one, and
    never the big one a build wrote (Whoosh's MERGE_SMALL eventually would, rewriting every document
    inside someone's search request). A full build starts again from one segment."""
    from whoosh.reading import SegmentReader

    total = sum(segment.doc_count_all() for segment in segments)
    small = max(MERGE_BELOW, total // 20)
    kept = []
    for segment in segments:
        if segment.doc_count_all() < small:
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
        else:
            kept.append(segment)
    return kept


def read_meta(ix) -> dict:
    with ix.searcher() as searcher:
        found = searcher.document(id=META_ID)
    return dict(found["data"]) if found else {}


def update_generation(directory: LanguageDir, apply: Callable, timeout: float = 60.0) -> bool:
    """Under the write lock, open the serving generation and let `apply(ix, meta)` add its changes with one
    Whoosh writer; returns False (nothing written) when `apply` finds nothing left to do."""
    with file_lock(directory.lock_path, timeout=timeout):
        pointer = directory.pointer()
        if pointer is None:
            return False
        ix = directory.open(pointer)
        try:
            writer = apply(ix, read_meta(ix))
            if writer is None:
                return False
            writer.commit(mergetype=merge_small_segments)
            directory.write_pointer(Pointer(pointer.generation, ix.latest_generation()))
            return True
        finally:
            ix.close()

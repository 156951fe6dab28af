"""Filling the indexes: a full build of every language from the database and the content pages, and the
update that applies the change log to one language's serving generation."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import time
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from app.content.service import repository
from app.directory.taxonomy import taxonomy
from app.extensions import db
from app.models import utcnow
from app.search import changes
from app.search.documents import (
    ServiceRecord,
    load_services,
    page_documents,
    page_texts,
    service_document,
    service_documents,
    static_rank,
    vocabulary,
)
from app.search.index_builder import (
    META_ID,
    LanguageDir,
    Pointer,
    file_lock,
    meta_document,
    update_generation,
    write_generations,
)
from app.search.synonyms import synonyms


@dataclass(frozen=True)
class BuildReport:
    services: int
    languages: list[str]
    seconds: float  # for every language: they are built in one pass
    pointers: dict[str, Pointer]


def index_root() -> Path:
    return Path(current_app.config["SEARCH_INDEX_DIR"])


def index_languages() -> list[str]:
    return list(current_app.extensions["site_languages"])


def database_fingerprint() -> str:
    """Which database an index was built from: an index built from another one (a developer's, a test's)
    in the same folder is not served."""
    url = db.engine.url.render_as_string(hide_password=True)
    return hashlib.sha256(url.encode()).hexdigest()[:16]


def _lookup():
    """app.places' postcode lookup, for places with a postcode but no coordinates."""
    from app.places import lookup

    return lookup


def build(
    languages: Iterable[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_document: Callable[[], None] | None = None,
) -> BuildReport:
    """Build every language's index afresh, in one pass over the directory, and swap each in; raises
    IndexLocked if a build is already running on this machine.

    `progress(done, total)` is called every few hundred documents; `on_document()` after each one."""
    root = index_root()
    langs = list(languages or index_languages())
    with file_lock(root / "build.lock", timeout=0):
        started = time.perf_counter()
        cursor = changes.build_cursor()
        records = sorted(load_services(lookup=_lookup()).values(), key=static_rank)
        db.session.rollback()  # end the read transaction: the rest may take a while
        tax, repo = taxonomy(), repository()
        pages = {lang: _pages(repo, lang) for lang in langs}
        total = len(records) + len(pages[langs[0]])
        counter = itertools.count(1)

        def documents():
            for record in records:
                yield service_documents(record, langs, tax)
            for number in range(len(pages[langs[0]])):
                yield {lang: pages[lang][number] for lang in langs}

        def step():
            done = next(counter)
            if progress is not None and (done % 500 == 0 or done == total):
                progress(done, total)
            if on_document is not None:
                on_document()

        database, built_at = database_fingerprint(), utcnow().isoformat(timespec="seconds")
        metas = {lang: meta_document(lang, cursor.to_data(), database, built_at) for lang in langs}
        words = {
            lang: _merged(vocabulary(_texts(records, pages[lang], lang)), _PAGE_CACHE[repo][lang, "words"])
            for lang in langs
        }
        directories = {lang: LanguageDir(root, lang) for lang in langs}
        pointers = write_generations(directories, documents(), metas, words, step)
        return BuildReport(len(records), langs, time.perf_counter() - started, pointers)


_PAGE_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _pages(repo, lang: str) -> list[dict]:
    """The information pages' documents: content is loaded once per process, so they are made once too."""
    per_language = _PAGE_CACHE.setdefault(repo, {})
    if lang not in per_language:
        per_language[lang] = list(page_documents(repo, lang))
        per_language[lang, "words"] = vocabulary(page_texts(repo, lang))
    return per_language[lang]


def _page_words(repo, lang: str) -> dict[str, int]:
    _pages(repo, lang)
    return _PAGE_CACHE[repo][lang, "words"]


VOCABULARY_SAMPLE = 3000  # records whose descriptions feed "did you mean" (names always do)


def _texts(records: list[ServiceRecord], pages: list[dict], lang: str) -> Iterable[str | None]:
    step = max(1, len(records) // VOCABULARY_SAMPLE)
    for number, record in enumerate(records):
        yield record.name
        if number % step == 0:
            yield record.description
        translation = record.translations.get(lang)
        if translation is not None:
            yield from translation.fields.values()
    for term in taxonomy().terms:
        yield term.labels["en"].name
        if lang in term.labels:
            yield term.labels[lang].name
    for page in pages:
        yield page["data"]["title"]
        yield page["data"]["summary"]
    for group in synonyms().groups():
        yield from group.en
        yield from getattr(group, lang, []) if lang != "en" else []


def _merged(first: dict[str, int], second: dict[str, int]) -> dict[str, int]:
    merged = dict(first)
    for word, count in second.items():
        merged[word] = merged.get(word, 0) + count
    return merged


def apply_changes(lang: str, timeout: float = 60.0) -> bool:
    """Bring one language's serving generation up to date with the change log; True if anything was written.

    Safe to call from any number of processes at once: the write lock lets one in at a time, and each reads
    the cursor afresh under the lock, so the ones that waited find nothing left to do."""
    tax = taxonomy()

    def apply(ix, meta):
        cursor = changes.Cursor.from_data(meta.get("cursor"))
        rows = changes.rows_after(cursor.through)
        unseen = cursor.unseen(rows)
        if not unseen:
            return None
        ids = {row.service_id for row in unseen}
        records = load_services(ids, lookup=_lookup())
        writer = ix.writer(timeout=timeout)
        try:
            for service_id in sorted(ids):
                if service_id in records:
                    writer.update_document(**service_document(records[service_id], lang, tax))
                else:  # deleted, or now defunct (not listed)
                    writer.delete_by_term("id", service_id)
            new_meta = dict(meta, cursor=cursor.advanced(rows, utcnow()).to_data())
            writer.update_document(id=META_ID, kind=["meta"], data=new_meta)
        except BaseException:
            writer.cancel()
            raise
        return writer

    return update_generation(LanguageDir(index_root(), lang), apply, timeout=timeout)


def built_at(meta: dict) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(meta["built_at"])
    except (KeyError, TypeError, ValueError):
        return None

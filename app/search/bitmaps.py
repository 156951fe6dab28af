"""Sets of documents as Python integers (bit n set: docnum n is in the set), read from Whoosh's postings.

A search here is set algebra over a few of these: the documents with a word in some field, minus deleted
ones, within the filters; facet counts are `(matches & value).bit_count()`. Python does `&`, `|` and
`bit_count()` over whole integers in C, so 100,000 documents cost microseconds per operation, where Whoosh's
matchers visit each posting in Python.

Postings are decoded once per segment (segments never change; new documents go to new segments) and kept in
a bounded cache shared by every snapshot of the index in this process, so reopening after an update only
decodes the new, small segment.

Relevance is a bit-sliced sum: each field a word is found in adds its weight to every matching document at
once, as binary addition over "planes" (plane j holds bit j of every document's score). The top k are then
found from the top plane down (O'Neil and Quass's bit-sliced index top-k), without scoring each document in
Python.
"""

from __future__ import annotations

import pickle
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.reading import TermNotFound

CACHE_BYTES = 64 * 1024 * 1024  # per language index, per process
DENSE_SUFFIX = ".dense"  # a segment's common terms' document sets, written by the build


def dense_threshold(doc_count: int) -> int:
    """Terms in at least this many documents are saved as ready-made sets (1 in 64: the set then costs at
    most twice a list of their docnums)."""
    return max(64, doc_count // 64)


def from_docnums(docnums, size: int) -> int:
    buffer = bytearray((size + 7) >> 3)
    for docnum in docnums:
        buffer[docnum >> 3] |= 1 << (docnum & 7)
    return int.from_bytes(buffer, "little")


_NONZERO = re.compile(b"[^\x00]")
_BITS_OF = [tuple(j for j in range(8) if byte >> j & 1) for byte in range(256)]


def iter_bits(bits: int) -> Iterator[int]:
    """The docnums in a set, lowest first."""
    if bits.bit_count() <= 32:  # a few: peel off the lowest bit each time
        while bits:
            low = bits & -bits
            yield low.bit_length() - 1
            bits ^= low
        return
    data = bits.to_bytes((bits.bit_length() + 7) >> 3, "little")
    for match in _NONZERO.finditer(data):  # the regex engine skips the empty bytes
        base = match.start() << 3
        for j in _BITS_OF[data[match.start()]]:
            yield base + j


def first(bits: int, count: int) -> list[int]:
    found: list[int] = []
    for docnum in iter_bits(bits):
        if len(found) == count:
            break
        found.append(docnum)
    return found


def posting_docnums(segment_reader, fieldname: str, text: str) -> list[int]:
    """Every docnum a term's postings list in one segment (deleted documents included), read a block at a
    time from W3Codec's postings instead of one posting at a time."""
    try:
        matcher = segment_reader._terms.matcher(
            fieldname, text.encode("utf-8"), segment_reader.schema[fieldname].format
        )
    except (TermNotFound, KeyError):
        return []
    if not isinstance(matcher, W3LeafMatcher):
        return list(matcher.all_ids())
    found: list[int] = []
    while True:
        matcher._read_ids()
        found.extend(matcher._ids)
        if matcher._lastblock:
            return found
        matcher._goto(matcher._nextoffset)


class SegmentCache:
    """Decoded postings per (segment, field, term), least recently used dropped beyond CACHE_BYTES."""

    def __init__(self, limit: int = CACHE_BYTES):
        self.limit = limit
        self.size = 0
        self._items: OrderedDict[tuple, int] = OrderedDict()
        self._dense: dict[str, dict] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple) -> int | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple, bits: int) -> None:
        cost = (bits.bit_length() >> 3) + 64
        with self._lock:
            if key in self._items:
                return
            self._items[key] = bits
            self.size += cost
            while self.size > self.limit and self._items:
                _, dropped = self._items.popitem(last=False)
                self.size -= (dropped.bit_length() >> 3) + 64

    def forget_segments(self, keep: set[str]) -> None:
        with self._lock:
            for key in [k for k in self._items if k[0] not in keep]:
                self.size -= (self._items.pop(key).bit_length() >> 3) + 64
            for segid in [s for s in self._dense if s not in keep]:
                del self._dense[segid]

    def dense(self, segid: str, folder: Path) -> dict[tuple[str, str], bytes]:
        """The build's ready-made sets for one segment (empty if it has none: segments from updates)."""
        found = self._dense.get(segid)
        if found is None:
            try:
                found = pickle.loads((folder / f"{segid}{DENSE_SUFFIX}").read_bytes())  # noqa: S301 - our own file
            except FileNotFoundError:
                found = {}
            self._dense[segid] = found
        return found


class DocSets:
    """The document sets of one reader (one version of one language's index)."""

    def __init__(self, reader, cache: SegmentCache, lock: threading.Lock, folder: Path):
        self.reader = reader
        self.cache = cache
        self.folder = folder  # the generation's folder (for the build's ready-made sets)
        self.lock = lock  # Whoosh's files are not safe to read from two threads at once
        self.leaves = [(leaf, offset, leaf.segment().segment_id()) for leaf, offset in reader.leaf_readers()]
        self.size = reader.doc_count_all()
        self._combined: dict[tuple[str, str], int] = {}
        self._values: dict[str, list[str]] = {}
        live = 0
        for leaf, offset, _segid in self.leaves:
            count = leaf.doc_count_all()
            bits = (1 << count) - 1
            if leaf.has_deletions():
                bits &= ~from_docnums(leaf.deleted_docs_set, count)
            live |= bits << offset
        self.live = live

    def term(self, fieldname: str, text: str) -> int:
        """The documents (live or not) with `text` in `fieldname`."""
        key = (fieldname, text)
        found = self._combined.get(key)
        if found is not None:
            return found
        combined = 0
        for leaf, offset, segid in self.leaves:
            cache_key = (segid, fieldname, text)
            bits = self.cache.get(cache_key)
            if bits is None:
                ready = self.cache.dense(segid, self.folder).get(key)
                if ready is not None:
                    bits = int.from_bytes(ready, "little")
                else:
                    with self.lock:
                        docnums = posting_docnums(leaf, fieldname, text)
                    bits = from_docnums(docnums, leaf.doc_count_all())
                self.cache.put(cache_key, bits)
            combined |= bits << offset
        if len(self._combined) > 4096:
            self._combined.clear()
        self._combined[key] = combined
        return combined

    def values(self, fieldname: str) -> list[str]:
        """Every term of a (keyword) field across the segments."""
        found = self._values.get(fieldname)
        if found is None:
            with self.lock:
                found = sorted({t.decode("utf-8") for leaf, _o, _s in self.leaves for t in leaf.lexicon(fieldname)})
            self._values[fieldname] = found
        return found

    def stored(self, docnum: int) -> dict:
        with self.lock:
            return self.reader.stored_fields(docnum)

    def coordinates(self, docnums: list[int]) -> dict[int, tuple[float, float]]:
        """(lat, lon) of each docnum that has them, from the lat and lon columns."""
        found = {}
        with self.lock:
            for leaf, offset, _segid in self.leaves:
                count = leaf.doc_count_all()
                mine = [d for d in docnums if offset <= d < offset + count]
                if not mine or not leaf.has_column("lat"):
                    continue
                lats, lons = leaf.column_reader("lat"), leaf.column_reader("lon")
                for docnum in mine:
                    lat, lon = lats[docnum - offset], lons[docnum - offset]
                    if lat == lat and lon == lon:  # not NaN (the columns' "no value")
                        found[docnum] = (lat, lon)
        return found


# -- bit-sliced scores ------------------------------------------------------------------------------------------------
def add_weighted(planes: list[int], bits: int, weight: int) -> None:
    """planes += weight × bits, for every document at once (ripple-carry addition, plane by plane)."""
    carry = 0
    j = 0
    while weight or carry:
        addend = bits if weight & 1 else 0
        if j == len(planes):
            planes.append(0)
        plane = planes[j]
        if addend and carry:
            planes[j] = plane ^ addend ^ carry
            carry = (plane & addend) | (carry & (plane ^ addend))
        elif addend:
            planes[j] = plane ^ addend
            carry = plane & addend
        elif carry:
            planes[j] = plane ^ carry
            carry = plane & carry
        weight >>= 1
        j += 1


def score_of(planes: list[int], docnum: int) -> int:
    return sum(((plane >> docnum) & 1) << j for j, plane in enumerate(planes))


def top(planes: list[int], candidates: int, count: int) -> list[int]:
    """The `count` best-scoring docnums among `candidates`, best first; ties go to the lower docnum."""
    if count <= 0 or not candidates:
        return []
    total = candidates.bit_count()
    if total <= count:
        chosen = candidates
    else:
        above, equal = 0, candidates  # surely in the top k; tied so far
        for plane in reversed(planes):
            trial = above | (equal & plane)
            n = trial.bit_count()
            if n > count:
                equal &= plane
            elif n < count:
                above = trial
                equal &= ~plane
            else:
                above, equal = trial, 0
                break
        chosen = above
        missing = count - above.bit_count()
        if missing > 0:
            for docnum in first(equal, missing):
                chosen |= 1 << docnum
    docnums = list(iter_bits(chosen))
    return sorted(docnums, key=lambda d: (-score_of(planes, d), d))

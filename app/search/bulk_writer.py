"""Writing a whole new Whoosh index in one pass, several times faster than Whoosh's SegmentWriter.

Whoosh's writer sends every posting through a sorting pool (a tuple, size accounting and pickled runs on
disk per posting) and asks for each posting's field length (a file-exists check per posting). Our fields
hold pre-analysed term sets without frequencies or lengths, and documents arrive in docnum order, so each
term's postings are already sorted: this writer appends docnums to an array per term, then writes each
term's posting list a block at a time with Whoosh's own codec (W3Codec), producing exactly the files the
ordinary writer would. The result is a normal Whoosh index: Whoosh reads it, and Whoosh's writer adds to it.

It relies on W3PostingsWriter's block buffer attributes (`_ids`, `_weights`, `_maxweight`), which is why
pyproject.toml pins whoosh-reloaded exactly.
"""

from __future__ import annotations

import pickle
import shutil
from array import array
from pathlib import Path

from whoosh.codec.whoosh3 import W3Codec, W3TermInfo
from whoosh.index import TOC
from whoosh.system import pack_ushort

from app.search.bitmaps import DENSE_SUFFIX, dense_threshold, from_docnums
from app.search.schema import Coordinate, TermSet

BLOCK = 128  # postings per block, W3Codec's default
INLINE = 8  # terms in fewer documents than this keep their postings in the term table (no block)


Postings = dict[str, dict[str, array]]  # field -> term -> docnums


class BulkWriter:
    """Adds documents to a new, empty index (from whoosh.index.create_in) and commits them as one segment.

    Writers for several languages built in the same pass, with the same documents in the same order, can
    share the postings of the fields that are the same in every language (`shared_fields`): one writer
    records them (`records_shared`) into the `shared` tables, and every writer writes them out."""

    def __init__(
        self,
        ix,
        shared: Postings | None = None,
        shared_fields: frozenset[str] = frozenset(),
        records_shared: bool = True,
        shared_dense: dict | None = None,
    ):
        self.storage = ix.storage
        self.indexname = ix.indexname
        self.schema = ix.schema
        # No zlib (a third of the build for little saved); short posting lists inlined in the term table.
        self.codec = W3Codec(compression=0)
        self.segment = self.codec.new_segment(self.storage, self.indexname)
        self.perdoc = self.codec.per_document_writer(self.storage, self.segment)
        self.generation = 1  # create_in wrote generation 0, with no segments
        self.docnum = 0
        self.shared = shared if shared is not None else {}
        self.shared_dense = shared_dense if shared_dense is not None else {}  # the shared fields' dense sets
        self.own: Postings = {}
        self._route: dict[str, tuple[str, dict | None]] = {}  # field -> (kind, postings table or None)
        for name, field in self.schema.items():
            if isinstance(field, TermSet) or (field.indexed and not isinstance(field, Coordinate)):
                kind = "terms" if isinstance(field, TermSet) else "keyword"  # keyword: the unique id
                if name in shared_fields:
                    table = self.shared.setdefault(name, {}) if records_shared else None
                else:
                    table = self.own.setdefault(name, {})
                self._route[name] = (kind, table)
            else:
                self._route[name] = ("column" if isinstance(field, Coordinate) else "stored", None)

    def add_document(self, **fields) -> None:
        docnum = self.docnum
        perdoc, schema = self.perdoc, self.schema
        perdoc.start_doc(docnum)
        for name in sorted(fields):
            value = fields[name]
            if value is None:
                continue
            kind, table = self._route[name]
            if table is not None:
                for term in (value,) if kind == "keyword" else value:
                    found = table.get(term)
                    if found is None:
                        found = table[term] = array("I")
                    found.append(docnum)
            if kind == "column":
                field = schema[name]
                perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
            elif kind != "terms" and schema[name].stored:
                perdoc.add_field(name, schema[name], value, 0)
        perdoc.finish_doc()
        self.docnum += 1

    def cancel(self) -> None:
        if not self.perdoc.is_closed:
            self.perdoc.close()

    def commit(self) -> None:
        self.perdoc.close()
        shutil.rmtree(Path(self.storage.folder) / f"{self.indexname}.tmp", ignore_errors=True)  # column scratch
        writer = self.codec.field_writer(self.storage, self.segment)
        tables = {**self.shared, **self.own}
        for name in sorted(tables):
            if not tables[name]:
                continue
            writer.start_field(name, self.schema[name])
            for text in sorted(tables[name]):
                _write_term(writer, text.encode("utf-8"), tables[name][text])
            writer.finish_field()
        writer.close()
        self.segment.set_doc_count(self.docnum)
        self._write_dense()
        TOC(self.schema, [self.segment], self.generation).write(self.storage, self.indexname)

    def _write_dense(self) -> None:
        """The segment's common terms as ready-made document sets (app/search/bitmaps.py), so a newly
        started worker does not decode their postings. Named after the segment, so Whoosh deletes the file
        with the segment (whoosh.index.clean_files)."""
        threshold = dense_threshold(self.docnum)
        found = {}
        for name, table in (*self.shared.items(), *self.own.items()):
            cache = self.shared_dense if name in self.shared else {}
            for text, docnums in table.items():
                if len(docnums) >= threshold:
                    key = (name, text)
                    if key not in cache:
                        cache[key] = from_docnums(docnums, self.docnum).to_bytes((self.docnum + 7) >> 3, "little")
                    found[key] = cache[key]
        with self.storage.create_file(f"{self.segment.segment_id()}{DENSE_SUFFIX}") as handle:
            handle.write(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))


def _write_term(writer, btext: bytes, docnums: array) -> None:
    """What start_term, add (per posting) and finish_term do, a block at a time. A short list is inlined
    in the term table (as W3TermInfo supports: Whoosh's own inlining path has a typo, `set_inline`, and is
    never used with its default inlinelimit of 1)."""
    postwriter = writer._postwriter
    if len(docnums) < INLINE:
        postwriter._new_block()
        postwriter._ids = docnums
        postwriter._weights = array("f", [1.0]) * len(docnums)
        postwriter._maxweight = 1.0
        terminfo = W3TermInfo()
        terminfo.add_block(postwriter)
        terminfo.set_inlined(tuple(docnums), tuple(postwriter._weights), (None,) * len(docnums))
        writer._tindex.add(pack_ushort(writer._fieldid) + btext, terminfo.to_bytes())
        postwriter._new_block()
        return
    writer.start_term(btext)
    for start in range(0, len(docnums), BLOCK):
        if len(postwriter._ids):
            postwriter._write_block()
        block = docnums[start : start + BLOCK]
        postwriter._ids = block
        postwriter._weights = array("f", [1.0]) * len(block)
        postwriter._maxweight = 1.0
    writer.finish_term()

"""The Whoosh schema of every language's index, the fields a query searches and how much each one counts.

Text fields hold terms the builder has already analysed (app/search/analysis.py), once per text, with no
positions or frequencies: relevance here is which fields of a record a word is in (a service's name counts
most, then its organisation and category names, then its description), and phrases are found through the
`pairs` fields, which hold every two adjacent terms. That keeps the postings small and the build fast.

English-analysed fields hold what is in English (every service's name and description, category names);
the `*_local` fields hold the same things in the index's own language (translated descriptions, category
labels, page titles) with that language's analysis. An English index leaves them empty.

Facet fields hold one keyword per value a filter can take, with `not-known` as a value of its own.
"""

from __future__ import annotations

from whoosh import columns, fields, formats
from whoosh.analysis import IDTokenizer

from app.search.analysis import SearchAnalyzer

SCHEMA_VERSION = 1  # bump when fields or analysis change: an index with another version is rebuilt, not read

NOT_KNOWN = "not-known"
TEXT_FIELDS = ("name", "org", "terms", "body")
LOCAL_FIELDS = ("name_local", "terms_local", "body_local")
PAIR_FIELDS = {"en": "pairs", "local": "pairs_local"}
# How much a word found in each field counts (before its rarity is taken into account).
FIELD_WEIGHTS = {
    "name": 12,
    "name_local": 12,
    "org": 5,
    "terms": 7,
    "terms_local": 7,
    "body": 2,
    "body_local": 2,
}
FACETS = ("category", "cost", "age", "language", "wheelchair", "open_on")
# Not shown as filters: used for ranking (active, checked services first) and for distance.
FLAGS = ("status", "checked", "located", "cell")
# Fields whose terms are the same in every language's index (everything but the *_local fields): a build
# records their postings once for all languages (app/search/bulk_writer.py).
SHARED_FIELDS = frozenset(("id", "kind", *TEXT_FIELDS, "pairs", *FACETS, *FLAGS))


class TermSet(fields.FieldType):
    """An indexed-only field whose value is the set of terms to index (already analysed, or keywords)."""

    def __init__(self, analyzer=None):
        super().__init__(formats.Existence(), analyzer or IDTokenizer())

    def index(self, value, **kwargs):
        return [(term.encode("utf-8"), 1, 1.0, b"") for term in sorted(set(value))]


class Coordinate(fields.FieldType):
    """A float per document in a column (not indexed), read by docnum when results are sorted by distance."""

    indexed = False

    def __init__(self):
        super().__init__(None, None, sortable=columns.NumericColumn("d", default=float("nan")))

    def to_column_value(self, value):
        return float(value)

    def from_column_value(self, value):
        return value


def build_schema(lang: str) -> fields.Schema:
    english, local = SearchAnalyzer("en"), SearchAnalyzer(lang)
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        kind=TermSet(),
        **{name: TermSet(english) for name in (*TEXT_FIELDS, PAIR_FIELDS["en"])},
        **{name: TermSet(local) for name in (*LOCAL_FIELDS, PAIR_FIELDS["local"])},
        **{name: TermSet() for name in (*FACETS, *FLAGS)},
        data=fields.STORED(),
        lat=Coordinate(),
        lon=Coordinate(),
    )

"""What the reader asked for, read safely: their words, phrases and filters, as plain data.

No query language is exposed. Words are words; text in double quotes is a phrase; everything else (AND, OR,
NOT, *, ~, brackets, colons, SQL or HTML) is only text, and the analysis keeps its letters and digits. So
no input can make the search fail: at worst it finds nothing. Queries are cut at MAX_QUERY characters and
MAX_UNITS words or phrases, with a message saying so.

A run of words that is one of the managed synonyms (content/search/synonyms.yaml) becomes one unit that
matches any of the group's phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _

from app.search.analysis import term, terms, words
from app.search.documents import AGE_GROUPS, WEEKDAYS
from app.search.schema import NOT_KNOWN
from app.search.synonyms import Alternative, Group

MAX_QUERY = 200
MAX_UNITS = 10
MAX_PAGE = 500
QUOTES = str.maketrans({c: '"' for c in "“”„‟«»＂"})
PHRASE = re.compile(r'"([^"]*)"')
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")

FACET_VALUES: dict[str, tuple[str, ...]] = {
    "cost": ("free", "paid", NOT_KNOWN),
    "age": (*(name for name, _low, _high in AGE_GROUPS), NOT_KNOWN),
    "wheelchair": ("yes", "no", NOT_KNOWN),
    "open_on": (*WEEKDAYS, NOT_KNOWN),
}


@dataclass(frozen=True)
class Unit:
    """One thing the reader asked for: a word, a quoted phrase or a synonym; found by any alternative."""

    words: tuple[str, ...]
    alternatives: tuple[Alternative, ...]
    group: str | None = None  # the synonym group, if any
    quoted: bool = False


@dataclass
class Query:
    text: str  # as used (trimmed, cut to MAX_QUERY)
    units: list[Unit]
    notices: list[str] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return [w for unit in self.units for w in unit.words]

    def text_with(self, replacements: dict[str, str]) -> str:
        """The query as text again, with some words replaced (for "Did you mean …?")."""
        parts = []
        for unit in self.units:
            shown = " ".join(replacements.get(w, w) for w in unit.words)
            parts.append(f'"{shown}"' if unit.quoted else shown)
        return " ".join(parts)


# Characters HTML does not allow (controls, surrogates, noncharacters): never echoed back to the page.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)


def printable(text: str | None, limit: int = MAX_QUERY * 4) -> str:
    """Text from the query string that is safe to show again: no unprintable characters, spaces collapsed."""
    return " ".join(_UNPRINTABLE.sub(" ", (text or "")[:limit]).split())


def clean_text(raw: str | None) -> tuple[str, list[str]]:
    """The query text with control characters out and spaces collapsed, cut to MAX_QUERY characters."""
    notices = []
    text = printable(raw)
    if len(text) > MAX_QUERY:
        text = text[:MAX_QUERY].rsplit(" ", 1)[0] if " " in text[:MAX_QUERY] else text[:MAX_QUERY]
        notices.append(
            _("Your search was too long, so only its first %(count)d characters were used.", count=MAX_QUERY)
        )
    return text, notices


def parse(raw: str | None, lang: str, groups: list[Group]) -> Query:
    text, notices = clean_text(raw)
    quoted = text.translate(QUOTES)
    phrases = [p for p in PHRASE.findall(quoted) if p.strip()]
    loose = words(PHRASE.sub(" ", quoted).replace('"', " "))
    units: list[Unit] = []
    for phrase in phrases:
        unit = _phrase_unit(phrase, lang)
        if unit is not None:
            units.append(unit)
    units += _word_units(loose, lang, groups)
    if len(units) > MAX_UNITS:
        units = units[:MAX_UNITS]
        notices.append(_("Only the first %(count)d words of your search were used.", count=MAX_UNITS))
    return Query(text, units, notices)


def alternatives_for(en_terms: list[str], local_terms: list[str], lang: str) -> tuple[Alternative, ...]:
    found = []
    if en_terms:
        found.append(Alternative("en", tuple(en_terms)))
    if lang != "en" and local_terms:
        found.append(Alternative("local", tuple(local_terms)))
    return tuple(found)


def _phrase_unit(phrase: str, lang: str) -> Unit | None:
    alternatives = alternatives_for(terms(phrase, "en"), terms(phrase, lang) if lang != "en" else [], lang)
    return Unit(tuple(words(phrase)), alternatives, quoted=True) if alternatives else None


def _word_units(found_words: list[str], lang: str, groups: list[Group]) -> list[Unit]:
    """Each word a unit, except runs of words that make up one of a synonym group's phrases."""
    analyses = {"en": [term(w, "en") for w in found_words]}
    if lang != "en":
        analyses["local"] = [term(w, lang) for w in found_words]
    matches = []  # (start, end, group): a run of words that is one of a group's alternatives
    for group in groups:
        for alternative in group.alternatives:
            sequence = analyses.get(alternative.analysis)
            if sequence is not None:
                for start, end in _occurrences(sequence, alternative.terms):
                    matches.append((start, end, group))
    matches.sort(key=lambda m: (-(m[1] - m[0]), m[0]))  # longest first, then leftmost
    taken = [False] * len(found_words)
    units: list[tuple[int, Unit]] = []
    for start, end, group in matches:
        if not any(taken[start:end]):
            taken[start:end] = [True] * (end - start)
            units.append((start, Unit(tuple(found_words[start:end]), group.alternatives, group.id)))
    for position, word in enumerate(found_words):
        if not taken[position]:
            local = [t] if lang != "en" and (t := analyses["local"][position]) else []
            english = [t] if (t := analyses["en"][position]) else []
            alternatives = alternatives_for(english, local, lang)
            if alternatives:
                units.append((position, Unit((word,), alternatives)))
    return [unit for _position, unit in sorted(units, key=lambda pair: pair[0])]


def _occurrences(sequence: list[str | None], wanted: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where `wanted` occurs in `sequence` (stop words, which are None, skipped), as word spans."""
    kept = [(position, t) for position, t in enumerate(sequence) if t is not None]
    found = []
    size = len(wanted)
    for i in range(len(kept) - size + 1):
        if tuple(t for _p, t in kept[i : i + size]) == wanted:
            found.append((kept[i][0], kept[i + size - 1][0] + 1))
    return found


# -- filters --------------------------------------------------------------------------------------------------
@dataclass
class Filters:
    selected: dict[str, tuple[str, ...]]  # facet -> values (any of them)
    notices: list[str]


def read_filters(args, category_slugs: set[str]) -> Filters:
    """The filters from the query string; unknown values are dropped with a message, never an error."""
    selected: dict[str, tuple[str, ...]] = {}
    notices: list[str] = []
    allowed = dict(FACET_VALUES, category=(*category_slugs, NOT_KNOWN))
    for facet in ("category", "cost", "age", "language", "wheelchair", "open_on"):
        values = []
        for raw in args.getlist(facet)[:40]:
            value = raw.strip().lower()
            if not value:
                continue
            ok = LANGUAGE_CODE.match(value) or value == NOT_KNOWN if facet == "language" else value in allowed[facet]
            if ok:
                if value not in values:
                    values.append(value)
            else:
                shown = printable(raw, 40)
                notices.append(_("We do not know the filter value “%(value)s”, so it was left out.", value=shown))
        if values:
            selected[facet] = tuple(values)
    return Filters(selected, notices)


def read_page(raw: str | None) -> tuple[int, list[str]]:
    if raw is None or raw == "":
        return 1, []
    if raw.isdecimal() and len(raw) <= 4 and 1 <= int(raw) <= MAX_PAGE:
        return int(raw), []
    return 1, [_("There is no page “%(page)s”, so the first page is shown.", page=printable(raw, 10))]

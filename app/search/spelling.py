"""Spelling tolerance: "Did you mean …?" when a search finds little, and results for the corrected words
when it finds nothing at all.

Only searches that find fewer than a few results pay for this; the rest never look. Candidate words come
from the vocabulary a build saves beside each generation (names, category names, page titles and a sample of
descriptions, as readers type them, unstemmed) through a symmetric-delete index: every word is filed under
itself and each one-letter deletion of it, so a typed word finds the words one edit away (an insertion, a
deletion, a substitution or a swap of two letters) by a few dictionary lookups, and some two edits away.
A correction is offered only if it finds more than the word it replaces.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from app.search.query import Query, Unit, parse
from app.search.synonyms import Group

MIN_LENGTH = 3


def _deletes(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


class SpellIndex:
    def __init__(self, vocabulary: dict[str, int]):
        self.frequency = vocabulary
        self.index: defaultdict[str, list[str]] = defaultdict(list)
        for word in vocabulary:
            if len(word) >= MIN_LENGTH:
                for variant in _deletes(word):
                    self.index[variant].append(word)

    @classmethod
    def load(cls, generation: Path) -> SpellIndex:
        try:
            vocabulary = json.loads((generation / "vocabulary.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            vocabulary = {}
        return cls(vocabulary)

    def candidates(self, word: str) -> list[str]:
        """Known words close to `word`, closest and most common first."""
        if len(word) < MIN_LENGTH or word.isdigit():
            return []
        limit = 1 if len(word) <= 4 else 2
        near = {w for variant in _deletes(word) for w in self.index.get(variant, ())}
        near.discard(word)
        scored = [(d, -self.frequency.get(w, 0), w) for w in near if (d := distance(word, w)) <= limit]
        return [w for _d, _f, w in sorted(scored)]


def _matches(docs, units: list[Unit]) -> int:
    from app.search.engine import unit_fields

    found = -1
    for unit in units:
        hit = 0
        for bits in unit_fields(docs, unit).values():
            hit |= bits
        found &= hit
    return (found & docs.live).bit_count() if units else 0


def correct(docs, spell: SpellIndex, query: Query, lang: str, groups: list[Group]) -> Query | None:
    """The query with each rare or unknown word replaced by the nearest word that finds more (synonyms
    included); None if no word can be improved."""
    replacements: dict[str, str] = {}
    for unit in query.units:
        if unit.group is None and not unit.quoted and len(unit.words) == 1:
            word = unit.words[0]
            found = _matches(docs, [unit])
            if found < 3:
                for candidate in spell.candidates(word)[:8]:
                    if _matches(docs, parse(candidate, lang, groups).units) > found:
                        replacements[word] = candidate
                        break
    if not replacements:
        return None
    corrected = parse(query.text_with(replacements), lang, groups)
    corrected.notices = list(query.notices)
    return corrected

"""Document sets as integers: bit-sliced scores and top-k, checked against a plain sort; spelling candidates."""

from __future__ import annotations

import random

from app.search.bitmaps import add_weighted, first, from_docnums, iter_bits, score_of, top
from app.search.spelling import SpellIndex, distance


def test_sets_round_trip():
    docnums = [0, 3, 64, 65, 1000]
    bits = from_docnums(docnums, 1001)
    assert list(iter_bits(bits)) == docnums
    assert first(bits, 2) == [0, 3]


def test_bit_sliced_scores_rank_like_a_plain_sort():
    rng = random.Random(7)
    size = 3000
    for _round in range(20):
        sets = [
            (from_docnums(rng.sample(range(size), rng.randrange(1, size)), size), rng.randrange(1, 90))
            for _ in range(rng.randrange(1, 6))
        ]
        planes: list[int] = []
        expected = [0] * size
        for bits, weight in sets:
            add_weighted(planes, bits, weight)
            for docnum in iter_bits(bits):
                expected[docnum] += weight
        assert all(score_of(planes, d) == expected[d] for d in rng.sample(range(size), 50))
        candidates = from_docnums(rng.sample(range(size), rng.randrange(1, size)), size)
        count = rng.randrange(1, 60)
        ranked = sorted(iter_bits(candidates), key=lambda d: (-expected[d], d))[:count]
        assert top(planes, candidates, count) == ranked


def test_spelling_candidates_are_close_and_common_first():
    spell = SpellIndex({"carers": 50, "cares": 5, "careers": 2, "respite": 9, "dementia": 3})
    assert spell.candidates("carres")[0] == "carers"
    assert spell.candidates("respit") == ["respite"]
    assert spell.candidates("demntia") == ["dementia"]
    assert spell.candidates("xyz") == []
    assert distance("carres", "carers") == 1  # a swap is one edit
    assert distance("kitten", "sitting") == 3

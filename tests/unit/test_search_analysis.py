"""Analysis for the search index, per language: what a word becomes in the index and in a query."""

from __future__ import annotations

import pytest

from app.search.analysis import SearchAnalyzer, analyse, pairs, terms, words


def test_english_stems_plurals_and_possessives():
    assert terms("Carers", "en") == ["carer"]
    assert terms("carer's carers' CARERS caring", "en") == ["carer", "carer", "carer", "care"]
    assert terms("the support for a carer", "en") == ["support", "carer"]  # stop words out
    assert terms("café naïve", "en") == ["cafe", "naiv"]


def test_bengali_keeps_its_vowel_signs_and_gets_no_english_stemmer():
    # Python's \\w leaves out vowel signs (categories Mc, Mn): the tokeniser must not split on them.
    assert words("কেয়ারারদের জন্য সহায়তা") == ["কেয়ারারদের", "জন্য", "সহায়তা"]
    assert terms("কেয়ারারদের জন্য সহায়তা", "bn") == ["কেয়ারার", "সহায়তা"]  # -দের off, জন্য a stop word
    assert terms("কেয়ারার", "bn") == terms("কেয়ারারদের", "bn")
    assert terms("services", "bn") == ["services"]  # an English word on a Bengali page: not stemmed


def test_arabic_is_normalised_and_lightly_stemmed_without_an_english_stemmer():
    with_shadda, without = terms("مقدّمي الرعاية", "ar"), terms("مقدمي الرعاية", "ar")
    assert with_shadda == without
    assert terms("الرعاية", "ar") == terms("رعاية", "ar")  # the article comes off
    assert terms("ﻣﻘﺪﻡ", "ar") == terms("مقدم", "ar")  # presentation forms (NFKC)
    assert terms("مـقـدم", "ar") == terms("مقدم", "ar")  # tatweel
    assert terms("أسرة", "ar") == terms("اسرة", "ar")  # alef with hamza
    assert terms("caring", "ar") == ["caring"]


def test_somali_is_lower_cased_without_stemming():
    assert terms("Taageerada DARYEELAYAASHA iyo", "so") == ["taageerada", "daryeelayaasha"]


def test_invisible_and_control_characters_do_not_split_or_join_words():
    assert terms("car\u00aders", "en") == ["carer"]  # soft hyphen
    assert terms("\u202ecarers\u202c", "en") == ["carer"]  # bidi override
    assert terms("carers\x00respite", "en") == ["carer", "respit"]
    assert terms("<script>alert(1)</script>", "en") == ["script", "alert", "1", "script"]


def test_pairs_are_the_phrase_terms_and_skip_numbers():
    assert pairs(terms("carers' break", "en")) == ["carer break"]
    assert pairs(["synthet", "servic", "00012"]) == ["synthet servic"]
    found, joined = analyse(["day centre", "lunch club"], "en")
    assert found == {"dai", "centr", "lunch", "club"}
    assert joined == {"dai centr", "lunch club"}  # not "centr lunch": texts are not run together


@pytest.mark.parametrize("lang", ["en", "bn", "so", "ar"])
def test_the_whoosh_analyzer_gives_the_same_terms(lang):
    text = "Carers' break কেয়ারারদের مقدّمي Daryeelayaasha"
    assert [t.text for t in SearchAnalyzer(lang)(text)] == terms(text, lang)

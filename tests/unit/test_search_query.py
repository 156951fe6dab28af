"""Reading the reader's search safely: words, phrases, synonyms, limits and filters, whatever they type."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import g
from werkzeug.datastructures import MultiDict

from app.search.query import MAX_QUERY, MAX_UNITS, parse, printable, read_filters, read_page
from app.search.synonyms import SynonymError, load_synonyms, synonyms_path

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def en(app):
    """A request on an English page (messages are gettext strings in the reader's language)."""
    with app.test_request_context("/en/search"):
        g.lang = "en"
        yield


@pytest.fixture(scope="module")
def groups():
    return load_synonyms(synonyms_path(ROOT / "content"))


def test_the_synonyms_file_is_valid_and_groups_are_applied_to_words(groups, en):
    query = parse("carers' break in Camden", "en", groups.for_language("en"))
    assert [u.group for u in query.units] == ["respite", None]
    assert [u.words for u in query.units] == [("carers", "break"), ("camden",)]
    respite = query.units[0]
    assert ("respit",) in [a.terms for a in respite.alternatives]
    day = parse("day centre", "bn", groups.for_language("bn")).units[0]
    assert day.group == "day-centre"
    assert {a.analysis for a in day.alternatives} == {"en", "local"}


def test_a_bad_synonyms_file_is_refused(tmp_path):
    path = tmp_path / "synonyms.yaml"
    path.write_text("status: {}\ngroups:\n- id: Not Kebab\n  en: [a, b]\n", encoding="utf-8")
    with pytest.raises(SynonymError):
        load_synonyms(path)


@pytest.mark.parametrize(
    "text",
    ['"unbalanced', "AND OR NOT", "*", "~~~", "carers~2", "title:x^3 (a AND -b)", "\\", "((((", "'; DROP TABLE x; --"],
)
def test_query_syntax_is_only_text(en, groups, text):
    query = parse(text, "en", groups.for_language("en"))
    for unit in query.units:
        for alternative in unit.alternatives:
            assert all(t.isalnum() or " " in t for t in alternative.terms), alternative


def test_quoted_text_is_a_phrase_and_an_unmatched_quote_is_ignored(en, groups):
    query = parse('"carers support" "respite', "en", groups.for_language("en"))
    assert query.units[0].quoted and query.units[0].alternatives[0].terms == ("carer", "support")
    assert [u.words for u in query.units[1:]] == [("respite",)]
    assert query.text_with({"respite": "respect"}) == '"carers support" respect'


def test_long_queries_are_cut_with_a_message(en, groups):
    query = parse("carers " * 5000, "en", groups.for_language("en"))
    assert len(query.text) <= MAX_QUERY
    assert len(query.units) == MAX_UNITS
    assert len(query.notices) == 2


def test_unprintable_characters_never_come_back(en):
    assert printable("a\x00b\x1b[31mc\ufffe\ud800 d\x85e") == "a b [31mc d e"


def test_filters_keep_known_values_and_say_which_were_dropped(en):
    args = MultiDict(
        [
            ("category", "carers-support"),
            ("category", "nope"),
            ("cost", "FREE"),
            ("language", "bn"),
            ("language", "../x"),
            ("open_on", "monday"),
            ("open_on", "not-known"),
            ("age", ""),
        ]
    )
    filters = read_filters(args, {"carers-support"})
    assert filters.selected == {
        "category": ("carers-support",),
        "cost": ("free",),
        "language": ("bn",),
        "open_on": ("monday", "not-known"),
    }
    assert len(filters.notices) == 2


@pytest.mark.parametrize("raw", ["0", "-1", "abc", "9" * 5000, "²", "1.5", "501"])
def test_bad_page_numbers_give_the_first_page_and_a_message(en, raw):
    page, notices = read_page(raw)
    assert page == 1 and len(notices) == 1


def test_good_page_numbers(en):
    assert read_page("3") == (3, [])
    assert read_page(None) == (1, [])

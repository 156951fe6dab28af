"""Reading answers from forms and the session, and finding the way through (app/questionnaire/flow.py), plus the
texts as pages show them (app/questionnaire/texts.py): partial translations, placeholders, escaping."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import Markup

from app.questionnaire.definition import RESULT
from app.questionnaire.flow import AnswerError, clean, keep_on_way, may_answer, read_answer, walk
from app.questionnaire.registry import AM_I_A_CARER, load_questionnaire
from app.questionnaire.texts import Catalog, Entry, Texts, TranslationFile, fill, text_hash

DIRECTORY = Path(__file__).resolve().parents[2] / "content" / "questionnaires"


@pytest.fixture(scope="module")
def definition():
    return load_questionnaire(DIRECTORY, AM_I_A_CARER, ["en"], "en").definition


# -- Answers from a form ------------------------------------------------------------------------------------


@pytest.mark.parametrize("values", [[], [""], ["maybe"], ["yes", "no"], ["<script>"]])
def test_a_radio_answer_must_be_exactly_one_offered_option(definition, values):
    with pytest.raises(AnswerError):
        read_answer(definition.by_id["helps-someone"], values)


def test_a_radio_answer_sent_twice_is_one_answer(definition):
    assert read_answer(definition.by_id["helps-someone"], ["yes", "yes"]) == ("yes",)


def test_checkbox_answers_come_back_in_the_options_order_without_repeats(definition):
    tasks = definition.by_id["tasks"]
    assert read_answer(tasks, ["medication", "meals", "meals"]) == ("meals", "medication")


@pytest.mark.parametrize("values", [[], ["none", "meals"], ["meals", "cleaning"]])
def test_checkboxes_refuse_nothing_unknown_values_and_none_with_something(definition, values):
    with pytest.raises(AnswerError):
        read_answer(definition.by_id["tasks"], values)


# -- The way through ----------------------------------------------------------------------------------------


def test_the_way_follows_the_rules_and_stops_at_the_first_unanswered(definition):
    assert walk(definition, {}).next == "helps-someone"
    assert walk(definition, {"helps-someone": ("no",)}).complete
    way = walk(definition, {"helps-someone": ("yes",), "why": ("illness",)})
    assert (way.answered, way.next) == (("helps-someone", "why"), "tasks")
    assert way.previous("tasks") == "why"
    assert way.previous("helps-someone") is None


def test_an_answer_for_a_later_question_does_not_skip_the_ones_before(definition):
    answers = {"helps-someone": ("yes",), "work": ("not-working",)}
    assert walk(definition, answers).next == "why"
    assert not may_answer(definition, answers, "work")
    assert may_answer(definition, answers, "why")
    assert may_answer(definition, answers, "helps-someone")


def test_changing_an_answer_forgets_those_no_longer_on_the_way(definition):
    answers = {"helps-someone": ("yes",), "why": ("illness",), "tasks": ("meals",)}
    assert keep_on_way(definition, {**answers, "helps-someone": ("no",)}) == {"helps-someone": ("no",)}


def test_tampered_session_answers_are_dropped(definition):
    stored = {
        "helps-someone": ["yes"],
        "why": ["illness", "mind control"],  # an option that does not exist
        "tasks": "meals",  # not a list
        "no-such-question": ["yes"],
        7: ["x"],
        "paid": ["no"],
    }
    # Well-formed answers are kept, even off the way (`paid` is not reached yet); they never count until reached.
    assert clean(definition, stored) == {"helps-someone": ("yes",), "paid": ("no",)}
    assert clean(definition, "rubbish") == {}
    assert walk(definition, clean(definition, stored)).next == "why"
    assert keep_on_way(definition, clean(definition, stored)) == {"helps-someone": ("yes",)}
    assert RESULT not in clean(definition, stored)


# -- Texts --------------------------------------------------------------------------------------------------


def _catalog(**entries) -> Catalog:
    english = {"a": "Hello {name}", "b": "Goodbye", "c": "Earn {limit}"}
    catalog = Catalog("en", english)
    catalog.translations["bn"] = TranslationFile(lang="bn", status="machine-draft", texts=entries)
    return catalog


def _value(plain: str, html: str | None = None):
    return lambda locale: (plain, Markup(html) if html else Markup.escape(plain))


def _texts(catalog: Catalog, lang: str) -> Texts:
    return Texts(
        catalog,
        lang,
        {"name": _value("Ann & Bob"), "limit": _value("£204")},
        lambda lang: lang,
        lambda lang: "rtl" if lang == "ar" else "ltr",
    )


def test_a_missing_translation_is_english_marked_as_english():
    catalog = _catalog()
    texts = _texts(catalog, "bn")
    shown = texts("b")
    assert (shown.text, shown.lang, shown.status) == ("Goodbye", "en", "missing")
    assert str(shown.html) == '<span lang="en" dir="ltr">Goodbye</span>'
    assert texts.page_status() == "missing"


def test_a_partial_translation_is_reported_as_partial():
    catalog = _catalog(a=Entry(text="নমস্কার {name}", source_hash=text_hash("Hello {name}")))
    texts = _texts(catalog, "bn")
    assert texts("a").text == "নমস্কার Ann & Bob"
    assert texts("a").status == "machine-draft"
    assert str(texts("a").html) == "নমস্কার Ann &amp; Bob"  # the page's language: no mark; values escaped
    texts("b")
    assert texts.page_status() == "partial"


def test_a_translation_of_changed_english_is_outdated_or_dropped_if_it_no_longer_fits():
    catalog = _catalog(
        b=Entry(text="বিদায়", source_hash=text_hash("Bye")),  # English was "Bye" then
        c=Entry(text="আয় কম", source_hash=text_hash("Earn less")),  # lost the placeholder the English has now
    )
    assert catalog.look_up("b", "bn").status == "outdated"
    assert catalog.look_up("c", "bn").lang == "en"
    texts = _texts(catalog, "bn")
    texts("b")
    assert texts.page_status() == "outdated"


def test_placeholders_that_differ_from_the_english_are_a_problem():
    catalog = _catalog(c=Entry(text="আয়", source_hash=text_hash("Earn {limit}")))
    assert catalog.problems() == ["bn: 'c' must keep the placeholders ['limit']"]
    stale = _catalog(gone=Entry(text="x", source_hash="y"))
    assert "not a text of the English file" in stale.problems()[0]


def test_english_pages_have_no_notice_and_no_marks():
    texts = _texts(_catalog(), "en")
    assert str(texts("b").html) == "Goodbye"
    assert texts.page_status() is None


def test_fill_escapes_the_text_and_keeps_html_values():
    plain, html = fill(
        "<b>{name}</b> {phone}", {"name": _value("A<B"), "phone": _value("020", '<a href="tel:020">020</a>')}, "en"
    )
    assert plain == "<b>A<B</b> 020"
    assert str(html) == '&lt;b&gt;A&lt;B&lt;/b&gt; <a href="tel:020">020</a>'

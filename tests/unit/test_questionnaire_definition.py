"""The "Am I a carer?" files: content/questionnaires/am-i-a-carer.yaml, its translations and benefit-rules.yaml.

- The completeness test: every path through the questions ends in a result, with no dead end, no loop and no
  question or rule that nobody reaches.
- Every text the pages use exists in English; translations are reported (not failed) while the definition's
  `require_translations` is false, and fail once the lead switches it on.
- The loader refuses broken files with a message that says what to fix (a non-programmer edits them).
- Every source is an address from the facts pack; every taxonomy slug is a term of content/taxonomy.yaml.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from app.directory.taxonomy import load_taxonomy
from app.questionnaire.definition import RESULT, DefinitionError, iter_texts, load_definition
from app.questionnaire.flow import walk
from app.questionnaire.paths import all_paths, answer_classes, walk_all
from app.questionnaire.registry import AM_I_A_CARER, PAGE_TEXTS, load_questionnaire
from app.questionnaire.texts import load_catalog, text_hash

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
DIRECTORY = CONTENT / "questionnaires"
DEFINITION = DIRECTORY / f"{AM_I_A_CARER}.yaml"
FACTS_PACK = ROOT.parent / "shared" / "facts" / "facts-pack.md"
LANGUAGES = [entry["code"] for entry in yaml.safe_load((CONTENT / "languages.yaml").read_text())["languages"]]
TRANSLATED = [code for code in LANGUAGES if code != "en"]


@pytest.fixture(scope="module")
def questionnaire():
    return load_questionnaire(DIRECTORY, AM_I_A_CARER, LANGUAGES, "en")


@pytest.fixture
def raw() -> dict:
    return yaml.safe_load(DEFINITION.read_text(encoding="utf-8"))


def _load(tmp_path: Path, data: dict):
    path = tmp_path / "test.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_definition(path)


def _problems(tmp_path: Path, data: dict) -> str:
    with pytest.raises(DefinitionError) as caught:
        _load(tmp_path, data)
    return str(caught.value)


def _question(data: dict, qid: str) -> dict:
    return next(q for q in data["questions"] if q["id"] == qid)


# -- The completeness test ----------------------------------------------------------------------------------


def test_every_path_ends_in_a_result(questionnaire):
    definition = questionnaire.definition
    paths, problems = walk_all(definition)
    assert not problems, "\n".join(problems)
    assert paths
    for path in paths:
        way = walk(definition, path.answers)
        assert way.complete, f"{path} stops at {way.next}"
        assert way.answered == path.questions, f"{path}: the flow takes another way: {way.answered}"


def test_no_question_is_unreachable_and_every_rule_is_used(questionnaire):
    definition = questionnaire.definition
    paths = all_paths(definition)
    reached = {qid for path in paths for qid in path.questions}
    assert reached == set(definition.by_id)
    # A path per class of answers (8): some classes take the same questions (6 ways), but not the same rules.
    assert len({str(path) for path in paths}) == len(paths)


def test_the_expected_ways_through(questionnaire):
    """The branching as designed: "no" ends at once; "none of these" tasks and paid care end early; under-16s
    skip the questions about benefits, study and work; under 20 hours skip benefits and study."""
    ways = {path.questions for path in all_paths(questionnaire.definition)}
    full = ("helps-someone", "why", "tasks", "hours", "paid", "your-age", "their-age", "their-benefit", "study", "work")
    assert ("helps-someone",) in ways
    assert full[:3] in ways
    assert full[:5] in ways
    assert full[:7] in ways  # under 16
    assert (*full[:7], "work") in ways  # under 20 hours a week
    assert full in ways
    assert len(ways) == 6


def test_answer_classes_group_options_the_rules_treat_alike(questionnaire):
    definition = questionnaire.definition
    assert answer_classes(definition, definition.by_id["helps-someone"]) == [("yes",), ("no",)]
    assert answer_classes(definition, definition.by_id["study"]) == [("not-studying",)]
    assert len(answer_classes(definition, definition.by_id["your-age"])) == 2  # under 16, or not


# -- Texts and translations ---------------------------------------------------------------------------------


def test_every_text_the_pages_use_is_in_english_and_none_is_unused(questionnaire):
    texts = questionnaire.definition.texts
    missing = [key for key in PAGE_TEXTS if key not in texts]
    unused = [key for key in texts if key not in PAGE_TEXTS]
    assert not missing, f"texts the pages use but am-i-a-carer.yaml lacks: {missing}"
    assert not unused, f"texts in am-i-a-carer.yaml that no page shows (translators would waste time): {unused}"
    for key, text in iter_texts(questionnaire.definition):
        assert text.strip(), f"{key} is empty"


def test_every_language_has_a_translation_file_whose_keys_are_english_keys(questionnaire):
    for lang in TRANSLATED:
        assert (DIRECTORY / f"{AM_I_A_CARER}.{lang}.yaml").exists(), f"no translation file for {lang}"
    assert not questionnaire.catalog.problems(), "\n".join(questionnaire.catalog.problems())


def test_translations_are_complete_or_reported(questionnaire, request, capsys):
    """Reports missing translations; fails only when the definition says translations are required."""
    total = len(questionnaire.catalog.english)
    missing = {lang: questionnaire.catalog.missing(lang) for lang in TRANSLATED}
    lines = [
        f"{lang}: {len(keys)} of {total} texts not yet translated (shown in English)" for lang, keys in missing.items()
    ]
    if questionnaire.definition.require_translations:
        assert not any(missing.values()), "require_translations is true, but:\n" + "\n".join(lines)
        return
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        with capsys.disabled():  # shown in the run's output, captured or not
            reporter.write_line("")
            reporter.write_line("am-i-a-carer translations (require_translations: false, so not a failure):")
            for line in lines:
                reporter.write_line(f"  {line}")


def test_require_translations_switch_is_off_for_now_with_its_reason():
    text = DEFINITION.read_text(encoding="utf-8")
    assert re.search(r"^require_translations: false$", text, flags=re.MULTILINE)
    before = text.split("require_translations:")[0].splitlines()[-3:]
    assert any("lead" in line for line in before), "say, in a comment, who switches it on and when"


def test_a_partial_translation_loads_and_a_required_one_is_enforced(tmp_path, questionnaire):
    definition = questionnaire.definition
    english = definition.english_texts()
    key = "texts.start-title"
    (tmp_path / f"{AM_I_A_CARER}.bn.yaml").write_text(
        yaml.safe_dump(
            {
                "lang": "bn",
                "status": "machine-draft",
                "texts": {key: {"text": "আমি কি কেয়ারার?", "source_hash": text_hash(english[key])}},
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    catalog = load_catalog(definition, tmp_path, LANGUAGES, "en")
    assert catalog.look_up(key, "bn").status == "machine-draft"
    assert catalog.look_up("texts.start-lede", "bn").status == "missing"
    assert len(catalog.missing("bn")) == len(english) - 1
    assert catalog.missing("so") == list(english)  # no file at all: every text missing


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ({"lang": "so", "status": "missing", "texts": {}}, "file name says 'bn'"),
        ({"lang": "bn", "status": "missing", "texts": {"texts.back": {"text": "x", "source_hash": "y"}}}, "no texts"),
        ({"lang": "bn", "status": "reviewed", "texts": {}}, "reviewed_by"),
        ({"lang": "bn", "status": "finished", "texts": {}}, "status"),
    ],
)
def test_a_broken_translation_file_is_refused(tmp_path, questionnaire, content, message):
    (tmp_path / f"{AM_I_A_CARER}.bn.yaml").write_text(yaml.safe_dump(content), encoding="utf-8")
    with pytest.raises(DefinitionError, match=message):
        load_catalog(questionnaire.definition, tmp_path, LANGUAGES, "en")


# -- Sources and taxonomy -----------------------------------------------------------------------------------


def test_every_source_comes_from_the_facts_pack():
    facts = FACTS_PACK.read_text(encoding="utf-8")
    for path in (DEFINITION, DIRECTORY / "benefit-rules.yaml"):
        urls = set(re.findall(r"https?://[^\s\"']+", path.read_text(encoding="utf-8")))
        assert urls
        unsourced = sorted(url for url in urls if url not in facts)
        assert not unsourced, f"{path.name}: addresses not in the facts pack: {unsourced}"


def test_every_outcome_lists_services_from_real_taxonomy_terms(questionnaire):
    tax = load_taxonomy(CONTENT / "taxonomy.yaml")
    for outcome in questionnaire.definition.outcomes:
        assert outcome.taxonomy, f"{outcome.id}: no taxonomy terms"
        unknown = [slug for slug in outcome.taxonomy if slug not in tax.by_slug]
        assert not unknown, f"{outcome.id}: not terms of content/taxonomy.yaml: {unknown}"


def test_internal_links_name_real_content_pages(questionnaire):
    for outcome in questionnaire.definition.outcomes:
        for block in outcome.blocks:
            if block.link and block.link.startswith("/"):
                section, slug = block.link.strip("/").split("/")
                assert (CONTENT / "en" / section / f"{slug}.md").exists(), f"{outcome.id}: {block.link}"


# -- The loader refuses broken files ------------------------------------------------------------------------


def test_the_real_file_loads(raw, tmp_path):
    assert _load(tmp_path, raw).first.id == "helps-someone"


def test_a_loop_is_refused(raw, tmp_path):
    _question(raw, "work")["next"] = [{"goto": "hours"}]
    assert "loop: " in _problems(tmp_path, raw)


def test_a_goto_to_nowhere_is_refused(raw, tmp_path):
    _question(raw, "study")["next"] = [{"goto": "wrok"}]
    assert "goes to 'wrok', which is not a question" in _problems(tmp_path, raw)


def test_a_dead_end_is_refused(raw, tmp_path):
    _question(raw, "hours")["next"] = [{"if": {"hours": ["under-20"]}, "goto": "paid"}]
    assert "the last `next` rule must have no `if`" in _problems(tmp_path, raw)


def test_an_unreachable_question_is_refused(raw, tmp_path):
    _question(raw, "their-benefit")["next"] = [{"goto": "work"}]  # nothing leads to `study` any more
    problems = _problems(tmp_path, raw)
    assert "unreachable: no way through the questions leads to 'study'" in problems


def test_a_rule_about_a_question_not_yet_asked_is_refused(raw, tmp_path):
    _question(raw, "why")["next"] = [{"if": {"hours": ["under-20"]}, "goto": "paid"}, {"goto": "tasks"}]
    assert "asks about ['hours'] before it is asked" in _problems(tmp_path, raw)


def test_a_rule_that_is_never_used_is_refused(raw, tmp_path):
    _question(raw, "why")["next"] = [{"goto": "tasks"}, {"goto": RESULT}]
    assert "rule 1 has no `if`, so the rules after it are never used" in _problems(tmp_path, raw)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: _question(d, "hours")["options"].append({"value": "35-or-more", "label": "x"}), "used twice"),
        (lambda d: _question(d, "hours").update(title="About {hours_a_week}"), "unknown placeholder"),
        (lambda d: _question(d, "hours").pop("error"), "error"),
        (lambda d: _question(d, "paid")["options"][0].update(exclusive=True), "only checkboxes"),
        (lambda d: _question(d, "hours").update(id="Hours"), "lower-case"),
        (lambda d: d["questions"][0]["next"][0]["if"].update({"helps-someone": ["maybe"]}), "'maybe' is not an answer"),
        (lambda d: d["outcomes"][0]["blocks"].append({"key": "x", "link": "carers"}), "text"),
        (lambda d: d["outcomes"][0]["blocks"].append({"key": "x", "text": "y", "link": "ftp://x"}), "https"),
    ],
)
def test_mistakes_in_the_file_are_refused_with_a_reason(raw, tmp_path, change, message):
    data = copy.deepcopy(raw)
    change(data)
    assert message in _problems(tmp_path, data)

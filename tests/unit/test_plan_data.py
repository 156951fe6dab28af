"""The Carers Action Plan's data files are honest to their sources: the areas (Part II), the tracker seed (Part
III, rows 1-9) and "You said, we did"; and the plain functions built on them (translations, map and chart
geometry, the Atom builder)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import feedparser
import pytest
import yaml

from app.directory.taxonomy import load_taxonomy
from app.plan import charts
from app.plan.areas import PlanDataError, load_areas
from app.plan.feeds import Entry, build_feed
from app.plan.seed import load_seed_file
from app.plan.translation import choose, notice_status, text_hash
from app.plan.you_said import load_asks

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
PLAN = CONTENT / "carers-action-plan"
FACTS = ROOT.parent / "shared" / "facts" / "facts-pack.md"
SEED_003 = ROOT.parent / "shared" / "seeds" / "003_57060d377f936d98.txt"
LANGUAGES = [entry["code"] for entry in yaml.safe_load((CONTENT / "languages.yaml").read_text())["languages"]]
AREA_SLUGS = [
    "communication",
    "information-and-advice",
    "mental-health-support",
    "carer-conversations",
    "emergency-and-future-planning",
    "health-and-hospital-discharge",
    "young-adult-carers-support",
    "carers-breaks",
    "accessibility",
    "financial-and-legal-support",
    "employment-education-and-training",
]
FACTS_AREAS = {"Communication": "communication", "Information & Advice": "information-and-advice"}


def _areas(page_keys=None):
    terms = set(load_taxonomy(CONTENT / "taxonomy.yaml").by_slug)
    return load_areas(PLAN / "areas.yaml", languages=LANGUAGES, term_slugs=terms, page_keys=page_keys)


def _english_page_keys() -> set[str]:
    return {f"{p.parent.name}/{p.stem}" for p in (CONTENT / "en").glob("*/*.md")}


def _tracker_rows() -> dict[int, tuple[str, str]]:
    """The facts pack's "Tracker rows reached" table: number -> (area, step)."""
    text = FACTS.read_text(encoding="utf-8")
    table = text[text.index("**Tracker rows reached**") : text.index("### Borough Partnership Carers Board")]
    rows = {}
    for line in table.splitlines():
        match = re.match(r"^\| (\d+) \| ([^|]+) \| (.+) \|$", line)
        if match:
            rows[int(match[1])] = (match[2].strip(), match[3].strip())
    return rows


SEED = yaml.safe_load((PLAN / "tracker-seed.yaml").read_text(encoding="utf-8"))


# -- areas.yaml ----------------------------------------------------------------------------------------------


def test_the_eleven_areas_in_published_order_with_their_slugs():
    areas = _areas(_english_page_keys())
    assert [a.slug for a in areas.areas] == AREA_SLUGS
    assert [a.number for a in areas.areas] == list(range(1, 12))


def test_every_area_has_a_content_page_with_the_priority_area_layout():
    for slug in AREA_SLUGS:
        meta = yaml.safe_load((CONTENT / "en" / "carers-action-plan" / f"{slug}.md").read_text().split("---")[1])
        assert meta["layout"] == "priority-area", slug
    index = yaml.safe_load((CONTENT / "en" / "carers-action-plan" / "index.md").read_text().split("---")[1])
    assert index["layout"] == "plan-home"


@pytest.mark.parametrize("lang", [code for code in LANGUAGES if code != "en"])
def test_area_titles_are_translated_by_machine_and_say_so(lang):
    for area in _areas().areas:
        shown = area.title(lang)
        assert shown.lang == lang and shown.status == "machine-draft", (area.slug, shown)
    scripts = {"bn": "[\u0980-\u09ff]", "ar": "[\u0600-\u06ff]"}
    if lang in scripts:
        assert all(re.search(scripts[lang], a.title(lang).text) for a in _areas().areas)


def test_a_changed_english_title_makes_its_translations_outdated(tmp_path):
    raw = yaml.safe_load((PLAN / "areas.yaml").read_text(encoding="utf-8"))
    raw["areas"][0]["titles"]["en"]["title"] = "Talking and listening"
    path = tmp_path / "areas.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    terms = set(load_taxonomy(CONTENT / "taxonomy.yaml").by_slug)
    area = load_areas(path, languages=LANGUAGES, term_slugs=terms).areas[0]
    assert area.title("bn").status == "outdated"
    assert area.title("en").text == "Talking and listening"


def test_unknown_terms_and_pages_stop_the_site(tmp_path):
    raw = yaml.safe_load((PLAN / "areas.yaml").read_text(encoding="utf-8"))
    raw["areas"][2]["terms"].append("no-such-term")
    raw["areas"][3]["pages"].append("carers/no-such-page")
    path = tmp_path / "areas.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    terms = set(load_taxonomy(CONTENT / "taxonomy.yaml").by_slug)
    with pytest.raises(PlanDataError) as error:
        load_areas(path, languages=LANGUAGES, term_slugs=terms, page_keys=_english_page_keys())
    assert "no-such-term" in str(error.value) and "carers/no-such-page" in str(error.value)


# -- tracker-seed.yaml ---------------------------------------------------------------------------------------


def test_the_seed_loads():
    data = load_seed_file(PLAN / "tracker-seed.yaml", _areas(), LANGUAGES)
    assert [a.number for a in data.actions] == list(range(1, 10))


def test_every_seeded_step_is_the_facts_packs_own_words_with_its_number_and_area():
    rows = _tracker_rows()
    assert sorted(rows) == list(range(1, 10)), "the facts pack's table has changed: re-check the seed"
    for action in SEED["actions"]:
        area, step = rows[action["number"]]
        assert FACTS_AREAS[area] == action["area"], action["number"]
        if action["step"] is not None:
            assert action["step"] == step, action["number"]
            assert action["step"] in FACTS.read_text(encoding="utf-8")


def test_row_nine_is_there_without_its_unreadable_step():
    nine = next(a for a in SEED["actions"] if a["number"] == 9)
    assert nine["step"] is None and nine["translations"] == {} and nine["progress"] == []
    assert "Promotio" in _tracker_rows()[9][1]  # the facts pack: the text breaks off here


def test_blank_columns_stay_blank_and_every_status_starts_not_yet_reported():
    for action in SEED["actions"]:
        for column in ("outcome_measure", "success", "lead", "timescale"):
            assert action[column] is None, (action["number"], column)
        assert action["status"] == "not-yet-reported"


def test_progress_updates_come_only_from_seed_003_and_only_where_it_clearly_names_the_work():
    seeded = {a["number"]: a["progress"] for a in SEED["actions"] if a["progress"]}
    assert set(seeded) == {3, 4}
    source = SEED_003.read_text(encoding="utf-8")
    # Section 5.3 of the Scrutiny Committee update names both pieces of work, for September to December 2024.
    assert "developing and distributing leaflets and posters" in source
    assert "identifying and utilising effective locations for advertising and promotion" in source
    for updates in seeded.values():
        for update in updates:
            assert update["sources"] == ["003_57060d377f936d98.txt"]
            assert update["date"] == dt.date(2024, 9, 9)  # the report's date
            assert update["text"].startswith("Planned.")  # a plan reported, not work reported done


def test_step_translations_are_machine_drafts_of_the_english_they_hash():
    for action in SEED["actions"]:
        for lang, translation in action["translations"].items():
            assert translation["status"] == "machine-draft"
            assert translation["source_hash"] == text_hash(action["step"]), (action["number"], lang)
        if action["step"] is not None:
            assert set(action["translations"]) == set(LANGUAGES) - {"en"}


def test_no_named_person_is_a_lead():
    assert all(action["lead"] is None for action in SEED["actions"])


# -- you-said-we-did.yaml ------------------------------------------------------------------------------------


def test_every_ask_comes_from_a_seed_and_names_real_actions_and_areas():
    seeds = {entry["file"] for entry in yaml.safe_load((CONTENT / "seeds.yaml").read_text())["seeds"]}
    asks = load_asks(PLAN / "you-said-we-did.yaml", areas=_areas(), languages=LANGUAGES, seeds=seeds)
    numbers = {a["number"] for a in SEED["actions"]}
    for ask in asks:
        assert set(ask.actions) <= numbers, ask.key
        for lang in LANGUAGES:
            shown = ask.text(lang)
            assert shown.status == ("original" if lang == "en" else "machine-draft"), (ask.key, lang)
    assert any(not ask.actions for ask in asks), "some asks have no answering action: the page must say so"


def test_asks_are_paraphrases_of_what_their_seed_says():
    # A few words of each ask must be found in its seed, so none is invented.
    anchors = {
        "see-themselves-as-carers": "not all carers identifying as unpaid carers",
        "know-rights-and-support": "not knowing their rights or how to access support",
        "joined-up-services": "better joined up health, social care",
        "accessible-information": "mixed carers feedback on the availability of accessible information and advice",
        "carer-assessments": "mixed accounts of the carers assessment and review process",
        "flexible-support": "more flexible support would help them",
        "breaks": "mixed feedback about availability of respite and short breaks",
        "direct-payments": "didn't know about direct payments as an option",
        "financial-limits": "ineligible for support due to financial limits",
    }
    raw = yaml.safe_load((PLAN / "you-said-we-did.yaml").read_text(encoding="utf-8"))["asks"]
    assert {ask["key"] for ask in raw} == set(anchors)
    for ask in raw:
        seed = (ROOT.parent / "shared" / "seeds" / ask["source"]).read_text(encoding="utf-8")
        assert anchors[ask["key"]] in seed, ask["key"]


# -- translation, geometry, feeds ----------------------------------------------------------------------------


def test_translation_status_rules():
    english = "Create a map of services so carers know whom to contact."
    assert choose(english, "en", None, None, None).status == "original"
    assert choose(english, "so", None, None, None) == choose(english, "so", "", "machine-draft", "x")
    assert choose(english, "so", None, None, None).lang == "en"
    assert choose(english, "so", "Samee", "machine-draft", text_hash(english)).status == "machine-draft"
    assert choose(english + " Now.", "so", "Samee", "machine-draft", text_hash(english)).status == "outdated"
    shown = [choose(english, "ar", "خريطة", "reviewed", text_hash(english)), choose(english, "ar", None, None, None)]
    assert notice_status(shown) == "missing"
    assert notice_status(shown[:1]) is None


def test_the_map_mirrors_for_right_to_left_and_wraps_long_titles():
    entries = [
        (1, "/a", "Communication", "en", "6 actions"),
        (11, "/b", "Employment, education and training", "en", ""),
    ]
    ltr = charts.area_map(entries, "en", rtl=False)
    rtl = charts.area_map(entries, "ar", rtl=True)
    assert ltr.stops[0].cx == charts.WIDTH - rtl.stops[0].cx
    assert ltr.stops[0].text_x == charts.WIDTH - rtl.stops[0].text_x
    assert len(ltr.stops[1].title) == 2  # wrapped onto two lines
    assert ltr.stops[1].cy > ltr.stops[0].cy and ltr.height > ltr.stops[1].title[-1].y


def test_chart_bars_are_proportional_and_mirror():
    rows = [("1. A", "en", {"done": 1, "not-yet-reported": 3}), ("2. B", "en", {})]
    order = ("done", "not-yet-reported")
    ltr = charts.progress_chart(rows, order, {s: s for s in order}, "en", rtl=False)
    rtl = charts.progress_chart(rows, order, {s: s for s in order}, "ar", rtl=True)
    done, waiting = ltr.rows[0].segments
    assert waiting.width == pytest.approx(3 * done.width) and waiting.x == pytest.approx(done.x + done.width)
    assert ltr.rows[1].segments == [] and ltr.rows[1].total == 0
    mirrored = rtl.rows[0].segments[0]
    assert mirrored.x == pytest.approx(charts.WIDTH - done.x - done.width)


def test_the_atom_builder_makes_a_valid_feed():
    entry = Entry(
        "3f0c1a8e-8a8c-4b1f-9d7e-2b8c6a4d5e6f",
        "Action 4: progress update",
        dt.datetime(2025, 3, 1, 9, 30),
        "https://example.test/en/carers-action-plan/tracker/actions/4#version-2",
        "Leaflets & posters <done>",
        "en",
    )
    body = build_feed(
        lang="ar",
        area=None,
        title="خطة",
        subtitle="s",
        author="a",
        self_url="https://example.test/feed.atom",
        page_url="https://example.test/",
        entries=[entry],
    )
    parsed = feedparser.parse(body)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.feed.title == "خطة" and parsed.feed.updated.startswith("2025-03-01T09:30:00")
    assert parsed.entries[0].content[0].value == "Leaflets & posters <done>"
    assert parsed.entries[0].id.startswith("urn:uuid:")
    empty = feedparser.parse(
        build_feed(lang="en", area="x", title="t", subtitle="s", author="a", self_url="u", page_url="p", entries=[])
    )
    assert empty.bozo == 0 and empty.feed.updated.startswith("2024-07-22")

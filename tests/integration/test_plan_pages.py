"""The Carers Action Plan's pages in every site language, through the page checks (one h1, title, ids, lang and
dir, labelled links): the plan home with its map and equal list, every priority area, the tracker, an action,
and "You said, we did". The content route serves the plan home and the areas; their layouts ask the tracker."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.directory.seed import load_seed_file, seed_directory, seed_path
from app.directory.taxonomy import taxonomy
from app.extensions import db
from app.plan import tracker
from app.plan.data import plan_data
from tests.integration.test_auth_support import run_cli
from tests.support.i18n_text import squash
from tests.support.site_pages import site_languages

LANGUAGES = site_languages()
AREAS = [
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
DIRECTIONS = {"ar": "rtl"}


@pytest.fixture
def seeded(app):
    tax = taxonomy()
    seed_directory(load_seed_file(seed_path(Path(app.config["CONTENT_DIR"])), tax), tax)
    db.session.commit()
    result = run_cli(app, ["plan", "seed"])
    assert result.exit_code == 0, result.output
    return app


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_plan_home_has_a_map_and_an_equal_list(seeded, client, get_page, lang):
    soup = get_page(client, f"/{lang}/carers-action-plan/")
    svg = soup.find("svg", class_="app-plan-map__svg")
    assert svg["role"] == "group" and svg["aria-labelledby"] == "plan-map-heading" and svg.get("viewBox")
    assert svg.find(attrs={"role": "list"}) and len(svg.find_all(attrs={"role": "listitem"})) == 11
    map_links = svg.find_all("a")
    list_links = soup.select("ul.app-plan-area-list a")
    assert [a["href"] for a in map_links] == [a["href"] for a in list_links]
    assert [a["href"].rsplit("/", 1)[-1] for a in map_links] == AREAS
    for drawn, listed in zip(map_links, list_links, strict=True):
        words = squash(listed.get_text(" "))
        assert squash(drawn["aria-label"]) == words  # the same name: number and title
        assert squash(drawn.get_text(" ")).replace(" ", "") == words.replace(" ", "")  # and the same visible words
        assert drawn.get("lang") == listed.get("lang")
    statuses_drawn = [squash(t.get_text(" ")) for t in svg.select("text.app-plan-map__status")]
    statuses_listed = [squash(s.get_text(" ")) for s in soup.select(".app-plan-area-list__status")]
    assert statuses_drawn == statuses_listed and len(statuses_listed) == 11
    assert soup.find(attrs={"style": True}) is None and not soup.find("style")
    if lang == "en":
        assert statuses_listed[0] == "6 actions: 6 not yet reported"
        assert statuses_listed[7] == "No actions in the tracker yet"
    else:
        area_names = [squash(a.get_text(" ")) for a in list_links]
        expected = [f"{area.number} {area.title(lang).text}" for area in plan_data().areas.areas]
        assert area_names == expected  # in the reader's language
    hrefs = {a["href"] for a in soup.select(".app-plan-links a")}
    for target in ("principles", "tracker", "the-carers-board", "get-involved", "you-said-we-did"):
        assert f"/{lang}/carers-action-plan/{target}" in hrefs


def test_the_map_is_drawn_right_to_left_in_arabic(seeded, client, get_page):
    english = get_page(client, "/en/carers-action-plan/").find("svg", class_="app-plan-map__svg")
    arabic = get_page(client, "/ar/carers-action-plan/").find("svg", class_="app-plan-map__svg")
    assert english["direction"] == "ltr" and arabic["direction"] == "rtl"
    left = float(english.find("circle")["cx"])
    right = float(arabic.find("circle")["cx"])
    assert left < 100 < 260 < right


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", AREAS)
def test_every_priority_area_page_renders_with_its_actions(seeded, client, get_page, lang, slug):
    soup = get_page(client, f"/{lang}/carers-action-plan/{slug}")
    section = soup.find("section", attrs={"aria-labelledby": "area-actions-heading"})
    expected = [a.number for a in tracker.all_actions() if a.current.area == slug]
    linked = [a["href"] for a in section.select(".app-plan-actions a")]
    assert linked == [f"/{lang}/carers-action-plan/tracker/actions/{n}" for n in expected]
    feed = f"/{lang}/carers-action-plan/tracker/areas/{slug}/feed.atom"
    assert soup.find("a", href=feed) and soup.find("link", attrs={"type": "application/atom+xml", "href": feed})
    services = soup.find("section", attrs={"aria-labelledby": "area-services-heading"})
    assert services.find("a", href=lambda h: h and "/services/categories/" in h)


def test_area_pages_list_directory_services_in_their_categories(seeded, client, get_page):
    soup = get_page(client, "/en/carers-action-plan/carers-breaks")
    services = soup.find("section", attrs={"aria-labelledby": "area-services-heading"}).select("li a")
    assert any("/en/services/" in a["href"] and "categories" not in a["href"] for a in services)
    arabic = get_page(client, "/ar/carers-action-plan/carers-breaks")
    names = arabic.find("section", attrs={"aria-labelledby": "area-services-heading"}).select(
        "a[href*='/ar/services/']"
    )
    assert names and all(a.get("lang") in ("en", None) for a in names)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_tracker_action_and_you_said_pages_render(seeded, client, get_page, lang):
    tracker_page = get_page(client, f"/{lang}/carers-action-plan/tracker")
    region = tracker_page.find("div", class_="app-plan-scroll")
    assert region["role"] == "region" and region["tabindex"] == "0"
    action = get_page(client, f"/{lang}/carers-action-plan/tracker/actions/3")
    if lang != "en":
        step = action.find("p", class_="govuk-body-l")
        assert step.get("lang") is None  # the step is shown translated (machine-draft, with a notice)
        assert action.find(class_="app-translation-notice")
    get_page(client, f"/{lang}/carers-action-plan/tracker/actions/9")
    said = get_page(client, f"/{lang}/carers-action-plan/you-said-we-did")
    assert len(said.select(".app-plan-asks__item")) == 9


def test_you_said_we_did_derives_what_was_done_from_the_tracker(seeded, client, get_page):
    def item(soup, words):
        return next(li for li in soup.select(".app-plan-asks__item") if words in li.get_text())

    soup = get_page(client, "/en/carers-action-plan/you-said-we-did")
    assert "Nothing done yet" in item(soup, "see themselves as unpaid carers").get_text()
    assert "No action in the part of the tracker" in item(soup, "respite and short breaks").get_text()
    four = tracker.get_action(4)
    tracker.edit_action(four, four.version, tracker.Values(**{**four.current.values(), "status": "done"}), actor=None)
    db.session.commit()
    soup = get_page(client, "/en/carers-action-plan/you-said-we-did")
    answered = item(soup, "see themselves as unpaid carers").get_text(" ")
    assert "Done: 1 action that answers this is reported as done." in squash(answered)


def test_a_step_changed_in_english_shows_its_translation_as_outdated(seeded, client, get_page):
    one = tracker.get_action(1)
    values = one.current.values()
    tracker.edit_action(one, one.version, tracker.Values(**{**values, "step": values["step"] + " Twice."}), actor=None)
    db.session.commit()
    soup = get_page(client, "/bn/carers-action-plan/tracker/actions/1")
    assert soup.find(class_="app-translation-notice--outdated")  # the English changed since it was translated
    tracker_page = get_page(client, "/bn/carers-action-plan/tracker")
    assert tracker_page.find(class_="app-translation-notice--outdated")

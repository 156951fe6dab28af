"""The plan's data files, loaded and checked once per process (like the content repository and the taxonomy)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from app.plan.areas import PlanAreas, areas_path, load_areas
from app.plan.you_said import Ask, asks_path, load_asks


@dataclass(frozen=True)
class PlanData:
    areas: PlanAreas
    asks: tuple[Ask, ...]


def load_plan_data(app: Flask) -> PlanData:
    content_dir = Path(app.config["CONTENT_DIR"])
    languages = list(app.extensions["site_languages"])
    repo = app.extensions["content"]
    english_pages = {key for (lang, key) in repo.pages if lang == repo.default_lang}
    areas = load_areas(
        areas_path(content_dir),
        languages=languages,
        term_slugs=set(app.extensions["camden_taxonomy"].by_slug),
        page_keys=english_pages,
    )
    asks = load_asks(asks_path(content_dir), areas=areas, languages=languages, seeds=set(app.extensions["seed_titles"]))
    return PlanData(areas, asks)


def plan_data() -> PlanData:
    return current_app.extensions["plan"]

"""The content repository for the running app, and the context a content page is rendered with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from flask import Flask, current_app

from app.content.loader import ContentRepository, Page, Resolved


def init_app(app: Flask) -> None:
    app.extensions["content"] = ContentRepository(
        Path(app.config["CONTENT_DIR"]),
        list(app.extensions["site_languages"]),
        app.config["DEFAULT_LANGUAGE"],
    )
    app.extensions["seed_titles"] = load_seed_titles(Path(app.config["CONTENT_DIR"]))


def repository() -> ContentRepository:
    return current_app.extensions["content"]


def load_seed_titles(content_dir: Path) -> dict[str, str]:
    data = yaml.safe_load((content_dir / "seeds.yaml").read_text(encoding="utf-8"))
    return {entry["file"]: entry["title"] for entry in data["seeds"]}


@dataclass(frozen=True)
class Source:
    label: str
    url: str | None


def sources_of(page: Page) -> list[Source]:
    """Seeds are shown by their document title; URLs as links."""
    titles = current_app.extensions["seed_titles"]
    shown = []
    for source in page.meta.sources:
        if source.startswith("http"):
            shown.append(Source(source, source))
        else:
            shown.append(Source(titles.get(source, source), None))
    return shown


def page_context(resolved: Resolved, reader_lang: str) -> dict:
    repo = repository()
    page = resolved.page
    english = resolved.english
    context = {
        "resolved": resolved,
        "page": page,
        "body": repo.html(page, reader_lang),
        "sources": sources_of(english),
        "easy_read": None,
        "standard_version": None,
        "section_page": repo.english(english.section, "index"),
        "children": [],
    }
    if english.is_easy_read:
        context["standard_version"] = repo.english(english.section, english.base_slug)
    else:
        context["easy_read"] = repo.easy_read_of(english)
    if english.slug == "index":
        context["children"] = [
            repo.resolve(reader_lang, child.section, child.slug) for child in repo.pages_in(english.section)
        ]
    return context

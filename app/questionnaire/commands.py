"""`flask questionnaire …`: check the questionnaire files, see how far translations have got, and start one."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import yaml
from flask import current_app
from flask.cli import with_appcontext

from app.questionnaire import registry
from app.questionnaire.paths import all_paths
from app.questionnaire.texts import translation_path


@click.group("questionnaire")
def questionnaire() -> None:
    """The "Am I a carer?" questionnaire (content/questionnaires/)."""


@questionnaire.command("check")
@with_appcontext
def check() -> None:
    """Check the definition (it loaded, so its shape and paths are right), list every path and the translations."""
    q = registry.get()
    paths = all_paths(q.definition)
    click.echo(
        f"{q.definition.id}: {len(q.definition.questions)} questions, {len(paths)} paths, all ending in a result"
    )
    for path in paths:
        click.echo(f"  {path}")
    problems = q.catalog.problems()
    total = len(q.catalog.english)
    for lang in current_app.extensions["site_languages"]:
        if lang == current_app.config["DEFAULT_LANGUAGE"]:
            continue
        missing = len(q.catalog.missing(lang))
        click.echo(f"{lang}: {total - missing} of {total} texts translated, {missing} shown in English")
    for problem in problems:
        click.echo(f"problem: {problem}", err=True)
    if problems or (
        q.definition.require_translations
        and any(q.catalog.missing(lang) for lang in current_app.extensions["site_languages"] if lang != "en")
    ):
        sys.exit(1)


@questionnaire.command("translation-template")
@click.argument("lang")
@with_appcontext
def translation_template(lang: str) -> None:
    """Print the texts LANG still needs, in the translation file's format, with their English and hashes."""
    q = registry.get()
    if lang not in current_app.extensions["site_languages"] or lang == current_app.config["DEFAULT_LANGUAGE"]:
        raise click.BadParameter(f"{lang!r} is not a site language to translate into")
    missing = q.catalog.missing(lang)
    entries = {key: {"text": q.catalog.english[key], "source_hash": q.catalog.hashes[key]} for key in missing}
    path = translation_path(Path(current_app.config["CONTENT_DIR"]) / "questionnaires", q.definition.id, lang)
    click.echo(f"# {len(missing)} texts to translate into {lang} (replace each English text), for {path.name}")
    click.echo(yaml.safe_dump({"texts": entries}, allow_unicode=True, sort_keys=False, width=110))

"""`flask content …`: check content files and stamp translations with their English source hash."""

from __future__ import annotations

import re
from pathlib import Path

import click
from flask.cli import with_appcontext

from app.content.service import repository


@click.group()
def content() -> None:
    """Content files: check, list translation status, stamp source hashes."""


@content.command("check")
@with_appcontext
def check() -> None:
    """Load every content file (the app refuses to start on an invalid one) and list them."""
    repo = repository()
    for (lang, key), page in sorted(repo.pages.items()):
        click.echo(f"{lang}/{key}\t{page.meta.layout}\t{repo.status_of(page)}")
    click.echo(f"{len(repo.pages)} content files are valid.")


@content.command("hash")
@click.argument("key")
@with_appcontext
def show_hash(key: str) -> None:
    """Print the source hash of the English page KEY (section/slug)."""
    section, _, slug = key.partition("/")
    page = repository().english(section, slug)
    if page is None:
        raise click.ClickException(f"No English page {key}")
    click.echo(page.hash)


@content.command("stamp")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def stamp(path: Path) -> None:
    """Write the current English source hash into the translation at PATH.

    Do this only after a person has checked the translation against the current English: stamping says
    "this translation matches the English as it is now".
    """
    repo = repository()
    section, slug = path.parent.name, path.name.removesuffix(".md")
    english = repo.english(section, slug)
    if english is None:
        raise click.ClickException(f"{path} translates no English page")
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(r"(?m)^source_hash:.*$", f"source_hash: {english.hash}", text, count=1)
    if count != 1:
        raise click.ClickException(f"{path} has no source_hash line in its front matter")
    path.write_text(new, encoding="utf-8")
    click.echo(f"{path}: source_hash {english.hash}")

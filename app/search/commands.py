"""`flask search ...`: build the indexes, bring them up to date, say what serves, report unmet need."""

from __future__ import annotations

import datetime as dt

import click
from flask.cli import with_appcontext

from app.models import utcnow


@click.group()
def search() -> None:
    """The search indexes (one per language, under SEARCH_INDEX_DIR, on each machine)."""


@search.command("build")
@click.option("--lang", "languages", multiple=True, help="Only this language (repeatable); default: all.")
@with_appcontext
def build_command(languages: tuple[str, ...]) -> None:
    """Build every language's index as a new generation and swap it in (the old one serves until then)."""
    from app.search.index_builder import IndexLocked
    from app.search.indexer import build, index_root

    bar = click.progressbar(length=1, label="Indexing", show_pos=True)
    shown = 0

    def progress(done: int, total: int) -> None:
        nonlocal shown
        bar.length = total
        bar.update(done - shown)
        shown = done

    try:
        with bar:
            report = build(languages or None, progress=progress)
    except IndexLocked:
        raise click.ClickException("another build is running on this machine; try again when it has finished") from None
    click.echo(
        f"{report.services} services in {', '.join(report.languages)} in {report.seconds:.1f} s "
        f"({report.seconds / len(report.languages):.1f} s per language) under {index_root()}"
    )


@search.command("apply")
@with_appcontext
def apply_command() -> None:
    """Apply the change log to every language's index now (searches also do this when they need to)."""
    from app.search.indexer import apply_changes, index_languages

    for lang in index_languages():
        click.echo(f"{lang}: {'updated' if apply_changes(lang) else 'up to date'}")


@search.command("status")
@with_appcontext
def status_command() -> None:
    """Which generation serves each language, and whether it can be used here."""
    from app.search.indexer import index_languages
    from app.search.searcher import SearchUnavailable, use

    for lang in index_languages():
        try:
            with use(lang, catch_up=False) as snapshot:
                meta = snapshot.meta
                click.echo(
                    f"{lang}: {snapshot.pointer.generation} version {snapshot.pointer.version}, "
                    f"{snapshot.docs.live.bit_count()} documents, built {meta.get('built_at')}, "
                    f"change log applied up to {snapshot.cursor.through}"
                )
        except SearchUnavailable as exc:
            click.echo(f"{lang}: not available ({exc})")


@search.command("zero-results")
@click.option("--days", default=30, show_default=True, help="How far back to look.")
@with_appcontext
def zero_results_command(days: int) -> None:
    """Searches that found nothing (words and language only), most frequent first: the unmet-need report."""
    from app.search.zero_results import report

    rows = report(utcnow() - dt.timedelta(days=days))
    if not rows:
        click.echo(f"No searches found nothing in the last {days} days.")
    for words, lang, count in rows:
        click.echo(f"{count:5d}  {lang}  {words}")

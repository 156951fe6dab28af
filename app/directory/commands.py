"""`flask directory ...`: load the seed, make synthetic test directories, print the taxonomy's label hashes."""

from __future__ import annotations

import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from app.extensions import db


@click.group()
def directory() -> None:
    """The service directory's data."""


@directory.command("seed")
@with_appcontext
def seed_command() -> None:
    """Load content/directory/seed.yaml and the taxonomy (idempotent: upsert by UUID)."""
    from app.directory.seed import load_seed_file, seed_directory, seed_path
    from app.directory.taxonomy import taxonomy

    tax = taxonomy()
    data = load_seed_file(seed_path(Path(current_app.config["CONTENT_DIR"])), tax)
    report = seed_directory(data, tax)
    db.session.commit()
    click.echo(
        f"taxonomy rows changed: {report.taxonomy_changes}; services created: {len(report.created)}, "
        f"updated: {len(report.updated)}, unchanged: {len(report.unchanged)}, "
        f"skipped (verified by a person): {len(report.skipped_verified)}"
    )


@directory.command("synthetic")
@click.option("--count", default=10_000, show_default=True, help="How many services to make.")
@click.option("--seed", "random_seed", default=1, show_default=True, help="Random seed (same seed, same data).")
@with_appcontext
def synthetic_command(count: int, random_seed: int) -> None:
    """Replace the synthetic test directory (clearly fake, flagged synthetic) with a new one.

    For tests and benchmarks only: `make run` never loads it.
    """
    from app.directory.synthetic import generate

    started = time.perf_counter()
    made = generate(count=count, seed=random_seed)
    db.session.commit()
    click.echo(f"{made} synthetic services in {time.perf_counter() - started:.1f} s")


@directory.command("taxonomy-hashes")
@with_appcontext
def taxonomy_hashes_command() -> None:
    """Print each term's current English source hash, and the labels whose recorded hash differs."""
    from app.directory.taxonomy import taxonomy

    for term in taxonomy().terms:
        stale = [lang for lang, label in term.labels.items() if label.source_hash not in (None, term.english_hash)]
        click.echo(f"{term.slug}: {term.english_hash}" + (f"  outdated: {', '.join(stale)}" if stale else ""))


@directory.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@click.option(
    "--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Directory to write."
)
@click.option("--extensions", type=click.Choice(["camden"]), default=None, help="Add the x_camden fields (JSON only).")
@with_appcontext
def export_command(fmt: str, out: Path, extensions: str | None) -> None:
    """Write the public directory as Open Referral UK open data (no synthetic records, no adviser notes)."""
    from app.directory.export import export_directory

    try:
        report = export_directory(out, fmt, extensions=extensions == "camden")
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    for name, count in report.files.items():
        click.echo(f"{out / name}: {count}")


@directory.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_command(file: Path) -> None:
    """Load an ORUK feed file (a JSON list of full services): all checked first, then one transaction."""
    from app.directory.oruk_import import OrukImportError, import_feed
    from app.directory.taxonomy import taxonomy

    try:
        report = import_feed(file, taxonomy())
        db.session.commit()
    except OrukImportError as exc:
        db.session.rollback()
        click.echo(f"{file.name}: nothing imported; {len(exc.problems)} problems:\n{exc}", err=True)
        raise SystemExit(1) from None
    except Exception:
        db.session.rollback()
        raise
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(
        f"services created: {len(report.created)}, updated: {len(report.updated)}, unchanged: "
        f"{len(report.unchanged)}, skipped (verified by a person): {len(report.skipped_verified)}; "
        f"all unverified, source {file.name}"
    )

"""`flask plan …`: load the tracker's seed; print the hashes translations of the plan's texts record."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from app.extensions import db


@click.group()
def plan() -> None:
    """The Carers Action Plan's tracker."""


@plan.command("seed")
@with_appcontext
def seed_command() -> None:
    """Load content/carers-action-plan/tracker-seed.yaml (idempotent: never overwrites an action)."""
    from app.plan.data import plan_data
    from app.plan.seed import load_seed_file, seed_path, seed_tracker

    data = load_seed_file(
        seed_path(Path(current_app.config["CONTENT_DIR"])),
        plan_data().areas,
        list(current_app.extensions["site_languages"]),
    )
    report = seed_tracker(data)
    db.session.commit()
    click.echo(
        f"actions created: {len(report.created)}, already there (left as they are): {len(report.unchanged)}; "
        f"step translations added: {report.translations}; progress updates added: {report.progress_updates}"
    )


@plan.command("hashes")
@with_appcontext
def hashes_command() -> None:
    """The source_hash of each area title, "you said" text and action step as the English is now."""
    from sqlalchemy import select

    from app.plan.data import plan_data
    from app.plan.models import PlanAction
    from app.plan.translation import text_hash

    for area in plan_data().areas.areas:
        click.echo(f"area {area.slug}: {area.english_hash}")
    for ask in plan_data().asks:
        click.echo(f"you said {ask.key}: {text_hash(ask.said['en'].text)}")
    for action in db.session.scalars(select(PlanAction).order_by(PlanAction.number)):
        if action.current is not None and action.current.step is not None:
            click.echo(f"action {action.number}: {text_hash(action.current.step)}")

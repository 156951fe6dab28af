"""`flask purge`: delete the records that are older than the privacy notice says we keep them.

What to delete comes from the retention registry (app/retention.py ITEMS) and RETENTION_DAYS, the same data
the privacy notice shows. Every kind is deleted in one transaction, so a failure leaves nothing half done;
running it again straight away deletes nothing more. Run it daily (cron or a scheduled task).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import delete, func, select

from app.extensions import db
from app.models import utcnow
from app.retention import ITEMS, RetentionItem


@dataclass(frozen=True)
class Purged:
    key: str
    days: int
    count: int  # deleted, or in a dry run, that would be deleted


def purge(now: dt.datetime | None = None, dry_run: bool = False) -> list[Purged]:
    """Delete every registered kind of record older than its retention period, in one transaction."""
    now = now or utcnow()
    periods = current_app.config["RETENTION_DAYS"]
    results = []
    try:
        for item in ITEMS:
            days = periods[item.key]
            count = _purge_one(item, now - dt.timedelta(days=days), dry_run)
            results.append(Purged(item.key, days, count))
    except Exception:
        db.session.rollback()
        raise
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    return results


def _purge_one(item: RetentionItem, cutoff: dt.datetime, dry_run: bool) -> int:
    expired = item.timestamp < cutoff
    if dry_run:
        return db.session.scalar(select(func.count()).select_from(item.model).where(expired)) or 0
    result = db.session.execute(delete(item.model).where(expired).execution_options(synchronize_session=False))
    return result.rowcount  # type: ignore[attr-defined]


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Count what would be deleted; delete nothing.")
@with_appcontext
def purge_command(dry_run: bool) -> None:
    """Delete records older than their retention period (RETENTION_DAYS; shown in the privacy notice)."""
    verb = "would delete" if dry_run else "deleted"
    for purged in purge(dry_run=dry_run):
        click.echo(f"{purged.key}: {verb} {purged.count} older than {purged.days} days")

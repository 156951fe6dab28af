"""`flask purge`: every kind of record in the retention registry is deleted once it is older than its period,
on SQLite and PostgreSQL; a dry run deletes nothing; a second run deletes nothing more."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.auth.models import AuditEvent, SignInEvent
from app.extensions import db
from app.feedback.models import Feedback
from app.models import utcnow
from app.purge import purge
from app.questionnaire.models import QuestionnaireCount
from app.retention import ITEMS, retention_rows
from app.search.models import ZeroResultSearch

# One row of each registered kind, dated `at`. A new RetentionItem needs a factory here (a test says so).
FACTORIES = {
    "feedback": lambda at: Feedback(at=at, path="/en/", lang="en", useful=True, comment=""),
    "sign_in_events": lambda at: SignInEvent(at=at, outcome="wrong-password"),
    "audit_log": lambda at: AuditEvent(at=at, action="test", target="purge"),
    "questionnaire_counts": lambda at: QuestionnaireCount(
        questionnaire="am-i-a-carer",
        iso_week=f"{at:%G-W%V}",
        week_start=at,
        lang="en",
        outcome=f"test-{at:%Y%m%d%H%M%S%f}",
        count=1,
    ),
    "zero_result_searches": lambda at: ZeroResultSearch(at=at, words="test", lang="en"),
}


def _seed(app) -> dict[str, dict[str, int]]:
    """For each kind: a row a day past its period (to go) and one a day inside it (to stay); their ids."""
    now = utcnow()
    rows = {}
    for item in ITEMS:
        days = app.config["RETENTION_DAYS"][item.key]
        old = FACTORIES[item.key](now - dt.timedelta(days=days + 1))
        recent = FACTORIES[item.key](now - dt.timedelta(days=days - 1))
        db.session.add_all([old, recent])
        db.session.flush()
        rows[item.key] = {"old": old.id, "recent": recent.id}
    db.session.commit()
    return rows


def _ids(item) -> set[int]:
    db.session.expire_all()
    return set(db.session.scalars(select(item.model.id)))


def _total() -> int:
    return sum(db.session.scalar(select(func.count()).select_from(item.model)) for item in ITEMS)


def test_every_registered_kind_has_a_period_and_a_test_factory(app):
    keys = [item.key for item in ITEMS]
    assert len(keys) == len(set(keys))
    assert set(keys) == set(app.config["RETENTION_DAYS"])
    assert set(keys) == set(FACTORIES)


def test_privacy_notice_rows_come_from_the_registry(app):
    with app.test_request_context("/en/"):
        rows = retention_rows()
    assert [row.what for row in rows] == [str(item.what) for item in ITEMS]
    days = [app.config["RETENTION_DAYS"][item.key] for item in ITEMS]
    assert [row.how_long for row in rows] == [f"{n} days" for n in days]


def test_purge_deletes_old_rows_and_keeps_recent_ones(any_app):
    rows = _seed(any_app)
    result = any_app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    for item in ITEMS:
        days = any_app.config["RETENTION_DAYS"][item.key]
        assert f"{item.key}: deleted 1 older than {days} days" in result.output
        assert _ids(item) == {rows[item.key]["recent"]}

    again = any_app.test_cli_runner().invoke(args=["purge"])
    assert again.exit_code == 0, again.output
    for item in ITEMS:
        assert f"{item.key}: deleted 0 " in again.output
    assert _total() == len(ITEMS)


def test_dry_run_counts_and_deletes_nothing(any_app):
    _seed(any_app)
    result = any_app.test_cli_runner().invoke(args=["purge", "--dry-run"])
    assert result.exit_code == 0, result.output
    for item in ITEMS:
        assert f"{item.key}: would delete 1 " in result.output
    assert _total() == 2 * len(ITEMS)


def test_a_failure_part_way_deletes_nothing(any_app, monkeypatch):
    _seed(any_app)
    broken = dict(any_app.config["RETENTION_DAYS"])
    del broken[ITEMS[-1].key]  # the last kind fails after the others have been deleted
    monkeypatch.setitem(any_app.config, "RETENTION_DAYS", broken)
    with pytest.raises(KeyError):
        purge()
    assert _total() == 2 * len(ITEMS)

"""`flask directory synthetic` on SQLite and PostgreSQL: deterministic, flagged, replaces itself, leaves the
seeded directory alone."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app.directory.models import AdviserNote, Location, Organization, Schedule, Service, ServiceAttribute
from app.directory.seed import load_seed_file, seed_directory, seed_path
from app.directory.synthetic import generate
from app.directory.taxonomy import taxonomy
from app.extensions import db


def _snapshot():
    return sorted(db.session.execute(select(Service.id, Service.name, Service.status, Service.assured_date)).all())


def test_the_same_seed_makes_the_same_directory(any_app):
    generate(count=40, seed=3, batch=15)
    db.session.commit()
    first = _snapshot()
    generate(count=40, seed=3, batch=15)
    db.session.commit()
    assert _snapshot() == first
    assert len(first) == 40
    generate(count=40, seed=4)
    db.session.commit()
    assert _snapshot() != first


def test_synthetic_records_are_flagged_and_named_as_test_data(any_app):
    generate(count=30, seed=1)
    db.session.commit()
    services = db.session.scalars(select(Service)).all()
    assert len(services) == 30
    assert all(s.synthetic and not s.verified and s.name.endswith("(test data)") for s in services)
    assert all(o.synthetic for o in db.session.scalars(select(Organization)))
    assert all(loc.synthetic for loc in db.session.scalars(select(Location)))
    assert db.session.scalar(select(func.count()).select_from(ServiceAttribute)) >= 30
    assert db.session.scalar(select(func.count()).select_from(Schedule)) > 0


def test_regenerating_replaces_only_synthetic_records(any_app):
    tax = taxonomy()
    seed_directory(load_seed_file(seed_path(Path(any_app.config["CONTENT_DIR"])), tax), tax)
    db.session.commit()
    real = db.session.scalar(select(func.count()).select_from(Service))
    real_notes = db.session.scalar(select(func.count()).select_from(AdviserNote))
    generate(count=50, seed=9)
    db.session.commit()
    generate(count=20, seed=10)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Service).where(Service.synthetic)) == 20
    assert db.session.scalar(select(func.count()).select_from(Service).where(~Service.synthetic)) == real
    notes = db.session.scalar(
        select(func.count()).select_from(AdviserNote).join(Service, Service.id == AdviserNote.service_id)
    )
    assert notes >= real_notes
    assert db.session.scalar(select(func.count()).select_from(AdviserNote)) == notes  # no orphans left behind

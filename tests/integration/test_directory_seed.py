"""`flask directory seed` on SQLite and PostgreSQL: it loads, it is idempotent, nothing seeded claims to be
checked, every service has sources, and a record a person has verified is never overwritten."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from app.directory.models import (
    AdviserNote,
    Organization,
    Phone,
    Service,
    ServiceAttribute,
    Taxonomy,
    TaxonomyTerm,
)
from app.directory.seed import load_seed_file, seed_directory, seed_path
from app.directory.taxonomy import taxonomy
from app.extensions import db

TABLES = (Organization, Service, ServiceAttribute, Phone, AdviserNote, TaxonomyTerm)


def _seed(app):
    tax = taxonomy()
    report = seed_directory(load_seed_file(seed_path(Path(app.config["CONTENT_DIR"])), tax), tax)
    db.session.commit()
    return report


def _counts():
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model)) for model in TABLES}


def test_the_seed_loads_with_the_taxonomy(any_app):
    report = _seed(any_app)
    assert report.created and not report.updated
    assert db.session.scalar(select(func.count()).select_from(Taxonomy)) == 1
    assert db.session.scalar(select(func.count()).select_from(TaxonomyTerm)) == len(taxonomy().terms)
    names = set(db.session.scalars(select(Service.name)))
    assert {"Contact Camden", "Adult Early Help", "Personalisation Support in Camden"} <= names


def test_the_seed_is_idempotent(any_app):
    _seed(any_app)
    before = _counts()
    stamps = dict(db.session.execute(select(Service.id, Service.last_modified)).all())
    report = _seed(any_app)
    assert not report.created and not report.updated and report.taxonomy_changes == 0
    assert _counts() == before
    assert dict(db.session.execute(select(Service.id, Service.last_modified)).all()) == stamps


def test_a_change_in_the_file_updates_only_that_record(any_app):
    tax = taxonomy()
    data = load_seed_file(seed_path(Path(any_app.config["CONTENT_DIR"])), tax)
    seed_directory(data, tax)
    db.session.commit()
    first = data.organizations[0]
    changed_service = first.services[0].model_copy(update={"description": "Changed for a test."})
    changed_org = first.model_copy(update={"services": [changed_service, *first.services[1:]]})
    changed = data.model_copy(update={"organizations": [changed_org, *data.organizations[1:]]})
    report = seed_directory(changed, tax)
    db.session.commit()
    assert report.updated == [changed_service.name]
    assert db.session.get(Service, changed_service.id).description == "Changed for a test."


def test_nothing_seeded_claims_to_be_checked_and_everything_has_sources(any_app):
    _seed(any_app)
    services = db.session.scalars(select(Service)).all()
    assert services
    for service in services:
        assert service.assured_date is None and service.verified is False and service.synthetic is False
        assert service.sources, service.name
        assert service.attributes, f"{service.name} has no category"
    for org in db.session.scalars(select(Organization)):
        assert org.verified is False and org.sources


def test_a_verified_service_is_not_overwritten(any_app):
    _seed(any_app)
    service = db.session.scalar(select(Service).where(Service.name == "Contact Camden"))
    service.verified = True
    service.description = "Checked and corrected by a person."
    db.session.commit()
    report = _seed(any_app)
    assert "Contact Camden" in report.skipped_verified
    assert db.session.get(Service, service.id).description == "Checked and corrected by a person."


def test_old_numbers_are_stored_with_their_flag(any_app):
    _seed(any_app)
    phone = db.session.scalar(select(Phone).where(Phone.number == "020 7267 6187"))
    assert phone.check_before_use and phone.source_date and phone.sources


def test_the_flask_commands(any_app):
    runner = any_app.test_cli_runner()
    first = runner.invoke(args=["directory", "seed"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(args=["directory", "seed"])
    assert "created: 0, updated: 0" in again.output
    made = runner.invoke(args=["directory", "synthetic", "--count", "25", "--seed", "1"])
    assert made.exit_code == 0 and "25 synthetic services" in made.output
    hashes = runner.invoke(args=["directory", "taxonomy-hashes"])
    assert hashes.exit_code == 0 and "carers-support: " in hashes.output and "outdated" not in hashes.output

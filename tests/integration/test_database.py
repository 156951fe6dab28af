"""The data layer runs on SQLite and PostgreSQL alike: migrations apply and models round-trip."""

from sqlalchemy import inspect, select

from app.auth.models import AuditEvent, User, UserRole
from app.extensions import db


def test_migrations_create_every_model_table(any_app):
    tables = set(inspect(db.engine).get_table_names())
    assert {t.name for t in db.metadata.sorted_tables} <= tables
    assert "alembic_version" in tables


def test_user_roles_round_trip(any_app):
    user = User(email="a@example.invalid", name="A", password_hash="x")
    user.roles.append(UserRole(role="reviewer", language="bn"))
    db.session.add(user)
    db.session.add(AuditEvent(action="test", target="user:a"))
    db.session.commit()
    loaded = db.session.scalars(select(User)).one()
    assert loaded.has_role("reviewer", "bn")
    assert not loaded.has_role("reviewer", "so")
    assert not loaded.has_role("adviser")

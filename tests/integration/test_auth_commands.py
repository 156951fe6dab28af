"""`flask users create|list` and `flask seed`."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from app.auth.accounts import grants_of
from app.auth.models import User
from app.extensions import db
from tests.integration.test_auth_support import (
    another_app,
    audit_actions,
    cheap_password_hashing,  # noqa: F401 - an autouse fixture
    fresh_user,
    make_user,
    run_cli,
    sign_in,
    staff_client,
)


def _user_count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(User))


def test_users_create_takes_the_password_from_the_environment(any_app):
    result = run_cli(
        any_app,
        [
            "users",
            "create",
            "Cara@Camden.invalid",
            "--name",
            "Cara Reviewer",
            "--role",
            "reviewer",
            "--language",
            "bn",
        ],
        env={"NEW_USER_PASSWORD": "a password from a script"},
    )
    assert result.exit_code == 0, result.output
    assert "a password from a script" not in result.output
    cara = fresh_user("cara@camden.invalid")
    assert grants_of(cara) == {("reviewer", "bn")}
    assert audit_actions() == [("account-created", "cara@camden.invalid", "reviewer (bn)")]
    assert sign_in(staff_client(any_app), "cara@camden.invalid", "a password from a script").status_code == 302


def test_users_create_asks_for_the_password_twice(any_app, monkeypatch):
    monkeypatch.delenv("NEW_USER_PASSWORD", raising=False)
    result = run_cli(
        any_app,
        [
            "users",
            "create",
            "dan@camden.invalid",
            "--name",
            "Dan",
            "--role",
            "admin",
            "--role",
            "editor",
        ],
        input="typed at the prompt\ntyped at the prompt\n",
    )
    assert result.exit_code == 0, result.output
    assert "typed at the prompt" not in result.output  # hidden input
    assert grants_of(fresh_user("dan@camden.invalid")) == {("admin", None), ("editor", None)}


def test_users_create_refuses_bad_input(any_app):
    env = {"NEW_USER_PASSWORD": "a password from a script"}
    make_user("ann@camden.invalid")
    cases = {
        "reviewer without a language": ["eve@camden.invalid", "--name", "Eve", "--role", "reviewer"],
        "a language that is not a site language": [
            "eve@camden.invalid",
            "--name",
            "E",
            "--role",
            "reviewer",
            "--language",
            "xx",
        ],
        "an unknown role": ["eve@camden.invalid", "--name", "Eve", "--role", "superuser"],
        "an email that has an account": ["ANN@camden.invalid", "--name", "Ann", "--role", "editor"],
        "not an email address": ["eve", "--name", "Eve", "--role", "editor"],
        "a language for a role not given per language": [
            "eve@camden.invalid",
            "--name",
            "E",
            "--role",
            "editor",
            "--language",
            "bn",
        ],
    }
    for case, args in cases.items():
        result = run_cli(any_app, ["users", "create", *args], env=env)
        assert result.exit_code != 0, case
    short = run_cli(
        any_app,
        ["users", "create", "eve@camden.invalid", "--name", "Eve", "--role", "editor"],
        env={"NEW_USER_PASSWORD": "short"},
    )
    assert short.exit_code != 0
    assert _user_count() == 1


def test_users_list_shows_accounts_and_roles(any_app):
    make_user("ann@camden.invalid", name="Ann Admin")
    make_user("ben@camden.invalid", name="Ben Staff", grants=[("reviewer", "so")], active=False)
    result = run_cli(any_app, ["users", "list"])
    assert result.exit_code == 0, result.output
    assert re.search(r"ann@camden\.invalid\tAnn Admin\tactive\tadmin", result.output)
    assert re.search(r"ben@camden\.invalid\tBen Staff\tdeactivated\treviewer \(so\)", result.output)


def test_seed_creates_one_admin_in_development_only_once(any_app):
    with another_app(any_app, "development", APP_ENV="development") as dev:
        first = run_cli(dev, ["seed"])
        second = run_cli(dev, ["seed"])

    assert first.exit_code == 0, first.output
    assert "DEVELOPMENT ONLY" in first.output
    password = re.search(r"password: (\S+)", first.output).group(1)
    assert second.exit_code == 0, second.output
    assert password not in second.output  # shown once
    assert _user_count() == 1
    admin = fresh_user("admin@camden.invalid")
    assert grants_of(admin) == {("admin", None)}
    assert admin.password_hash.startswith("scrypt:") and password not in admin.password_hash
    assert sign_in(staff_client(any_app), "admin@camden.invalid", password).status_code == 302


def test_seed_creates_no_account_outside_development(any_app):
    with another_app(any_app, "test", APP_ENV="production") as production_like:
        result = run_cli(production_like, ["seed"])
    assert result.exit_code == 0, result.output
    assert "flask users create EMAIL --name NAME --role admin" in result.output
    assert _user_count() == 0


def test_seed_creates_nothing_for_the_test_config(any_app):
    result = run_cli(any_app, ["seed"])
    assert result.exit_code == 0, result.output
    assert _user_count() == 0


def test_seed_leaves_existing_accounts_alone(any_app):
    make_user("ann@camden.invalid")
    with another_app(any_app, "development", APP_ENV="development") as dev:
        result = run_cli(dev, ["seed"])
    assert result.exit_code == 0, result.output
    assert "password:" not in result.output
    assert _user_count() == 1

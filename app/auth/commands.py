"""`flask users …` (staff accounts from the command line) and `flask seed` (starting data for development)."""

from __future__ import annotations

import os
import re
import secrets

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import func, select

from app.auth import accounts
from app.auth.forms import EMAIL_FORMAT
from app.auth.lockout import is_locked
from app.auth.models import User
from app.auth.passwords import MAX_LENGTH, MIN_LENGTH
from app.auth.roles import PER_LANGUAGE_ROLES, ROLES
from app.extensions import db
from app.i18n import languages

DEV_ADMIN_EMAIL = "admin@camden.invalid"
PASSWORD_ENV = "NEW_USER_PASSWORD"  # noqa: S105 - the name of a variable, not a password

users = AppGroup("users", help="Staff accounts: create and list them.")


@users.command("create")
@click.argument("email")
@click.option("--name", required=True, help="The person's full name.")
@click.option("--role", "roles", required=True, multiple=True, type=click.Choice(sorted(ROLES)), help="Repeatable.")
@click.option("--language", help="The language of a per-language role (reviewer), e.g. bn.")
def create_user(email: str, name: str, roles: tuple[str, ...], language: str | None) -> None:
    """Create a staff account. The password is asked for twice, or read from $NEW_USER_PASSWORD."""
    if accounts.find_by_email(email) is not None:
        raise click.ClickException(f"There is already an account for {email}")
    if not re.match(EMAIL_FORMAT, email):
        raise click.ClickException(f"{email!r} is not an email address")
    if language and not PER_LANGUAGE_ROLES & set(roles):
        raise click.ClickException(f"--language is for the per-language roles: {sorted(PER_LANGUAGE_ROLES)}")
    grants = {(role, language if role in PER_LANGUAGE_ROLES else None) for role in roles}
    try:
        accounts.check_grants(grants, languages())
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    password = os.environ.get(PASSWORD_ENV) or click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise click.ClickException(f"The password must be between {MIN_LENGTH} and {MAX_LENGTH} characters")
    user = accounts.create_account(email=email, name=name, password=password, grants=grants, actor=None)
    click.echo(f"Created {user.email} ({accounts.describe_grants(accounts.grants_of(user))}).")


@users.command("list")
def list_users() -> None:
    """List staff accounts with their roles."""
    for user in accounts.all_accounts():
        state = "active" if user.active else "deactivated"
        if is_locked(user):
            state += ", locked"
        click.echo(
            f"{user.id}\t{user.email}\t{user.name}\t{state}\t{accounts.describe_grants(accounts.grants_of(user))}"
        )


@click.command("seed")
@with_appcontext
def seed() -> None:
    """Starting data. In development only, a first admin account when there are no accounts."""
    seed_staff()


def app_env() -> str:
    """The environment the app was created for: config APP_ENV if set, else as create_app() chose it."""
    if current_app.config.get("APP_ENV"):
        return current_app.config["APP_ENV"]
    if current_app.testing:
        return "test"
    return os.environ.get("APP_ENV", "development")


def seed_staff() -> None:
    if app_env() != "development":
        click.echo(
            "No staff account created: seeding accounts happens in development only. Create the first "
            "admin with: flask users create EMAIL --name NAME --role admin"
        )
        return
    if db.session.scalar(select(func.count()).select_from(User)):
        click.echo("Staff accounts exist already: none created.")
        return
    password = secrets.token_urlsafe(18)
    accounts.create_account(
        email=DEV_ADMIN_EMAIL,
        name="Development admin",
        password=password,
        grants={("admin", None)},
        actor=None,
    )
    click.echo("DEVELOPMENT ONLY: created an admin account. This password is shown once and not stored:")
    click.echo(f"  email:    {DEV_ADMIN_EMAIL}")
    click.echo(f"  password: {password}")

"""The staff forms. Messages follow the GOV.UK pattern: say what to do, not what went wrong."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectMultipleField, StringField
from wtforms.validators import EqualTo, InputRequired, Length, Regexp

from app.auth.accounts import Grant
from app.auth.passwords import MAX_LENGTH, MIN_LENGTH
from app.auth.roles import PER_LANGUAGE_ROLES, ROLES
from app.i18n import languages

EMAIL_FORMAT = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


def _new_password_fields() -> tuple[PasswordField, PasswordField]:
    password = PasswordField(
        _l("New password"),
        validators=[
            InputRequired(_l("Enter a password")),
            Length(
                min=MIN_LENGTH,
                max=MAX_LENGTH,
                message=_l(
                    "Password must be between %(min)d and %(max)d characters",
                    min=MIN_LENGTH,
                    max=MAX_LENGTH,
                ),
            ),
        ],
    )
    confirm = PasswordField(
        _l("Type the password again"),
        validators=[
            InputRequired(_l("Type the password again")),
            EqualTo("password", _l("The passwords do not match")),
        ],
    )
    return password, confirm


class SignInForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        validators=[InputRequired(_l("Enter your email address")), Length(max=254)],
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(_l("Enter your password")), Length(max=MAX_LENGTH)],
    )


class RolesMixin:
    """Role checkboxes: one per role, and for per-language roles one per site language."""

    roles = SelectMultipleField(_l("Roles"), choices=[])
    reviewer_languages = SelectMultipleField(_l("Reviews translations in"), choices=[])

    def set_role_choices(self) -> None:
        self.roles.choices = [(role, label) for role, label in ROLES.items() if role not in PER_LANGUAGE_ROLES]
        self.reviewer_languages.choices = [(code, lang.english_name) for code, lang in languages().items()]

    def grants(self) -> set[Grant]:
        chosen: set[Grant] = {(role, None) for role in self.roles.data or []}
        return chosen | {("reviewer", code) for code in self.reviewer_languages.data or []}


def role_data(grants: set[Grant]) -> dict[str, list[str]]:
    return {
        "roles": sorted(role for role, language in grants if language is None),
        "reviewer_languages": sorted(language for role, language in grants if role == "reviewer" and language),
    }


class NewAccountForm(RolesMixin, FlaskForm):
    name = StringField(_l("Full name"), validators=[InputRequired(_l("Enter their full name")), Length(max=120)])
    email = EmailField(
        _l("Email address"),
        validators=[
            InputRequired(_l("Enter their email address")),
            Length(max=254),
            Regexp(
                EMAIL_FORMAT,
                message=_l("Enter an email address in the correct format, like name@example.com"),
            ),
        ],
    )
    password, password_confirm = _new_password_fields()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.set_role_choices()


class AccountForm(RolesMixin, FlaskForm):
    name = StringField(_l("Full name"), validators=[InputRequired(_l("Enter their full name")), Length(max=120)])
    active = BooleanField(_l("This account can sign in"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.set_role_choices()


class SetPasswordForm(FlaskForm):
    password, password_confirm = _new_password_fields()

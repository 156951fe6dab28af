"""The shortlist's forms. Each post carries the CSRF token; ids and addresses are checked here, before any view
changes the list or sends anything."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField
from wtforms.validators import DataRequired, Length, Regexp, ValidationError

from app.shortlist.list import canonical_id

# An address we can put in a To header as it is: ASCII, one @, no spaces, commas, quotes or angle brackets
# (so never a second recipient or a header), a domain of dot-separated labels. Stricter than RFC 5322 on
# purpose: the form is public, and a rare exotic address is better refused than misdelivered.
_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
ADDRESS = re.compile(rf"^(?=[^@]{{1,64}}@){_LOCAL}@(?:{_LABEL}\.)+(?:[A-Za-z]{{2,63}}|xn--[A-Za-z0-9-]{{1,59}})$")
ADDRESS_MAX = 254
WRONG_FORMAT = _l("Enter an email address in the correct format, like name@example.com")


def _strip(value: str | None) -> str:
    return (value or "").strip()


def _service_id(form: FlaskForm, field: HiddenField) -> None:
    canonical = canonical_id(field.data)
    if canonical is None:
        raise ValidationError("not a service id")  # never shown as such: the view says what to do
    field.data = canonical


class ServiceForm(FlaskForm):
    """Add or remove one service. `next` is where a reader without JavaScript goes back to (checked by the
    view against this site's URL map)."""

    service_id = HiddenField(validators=[_service_id])
    next = HiddenField(filters=[_strip])


class EmailForm(FlaskForm):
    email = EmailField(
        _l("Email address"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Enter an email address")),  # after the strip: spaces alone are nothing
            Length(max=ADDRESS_MAX, message=WRONG_FORMAT),
            Regexp(ADDRESS, message=WRONG_FORMAT),
        ],
    )

    def error_list(self) -> list[dict]:
        return [{"text": str(self.email.errors[0]), "href": "#email"}] if self.email.errors else []

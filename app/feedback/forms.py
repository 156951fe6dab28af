"""The feedback form. Field ids match the GOV.UK macros' ids so the error summary can link to them."""

from __future__ import annotations

import re

from flask import g
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Length, ValidationError

from app.feedback.models import COMMENT_MAX
from app.feedback.paths import is_page_path

# Control characters other than tab and newline: PostgreSQL rejects NUL in text, and none belong in a comment.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

ANCHORS = {"useful": "#feedback-useful", "comment": "#feedback-comment"}
# The radio answers, in order. Rendered by the GOV.UK radios macro (radio_items), so no WTForms choices.
ANSWERS = {"yes": _l("Yes"), "no": _l("No")}
SELECT_AN_ANSWER = _l("Select yes if this page was useful, or no if it was not")


def clean_comment(value: str | None) -> str:
    """Browsers send newlines as CRLF; count them as one character, as the reader sees them."""
    if not value:
        return ""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _page_of_this_site(form: FlaskForm, field: HiddenField) -> None:
    if not is_page_path(field.data or "", g.lang):
        raise ValidationError("not a page of this site")  # never shown: the view answers 400


class FeedbackForm(FlaskForm):
    useful = StringField(
        validators=[InputRequired(message=SELECT_AN_ANSWER), AnyOf(list(ANSWERS), message=SELECT_AN_ANSWER)]
    )
    comment = TextAreaField(
        filters=[clean_comment],
        # Length fills in %(max)d.
        validators=[Length(max=COMMENT_MAX, message=_l("Your comment must be %(max)d characters or fewer"))],
    )
    path = HiddenField(validators=[_page_of_this_site])

    def radio_items(self) -> list[dict]:
        return [{"value": value, "text": str(label)} for value, label in ANSWERS.items()]

    def error_list(self) -> list[dict]:
        """The GOV.UK error summary's items, in the order the fields appear."""
        return [
            {"text": str(self[name].errors[0]), "href": anchor} for name, anchor in ANCHORS.items() if self[name].errors
        ]

"""The plan editor's forms. Messages follow the GOV.UK pattern: say what to do, not what went wrong.

Each form carries, in a hidden field, the version of the action it was loaded with, so a change made by
someone else in the meantime is caught (see app/plan/tracker.py). A missing or non-numeric version is not
something a person can correct: the view answers 400 and changes nothing.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional, ValidationError

from app.plan.display import status_choices
from app.plan.models import LEAD_MAX, PROGRESS_MAX, STATUSES, STEP_MAX, TEXT_MAX, TIMESCALE_MAX
from app.plan.tracker import Values, blank_to_none

NUMBER_MAX = 999


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _too_long(name, limit: int):
    return Length(max=limit, message=_l("%(field)s must be %(max)d characters or fewer", field=name, max=limit))


class VersionMixin:
    version = HiddenField()

    def base_version(self) -> int | None:
        raw = self.version.data or ""  # type: ignore[attr-defined]
        return int(raw) if raw.isdigit() else None


class ActionForm(VersionMixin, FlaskForm):
    area = SelectField(_l("Priority area"), choices=[], validate_choice=False)
    step = TextAreaField(
        _l("Step"),
        filters=[_strip],
        validators=[DataRequired(_l("Enter the step")), _too_long(_l("The step"), STEP_MAX)],
    )
    outcome_measure = TextAreaField(
        _l("Outcome measure (optional)"),
        filters=[_strip],
        validators=[Optional(), _too_long(_l("The outcome measure"), TEXT_MAX)],
    )
    success = TextAreaField(
        _l("What success looks like (optional)"),
        filters=[_strip],
        validators=[Optional(), _too_long(_l("What success looks like"), TEXT_MAX)],
    )
    lead = StringField(
        _l("Lead organisation or role (optional)"),
        filters=[_strip],
        validators=[Optional(), _too_long(_l("The lead"), LEAD_MAX)],
    )
    timescale = StringField(
        _l("Timescale (optional)"),
        filters=[_strip],
        validators=[Optional(), _too_long(_l("The timescale"), TIMESCALE_MAX)],
    )
    status = RadioField(
        _l("Status"),
        choices=[],
        validate_choice=False,
        validators=[InputRequired(_l("Choose a status")), AnyOf(STATUSES, message=_l("Choose a status"))],
    )

    def __init__(self, *args, area_choices: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.area.choices = [("", str(_l("Choose an area")))] + area_choices
        self.area.validators = [
            InputRequired(_l("Choose a priority area")),
            AnyOf([slug for slug, _ in area_choices], message=_l("Choose a priority area")),
        ]
        self.status.choices = status_choices()

    def values(self) -> Values:
        return Values(
            area=self.area.data or "",
            step=blank_to_none(self.step.data),
            outcome_measure=blank_to_none(self.outcome_measure.data),
            success=blank_to_none(self.success.data),
            lead=blank_to_none(self.lead.data),
            timescale=blank_to_none(self.timescale.data),
            status=self.status.data or "",
        )


class NewActionForm(ActionForm):
    number = StringField(
        _l("Action number"),
        filters=[_strip],
        validators=[DataRequired(_l("Enter the action's number, like 10"))],
    )

    def validate_number(self, field) -> None:
        if not (field.data or "").isdigit() or not 1 <= int(field.data) <= NUMBER_MAX:
            raise ValidationError(_l("Enter a whole number from 1 to %(max)d", max=NUMBER_MAX))


class ProgressForm(VersionMixin, FlaskForm):
    day = StringField(_l("Day"), filters=[_strip])
    month = StringField(_l("Month"), filters=[_strip])
    year = StringField(_l("Year"), filters=[_strip])
    text = TextAreaField(
        _l("What happened"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Enter what happened")),
            _too_long(_l("The progress update"), PROGRESS_MAX),
        ],
    )

    def validate_day(self, field) -> None:
        self.on_date  # noqa: B018 - raises ValidationError for a bad date

    @property
    def on_date(self) -> dt.date:
        parts = (self.day.data or "", self.month.data or "", self.year.data or "")
        if not any(parts):
            raise ValidationError(_l("Enter the date of the progress"))
        if not all(part.isdigit() for part in parts):
            raise ValidationError(_l("The date must include a day, month and year, in numbers"))
        day, month, year = (int(part) for part in parts)
        if year < 2024 or year > 2100:
            raise ValidationError(_l("Enter a year from 2024, when the plan was launched"))
        try:
            date = dt.date(year, month, day)
        except ValueError:
            raise ValidationError(_l("The date must be a real date")) from None
        if date > dt.date.today():
            raise ValidationError(_l("The date must be today or in the past"))
        return date

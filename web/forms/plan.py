"""Planning a week, and pinning one meeting of a plan."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField
from wtforms.validators import AnyOf, InputRequired, ValidationError

from i18n import formats


class PlanForm(FlaskForm):
    week = DateField(_l("Week starting"), validators=[InputRequired()])

    def validate_week(self, field: Any) -> None:
        if field.data.weekday() != 0:
            raise ValidationError(gettext("%(day)s is not a Monday; weeks start on Monday.",
                                          day=formats.long_day(field.data)))


class PinForm(FlaskForm):
    occurrence = HiddenField(validators=[InputRequired()])  # "sync#2" in the plan shown


class EmptyForm(FlaskForm):
    """A button alone (delete, rotate, sync): the form exists for its CSRF token."""


class ConfirmForm(FlaskForm):
    """The button of a confirmation page: only that page's form carries `confirmed=yes`, so a
    bare POST (an old page, a stray click elsewhere) shows the page instead of acting."""

    confirmed = HiddenField(validators=[InputRequired(), AnyOf(["yes"])])

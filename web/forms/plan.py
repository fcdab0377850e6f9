"""Planning a week, and pinning one meeting of a plan."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField
from wtforms.validators import AnyOf, InputRequired, ValidationError

from i18n import formats

# A week further than this from today is a typo'd year (2019 for 2026), never a plan
# (the setting PLAN_WEEKS_AWAY, in weeks).
FAR = timedelta(weeks=53)


class PlanForm(FlaskForm):
    week = DateField(_l("Week starting"), validators=[InputRequired()])
    past = BooleanField(_l("Yes, plan a week that has already ended"))

    def validate_week(self, field: Any) -> None:
        if field.data.weekday() != 0:
            raise ValidationError(gettext("%(day)s is not a Monday; weeks start on Monday.",
                                          day=formats.long_day(field.data)))

    def check_when(self, this_week: date, far: timedelta = FAR) -> bool:
        """The week is near this one and, when it has ended, planning it was confirmed."""
        if self.week.data is None:  # InputRequired has said so already
            return False
        problem = week_problem(self.week.data, this_week, self.past.data, far)
        if problem:
            self.week.errors = [*self.week.errors, problem]
        return problem is None


def week_problem(week: date, this_week: date, past_confirmed: bool, far: timedelta = FAR) -> str | None:
    """Why `week` should not be planned now, or None. A past week replaces what every
    subscriber's calendar shows for it, so it needs a confirmation; a year away is a typo."""
    if abs(week - this_week) > far:
        return gettext("%(week)s is more than a year from this week (%(this)s); check the year.",
                       week=formats.date_words(week), this=formats.date_words(this_week))
    if week < this_week and not past_confirmed:
        return gettext("The week of %(week)s has already ended; tick \u201cYes, plan a week that has already "
                       "ended\u201d to plan it anyway (it replaces that week in everyone's calendar).",
                       week=formats.date_words(week))
    return None


class PinForm(FlaskForm):
    occurrence = HiddenField(validators=[InputRequired()])  # "sync#2" in the plan shown


class ChoicesForm(FlaskForm):
    """A member's own choices about new plans."""

    notify = BooleanField(_l("E-mail me when my team's week is planned or a re-plan moves blocks"))
    auto_sync = BooleanField(_l("Sync each new plan to my calendar by itself (Outlook, or CalDAV)"))


class EmptyForm(FlaskForm):
    """A button alone (delete, rotate, sync): the form exists for its CSRF token."""


class ConfirmForm(FlaskForm):
    """The button of a confirmation page: only that page's form carries `confirmed=yes`, so a
    bare POST (an old page, a stray click elsewhere) shows the page instead of acting."""

    confirmed = HiddenField(validators=[InputRequired(), AnyOf(["yes"])])

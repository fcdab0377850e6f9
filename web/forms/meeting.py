"""A meeting request: title, length, who (required, optional), how often, where."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, RadioField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, ValidationError

from store.models import Meeting

from . import KEY, ONE_LINE, MultiCheckboxField, choices, required

MEETING_FIELDS = {
    "id": "key", "title": "title", "minutes": "minutes", "attendees": "attendees",
    "optional": "optional", "per_week": "per_week", "where": "where",
}
WHERE_CHOICES = choices([("any", _l("Anywhere")), ("office", _l("At the office")), ("online", _l("Online"))])


class MeetingForm(FlaskForm):
    key = StringField(_l("Meeting id"), validators=[DataRequired(), KEY],
                      description=_l("Short and fixed, e.g. sync: plans call occurrences sync#1, sync#2. "
                                     "Left empty, it is made from the title."))
    title = StringField(_l("Title"), validators=[InputRequired(), Length(max=200), ONE_LINE])
    minutes = IntegerField(_l("Length (minutes)"), validators=[InputRequired(), NumberRange(min=1, max=600)])
    everyone = BooleanField(_l("Everyone (all members not listed as optional)"))
    attendees = MultiCheckboxField(_l("Attendees"))
    optional = MultiCheckboxField(_l("Optional attendees"))
    per_week = IntegerField(_l("Times per week"), default=1,
                            validators=[InputRequired(), NumberRange(min=1, max=7)])
    where = RadioField(_l("Where"), choices=WHERE_CHOICES, default="any")

    def offer(self, members: list[tuple[str, str]]) -> None:
        self.attendees.choices = choices(members)
        self.optional.choices = choices(members)

    def validate_attendees(self, field: Any) -> None:
        if not self.everyone.data and not field.data:
            raise ValidationError(gettext("Choose the attendees, or tick 'Everyone'."))

    def fill(self, meeting: Meeting) -> None:
        self.key.data, self.title.data, self.minutes.data = meeting.key, meeting.title, meeting.minutes
        self.everyone.data = meeting.attendees == "all"
        self.attendees.data = [] if meeting.attendees == "all" else list(meeting.attendees)
        self.optional.data = list(meeting.optional)
        self.per_week.data, self.where.data = meeting.per_week, meeting.where

    def store(self, meeting: Meeting) -> None:
        meeting.key, meeting.title = required(self.key), required(self.title).strip()
        meeting.minutes, meeting.per_week = required(self.minutes), required(self.per_week)
        meeting.where = self.where.data
        meeting.attendees = "all" if self.everyone.data else list(self.attendees.data or [])
        meeting.optional = list(self.optional.data or [])

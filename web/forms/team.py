"""The team form (name, time zone) and the one form for all of a team's rules."""

from __future__ import annotations

from datetime import time
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from scheduler.request.draft import is_known_zone

from . import DAY_CHOICES, ONE_LINE, MultiCheckboxField, clock_field
from .language import team_language_field

DEFAULT_RULES: dict[str, Any] = {
    "meeting_hours": {"start": "10:00", "end": "15:00"},
    "meeting_lengths": [25, 55],
    "workdays": ["mon", "tue", "wed", "thu", "fri"],
    "meetingless_days": ["wed"],
    "lunch": {"start": "12:00", "end": "13:00", "minutes": 30},
    "office_days": {"min": 2, "max": 3},
    "office_capacity": None,
    "focus": None,
}
# Contract paths below `rules` -> the field that shows their problems.
RULE_FIELDS = {
    "meeting_hours.start": "meeting_start", "meeting_hours": "meeting_end",
    "meeting_lengths": "meeting_lengths", "workdays": "workdays",
    "meetingless_days": "meetingless_days", "lunch.start": "lunch_start", "lunch": "lunch_end",
    "lunch.minutes": "lunch_minutes", "office_days.min": "office_min", "office_days": "office_max",
    "office_capacity": "office_capacity", "focus": "focus_minutes",
    "focus.blocks_per_week": "focus_blocks",
}


def known_zone(_form: FlaskForm, field: Any) -> None:
    if field.data and not is_known_zone(field.data):
        raise ValidationError(gettext("%(zone)s is not a known time zone; try Europe/Amsterdam.",
                                      zone=repr(field.data)))


class TeamForm(FlaskForm):
    name = StringField(_l("Team name"), validators=[InputRequired(), Length(max=100), ONE_LINE])
    timezone = StringField(_l("Time zone"), default="Europe/Amsterdam",
                           description=_l("An IANA name: meeting hours, lunch and workdays are read in it."),
                           validators=[InputRequired(), Length(max=64), known_zone])


class RulesForm(FlaskForm):
    meeting_start = clock_field(_l("Meetings from"), validators=[InputRequired()])
    meeting_end = clock_field(_l("Meetings until"), validators=[InputRequired()])
    meeting_lengths = StringField(_l("Allowed meeting lengths (minutes)"), validators=[InputRequired()],
                                  description=_l("Comma-separated, e.g. 25, 55: five minutes to switch."))
    workdays = MultiCheckboxField(_l("Workdays"), choices=DAY_CHOICES)
    meetingless_days = MultiCheckboxField(_l("Meetingless days"), choices=DAY_CHOICES)
    lunch_start = clock_field(_l("Lunch window from"), validators=[InputRequired()])
    lunch_end = clock_field(_l("Lunch window until"), validators=[InputRequired()])
    lunch_minutes = IntegerField(_l("Lunch length (minutes)"),
                                 validators=[InputRequired(), NumberRange(min=1)])
    office_min = IntegerField(_l("Office days at least"), validators=[InputRequired(), NumberRange(min=0)])
    office_max = IntegerField(_l("Office days at most"), validators=[InputRequired(), NumberRange(min=0)])
    office_capacity = IntegerField(_l("Office capacity (people)"),
                                   validators=[Optional(), NumberRange(min=1)],
                                   description=_l("Leave empty for no limit."))
    focus_minutes = IntegerField(_l("Focus block length (minutes)"),
                                 validators=[Optional(), NumberRange(min=1, max=600)],
                                 description=_l("Leave both focus fields empty for no focus blocks."))
    language = team_language_field()
    focus_blocks = IntegerField(_l("Focus blocks per week"), validators=[Optional(), NumberRange(min=0)])

    def validate_meeting_lengths(self, field: Any) -> None:
        try:
            lengths = [int(part) for part in field.data.replace(" ", "").split(",") if part]
        except ValueError:
            raise ValidationError(gettext("Give whole minutes separated by commas, e.g. 25, 55.")) from None
        if not lengths:
            raise ValidationError(gettext("Give at least one length."))
        self.lengths = lengths

    def validate(self, extra_validators: Any = None) -> bool:
        valid = super().validate(extra_validators)
        if (self.focus_blocks.data is None) != (self.focus_minutes.data is None):
            # Checked here, not per field: Optional() stops an empty field's own checks.
            missing = self.focus_blocks if self.focus_blocks.data is None else self.focus_minutes
            message = gettext("Give both the focus length and the blocks per week, or neither.")
            missing.errors = [*missing.errors, message]
            return False
        return valid

    def fill(self, rules: dict[str, Any]) -> None:
        """Show a team's stored v1 rules (defaults where a part is left out)."""
        r = {**DEFAULT_RULES, **rules}
        hours, lunch, office, focus = r["meeting_hours"], r["lunch"], r["office_days"], r["focus"]
        self.meeting_start.data, self.meeting_end.data = _clock(hours["start"]), _clock(hours["end"])
        self.meeting_lengths.data = ", ".join(str(n) for n in r["meeting_lengths"])
        self.workdays.data, self.meetingless_days.data = r["workdays"], r["meetingless_days"]
        self.lunch_start.data, self.lunch_end.data = _clock(lunch["start"]), _clock(lunch["end"])
        self.lunch_minutes.data = lunch["minutes"]
        self.office_min.data, self.office_max.data = office["min"], office["max"]
        self.office_capacity.data = r["office_capacity"]
        self.focus_minutes.data = focus and focus["minutes"]
        self.focus_blocks.data = focus and focus["blocks_per_week"]

    def rules(self, fallback: dict[str, Any] | None = None) -> dict[str, Any]:
        """The v1 `rules` object this form describes (after `validate()`). With `fallback`
        (the stored rules), a field that did not pass its own check takes the stored value,
        so the team's checks can still judge the rest and every problem shows at once."""
        r = {**DEFAULT_RULES, **(fallback or {})}

        def value(field: Any, stored: Any) -> Any:
            return stored if fallback is not None and field.errors else field.data

        def clock(field: Any, stored: str) -> str:
            data = value(field, None)
            return stored if data is None else f"{data:%H:%M}"

        focus = None
        if fallback is not None and (self.focus_minutes.errors or self.focus_blocks.errors):
            focus = r["focus"]
        elif self.focus_minutes.data is not None:
            focus = {"minutes": self.focus_minutes.data, "blocks_per_week": self.focus_blocks.data}
        lunch, office = r["lunch"], r["office_days"]
        return {
            "meeting_hours": {"start": clock(self.meeting_start, r["meeting_hours"]["start"]),
                              "end": clock(self.meeting_end, r["meeting_hours"]["end"])},
            "meeting_lengths": getattr(self, "lengths", None) or r["meeting_lengths"],
            "workdays": self.workdays.data or [],
            "meetingless_days": self.meetingless_days.data or [],
            "lunch": {"start": clock(self.lunch_start, lunch["start"]),
                      "end": clock(self.lunch_end, lunch["end"]),
                      "minutes": value(self.lunch_minutes, lunch["minutes"])},
            "office_days": {"min": value(self.office_min, office["min"]),
                            "max": value(self.office_max, office["max"])},
            "office_capacity": value(self.office_capacity, r["office_capacity"]),
            "focus": focus,
        }


def _clock(text: str) -> time:
    return time.fromisoformat(text)

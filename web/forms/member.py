"""A team member: who they are, their hours, where their calendar is, their office days."""

from __future__ import annotations

from datetime import time
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from store.models import Member

from . import DAY_CHOICES, EMAIL, KEY, ONE_LINE, MultiCheckboxField, clock_field, required
from .team import known_zone

# Contract paths below `members[i]` -> the field that shows their problems.
MEMBER_FIELDS = {
    "id": "key", "name": "name", "email": "email", "timezone": "timezone",
    "working_hours.start": "work_start", "working_hours": "work_end",
    "calendars": "calendar_address", "office.never": "office_never", "office": "office_always",
}
ADDRESS_SCHEMES = ("https://", "http://", "webcal://", "outlook:", "caldav:")


class MemberForm(FlaskForm):
    key = StringField(_l("Member id"), validators=[DataRequired(), KEY],
                      description=_l("Short and fixed, used in plans: e.g. ana. "
                                     "Left empty, it is made from the name."))
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=200), ONE_LINE])
    email = StringField(_l("Email"), validators=[Optional(), EMAIL, Length(max=254)],
                        description=_l("Links the member to their account, for 'my week'."))
    timezone = StringField(_l("Time zone"), validators=[Optional(), Length(max=64), known_zone],
                           description=_l("Leave empty for the team's."))
    work_start = clock_field(_l("Working from"), default=time(9), validators=[InputRequired()])
    work_end = clock_field(_l("Working until"), default=time(17), validators=[InputRequired()])
    calendar_address = StringField(
        _l("Calendar address"), validators=[Optional(), Length(max=2000)],
        description=_l("An ICS feed (https://, webcal://), outlook:name@company.com or caldav:URL."))
    ics = FileField(_l("…or upload an .ics file"), validators=[
        FileAllowed(["ics", "ical", "ifb", "txt"], _l("Upload an iCalendar (.ics) file."))])
    remove_ics = BooleanField(_l("Remove the uploaded calendar"))
    office_never = MultiCheckboxField(_l("Never at the office on"), choices=DAY_CHOICES)
    office_always = MultiCheckboxField(_l("Always at the office on"), choices=DAY_CHOICES)

    def validate_calendar_address(self, field: Any) -> None:
        if field.data and not field.data.lower().startswith(ADDRESS_SCHEMES):
            # A path means nothing on a server: the file would be read from the server's disk.
            raise ValidationError(gettext("Give an address starting with https://, webcal://, outlook: or "
                                  "caldav:, or upload the .ics file below."))

    def fill(self, member: Member) -> None:
        self.key.data, self.name.data = member.key, member.name
        self.email.data, self.timezone.data = member.email, member.timezone
        self.work_start.data = time.fromisoformat(member.work_start)
        self.work_end.data = time.fromisoformat(member.work_end)
        self.calendar_address.data = member.calendar_address
        self.office_never.data, self.office_always.data = member.office_never, member.office_always

    def store(self, member: Member, ics: tuple[str, str] | None) -> None:
        """Copy the checked fields onto the member; `ics` is a new upload (label, stored copy)."""
        member.key, member.name = required(self.key), required(self.name).strip()
        member.email = (self.email.data or "").strip().lower() or None
        member.timezone = self.timezone.data or None
        member.work_start, member.work_end = f"{self.work_start.data:%H:%M}", f"{self.work_end.data:%H:%M}"
        member.calendar_address = self.calendar_address.data or None
        if self.remove_ics.data:
            member.ics_name = member.ics_text = None
        if ics is not None:
            member.ics_name, member.ics_text = ics
        member.office_never = self.office_never.data or []
        member.office_always = self.office_always.data or []

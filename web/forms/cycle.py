"""When the service plans a team's coming weeks by itself (web/cycle.py)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, TimeField
from wtforms.validators import InputRequired, NumberRange

from . import DAY_CHOICES


class CycleForm(FlaskForm):
    enabled = BooleanField(_l("Plan the coming weeks by themselves"))
    weekday = SelectField(_l("On"), choices=DAY_CHOICES, validators=[InputRequired()])
    at = TimeField(_l("At (the team's time)"), validators=[InputRequired()])
    weeks_ahead = IntegerField(_l("Weeks ahead"), validators=[InputRequired(), NumberRange(min=1, max=4)],
                               description=_l("1 to 4: each run plans the next week, or that many."))

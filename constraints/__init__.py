"""Every rule of the plan, one function each, in priority order.

A rule adds its hard part to the model and returns its objective terms; switching a rule
off is deleting one line here (the validator in `scheduler.validate` still checks it).
"""

from __future__ import annotations

from scheduler.model.build import Rule

from .focus import focus_blocks, focus_on_home_days
from .lunch import protected_lunch
from .meetings import (
    no_double_booking,
    occurrences_per_week,
    one_occurrence_per_day,
    place_requested_meetings,
)
from .office import (
    maximize_office_overlap,
    office_capacity,
    office_days_per_member,
    office_meetings,
)
from .optional import keep_optional_attendees_free
from .preferences import home_on_meetingless_days, meetings_on_office_days, spread_meetings
from .rhythm import keep_meeting_rhythm, keep_office_rhythm
from .rooms import meeting_rooms, no_room_double_booking
from .stability import keep_the_plan_in_use, pinned_and_frozen_stay

RULES: tuple[Rule, ...] = (
    # Hard rules (meeting grid, hours, workdays, meetingless days and busy time are already
    # enforced by which starts exist at all: see scheduler.model.candidates).
    occurrences_per_week,
    one_occurrence_per_day,
    no_double_booking,
    protected_lunch,
    office_days_per_member,
    office_capacity,
    office_meetings,
    meeting_rooms,
    no_room_double_booking,
    pinned_and_frozen_stay,
    # Objectives, most important first.
    keep_meeting_rhythm,
    keep_office_rhythm,
    place_requested_meetings,
    keep_the_plan_in_use,
    focus_blocks,
    maximize_office_overlap,
    keep_optional_attendees_free,
    meetings_on_office_days,
    focus_on_home_days,
    home_on_meetingless_days,
    spread_meetings,
)

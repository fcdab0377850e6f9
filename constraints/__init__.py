"""Every rule of the plan, one record each (`scheduler.model.rule.Rule`), in priority order.

A rule's module holds all its faces: the start filter, the CP-SAT part, the first-fit check
and the reason text. Switching a rule off is deleting its line here (the validator in
`scheduler.validate` still checks it); a rule not listed here is off unless a caller passes
it (`meeting_time.max_meeting_time_per_day`, the pins of `pins.keep_pinned`).
"""

from __future__ import annotations

from scheduler.model.rule import Rule

from .calendar import busy_time, meeting_hours, meetingless_days, start_on_the_grid, workdays, working_hours
from .focus import focus_blocks, focus_on_home_days
from .lunch import protected_lunch
from .meetings import (
    no_double_booking,
    occurrences_per_week,
    one_occurrence_per_day,
    place_requested_meetings,
)
from .office import office_capacity, office_days_per_member, office_meetings
from .optional import keep_optional_attendees_free
from .overlap import maximize_office_overlap
from .preferences import home_on_meetingless_days, meetings_on_office_days, spread_meetings
from .rhythm import keep_meeting_rhythm, keep_office_rhythm
from .rooms import meeting_rooms, no_room_double_booking
from .stability import keep_the_plan_in_use, pinned_and_frozen_stay

RULES: tuple[Rule, ...] = (
    # Hard rules. The calendar rules first: where a meeting may go at all.
    workdays,
    meetingless_days,
    meeting_hours,
    start_on_the_grid,
    working_hours,
    busy_time,
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

__all__ = ["RULES", "Rule"]

"""Where meetings may go at all, before any calendar: the planned days, the days meetings go
on, the meeting hours and the start grid.

The calendar rules (`constraints/calendar.py`) narrow it from the widest grid, each to what
the request says (`Grid.of`); a rule switched off leaves its part wide, so its breach can
happen and the validator names it. A `Week` made without a grid has the request's own, as
if every calendar rule were on.
"""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.domain import WEEKDAYS, TeamRequest, Weekday
from scheduler.model.minutes import DAY_MINUTES, Span, minutes_of

FINEST_STEP = 5  # minutes: the start grid with start_on_the_grid switched off


@dataclass(frozen=True)
class Grid:
    workdays: tuple[Weekday, ...] = WEEKDAYS  # the days planned at all (lunch, office, focus)
    meetingless: tuple[Weekday, ...] = ()  # planned days without meetings
    hours: Span = (0, DAY_MINUTES)  # meeting hours, minutes after local midnight
    step: int = FINEST_STEP  # meetings start every `step` minutes from midnight

    @classmethod
    def of(cls, request: TeamRequest) -> Grid:
        """The request's own grid: its workdays, meetingless days, meeting hours and grid."""
        rules = request.rules
        hours = (minutes_of(rules.meeting_hours.start), minutes_of(rules.meeting_hours.end))
        return cls(rules.workdays, rules.meetingless_days, hours, rules.start_every_minutes)

"""The domain: plain frozen values, no solver and no I/O.

`team` is what a team asks for (the v1 request after reading, and what calendars say);
`plan` is what it gets back (the v1 plan). Both are re-exported here, the one place the
rest of rhythm imports them from.
"""

from scheduler.domain.plan import (
    Block,
    Change,
    MissingBlock,
    PatternException,
    PatternMeeting,
    Person,
    PlacedMeeting,
    PlacedWhere,
    Plan,
    Rhythm,
    Status,
    Unplaced,
)
from scheduler.domain.team import (
    WEEKDAYS,
    CalendarFacts,
    CalendarRef,
    CalendarWarning,
    Focus,
    InlineCalendar,
    Interval,
    Location,
    Lunch,
    MeetingRequest,
    Member,
    OfficeDays,
    Room,
    Rules,
    TeamRequest,
    TimeRange,
    Weekday,
    Where,
    weekday_of,
)

__all__ = [
    "WEEKDAYS", "Block", "CalendarFacts", "CalendarRef", "CalendarWarning", "Change", "Focus",
    "InlineCalendar", "Interval", "Location", "Lunch", "MeetingRequest", "Member", "MissingBlock",
    "OfficeDays", "PatternException", "PatternMeeting", "Person", "PlacedMeeting", "PlacedWhere",
    "Plan", "Rhythm", "Room", "Rules", "Status", "TeamRequest", "TimeRange", "Unplaced", "Weekday",
    "Where", "weekday_of",
]

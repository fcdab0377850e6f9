"""An event's times, typed as what they are once the event has passed the checks.

icalendar types every property as the union of all the values it can hold. After
`checks.check_value_types`, DTSTART, DTEND and RECURRENCE-ID hold a date or a date-time and
DURATION a duration; these say so in one place instead of at every reading.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

from icalendar import Component, vDDDTypes


def moment(component: Component, name: str) -> date:
    """DTSTART, DTEND or RECURRENCE-ID of a checked component: a date or a date-time."""
    return cast(date, cast(vDDDTypes, component[name]).dt)


def duration(component: Component) -> timedelta:
    """DURATION of a checked component."""
    return cast(timedelta, cast(vDDDTypes, component["DURATION"]).dt)

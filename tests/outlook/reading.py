"""Reading helpers shared by the pull tests: the planned week and how busy time is shown."""

from __future__ import annotations

from datetime import date

from connectors import ReadingContext
from connectors.sources import read_calendar_ref
from scheduler.domain import CalendarFacts

WEEK = date(2026, 11, 30)
AMSTERDAM = "Europe/Amsterdam"
WEST = "W. Europe Standard Time"


def read(ref: str, timezone: str = AMSTERDAM) -> CalendarFacts:
    """What rhythm reads from the calendar at `ref` for the week, through the `outlook:` reader."""
    return read_calendar_ref(ref, ReadingContext(WEEK, timezone))


def hours(facts: CalendarFacts) -> list[str]:
    return [f"{i.start:%a %d %H:%M}-{i.end:%H:%M}" for i in facts.busy]


def at(day: str, clock: str, zone: str = WEST) -> dict[str, str]:
    """A Graph dateTimeTimeZone."""
    return {"dateTime": f"{day}T{clock}:00", "timeZone": zone}

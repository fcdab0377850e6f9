"""Checks on each event before it is expanded: a broken event is reported, never guessed at.

icalendar keeps going past what it cannot read (a bad DTSTART becomes a "broken"
property, an unknown TZID a floating time), which would make busy time silently vanish
or move. These checks turn each such case into a CalendarError naming the line.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, tzinfo

from icalendar import Event, vDDDLists, vDDDTypes

from scheduler.errors import CalendarError

from .ics_lines import EventLines
from .timezones import is_resolvable

# The properties the reader uses; a broken DTSTAMP or DESCRIPTION does not matter to it.
USED_PROPERTIES = ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID")
_DATE_PROPERTIES = ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE")


def check_event(
    event: Event, lines: EventLines, *, source: str, zones: tuple[str, ...], floating: tzinfo
) -> None:
    """Raise CalendarError for the first thing about the event the reader cannot trust."""
    check_readable(event, lines, source)
    check_has_start(event, lines, source)
    check_time_zones(event, lines, source, zones)
    check_ends_after_start(event, lines, source, floating)


def check_readable(event: Event, lines: EventLines, source: str) -> None:
    for name, message in event.errors:
        if name in USED_PROPERTIES:
            problem = f"{name} of {describe(event)} cannot be read: {message}"
            raise CalendarError(source, problem, line=lines.line_of(name))


def check_has_start(event: Event, lines: EventLines, source: str) -> None:
    if "DTSTART" not in event:
        raise CalendarError(source, f"{describe(event)} has no DTSTART", line=lines.begin)


def check_time_zones(event: Event, lines: EventLines, source: str, zones: tuple[str, ...]) -> None:
    for name in _DATE_PROPERTIES:
        for value in _values(event, name):
            tzid = value.params.get("TZID")
            if tzid and not is_resolvable(str(tzid), zones):
                problem = (
                    f"{name} of {describe(event)} is in the time zone {str(tzid)!r}, which is "
                    "neither an IANA nor a Windows zone name, and no VTIMEZONE in the "
                    "calendar defines it"
                )
                raise CalendarError(source, problem, line=lines.line_of(name))


def check_ends_after_start(event: Event, lines: EventLines, source: str, floating: tzinfo) -> None:
    start = event["DTSTART"].dt
    if "DURATION" in event and event["DURATION"].dt < timedelta(0):
        problem = f"{describe(event)} has a negative DURATION"
        raise CalendarError(source, problem, line=lines.line_of("DURATION"))
    if "DTEND" not in event:
        return
    end = event["DTEND"].dt
    if isinstance(start, datetime) != isinstance(end, datetime):
        return  # a date against a date-time: recurring-ical-events reads it as a whole day
    if _comparable(end, floating) < _comparable(start, floating):
        problem = f"{describe(event)} ends (DTEND {end}) before it starts (DTSTART {start})"
        raise CalendarError(source, problem, line=lines.line_of("DTEND"))


def describe(event: Event) -> str:
    """How a person finds the event in their calendar app: its title."""
    summary = str(event.get("SUMMARY", "")).strip()
    return f"event {summary!r}" if summary else "an event without a title"


def _values(event: Event, name: str) -> Iterator[vDDDTypes | vDDDLists]:
    value = event.get(name)
    # EXDATE and RDATE may appear several times: icalendar gives a list for those.
    yield from value if isinstance(value, list) else ([value] if value is not None else [])


def _comparable(value: date, floating: tzinfo) -> date:
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=floating)
    return value

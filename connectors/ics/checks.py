"""Checks on each event before it is expanded: a broken event is never guessed at silently.

icalendar keeps going past what it cannot read (a bad DTSTART becomes a "broken"
property, an unknown TZID a floating time, a repeated DTSTART a list), which would make
busy time silently vanish, move or crash the expansion. Each check names the line; strict,
it raises CalendarError; tolerant, the event is skipped with a warning, or where calendar
apps agree on a reading (an end before the start, a zone named by its offset) read so,
with a warning. Events are named by UID: warnings are stored, titles may be private.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

from icalendar import Event

from scheduler.errors import CalendarError

from ..tolerance import Tolerance
from .context import EventContext
from .expand import PARSE_ERRORS
from .recurrence import check_recurrence
from .times import duration, moment
from .zones import check_time_zones, date_values

# The properties the reader uses; a broken DTSTAMP or DESCRIPTION does not matter to it.
USED_PROPERTIES = ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID")
_SINGLE = ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID", "UID", "STATUS", "TRANSP")


def check_event(event: Event, context: EventContext, tolerance: Tolerance) -> bool:
    """Whether to read the event; strict, a CalendarError for the first thing wrong with it."""
    uid = event_uid(event)
    for check in (check_single_values, check_readable, check_has_start, check_value_types,
                  check_negative_duration, check_recurrence):
        try:
            problem = check(event, context)
        except PARSE_ERRORS as error:  # a value icalendar let through that cannot be used
            problem = context.error(f"{describe(event)} cannot be read: {error}")
        if problem is not None:
            tolerance.report(problem, uid)
            return False
    try:
        check_time_zones(event, context, tolerance, uid)
        check_ends_after_start(event, context, tolerance)
    except PARSE_ERRORS as error:
        tolerance.report(context.error(f"{describe(event)} cannot be read: {error}"), uid)
        return False
    return True


def check_single_values(event: Event, context: EventContext) -> CalendarError | None:
    for name in _SINGLE:
        if isinstance(values := event.get(name), list):
            return context.error(f"{name} of {describe(event)} appears {len(values)} times", name)
    return None


def check_readable(event: Event, context: EventContext) -> CalendarError | None:
    for name, message in event.errors:
        if name in USED_PROPERTIES:
            return context.error(f"{name} of {describe(event)} cannot be read: {message}", name)
    return None


def check_has_start(event: Event, context: EventContext) -> CalendarError | None:
    return None if "DTSTART" in event else context.error(f"{describe(event)} has no DTSTART")


def check_value_types(event: Event, context: EventContext) -> CalendarError | None:
    """A DTSTART;VALUE=DATE:P1D parses as a duration: a time it must be."""
    for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
        if name in event and not isinstance(getattr(event[name], "dt", None), date):
            return context.error(f"{name} of {describe(event)} is not a date or a date-time", name)
    if "DURATION" in event and not isinstance(getattr(event["DURATION"], "dt", None), timedelta):
        return context.error(f"DURATION of {describe(event)} is not a duration", "DURATION")
    for name in ("EXDATE", "RDATE"):
        for value in date_values(event, name):
            if not all(isinstance(v.dt, date | tuple) for v in getattr(value, "dts", [value])):
                return context.error(f"{name} of {describe(event)} is not a list of dates", name)
    return None


def check_negative_duration(event: Event, context: EventContext) -> CalendarError | None:
    if "DURATION" in event and duration(event) < timedelta(0):
        return context.error(f"{describe(event)} has a negative DURATION", "DURATION")
    return None


def check_ends_after_start(event: Event, context: EventContext, tolerance: Tolerance) -> None:
    """An end before the start: Google has exported such events; calendar apps and
    recurring-ical-events read them from the earlier time to the later."""
    if "DTEND" not in event:
        return
    start, end = moment(event, "DTSTART"), moment(event, "DTEND")
    if isinstance(start, datetime) != isinstance(end, datetime):
        return  # a date against a date-time: recurring-ical-events reads it as a whole day
    if _comparable(end, context.floating) < _comparable(start, context.floating):
        problem = f"{describe(event)} ends (DTEND {end}) before it starts (DTSTART {start})"
        if not tolerance.strict:
            problem += "; read from the earlier time to the later"
        tolerance.report(context.error(problem, "DTEND"), event_uid(event), skipped=False)


def event_uid(event: Event) -> str | None:
    uid = event.get("UID")
    return str(uid[0] if isinstance(uid, list) else uid).strip() or None if uid is not None else None


def describe(event: Event) -> str:
    """The event by its UID, which a calendar app's source view or export shows."""
    uid = event_uid(event)
    return f"event {uid!r}" if uid else "an event without a UID"


def _comparable(value: date, floating: tzinfo) -> date:
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=floating)
    return value

"""Calendars reduced to what planning reads, so that nothing else is ever stored.

An uploaded or inline calendar holds titles, descriptions, places, attendees' addresses and
alarms; the planner reads only when each event happens, whether it is free, cancelled or a
day off, and where an all-day event says someone works. `minimise_ics` keeps exactly that:
each VEVENT with its times and recurrence (DTSTART, DTEND, DURATION, RRULE, RDATE, EXDATE,
RECURRENCE-ID), TRANSP, STATUS and Outlook's busy status, a UID replaced by its hash (the
overrides of a series still find their series), and for a title only "Out of office",
"Office" or "Home" when the event says so; VTIMEZONEs and X-WR-TIMEZONE stay, as the times
mean nothing without them. Read again, the reduced calendar gives the same busy times, days
off and locations, so a stored request can be planned again.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from icalendar import Calendar, Event

from scheduler.domain import CalendarFacts
from scheduler.errors import CalendarError

from ..tolerance import Tolerance
from .events import BUSY_STATUS, is_out_of_office, stated_location
from .lines import CalendarLines
from .read import parse_ics, read_parsed

_EVENT_KEEPS = ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "EXRULE", "RECURRENCE-ID",
                "TRANSP", "STATUS", "SEQUENCE", BUSY_STATUS)
_CALENDAR_KEEPS = ("VERSION", "CALSCALE", "X-WR-TIMEZONE")
PRODID = "-//rhythm//planning facts only//EN"


def minimise_ics(data: bytes | str, source: str) -> str:
    """The calendar as planning needs it, and nothing more; CalendarError if it is unreadable."""
    # Read as the planner reads it (tolerantly: typos repaired, unparsable parts left out),
    # so the reduced calendar reads to the same facts and the same warnings.
    return _minimised_text(parse_ics(data, source, Tolerance()), source)


def read_and_minimise(
    data: bytes | str, *, source: str, week: date, timezone: str
) -> tuple[CalendarFacts, str]:
    """`read_ics` (tolerant) and `minimise_ics` of one calendar, which is parsed only once."""
    tolerance = Tolerance()
    calendars = parse_ics(data, source, tolerance)
    kept = _minimised_text(calendars, source)  # before reading, which changes the calendars
    return read_parsed(calendars, source, tolerance, week=week, timezone=timezone), kept


def _minimised_text(calendars: list[tuple[Calendar, CalendarLines]], source: str) -> str:
    if not calendars:
        raise CalendarError(source, "not an iCalendar file (no BEGIN:VCALENDAR)")
    return "".join(_minimised(calendar).to_ical().decode("utf-8") for calendar, _ in calendars)


def minimise_request(data: Any) -> Any:
    """A v1 request with each inline calendar minimised (before it is stored); the rest as is."""
    if not isinstance(data, dict) or not isinstance(data.get("members"), list):
        return data
    members = []
    for i, member in enumerate(data["members"]):
        if isinstance(member, dict) and isinstance(member.get("calendars"), list):
            member = {**member, "calendars": [
                {"ics": minimise_ics(ref["ics"], f"members[{i}].calendars[{j}] (inline)")}
                if isinstance(ref, dict) and isinstance(ref.get("ics"), str) else ref
                for j, ref in enumerate(member["calendars"])]}
        members.append(member)
    return {**data, "members": members}


def _minimised(calendar: Calendar) -> Calendar:
    kept = Calendar()
    kept.add("PRODID", PRODID)
    for name in _CALENDAR_KEEPS:
        if name in calendar:
            kept[name] = calendar[name]
    for component in calendar.subcomponents:
        if component.name == "VTIMEZONE":
            kept.add_component(component)
        elif component.name == "VEVENT":
            kept.add_component(_event(component))
    return kept


def _event(event: Event) -> Event:
    kept = Event()
    for name in _EVENT_KEEPS:
        if name in event:
            kept[name] = event[name]
    if "UID" in event:  # a UID may carry an address (…@mail.example.com); its hash still pairs overrides
        kept["UID"] = stored_uid(str(event["UID"]))
    title = _title(event)
    if title:
        kept["SUMMARY"] = title
    return kept


def stored_uid(uid: str) -> str:
    """The UID an event keeps in the stored copy (`connectors/received.py` looks for it too)."""
    return hashlib.sha256(uid.encode()).hexdigest()[:32] + "@rhythm"


def _title(event: Event) -> str | None:
    if is_out_of_office(event):
        return "Out of office"
    where = stated_location(event)
    return {"office": "Office", "home": "Home", None: None}[where]

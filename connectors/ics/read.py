"""Read an iCalendar text into what the planner needs to know about one week: `read_ics`.

The steps, one module each: scan the text's structure, repairing it when tolerant, and
remember lines (`scan`, `lines`), parse it (icalendar; component by component if
the whole does not parse), read the calendar's own zones (`calendar_zones`) and check every
event the reader relies on (`checked`, `checks`, with `zones` and `recurrence`), settle
floating and X-WR-TIMEZONE times and expand the week, bounded (`expand`, x-wr-timezone,
recurring-ical-events), decide what each occurrence means (`events`), and clip and merge
the busy time (`intervals`). Whether a
problem refuses the calendar or becomes a warning is `connectors/tolerance.py`'s.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component

from scheduler.domain import CalendarFacts
from scheduler.errors import CalendarError

from ..intervals import Window, busy_in_window
from ..timezones import iana_name
from ..tolerance import Tolerance
from .checked import CheckedCalendar, check_calendar, read_checked
from .expand import PARSE_ERRORS, icalendar_isolated
from .lines import CalendarLines, EventLines
from .origin import stored_origin
from .scan import scan_calendars

_UID = re.compile(r"^UID(?:;[^:]*)?:(.*)$", re.MULTILINE)


def read_ics(
    data: bytes | str, *, source: str, week: date, timezone: str, days: int = 7, strict: bool = False
) -> CalendarFacts:
    """What one calendar says about [week 00:00, week + days 00:00) in the team's zone.

    `source` names the calendar in errors and warnings (a path, a URL). Busy intervals come
    back in `timezone`, clipped to the window, merged and sorted. Tolerant (the default),
    what can be read is read and each part that cannot is skipped with a warning in the
    facts; only a text that is not a calendar at all raises CalendarError. Strict, the
    first unreadable part raises CalendarError, naming the source and the line.
    """
    tolerance = Tolerance(strict)
    calendars = parse_ics(data, source, tolerance)
    return read_parsed(calendars, source, tolerance, week=week, timezone=timezone, days=days)


def parse_ics(data: bytes | str, source: str, tolerance: Tolerance) -> list[tuple[Calendar, CalendarLines]]:
    """The text scanned (repaired, when tolerant) and parsed: each VCALENDAR with its lines."""
    layouts, repaired = scan_calendars(decode(data), source, tolerance)
    return parse_calendars(repaired, layouts, source, tolerance)


def read_parsed(
    calendars: list[tuple[Calendar, CalendarLines]], source: str, tolerance: Tolerance, *,
    week: date, timezone: str, days: int = 7,
) -> CalendarFacts:
    """`read_ics` on calendars `parse_ics` gave. Reading changes them (times placed in their
    zones, skipped events taken out): anything else made from them is made first."""
    window = Window(week, days, ZoneInfo(timezone))
    return facts_of(check_parsed(calendars, source, tolerance, window), source, tolerance, window)


def check_parsed(
    calendars: list[tuple[Calendar, CalendarLines]], source: str, tolerance: Tolerance, window: Window
) -> list[CheckedCalendar]:
    """Each calendar with its zones read and its events checked (`checked`)."""
    origin = stored_origin(calendars)
    if origin is not None:  # a stored copy: its problems told as lines of the file it came from
        tolerance.translate = origin.translate
    return [check_calendar(calendar, lines, source, window, tolerance) for calendar, lines in calendars]


def facts_of(
    checked: list[CheckedCalendar], source: str, tolerance: Tolerance, window: Window
) -> CalendarFacts:
    """The week's facts of checked calendars, with the warnings of the whole reading."""
    facts = CalendarFacts()
    for one in checked:
        facts = facts.merged(read_checked(one, source, window, tolerance))
    busy = busy_in_window(facts.busy, window)
    return CalendarFacts(busy, facts.off_days, facts.locations, tuple(tolerance.warnings))


def stated_timezone(data: bytes | str, *, source: str) -> tuple[str, str] | None:
    """The IANA zone a calendar says it is in and where it says so, if it does.

    X-WR-TIMEZONE (Google) first, else its only VTIMEZONE (Outlook), else the only TZID its
    events use (Apple leaves out VTIMEZONEs for IANA zones).
    """
    layouts, _ = scan_calendars(decode(data), source, Tolerance())
    if not layouts:
        return None
    first = layouts[0]
    candidates = (
        ([first.x_wr_timezone[0]] if first.x_wr_timezone else [], "its X-WR-TIMEZONE"),
        (sorted(set(first.timezone_ids)), "its only VTIMEZONE"),
        (sorted(first.event_zones), "the only TZID its events use"),
    )
    for names, where in candidates:
        if len(names) == 1:
            stated = iana_name(names[0])
            return (stated, where) if stated else None
    return None


def decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Outlook exports are Windows-1252; a wrong accent beats refusing the calendar.
        return data.decode("cp1252", errors="replace")


def parse_calendars(
    text: str, layouts: tuple[CalendarLines, ...], source: str, tolerance: Tolerance
) -> list[tuple[Calendar, CalendarLines]]:
    """icalendar's reading of each VCALENDAR, with where its events are.

    Should the whole text not parse (a VTIMEZONE with an impossible offset, say), the
    tolerant reader parses each component on its own and skips those that do not parse.
    """
    try:
        with icalendar_isolated():
            components = Calendar.from_ical(text, multiple=True)
        calendars = [c for c in components if c.name == "VCALENDAR"]
        if len(calendars) == len(layouts):
            return list(zip(calendars, layouts, strict=True))
        problem = "the calendar cannot be read: its VCALENDARs do not parse"
    except PARSE_ERRORS as error:
        problem = f"not a readable iCalendar file: {error}"
    if tolerance.strict:
        raise CalendarError(source, problem)
    return [parse_by_component(lines, source, tolerance) for lines in layouts]


def parse_by_component(
    lines: CalendarLines, source: str, tolerance: Tolerance
) -> tuple[Calendar, CalendarLines]:
    try:
        calendar = Calendar.from_ical(lines.header)
    except PARSE_ERRORS:
        calendar = Calendar()  # its own properties unreadable: what matters is inside
    kept: list[EventLines] = []
    for child in lines.children:
        try:
            with icalendar_isolated():
                calendar.add_component(Component.from_ical(child.text))
        except PARSE_ERRORS as error:
            message = f"BEGIN:{child.name} cannot be read and is skipped: {error}"
            uid = next((m.group(1).strip() for m in [_UID.search(child.text)] if m), None)
            tolerance.report(CalendarError(source, message, child.begin), uid)
            continue
        kept.extend(child.events)
    return calendar, replace(lines, events=tuple(kept))

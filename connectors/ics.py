"""Read an iCalendar text into what the planner needs to know about one week: `read_ics`.

The steps, one module each: check the text's structure and remember lines (`ics_lines`),
parse it (icalendar), check every event the reader relies on (`ics_checks`), settle
floating and X-WR-TIMEZONE times (x-wr-timezone), expand recurrences for the week
(recurring-ical-events), decide what each occurrence means (`ics_events`), and clip and
merge the busy time (`intervals`). Zone names go through `timezones`.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import recurring_ical_events
import x_wr_timezone
from icalendar import Calendar, Event
from icalendar.error import GloballyUniqueTZIDGuessed

from scheduler.domain import CalendarFacts
from scheduler.errors import CalendarError

from .ics_checks import check_event
from .ics_events import facts_from_occurrences
from .ics_lines import CalendarLines, EventLines, scan_calendars
from .intervals import Window, busy_in_window
from .timezones import iana_name, zone_named


def read_ics(data: bytes | str, *, source: str, week: date, timezone: str, days: int = 7) -> CalendarFacts:
    """What one calendar says about [week 00:00, week + days 00:00) in the team's zone.

    `source` names the calendar in errors (a path, a URL). Busy intervals come back in
    `timezone`, clipped to the window, merged and sorted. Raises CalendarError, naming
    the source and where possible the line, for anything that is not a readable calendar.
    """
    text = decode(data)
    layouts = scan_calendars(text, source)
    calendars = parse_calendars(text, source)
    if len(calendars) != len(layouts):
        raise CalendarError(source, "the calendar cannot be read: its VCALENDARs do not parse")
    window = Window(week, days, ZoneInfo(timezone))
    facts = CalendarFacts()
    for calendar, lines in zip(calendars, layouts, strict=True):
        facts = facts.merged(read_calendar(calendar, lines, source, window))
    return CalendarFacts(busy_in_window(facts.busy, window), facts.off_days, facts.locations)


def stated_timezone(data: bytes | str, *, source: str) -> tuple[str, str] | None:
    """The IANA zone a calendar says it is in and where it says so, if it does.

    X-WR-TIMEZONE (Google) first, else its only VTIMEZONE (Outlook), else the only TZID its
    events use (Apple leaves out VTIMEZONEs for IANA zones).
    """
    first = scan_calendars(decode(data), source)[0]
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


def parse_calendars(text: str, source: str) -> list[Calendar]:
    try:
        with _vendor_prefixed_zones_accepted():
            components = Calendar.from_ical(text, multiple=True)
    except ValueError as error:
        raise CalendarError(source, f"not a readable iCalendar file: {error}") from error
    return [c for c in components if c.name == "VCALENDAR"]


def read_calendar(calendar: Calendar, lines: CalendarLines, source: str, window: Window) -> CalendarFacts:
    floating = floating_zone(lines, source, window.zone)
    events: list[Event] = calendar.walk("VEVENT")
    # The scan and icalendar see the same events in the same order; should they ever
    # disagree, errors point at the calendar's first line rather than a wrong one.
    located = lines.events
    if len(located) != len(events):
        located = (EventLines(lines.begin),) * len(events)
    for event, event_lines in zip(events, located, strict=True):
        check_event(event, event_lines, source=source, zones=lines.timezone_ids, floating=floating)
    occurrences = occurrences_in(calendar, window, floating, source)
    return facts_from_occurrences(occurrences, window, floating)


def floating_zone(lines: CalendarLines, source: str, team_zone: ZoneInfo) -> tzinfo:
    """The zone of times without one: the calendar's X-WR-TIMEZONE, else the team's.

    RFC 5545 leaves floating times to the reader; a calendar that states its zone means
    that zone, and otherwise the team's working day is the natural reading.
    """
    if lines.x_wr_timezone is None:
        return team_zone
    name, line = lines.x_wr_timezone
    zone = zone_named(name)
    if zone is None:
        raise CalendarError(source, f"X-WR-TIMEZONE {name!r} is not a known time zone", line)
    return zone


class _TimeSettler(x_wr_timezone.UTCChangingWalker):
    """x-wr-timezone's walker, told floating times by their missing tzinfo: it goes by
    tzname(), which is None for Outlook's VTIMEZONEs too (they have no TZNAME), and would
    move those times into another zone."""

    def __init__(self, floating: tzinfo, utc_is_local: bool) -> None:
        super().__init__(floating)
        self.utc_is_local = utc_is_local

    def walk_value_datetime(self, dt: datetime) -> datetime:
        if dt.tzinfo is None:
            return dt.replace(tzinfo=self.new_timezone)
        if self.utc_is_local and self.is_UTC(dt):
            return dt.astimezone(self.new_timezone)
        return dt


def settle_times(calendar: Calendar, floating: tzinfo) -> Calendar:
    """Floating times placed in `floating`; with X-WR-TIMEZONE, UTC times too.

    Google writes events in UTC and means them in X-WR-TIMEZONE: a weekly 10:00 meeting
    stays at 10:00 local across daylight saving. Without X-WR-TIMEZONE a recurring UTC
    event recurs in UTC, as RFC 5545 says.
    """
    settled = _TimeSettler(floating, "X-WR-TIMEZONE" in calendar).walk(calendar)
    # Settled now: recurring-ical-events would apply X-WR-TIMEZONE again, with the
    # library's own floating-time test that misreads Outlook's zones.
    settled.pop("X-WR-TIMEZONE", None)
    return settled


def occurrences_in(calendar: Calendar, window: Window, floating: tzinfo, source: str) -> list[Event]:
    """Every occurrence touching the window, with floating and Google-style UTC times
    placed in their zone first so they compare correctly with the window."""
    # A day either side: clipping to the exact week happens afterwards, by instant.
    start, end = window.start - timedelta(days=1), window.end + timedelta(days=1)
    try:
        with _vendor_prefixed_zones_accepted():
            settled = settle_times(calendar, floating)
            return list(recurring_ical_events.of(settled).between(start, end))
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise CalendarError(source, f"cannot expand the events: {error}") from error


@contextmanager
def _vendor_prefixed_zones_accepted() -> Iterator[None]:
    """Evolution writes TZIDs like /freeassociation.sourceforge.net/Europe/Amsterdam;
    reading the zone from the end is what every calendar app does, so no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", GloballyUniqueTZIDGuessed)
        yield

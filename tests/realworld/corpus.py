"""The real-world calendars that ship inside the installed icalendar and
recurring-ical-events packages (their own test data), and an independent reading of each.

The independent reading is recurring-ical-events used directly, the way its documentation
shows: icalendar parses the file, x-wr-timezone settles Google's zone, and the library
expands the week. Only the meaning of each occurrence (busy, day off, location) is
rhythm's own (`facts_from_occurrences`), so a difference is one of reading or expanding.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
import x_wr_timezone

from connectors.ics.events import facts_from_occurrences
from connectors.intervals import Window, busy_in_window
from scheduler.domain import Interval

PACKAGES = (Path(icalendar.__file__).parent, Path(recurring_ical_events.__file__).parent)
ZONE = "Europe/Amsterdam"
_FIRST_START = re.compile(rb"^DTSTART[^:\r\n]*:(\d{8})", re.MULTILINE)
_EVENT = re.compile(rb"^BEGIN:VEVENT.*?^END:VEVENT", re.MULTILINE | re.DOTALL | re.IGNORECASE)


def package_calendars() -> list[Path]:
    """Every .ics in both packages that holds a VCALENDAR (the rest are bare events,
    zones or to-dos: not calendars, which rhythm refuses)."""
    found = sorted(p for package in PACKAGES for p in package.rglob("*.ics"))
    return [p for p in found if b"BEGIN:VCALENDAR" in p.read_bytes().upper()]


def shown(path: Path) -> str:
    return str(path.relative_to(path.parents[len(path.parts) - len(PACKAGES[0].parent.parts) - 1]))


def week_of_first_event(data: bytes) -> date:
    """The Monday of the first event's DTSTART that reads as a date (a VTIMEZONE's start in
    1970 does not count); 2026-11-30 if there is none."""
    for event in _EVENT.finditer(data):
        for match in _FIRST_START.finditer(event[0]):
            try:
                day = date(int(match[1][:4]), int(match[1][4:6]), int(match[1][6:8]))
            except ValueError:
                continue
            return day - timedelta(days=day.weekday())
    return date(2026, 11, 30)


def independent_busy(data: bytes, week: date, skipped: set[str]) -> tuple[Interval, ...] | None:
    """Busy time as recurring-ical-events reads the week; None if it cannot read the file.
    The events rhythm skipped with a warning (by UID) are left out here too."""
    window = Window(week, 7, ZoneInfo(ZONE))
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
        occurrences = []
        for calendar in calendars:
            calendar.subcomponents = [c for c in calendar.subcomponents if str(c.get("UID")) not in skipped]
            standard = x_wr_timezone.to_standard(calendar)
            query = recurring_ical_events.of(standard)
            occurrences += query.between(window.start - timedelta(days=1), window.end + timedelta(days=1))
        floating = ZoneInfo(str(calendars[0].get("X-WR-TIMEZONE", ZONE)))
        facts = facts_from_occurrences(occurrences, window, floating)
    except Exception:
        return None
    return busy_in_window(facts.busy, window)

"""The zones one calendar defines for itself: its VTIMEZONEs and its X-WR-TIMEZONE.

RFC 5545 (3.2.19, 3.6.5): a TZID names the VTIMEZONE of that name in the same calendar, so
the calendar's own block governs whatever its name, as in icalendar 7 and Thunderbird's
ical.js; the Windows and display-name tables (`timezones.py`, `zones.py`) are only for a TZID
no block defines. Outlook names its blocks after Windows zones (`GMT Standard Time`): where a
block and the well-known zone of its name disagree in the weeks read, the block is read, with
a warning naming the line and the TZID. Where they agree, the well-known zone is the same
reading there and far faster (dateutil walks an Outlook rule from 1601 for every offset).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone

from scheduler.errors import CalendarError

from ..intervals import Window
from ..timezones import iana_name, zone_named
from ..tolerance import Tolerance
from .expand import PARSE_ERRORS
from .lines import CalendarLines
from .recurrence import costly_zones
from .zones import date_values

_COARSE, _FINE = timedelta(hours=3), timedelta(minutes=15)
_REMEMBERED = 256
_END_OF_TIME = datetime.max.replace(tzinfo=UTC)
_AGREED: dict[tuple[bytes, str, float, float], bool] = {}


def floating_zone(lines: CalendarLines, source: str, team_zone: tzinfo, tolerance: Tolerance) -> tzinfo:
    """The zone of times without one: the calendar's X-WR-TIMEZONE, else the team's.

    RFC 5545 leaves floating times to the reader; a calendar that states its zone means
    that zone, and otherwise the team's working day is the natural reading.
    """
    if lines.x_wr_timezone is None:
        return team_zone
    name, line = lines.x_wr_timezone
    zone = zone_named(name)
    if zone is None:
        problem = f"X-WR-TIMEZONE {name!r} is not a known time zone (times without one: the team's)"
        tolerance.report(CalendarError(source, problem, line))
        return team_zone
    return zone


def report_costly_zones(
    calendar: Calendar, lines: CalendarLines, source: str, window: Window, tolerance: Tolerance
) -> frozenset[str]:
    """The TZIDs of VTIMEZONEs whose rules cannot be walked in time, each reported; their
    times are read in the tzdata zone of that name, else as times without a zone."""
    found = costly_zones(calendar, window.end)
    for tzid, why in found.items():
        instead = iana_name(tzid) or "times without a zone"
        tolerance.report(CalendarError(source, f"VTIMEZONE {tzid!r}: {why}; read as {instead}",
                                       block_line(lines, tzid)), skipped=False)
    return frozenset(found)


@dataclass(frozen=True)
class OwnZone:
    """A zone the calendar defines: its VTIMEZONE, and the zone read from it (the well-known
    zone of its name where the two agree in the weeks read)."""

    block: Timezone
    zone: tzinfo


def own_zones(
    calendar: Calendar, lines: CalendarLines, source: str, window: Window, tolerance: Tolerance,
    costly: frozenset[str],
) -> dict[str, OwnZone]:
    """TZID -> the zone this calendar's own VTIMEZONE defines (the first usable one of each
    name). Built here, for this calendar: icalendar's process-wide cache may hold another
    calendar's zone of the same name, and its look-up would answer Windows names from tzdata."""
    found: dict[str, OwnZone] = {}
    for zone in calendar.timezones:
        tzid = str(zone.get("TZID", "")).strip('"')
        if not tzid or tzid in costly or tzid in found:
            continue
        try:
            found[tzid] = OwnZone(zone, zone.to_tz(lookup_tzid=False))
        except PARSE_ERRORS:
            continue  # an unusable definition: the name alone, as for a missing one
        known = zone_named(tzid)
        if known is None or tzid not in lines.event_zones:
            continue
        # Before its first change, and after its last when no rule repeats it, a block says
        # nothing (Apple and iCalcreator write only the changes around their events; dateutil
        # would carry the nearest offset on): there the zone of its name is read, not compared.
        first, last = defined_span(zone)
        start, end = max(window.start - timedelta(days=1), first), min(window.end + timedelta(days=1), last)
        try:
            agreed = agree(zone.to_ical(), found[tzid].zone, known, start, end)
        except PARSE_ERRORS:
            del found[tzid]  # it gives no offset for the week: the name alone
            continue
        if agreed:
            found[tzid] = OwnZone(zone, known)
        else:
            message = (f"VTIMEZONE {tzid!r} gives other UTC offsets than the time zone of that name "
                       f"({known.key}) in the weeks read; read as the calendar defines it")
            tolerance.report(CalendarError(source, message, block_line(lines, tzid)), skipped=False)
    return found


def defined_span(zone: Timezone) -> tuple[datetime, datetime]:
    """From the block's first change to its last (in UTC); to the end of time if a rule repeats."""
    onsets, repeats = [], False
    for part in zone.subcomponents:
        offset = getattr(part.get("TZOFFSETFROM"), "td", None)
        repeats = repeats or "RRULE" in part
        starts = [getattr(part.get("DTSTART"), "dt", None)]
        for value in date_values(part, "RDATE"):
            starts.extend(one.dt for one in getattr(value, "dts", []))
        for start in starts:
            if isinstance(start, datetime) and isinstance(offset, timedelta):
                try:
                    onsets.append(start.replace(tzinfo=UTC) - offset)
                except OverflowError:  # year 1 minus an hour: as early as it gets
                    onsets.append(datetime.min.replace(tzinfo=UTC))
    if not onsets:
        return _END_OF_TIME, _END_OF_TIME
    return min(onsets), _END_OF_TIME if repeats else max(onsets)


def block_line(lines: CalendarLines, tzid: str) -> int:
    """The line of the VTIMEZONE's TZID, else the calendar's first line."""
    return lines.timezone_ids.get(tzid, lines.begin)


def agree(definition: bytes, block: tzinfo, known: ZoneInfo, start: datetime, end: datetime) -> bool:
    """Whether the block (`definition` its text) and the known zone give every instant in
    [start, end] the same UTC offset. Remembered: a team's Outlook calendars share their
    few blocks, and each costs a few dozen milliseconds to compare."""
    key = (definition, known.key, start.timestamp(), end.timestamp())
    if key not in _AGREED:
        if len(_AGREED) >= _REMEMBERED:
            _AGREED.clear()
        _AGREED[key] = _compare(block, known, start, end)
    return _AGREED[key]


def _compare(block: tzinfo, known: tzinfo, start: datetime, end: datetime) -> bool:
    # Every three hours, and every quarter hour around a change in either zone: the same
    # answer as every quarter hour (zones change at most twice a year, on the quarter hour)
    # at a tenth of the cost.
    def offsets(moment: datetime) -> tuple[timedelta | None, timedelta | None]:
        return moment.astimezone(block).utcoffset(), moment.astimezone(known).utcoffset()

    if start >= end:
        return True
    moment = start
    before = offsets(moment)
    while moment < end:
        after = offsets(moment + _COARSE)
        if after[0] != after[1]:
            return False
        if after != before:
            steps = int(_COARSE / _FINE)
            if any(len(set(offsets(moment + n * _FINE))) > 1 for n in range(1, steps)):
                return False
        moment, before = moment + _COARSE, after
    return before[0] == before[1]

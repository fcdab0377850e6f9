"""Calendars reduced to planning facts at the door, so that nothing else is ever stored.

An uploaded or inline calendar holds titles, descriptions, places, attendees' addresses and
alarms; the planner reads only when each event happens, whether it is free, cancelled or a
day off, and where an all-day event says someone works. The stored copy is built from the
reader's own reading of the file, not filtered from its text: each VEVENT the reader sees
(`stored_events`), each zone as the reader read it (`stored_zones`), every value written
from what was parsed (`stored_values`), and a map from its lines to the file's (`origin`).
Read again, it gives the same busy times, days off and locations for any week, and the same
warnings, told as lines of the user's file; a value no one could read is kept only as
`unreadable`, so the warning about it stays and its words do not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from scheduler.domain import CalendarFacts
from scheduler.errors import CalendarError

from ..intervals import Window
from ..timezones import is_iana_name, zone_named
from ..tolerance import Tolerance
from .checked import CheckedCalendar
from .expand import PARSE_ERRORS
from .origin import PRODID, Came, stored_origin, with_origin
from .read import check_parsed, facts_of, parse_ics
from .stored_events import stored_events
from .stored_zones import stored_zones, used_zones

UNKNOWN_ZONE = "unknown"  # an X-WR-TIMEZONE no one knows: still says "UTC times are local"


def read_and_minimise(
    data: bytes | str, *, source: str, week: date, timezone: str, days: int = 7, label: str | None = None
) -> tuple[CalendarFacts, str]:
    """`read_ics` (tolerant) of one calendar for the week, and its stored copy.

    `label` names the calendar in the warnings of later readings (default: the name the
    reader of the stored copy gives it); the file's own name is never stored."""
    window = Window(week, days, ZoneInfo(timezone))
    tolerance = Tolerance()
    checked, stored = _checked_and_stored(data, source, window, tolerance, label)
    return facts_of(checked, source, tolerance, window), stored


def minimise_ics(data: bytes | str, source: str, *, week: date | None = None, timezone: str = "UTC",
                 days: int = 7, label: str | None = None) -> str:
    """The stored copy of a calendar, checked for `week` (by default the coming one) but not
    expanded; CalendarError if it is not a calendar at all."""
    window = Window(week or coming_monday(), days, ZoneInfo(timezone))
    return _checked_and_stored(data, source, window, Tolerance(), label)[1]


def _checked_and_stored(
    data: bytes | str, source: str, window: Window, tolerance: Tolerance, label: str | None
) -> tuple[list[CheckedCalendar], str]:
    calendars = parse_ics(data, source, tolerance)
    if not calendars:
        raise CalendarError(source, "not an iCalendar file (no BEGIN:VCALENDAR)")
    # A stored copy stored again (a migration): its map leads on to the user's file, if it has
    # one (copies made before the maps were kept have none).
    previous = stored_origin(calendars)
    again = any(str(c.get("PRODID", "")) == PRODID for c, _ in calendars)
    known = not again or (previous is not None and previous.lines is not None)
    label = label or (previous.label if previous else None)
    checked = check_parsed(calendars, source, tolerance, window)
    through = previous.line if previous is not None and known else None
    try:
        return checked, stored_copy(checked, label, lines_known=known, through=through)  # before reading
    except PARSE_ERRORS as error:  # never seen (bench.stored_calendars); a message, not a 500
        raise CalendarError(source, f"the calendar cannot be stored as planning facts: {error}") from error


def minimise_request(data: Any) -> Any:
    """A v1 request with each inline calendar minimised (before it is stored); the rest as is.
    Each is read for the request's weeks, in its zone, and keeps its name in the request."""
    if not isinstance(data, dict) or not isinstance(data.get("members"), list):
        return data
    try:
        week = date.fromisoformat(str(data.get("week")))
    except ValueError:
        week = coming_monday()
    zone = given if isinstance(given := data.get("timezone"), str) else "UTC"
    timezone = zone if zone_named(zone) is not None and is_iana_name(zone) else "UTC"
    weeks = count if isinstance(count := data.get("weeks"), int) and 0 < count <= 52 else 1
    members = []
    for i, member in enumerate(data["members"]):
        if isinstance(member, dict) and isinstance(member.get("calendars"), list):
            member = {**member, "calendars": [
                {"ics": minimise_ics(ref["ics"], f"members[{i}].calendars[{j}] (inline)", week=week,
                                     timezone=timezone, days=7 * weeks)}
                if isinstance(ref, dict) and isinstance(ref.get("ics"), str) else ref
                for j, ref in enumerate(member["calendars"])]}
        members.append(member)
    return {**data, "members": members}


def stored_copy(checked: Sequence[CheckedCalendar], label: str | None, *, lines_known: bool = True,
                through: Callable[[int | None], int | None] | None = None) -> str:
    """The calendars as stored: only what the reader reads, as it read it."""
    uids: dict[str, str] = {}
    texts, came = [], []
    for one in checked:
        zones = stored_zones(one, used_zones(one), _floating(one))
        events, origins = stored_events(one, zones.names, uids, keep_skipped=True)
        kept = Calendar()
        kept.add("PRODID", PRODID)
        kept.add("VERSION", "2.0")
        if "X-WR-TIMEZONE" in one.calendar:
            kept.add("X-WR-TIMEZONE", _x_wr_timezone(one))
        if one.calendar.get("CALSCALE", "GREGORIAN") != "GREGORIAN":
            kept.add("CALSCALE", UNKNOWN_ZONE.upper())  # recurring-ical-events expands none then
        for component in [*zones.blocks, *events]:
            kept.add_component(component)
        texts.append(kept.to_ical().decode("utf-8"))
        came.append(Came(one.lines, origins, zones.origins))
    return with_origin("".join(texts), came if lines_known else None, label, through)


def _x_wr_timezone(checked: CheckedCalendar) -> str:
    """The calendar's zone by a zone's name; an unknown one as `unknown` (read the same)."""
    name = checked.lines.x_wr_timezone[0] if checked.lines.x_wr_timezone else ""
    known = zone_named(name)
    if known is None:
        return UNKNOWN_ZONE
    return name if is_iana_name(name) or name in WINDOWS_TO_OLSON else known.key


def _floating(checked: CheckedCalendar) -> str | None:
    """The zone to write times without one in: X-WR-TIMEZONE gives it, but when icalendar could
    not read the calendar's own properties, UTC times are not read as local: written in it."""
    stated = checked.lines.x_wr_timezone
    known = zone_named(stated[0]) if stated and "X-WR-TIMEZONE" not in checked.calendar else None
    return known.key if known else None


def coming_monday() -> date:
    today = datetime.now(UTC).date()
    return today + timedelta(days=7 - today.weekday())

"""Event times in zones neither tzdata nor the calendar knows, read as calendar apps do.

An Outlook display name like `(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna`
without its VTIMEZONE is read as the tzdata zone of a city it names whose offset matches,
else at the offset it states; any other unknown TZID (`Western/Central Europe`,
`CUSTOM_tzid`) is read as a time without a zone, in the calendar's or the team's zone, as
icalendar and recurring-ical-events read it. Each is a warning; strict, a CalendarError.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from icalendar import Component, Event, vDDDLists, vDDDTypes

from ..timezones import zone_named
from ..tolerance import Tolerance
from .context import EventContext

DATE_PROPERTIES = ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE")
_OFFSET = re.compile(r"\b(?:UTC|GMT)(?:\s*([+-])(\d{1,2})(?::?(\d{2}))?)?", re.IGNORECASE)


def check_time_zones(event: Event, context: EventContext, tolerance: Tolerance, uid: str | None) -> None:
    """Each unknown zone reported once per event, at its first property, and read as said."""
    reported: set[str] = set()
    for name in DATE_PROPERTIES:
        for value in date_values(event, name):
            tzid = str(value.params.get("TZID") or "").strip('"')
            if not tzid:
                continue
            # Always this calendar's own zone or tzdata's: icalendar may hand out a VTIMEZONE
            # that another calendar defined for the same name.
            own = context.own.get(tzid)
            known = own or zone_named(tzid)
            if tzid in context.costly:
                place(value, known)  # reported with its VTIMEZONE
                continue
            if known is not None:
                place(value, known, only_if_other=True)
                continue
            zone, reading = zone_from_name(tzid)
            if tzid not in reported:
                shown = f"event {uid!r}" if uid else "an event without a UID"
                problem = (f"{name} of {shown} is in the time zone {tzid!r}, which is neither an IANA "
                           "nor a Windows zone name, and no VTIMEZONE in the calendar defines it")
                if not tolerance.strict:
                    problem += f"; read {reading}"
                tolerance.report(context.error(problem, name), uid, skipped=False)
                reported.add(tzid)
            place(value, zone)


def zone_from_name(tzid: str) -> tuple[tzinfo | None, str]:
    """The zone an unknown TZID's name points to, and how it was read, for the warning."""
    match = _OFFSET.search(tzid)
    if match is None:
        return None, "as a time without a zone"
    sign, hours, minutes = match.groups()
    offset = timedelta(hours=int(hours or 0), minutes=int(minutes or 0)) * (-1 if sign == "-" else 1)
    if abs(offset) >= timedelta(hours=24):
        return None, "as a time without a zone"
    cities = [part.strip(" ()").replace(" ", "_") for part in re.split(r"[,;]", tzid[match.end():])]
    for city in cities:
        for zone_name in zones_of_city(city):
            if offset in _offsets(zone_name):
                return ZoneInfo(zone_name), f"in {zone_name}, the zone of a city its name gives"
    shown = f"{'-' if offset < timedelta(0) else '+'}{abs(offset)}"[:-3]
    return timezone(offset), f"at UTC{shown}, the offset its name states"


@cache
def _by_city() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for name in sorted(available_timezones()):
        if "/" in name:
            found.setdefault(name.rpartition("/")[2].lower(), []).append(name)
    return {city: tuple(names) for city, names in found.items()}


def zones_of_city(city: str) -> tuple[str, ...]:
    return _by_city().get(city.lower(), ())


def _offsets(zone_name: str) -> set[timedelta]:
    """Its offsets in winter and summer: a display name states the standard one."""
    zone = ZoneInfo(zone_name)
    year = datetime.now(UTC).year
    return {datetime(year, month, 15, tzinfo=zone).utcoffset() or timedelta(0) for month in (1, 7)}


def place(value: vDDDTypes | vDDDLists, zone: tzinfo | None, *, only_if_other: bool = False) -> None:
    """The value's times in `zone`, or floating for none: never in a zone icalendar
    remembered from another calendar with the same TZID."""
    for one in getattr(value, "dts", [value]):
        if isinstance(one.dt, datetime) and not (only_if_other and one.dt.tzinfo == zone):
            one.dt = one.dt.replace(tzinfo=zone)


def date_values(event: Component, name: str) -> Iterator[vDDDTypes | vDDDLists]:
    value = event.get(name)
    # EXDATE and RDATE may appear several times: icalendar gives a list for those.
    yield from value if isinstance(value, list) else ([value] if value is not None else [])


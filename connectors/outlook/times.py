"""Graph's `dateTimeTimeZone` ({"dateTime": "2026-12-01T09:00:00.0000000", "timeZone": ...}).

Graph names zones the Windows way ("W. Europe Standard Time"), in the zone asked for with
`Prefer: outlook.timezone`, else "UTC"; some answers say "tzone://Microsoft/Utc". Every pair
is read by its own `timeZone`, never assumed to be the team's: an event's
`originalStartTimeZone` only tells where it was created. All-day events are the exception:
Graph gives them as midnight to midnight whatever zone was asked for, so their dates are read
as they are written.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from O365.utils import get_windows_tz

from connectors.timezones import zone_named
from scheduler.errors import RhythmError

_UTC_NAMES = {"utc", "tzone://microsoft/utc", "etc/utc", "z"}


class TimeError(RhythmError):
    """A dateTimeTimeZone rhythm cannot place in time."""


def parse_moment(value: object) -> datetime:
    """The instant a dateTimeTimeZone stands for, time-zone aware."""
    local, zone = _parts(value)
    return local.replace(tzinfo=zone)


def parse_date(value: object) -> date:
    """The calendar date of an all-day event's start or end (its written date)."""
    return _parts(value)[0].date()


def graph_moment(moment: datetime) -> dict[str, str]:
    """An aware datetime as Graph wants it: local time and the Windows name of its zone."""
    name = windows_name(moment.tzinfo) if isinstance(moment.tzinfo, ZoneInfo) else None
    if name and name != "UTC":
        return {"dateTime": moment.strftime("%Y-%m-%dT%H:%M:%S"), "timeZone": name}
    # A fixed offset (or a zone Windows has no name for) is written as the same instant in UTC.
    return {"dateTime": moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"), "timeZone": "UTC"}


def graph_day(day: date, timezone: str) -> dict[str, str]:
    """Midnight starting `day`, for an all-day event in the mailbox's own zone."""
    return {"dateTime": f"{day.isoformat()}T00:00:00", "timeZone": timezone}


def windows_name(zone: ZoneInfo) -> str | None:
    try:
        return str(get_windows_tz(zone))
    except ZoneInfoNotFoundError:
        return None


def prefer_zone(zone: ZoneInfo) -> str:
    """The `Prefer` header value that asks Graph for times in this zone (else in UTC)."""
    return f'outlook.timezone="{windows_name(zone) or "UTC"}"'


def odata_instant(moment: datetime) -> str:
    """An instant for a query string (`startDateTime=...`), in UTC so no offset needs escaping."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


def days_between(first: date, end: date) -> list[date]:
    """[first, end) as dates; a zero-length span still means `first`."""
    return [first + timedelta(days=n) for n in range(max((end - first).days, 1))]


def _parts(value: object) -> tuple[datetime, ZoneInfo]:
    if not isinstance(value, dict) or not isinstance(value.get("dateTime"), str):
        raise TimeError(f"expected a dateTimeTimeZone object, got {value!r}")
    try:
        local = datetime.fromisoformat(value["dateTime"].rstrip("Z"))
    except ValueError:
        raise TimeError(f"{value['dateTime']!r} is not a date and time") from None
    name = str(value.get("timeZone") or "UTC")
    zone = ZoneInfo("UTC") if name.strip().lower() in _UTC_NAMES else zone_named(name)
    if zone is None:
        raise TimeError(f"time zone {name!r} is not one rhythm knows")
    return local.replace(tzinfo=None), zone

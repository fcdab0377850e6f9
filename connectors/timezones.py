"""Time zone names as calendars write them, turned into IANA zones.

Calendars name zones three ways: IANA names (`Europe/Amsterdam`, Google, Apple), Outlook's
Windows names (`W. Europe Standard Time`), and "globally unique" ids with a vendor prefix
(`/freeassociation.sourceforge.net/Europe/Amsterdam`, Evolution). All three map onto tzdata,
which knows every past and future daylight-saving change; a VTIMEZONE in the file is only
needed for names nothing else knows.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON


@cache
def is_iana_name(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe/" is tzdata's folder
        return False
    return True


def iana_name(tzid: str) -> str | None:
    """The IANA name a calendar's zone name stands for, or None if tzdata does not know it."""
    return next((name for name in _candidates(tzid) if is_iana_name(name)), None)


def _candidates(tzid: str) -> Iterator[str]:
    cleaned = tzid.strip().strip('"').strip()
    yield cleaned.strip("/")
    if cleaned in WINDOWS_TO_OLSON:
        yield WINDOWS_TO_OLSON[cleaned]
    if cleaned.startswith("/"):
        # The vendor prefix has one or more parts; the zone is the longest known suffix.
        parts = cleaned.strip("/").split("/")
        for first in range(1, len(parts)):
            yield "/".join(parts[first:])


def zone_named(name: str) -> ZoneInfo | None:
    """The zone for a name a person or a calendar gave (IANA or Windows), if there is one."""
    found = iana_name(name)
    return ZoneInfo(found) if found else None

"""A DesiredEvent as the VEVENT rhythm stores in a CalDAV collection, and back.

- UID and resource name come from the key: the first 32 hex digits of its SHA-256, so
  `<hash>@rhythm` in `<hash>.ics`. The same key always lands on the same href, so a re-run
  after a sync was cut off overwrites instead of duplicating, and a meeting (whose key has
  no member in it) has one UID in every attendee's calendar. Keys hold "/", "#" and any
  character a team or member id has, which a hash keeps out of URLs.
- The key and the fingerprint are stored in X-RHYTHM-KEY and X-RHYTHM-FINGERPRINT: that is
  how rhythm recognises its own events and never touches anyone else's.
- Meetings name rhythm as ORGANIZER (`rhythm@rhythm.invalid`, as the ICS export does) and
  mark organizer and attendees SCHEDULE-AGENT=CLIENT (RFC 6638): the event is written into
  each attendee's own calendar, and a scheduling server (Nextcloud, iCloud) must not mail
  invitations for every copy.
- Busy blocks are TRANSP:OPAQUE; office days are all-day and TRANSP:TRANSPARENT (free).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vCalAddress

from connectors.ics.export import PRODID
from connectors.sync import DesiredEvent, WrittenEvent

KEY_PROPERTY = "X-RHYTHM-KEY"
FINGERPRINT_PROPERTY = "X-RHYTHM-FINGERPRINT"
ORGANIZER = "rhythm@rhythm.invalid"
_HAS_KEY = re.compile(rf"^{KEY_PROPERTY}[;:]", re.MULTILINE | re.IGNORECASE)


def resource_name(key: str) -> str:
    return f"{_digest(key)}.ics"


def uid_for(key: str) -> str:
    return f"{_digest(key)}@rhythm"


@dataclass(frozen=True)
class Stored:
    """A rhythm event as found on the server: what sync compares, and what a PUT needs."""

    written: WrittenEvent
    uid: str
    etag: str | None
    sequence: int


def event_text(event: DesiredEvent, *, uid: str, sequence: int, stamp: datetime) -> str:
    """The event as a one-VEVENT iCalendar object, with the VTIMEZONE its times use."""
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    vevent = Event()
    vevent.add("UID", uid)
    vevent.add("DTSTAMP", stamp.astimezone(UTC))
    vevent.add("SEQUENCE", sequence)
    vevent.add("SUMMARY", event.title)
    vevent.add("DTSTART", _moment(event.start))
    vevent.add("DTEND", _moment(event.end))
    vevent.add("TRANSP", "OPAQUE" if event.busy else "TRANSPARENT")
    vevent.add("CATEGORIES", [event.category])
    location = event.location or ("Online" if event.online else None)
    if location:
        vevent.add("LOCATION", location)
    if event.body:
        vevent.add("DESCRIPTION", event.body)
    if event.attendees:
        organizer = vCalAddress.new(ORGANIZER, cn="rhythm")
        organizer.params["SCHEDULE-AGENT"] = "CLIENT"
        vevent.add("ORGANIZER", organizer)
    for person in event.attendees:
        role = "REQ-PARTICIPANT" if person.required else "OPT-PARTICIPANT"
        attendee = vCalAddress.new(f"mailto:{person.email}", cn=person.name, cutype="INDIVIDUAL",
                                   role=role, partstat="NEEDS-ACTION", rsvp=False)
        attendee.params["SCHEDULE-AGENT"] = "CLIENT"
        vevent.add("ATTENDEE", attendee)
    vevent.add(KEY_PROPERTY, event.key)
    vevent.add(FINGERPRINT_PROPERTY, event.fingerprint())
    around = _day(event.start)
    for zone in sorted({m.tzinfo.key for m in (event.start, event.end)
                        if isinstance(m, datetime) and isinstance(m.tzinfo, ZoneInfo)}):
        # A year either side, as the ICS export does: enough for the week and a few lines long.
        calendar.add_component(Timezone.from_tzid(zone, first_date=around - timedelta(days=366),
                                                  last_date=around + timedelta(days=366)))
    calendar.add_component(vevent)
    return calendar.to_ical().decode()


def has_key(data: str) -> bool:
    """A cheap look before parsing: only resources rhythm wrote carry X-RHYTHM-KEY."""
    return bool(_HAS_KEY.search(data))


def stored_event(data: str, href: str, etag: str | None, prefix: str) -> Stored | None:
    """The rhythm event in a resource whose key starts with `prefix`; None if it has none.

    Raises ValueError if the text does not parse.
    """
    for calendar in Calendar.from_ical(data, multiple=True):
        for vevent in calendar.walk("VEVENT"):
            key = str(vevent.get(KEY_PROPERTY, ""))
            if not key.startswith(prefix):
                continue
            start = vevent.decoded("DTSTART") if "DTSTART" in vevent else None
            written = WrittenEvent(key=key, remote_id=href,
                                   fingerprint=str(vevent.get(FINGERPRINT_PROPERTY, "")),
                                   title=str(vevent.get("SUMMARY", "")), start=start)
            return Stored(written, str(vevent.get("UID", "")), etag, int(vevent.get("SEQUENCE", 0)))
    return None


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _zoned(moment: date) -> bool:
    return isinstance(moment, datetime) and isinstance(moment.tzinfo, ZoneInfo)


def _moment(moment: date) -> date:
    """Dates stay dates (all day); a time in a named zone keeps it (a TZID that calendar apps
    follow across daylight saving); any other time (a fixed offset) is written in UTC."""
    if not isinstance(moment, datetime) or _zoned(moment):
        return moment
    if moment.tzinfo is None:
        raise ValueError(f"event time {moment} has no time zone")
    return moment.astimezone(UTC)


def _day(moment: date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment

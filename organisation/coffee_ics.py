"""A coffee date as an iCalendar event, added to both people's calendars."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from icalendar import Event

from i18n import _


def coffee_event(date: dict[str, Any]) -> Event:
    start, end = datetime.fromisoformat(date["start"]), datetime.fromisoformat(date["end"])
    event = Event()
    # Stable per pair and week: a re-export updates the date, it does not add a second one.
    people = "-".join(sorted((date["member"], date["with"])))
    event.add("uid", f"coffee-{start.date().isoformat()}-{people}@rhythm")
    event.add("summary", _("Coffee with %(name)s (%(team)s)", name=date["with_name"], team=date["with_team"]))
    event.add("location", date["building"])
    event.add("dtstart", start.astimezone(UTC))  # UTC: the calendar need not define the zone
    event.add("dtend", end.astimezone(UTC))
    event.add("dtstamp", start)
    event.add("categories", ["rhythm-coffee"])
    return event

"""A recurring slot of the plan as one Outlook series, with its exceptions.

Graph creates a series from one event with a `recurrence` (patternedRecurrence: a weekly
pattern on the slot's weekday, a numbered range of one occurrence per planned week), but
has no way to send its exceptions along. So the master is created first, then each skipped
week's occurrence is deleted and each moved (or otherwise different) week's occurrence is
patched, which makes it an `exception`. Each occurrence is found by asking the master's
`instances` for the slot's time that week.

The master is created with a placeholder fingerprint and given the series' real one only
once every exception is made: a sync cut off half way leaves a series whose fingerprint
does not match, which the next sync replaces, never one that looks finished but is not.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from ..sync import DesiredEvent, Override, Recurrence
from .graph import GraphClient
from .marks import KEY_PROPERTY, property_value
from .times import graph_moment, odata_instant

DAY_NAMES = {"mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday",
             "fri": "friday", "sat": "saturday", "sun": "sunday"}
PENDING = "pending"  # never a real fingerprint (those are 16 hex digits)


def recurrence_payload(recurrence: Recurrence, start: datetime) -> dict[str, Any]:
    """Graph's patternedRecurrence for the series, its dates in the zone of its start."""
    return {
        "pattern": {"type": "weekly", "interval": 1, "daysOfWeek": [DAY_NAMES[recurrence.weekday]],
                    "firstDayOfWeek": "monday"},
        "range": {"type": "numbered", "startDate": recurrence.first.isoformat(),
                  "numberOfOccurrences": recurrence.weeks,
                  "recurrenceTimeZone": graph_moment(start)["timeZone"]},
    }


def create_series(client: GraphClient, event: DesiredEvent, payload: dict[str, Any]) -> str:
    """Create the series from the master's `payload` and make its exceptions; its id."""
    recurrence = event.recurrence
    assert recurrence is not None and isinstance(event.start, datetime) and isinstance(event.end, datetime)
    pending = [{"id": KEY_PROPERTY, "value": property_value(event.key, PENDING)}]
    master = client.post("me/calendar/events", {
        **payload, "recurrence": recurrence_payload(recurrence, event.start),
        "singleValueExtendedProperties": pending})
    master_id = str(master["id"])
    length = event.end - event.start
    for day in recurrence.skipped:
        found = _occurrence(client, master_id, _slot(event.start, day), length)
        if found:
            client.delete(f"me/events/{found}")
    for override in recurrence.overrides:
        found = _occurrence(client, master_id, _slot(event.start, override.original), length)
        if found:
            client.patch(f"me/events/{found}", override_payload(override))
    client.patch(f"me/events/{master_id}",
                 {"singleValueExtendedProperties": payload["singleValueExtendedProperties"]})
    return master_id


def override_payload(override: Override) -> dict[str, Any]:
    """What a week of the series does differently: its time, and where it happens."""
    body: dict[str, Any] = {"start": graph_moment(override.start), "end": graph_moment(override.end),
                            "location": {"displayName": override.location or ""},
                            "isOnlineMeeting": override.online}
    if override.online:
        body["onlineMeetingProvider"] = "teamsForBusiness"
    return body


def _slot(first: datetime, day: date) -> datetime:
    # The slot's wall-clock time on that day, in the series' zone (right across clock changes).
    return datetime.combine(day, first.time(), first.tzinfo)


def _occurrence(client: GraphClient, master_id: str, start: datetime, length: timedelta) -> str | None:
    """The id of the series' untouched occurrence at `start`, if it is still there."""
    params = {"startDateTime": odata_instant(start), "endDateTime": odata_instant(start + length),
              "$select": "start,type"}
    for item in client.pages(f"me/events/{master_id}/instances", params):
        if item.get("type") == "occurrence":
            return str(item["id"])
    return None

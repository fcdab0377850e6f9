"""A planned block as a Graph event, and back: what rhythm writes and how it reads it again.

- Meetings: the organiser's event with the other attendees (required / optional), so
  Outlook sends the invitations; `isOnlineMeeting` (Teams) for online and hybrid meetings;
  "Office" as the location of office meetings. Stand-in addresses (`.invalid`, members
  without an email) are left out: no mailbox would receive them.
- Lunch and focus: busy, categories Lunch / Focus. Office days: all-day and free
  (category "Office day", location Office), since Graph lets an app create only time-off
  entries in a user's hybrid work plan, not office days.
- Every event carries rhythm's key and fingerprint (`marks`) in an extended property and
  at the end of its body.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any

from ..sync import Attendee, DesiredEvent, WrittenEvent
from .marks import KEY_PROPERTY, Mark, body_marker, property_value
from .times import graph_day, graph_moment, parse_date, parse_moment


def event_payload(event: DesiredEvent, *, organiser: frozenset[str], mailbox_zone: str) -> dict[str, Any]:
    fingerprint = event.fingerprint()
    payload: dict[str, Any] = {
        "subject": event.title,
        "body": {"contentType": "text",
                 "content": "\n\n".join(p for p in (event.body, body_marker(event.key, fingerprint)) if p)},
        **_times(event, mailbox_zone),
        "showAs": "busy" if event.busy else "free",
        "categories": [event.category],
        "location": {"displayName": event.location or ""},
        # A reminder before your own lunch or an all-day office day is noise; before a meeting it helps.
        "isReminderOn": event.kind == "meeting",
        "singleValueExtendedProperties": [
            {"id": KEY_PROPERTY, "value": property_value(event.key, fingerprint)}],
    }
    if event.kind == "meeting":
        payload["attendees"] = [_attendee(a) for a in event.attendees if _invited(a, organiser)]
        payload["isOnlineMeeting"] = event.online
        if event.online:
            payload["onlineMeetingProvider"] = "teamsForBusiness"
    return payload


def written_event(event: dict[str, Any], mark: Mark, zone: tzinfo) -> WrittenEvent:
    """An event read back from Graph, as the sync core compares it (times in `zone`, the
    team's, so a dry run shows them as the plan does)."""
    start: datetime | date = (parse_date(event["start"]) if event.get("isAllDay")
                              else parse_moment(event["start"]).astimezone(zone))
    return WrittenEvent(key=mark[0], remote_id=str(event["id"]), fingerprint=mark[1],
                        title=str(event.get("subject") or ""), start=start)


def organiser_of(event: DesiredEvent) -> str | None:
    """Who sends a meeting's invitations: its first required attendee."""
    return next((a.email.lower() for a in event.attendees if a.required), None)


def _times(event: DesiredEvent, mailbox_zone: str) -> dict[str, Any]:
    if isinstance(event.start, datetime) and isinstance(event.end, datetime):
        return {"start": graph_moment(event.start), "end": graph_moment(event.end), "isAllDay": False}
    # All-day events run midnight to midnight in the mailbox's own zone, as Outlook makes them.
    return {"start": graph_day(event.start, mailbox_zone), "end": graph_day(event.end, mailbox_zone),
            "isAllDay": True}


def _invited(attendee: Attendee, organiser: frozenset[str]) -> bool:
    address = attendee.email.lower()
    return address not in organiser and not address.endswith(".invalid")


def _attendee(attendee: Attendee) -> dict[str, Any]:
    return {"emailAddress": {"address": attendee.email, "name": attendee.name},
            "type": "required" if attendee.required else "optional"}

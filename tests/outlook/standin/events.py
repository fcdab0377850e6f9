"""Creating, changing and deleting events as Exchange does, invitations included.

An organiser's event with attendees puts a copy in each attendee's calendar (tentative,
`isOrganizer: false`, no extended properties: those stay with the organiser's item);
changing it updates the copies, deleting it marks them cancelled ("Canceled: ...").
Bodies are checked against the event type: an unknown property or a malformed value is
a 400, as Graph answers it.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from typing import Any

from .checks import check
from .odata import BadRequest
from .tenant import Tenant, User

SHARED = (
    "subject",
    "body",
    "start",
    "end",
    "isAllDay",
    "location",
    "attendees",
    "isOnlineMeeting",
    "onlineMeeting",
    "onlineMeetingProvider",
    "recurrence",
    "type",
)


def create(tenant: Tenant, owner: User, body: dict[str, Any]) -> dict[str, Any]:
    check(body, creating=True)
    now = _now()
    event: dict[str, Any] = {
        "id": "AAMkA" + secrets.token_urlsafe(24),
        "createdDateTime": now,
        "lastModifiedDateTime": now,
        "changeKey": secrets.token_urlsafe(8),
        "iCalUId": "040000008200E00074C5B7101A82E008" + secrets.token_hex(16),
        "subject": "",
        "body": {"contentType": "html", "content": ""},
        "showAs": "busy",
        "categories": [],
        "location": {"displayName": ""},
        "attendees": [],
        "isAllDay": False,
        "isCancelled": False,
        "isOrganizer": True,
        "isOnlineMeeting": False,
        "onlineMeetingProvider": "unknown",
        "onlineMeeting": None,
        "isReminderOn": True,
        "importance": "normal",
        "sensitivity": "normal",
        "recurrence": None,
        "responseStatus": {"response": "organizer", "time": "0001-01-01T00:00:00Z"},
        "organizer": {"emailAddress": {"name": owner.name, "address": owner.email}},
        "originalStartTimeZone": body["start"]["timeZone"],
        "originalEndTimeZone": body["end"]["timeZone"],
        "type": "seriesMaster" if body.get("recurrence") else "singleInstance",
        "_props": {},
    }
    _apply(event, body)
    owner.events[event["id"]] = event
    _send_invitations(tenant, owner, event)
    return event


def update(tenant: Tenant, owner: User, event: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    check(body, creating=False)
    before = {a["emailAddress"]["address"].lower() for a in event["attendees"]}
    _apply(event, body)
    event["lastModifiedDateTime"], event["changeKey"] = _now(), secrets.token_urlsafe(8)
    check({"start": event["start"], "end": event["end"], "isAllDay": event["isAllDay"]}, creating=True)
    after = {a["emailAddress"]["address"].lower() for a in event["attendees"]}
    for copy in _copies(tenant, event):
        if copy["_owner"] in before - after:
            _cancel(copy)
        else:
            copy.update({key: event[key] for key in SHARED})
    if event["isOrganizer"]:
        _send_invitations(tenant, owner, event, only=after - before)
    return event


def delete(tenant: Tenant, owner: User, event: dict[str, Any]) -> None:
    del owner.events[event["id"]]
    if event["isOrganizer"]:
        for copy in _copies(tenant, event):
            _cancel(copy)  # Outlook sends the attendees a cancellation


def cancel_occurrence(tenant: Tenant, master: dict[str, Any], day: date) -> None:
    """DELETE of one occurrence: the series goes on without it (attendees' copies too)."""
    for event in (master, *_copies(tenant, master)):
        event["_cancelled"] = [*event.get("_cancelled", ()), day.isoformat()]


def change_occurrence(tenant: Tenant, master: dict[str, Any], day: date, body: dict[str, Any]) -> None:
    """PATCH of one occurrence: it becomes an `exception` of the series, attendees' copies too."""
    check(body, creating=False)
    if any(name in body for name in ("recurrence", "singleValueExtendedProperties")):
        raise BadRequest("ErrorInvalidRequest", "An occurrence of a series cannot change this property.")
    for event in (master, *_copies(tenant, master)):
        changed = event.setdefault("_exceptions", {}).setdefault(day.isoformat(), {})
        changed.update({k: v for k, v in body.items() if k != "@odata.type"})


def _apply(event: dict[str, Any], body: dict[str, Any]) -> None:
    for name, value in body.items():
        if name == "singleValueExtendedProperties":
            event["_props"].update({p["id"]: p["value"] for p in value})
        elif name == "attendees":
            event[name] = [
                {
                    "type": a.get("type", "required"),
                    "emailAddress": a["emailAddress"],
                    "status": {"response": "none", "time": "0001-01-01T00:00:00Z"},
                }
                for a in value
            ]
        elif name != "@odata.type":
            event[name] = value
    if event.get("isOnlineMeeting") and not event.get("onlineMeeting"):
        event["onlineMeetingProvider"] = body.get("onlineMeetingProvider", "teamsForBusiness")
        event["onlineMeeting"] = {
            "joinUrl": f"https://teams.microsoft.com/l/meetup-join/{secrets.token_hex(8)}"
        }


def _send_invitations(
    tenant: Tenant, owner: User, event: dict[str, Any], only: set[str] | None = None
) -> None:
    for attendee in event["attendees"]:
        user = tenant.user(attendee["emailAddress"]["address"])
        if user is None or user is owner or (only is not None and user.email not in only):
            continue  # outside the tenant: the stand-in has no mailbox to deliver to
        copy = {
            **event,
            **{key: event[key] for key in SHARED},
            "id": "AAMkA" + secrets.token_urlsafe(24),
            "isOrganizer": False,
            "showAs": "tentative",
            "categories": [],
            "_props": {},
            "responseStatus": {"response": "notResponded", "time": "0001-01-01T00:00:00Z"},
            "_copy_of": event["id"],
            "_owner": user.email,
        }
        user.events[copy["id"]] = copy


def _copies(tenant: Tenant, event: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        e for user in tenant.users.values() for e in user.events.values() if e.get("_copy_of") == event["id"]
    ]


def _cancel(copy: dict[str, Any]) -> None:
    if not copy["isCancelled"]:
        copy.update(isCancelled=True, subject=f"Canceled: {copy['subject']}")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f0Z")

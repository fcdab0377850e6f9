"""What Graph accepts in an event body: known properties only, well-formed values.
A request that breaks them is a 400 with Graph's own error code, never silently fixed."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any

from .calendar import instant, zone_of
from .odata import BadRequest

WRITABLE = {
    "subject",
    "body",
    "start",
    "end",
    "location",
    "locations",
    "attendees",
    "isAllDay",
    "showAs",
    "categories",
    "importance",
    "isReminderOn",
    "reminderMinutesBeforeStart",
    "responseRequested",
    "sensitivity",
    "isOnlineMeeting",
    "onlineMeetingProvider",
    "recurrence",
    "allowNewTimeProposals",
    "hideAttendees",
    "transactionId",
    "singleValueExtendedProperties",
    "originalStartTimeZone",
    "originalEndTimeZone",
}
SHOW_AS = {"free", "tentative", "busy", "oof", "workingElsewhere", "unknown"}
_PROPERTY_ID = re.compile(r"^String \{[0-9a-fA-F-]{36}\} Name \S.*$")


def check(body: Any, *, creating: bool) -> None:
    if not isinstance(body, dict):
        raise BadRequest("RequestBodyRead", "The request body is not a JSON object.")
    for name in body:
        if name not in WRITABLE and name != "@odata.type":
            raise BadRequest(
                "RequestBodyRead",
                f"The property '{name}' does not exist on type "
                "'Microsoft.OutlookServices.Event'. Make sure to only use property names "
                "that are defined by the type or mark the type as open type.",
            )
    if creating and not ("start" in body and "end" in body):
        raise BadRequest("ErrorInvalidRequest", "An event needs a start and an end.")
    for name in ("start", "end"):
        if name in body:
            check_time(body[name])
    if "start" in body and "end" in body and instant(body["end"]) < instant(body["start"]):
        raise BadRequest("ErrorInvalidRequest", "The end time of the event is before its start time.")
    if body.get("isAllDay") and any(
        instant(body[n]).time() != time(0) for n in ("start", "end") if n in body
    ):
        raise BadRequest("ErrorInvalidRequest", "An all-day event must start and end at midnight.")
    if "showAs" in body and body["showAs"] not in SHOW_AS:
        raise BadRequest("RequestBodyRead", f"Requested value '{body['showAs']}' was not found.")
    for attendee in body.get("attendees") or []:
        if not attendee.get("emailAddress", {}).get("address") or attendee.get("type", "required") not in (
            "required",
            "optional",
            "resource",
        ):
            raise BadRequest("ErrorInvalidRecipients", f"An attendee is not valid: {attendee}")
    for prop in body.get("singleValueExtendedProperties") or []:
        if not _PROPERTY_ID.match(str(prop.get("id", ""))) or not isinstance(prop.get("value"), str):
            raise BadRequest("ErrorInvalidProperty", f"The extended property is not valid: {prop}")


def check_time(value: Any) -> None:
    if not isinstance(value, dict) or not isinstance(value.get("dateTime"), str):
        raise BadRequest("RequestBodyRead", f"Cannot convert {value!r} to a dateTimeTimeZone.")
    if zone_of(str(value.get("timeZone"))) is None:
        raise BadRequest(
            "TimeZoneNotSupportedException",
            "A valid TimeZone value must be specified. The "
            f"following TimeZone value is not supported: '{value.get('timeZone')}'.",
        )
    try:
        datetime.fromisoformat(value["dateTime"])
    except ValueError:
        raise BadRequest(
            "RequestBodyRead",
            f"Cannot convert the literal '{value['dateTime']}' to the expected type 'Edm.DateTimeOffset'.",
        ) from None

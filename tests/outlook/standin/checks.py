"""What Graph accepts in an event body: known properties only, well-formed values.
A request that breaks them is a 400 with Graph's own error code, never silently fixed."""

from __future__ import annotations

import re
from datetime import date, datetime, time
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
    if body.get("recurrence") is not None:
        check_recurrence(body["recurrence"])
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


PATTERNS = {"daily", "weekly", "absoluteMonthly", "relativeMonthly", "absoluteYearly", "relativeYearly"}
RANGES = {"endDate", "noEnd", "numbered"}
DAYS = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}


def check_recurrence(value: Any) -> None:
    """A patternedRecurrence: {"pattern": recurrencePattern, "range": recurrenceRange}."""
    pattern = value.get("pattern") if isinstance(value, dict) else None
    limits = value.get("range") if isinstance(value, dict) else None
    if not isinstance(pattern, dict) or not isinstance(limits, dict):
        raise BadRequest("RequestBodyRead", f"Cannot convert {value!r} to a patternedRecurrence.")
    problems = [
        pattern.get("type") not in PATTERNS,
        not isinstance(pattern.get("interval", 1), int) or pattern.get("interval", 1) < 1,
        pattern.get("type") == "weekly" and not pattern.get("daysOfWeek"),
        any(d not in DAYS for d in pattern.get("daysOfWeek") or ()),
        pattern.get("firstDayOfWeek", "sunday") not in DAYS,
        limits.get("type") not in RANGES,
        not _is_date(limits.get("startDate")),
        limits.get("type") == "endDate" and not _is_date(limits.get("endDate")),
        limits.get("type") == "numbered"
        and (not isinstance(limits.get("numberOfOccurrences"), int) or limits["numberOfOccurrences"] < 1),
        bool(limits.get("recurrenceTimeZone")) and zone_of(str(limits["recurrenceTimeZone"])) is None,
    ]
    if any(problems):
        raise BadRequest("ErrorPropertyValidationFailure", f"The recurrence is not valid: {value}")


def _is_date(text: Any) -> bool:
    try:
        date.fromisoformat(str(text))
    except ValueError:
        return False
    return True

"""The OData query options Graph applies to events: $select, $expand of extended
properties, $filter on an extended property, $top and server-driven paging by $skiptoken;
and Graph's error body."""

from __future__ import annotations

import base64
import re
import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from .http import Request, Response

EVENT_PROPERTIES = {
    "allowNewTimeProposals",
    "attendees",
    "body",
    "bodyPreview",
    "categories",
    "changeKey",
    "createdDateTime",
    "end",
    "hasAttachments",
    "hideAttendees",
    "iCalUId",
    "id",
    "importance",
    "isAllDay",
    "isCancelled",
    "isDraft",
    "isOnlineMeeting",
    "isOrganizer",
    "isReminderOn",
    "lastModifiedDateTime",
    "location",
    "locations",
    "onlineMeeting",
    "onlineMeetingProvider",
    "onlineMeetingUrl",
    "organizer",
    "originalEndTimeZone",
    "originalStart",
    "originalStartTimeZone",
    "recurrence",
    "reminderMinutesBeforeStart",
    "responseRequested",
    "responseStatus",
    "sensitivity",
    "seriesMasterId",
    "showAs",
    "start",
    "subject",
    "transactionId",
    "type",
    "webLink",
}
_STRING = r"'((?:[^']|'')*)'"
_EXPAND = re.compile(rf"singleValueExtendedProperties\(\$filter=id eq {_STRING}\)")
_ANY = re.compile(
    rf"singleValueExtendedProperties/any\(ep: ?ep/id eq {_STRING} "
    rf"and startswith\(ep/value, ?{_STRING}\)\)",
    re.IGNORECASE,
)


class BadRequest(Exception):
    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


def graph_error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    inner = {
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
        "request-id": str(uuid.uuid4()),
        "client-request-id": str(uuid.uuid4()),
    }
    return Response(status, {"error": {"code": code, "message": message, "innerError": inner}}, headers or {})


def selected(item: dict[str, Any], request: Request) -> dict[str, Any]:
    """$select: only the named properties (and id, as Graph always adds it)."""
    names = [n.strip() for n in request.query.get("$select", "").split(",") if n.strip()]
    unknown = [n for n in names if n not in EVENT_PROPERTIES]
    if unknown:
        raise BadRequest(
            "BadRequest", f"Could not find a property named '{unknown[0]}' on type 'microsoft.graph.event'."
        )
    if not names:
        return item
    keep = {"id", "@odata.etag", "singleValueExtendedProperties", *names}
    return {key: value for key, value in item.items() if key in keep}


def expanded_property(request: Request) -> str | None:
    """The extended property id that $expand asks for, if any."""
    expand = request.query.get("$expand")
    if not expand:
        return None
    match = _EXPAND.fullmatch(expand)
    if not match:
        raise BadRequest("BadRequest", f"Parsing OData Select and Expand failed: {expand}")
    return match[1].replace("''", "'")


def with_property(item: dict[str, Any], event: dict[str, Any], wanted: str | None) -> dict[str, Any]:
    """Graph returns an extended property only when $expand names it, and only if it is set."""
    if wanted is None:
        return item
    found = [
        {"id": pid, "value": value}
        for pid, value in event.get("_props", {}).items()
        if pid.lower() == wanted.lower()
    ]
    return {**item, "singleValueExtendedProperties": found} if found else item


def property_filter(request: Request) -> tuple[str, str] | None:
    """$filter=singleValueExtendedProperties/Any(...startswith(ep/value, '...')): (id, prefix)."""
    text = request.query.get("$filter")
    if not text:
        return None
    match = _ANY.fullmatch(text)
    if not match:
        raise BadRequest("ErrorInvalidUrlQueryFilter", f"The query filter '{text}' is not supported.")
    return match[1].replace("''", "'"), match[2].replace("''", "'")


def page(items: list[dict[str, Any]], request: Request, url: str, default_size: int) -> dict[str, Any]:
    """One page of a collection and, if more remain, the `@odata.nextLink` to the next."""
    top = request.query.get("$top")
    if top is not None and not (top.isdigit() and 0 < int(top) <= 1000):
        raise BadRequest("BadRequest", f"Invalid $top value: {top}")
    # Graph may serve fewer than $top: the client follows nextLink either way.
    size = min(int(top or default_size), default_size)
    token = request.query.get("$skiptoken")
    offset = int(base64.urlsafe_b64decode(token).decode()) if token else 0
    body: dict[str, Any] = {
        "@odata.context": f"{url.split('/v1.0/')[0]}/v1.0/$metadata#Collection(event)",
        "value": items[offset : offset + size],
    }
    if offset + size < len(items):
        query = {k: v for k, v in request.query.items() if k != "$skiptoken"}
        query["$skiptoken"] = base64.urlsafe_b64encode(str(offset + size).encode()).decode()
        body["@odata.nextLink"] = f"{url}?{urlencode(query)}"
    return body

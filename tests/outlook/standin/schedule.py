"""Free/busy (`POST .../calendar/getSchedule`) and the hybrid work plan
(`GET .../settings/workHoursAndLocations/occurrencesView(startDateTime='..',endDateTime='..')`)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from .calendar import DAYS, instances, instant, render, span, utc_text, zone_of
from .http import Request, Response
from .odata import BadRequest, page
from .tenant import READ, Tenant, User

if TYPE_CHECKING:
    from .graph import GraphApi

# In each slot the strongest status shows: out of office over busy over working elsewhere
# over tentative over free.
CODES = {"free": "0", "tentative": "1", "busy": "2", "oof": "3", "workingElsewhere": "4", "unknown": "2"}
STRENGTH = "01423"


def add_schedule_routes(api: GraphApi, tenant: Tenant) -> None:
    api.add("POST", r"/calendar/getSchedule", READ, lambda r, m, c, o: get_schedule(tenant, r, c))
    api.add(
        "GET",
        r"/settings/workHoursAndLocations/occurrencesView\(startDateTime='(?P<s>[^']*)',"
        r"endDateTime='(?P<e>[^']*)'\)",
        READ,
        lambda r, m, c, o: occurrences_view(tenant, r, m, o),
    )


def get_schedule(tenant: Tenant, request: Request, caller: User) -> Response:
    body = request.json()
    interval = body.get("availabilityViewInterval", 30)
    if not isinstance(interval, int) or not 5 <= interval <= 1440:
        raise BadRequest("ErrorInvalidParameter", "availabilityViewInterval must be between 5 and 1440.")
    if not body.get("schedules") or len(body["schedules"]) > 20:
        raise BadRequest("ErrorInvalidParameter", "schedules must name 1 to 20 addresses.")
    try:
        start, end = instant(body["startTime"]), instant(body["endTime"])
    except (KeyError, TypeError, ValueError):
        raise BadRequest(
            "ErrorInvalidParameter", "startTime and endTime must be dateTimeTimeZone values."
        ) from None
    zone_name = request.prefer("outlook.timezone")
    answers = [
        schedule_of(tenant, address, caller, start, end, interval, zone_name) for address in body["schedules"]
    ]
    return Response(
        200,
        {
            "@odata.context": f"{tenant.base_url}/v1.0/$metadata#Collection("
            "microsoft.graph.scheduleInformation)",
            "value": answers,
        },
    )


def schedule_of(
    tenant: Tenant,
    address: str,
    caller: User,
    start: datetime,
    end: datetime,
    interval: int,
    zone_name: str | None,
) -> dict[str, Any]:
    user = tenant.user(address)
    if user is None:
        return {
            "scheduleId": address,
            "error": {
                "message": f"The recipient {address} could not be found.",
                "responseCode": "ErrorMailRecipientNotFound",
            },
        }
    detailed = user is caller or caller.email in user.shared_with
    found = [
        e
        for event in user.events.values()
        for e in instances(event, start, end)
        if not e.get("isCancelled") and e.get("showAs") != "free"
    ]
    items = [_item(render(e, zone_name, None), e, detailed) for e in sorted(found, key=lambda e: span(e)[0])]
    zone = zone_of(zone_name) if zone_name else None
    return {
        "scheduleId": address,
        "availabilityView": _view(found, start, end, interval),
        "scheduleItems": items,
        "workingHours": {
            "daysOfWeek": list(DAYS[:5]),
            "startTime": "08:00:00.0000000",
            "endTime": "17:00:00.0000000",
            "timeZone": {"name": zone_name if zone else user.mailbox_zone},
        },
    }


def _item(shown: dict[str, Any], event: dict[str, Any], detailed: bool) -> dict[str, Any]:
    item = {
        "isPrivate": False,
        "status": event.get("showAs", "busy"),
        "start": shown["start"],
        "end": shown["end"],
    }
    if detailed:  # subject and location only for those who may see the details
        item.update(
            subject=event.get("subject", ""), location=event.get("location", {}).get("displayName", "")
        )
    return item


def _view(found: list[dict[str, Any]], start: datetime, end: datetime, interval: int) -> str:
    slots = []
    moment = start.astimezone(UTC)
    while moment < end:
        after = moment + timedelta(minutes=interval)
        codes = [
            CODES.get(e.get("showAs", "busy"), "2")
            for e in found
            if span(e)[0] < after and moment < span(e)[1]
        ]
        slots.append(max(codes, key=STRENGTH.index) if codes else "0")
        moment = after
    return "".join(slots)


def occurrences_view(tenant: Tenant, request: Request, match: re.Match[str], owner: User) -> Response:
    if match["who"] and tenant.user(match["who"]) is not owner:
        raise BadRequest("ErrorAccessDenied", "Access is denied. Check credentials and try again.", 403)
    try:
        start, end = (datetime.fromisoformat(match[n].replace("Z", "+00:00")) for n in ("s", "e"))
    except ValueError:
        raise BadRequest("ErrorInvalidParameter", "startDateTime and endDateTime must be ISO 8601.") from None
    found = [
        _occurrence(o) for o in owner.work_plan if instant(o["start"]) < end and start < instant(o["end"])
    ]
    body = page(found, request, f"{tenant.base_url}{request.path}", tenant.page_size)
    body["@odata.context"] = (
        f"{tenant.base_url}/v1.0/$metadata#Collection(microsoft.graph.workPlanOccurrence)"
    )
    return Response(200, body)


def _occurrence(occurrence: dict[str, Any]) -> dict[str, Any]:
    """As the documented example shows it: times in UTC."""

    def utc(value: dict[str, str]) -> dict[str, str]:
        return {"dateTime": utc_text(instant(value)).rstrip("Z") + ".0000000", "timeZone": "UTC"}

    return {**occurrence, "start": utc(occurrence["start"]), "end": utc(occurrence["end"])}

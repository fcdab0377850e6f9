"""Calendar arithmetic as Exchange does it: zones by Windows or IANA name, recurring series
expanded into occurrences, events rendered in the zone a client prefers."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TAG = re.compile(r"<[^>]+>")


def zone_of(name: str) -> ZoneInfo | None:
    """Graph accepts Windows names (the ones it answers with) and IANA names."""
    if name in ("UTC", "tzone://Microsoft/Utc"):
        return ZoneInfo("UTC")
    try:
        return ZoneInfo(WINDOWS_TO_OLSON.get(name, name))
    except (ZoneInfoNotFoundError, ValueError):
        return None


def instant(value: dict[str, str]) -> datetime:
    zone = zone_of(value["timeZone"])
    if zone is None:
        raise ValueError(value["timeZone"])
    return datetime.fromisoformat(value["dateTime"]).replace(tzinfo=zone)


def span(event: dict[str, Any]) -> tuple[datetime, datetime]:
    return instant(event["start"]), instant(event["end"])


def overlaps(event: dict[str, Any], start: datetime, end: datetime) -> bool:
    first, last = span(event)
    return first < end and start < last


def instances(event: dict[str, Any], start: datetime, end: datetime) -> Iterator[dict[str, Any]]:
    """The event as calendarView shows it in [start, end): a series as its occurrences
    (an occurrence changed on its own as an `exception`, one deleted not at all)."""
    if event.get("type") != "seriesMaster":
        if overlaps(event, start, end):
            yield event
        return
    first, last = span(event)
    # A week's occurrence may have been moved up to a week later than its own date.
    until = (end + timedelta(days=8)).date()
    for day in series_dates(event["recurrence"], until):
        if day.isoformat() in event.get("_cancelled", ()):
            continue  # an occurrence deleted from the series
        begin = datetime.combine(day, first.timetz()).replace(tzinfo=first.tzinfo)
        changed = event.get("_exceptions", {}).get(day.isoformat())
        occurrence = {
            **event,
            "id": occurrence_id(event["id"], day),
            "type": "exception" if changed else "occurrence",
            "seriesMasterId": event["id"],
            "originalStart": utc_text(begin),
            "recurrence": None,
            "start": {"dateTime": begin.isoformat()[:19], "timeZone": event["start"]["timeZone"]},
            "end": {
                "dateTime": (begin + (last - first)).isoformat()[:19],
                "timeZone": event["end"]["timeZone"],
            },
            **(changed or {}),
        }
        if overlaps(occurrence, start, end):
            yield occurrence


def occurrence_id(master_id: str, day: date) -> str:
    return f"{master_id}_OCC{day:%Y%m%d}"


def occurrence_of(event_id: str) -> tuple[str, date] | None:
    """(the series master's id, the occurrence's original date) for an occurrence's id."""
    master, marker, day = event_id.rpartition("_OCC")
    if not (marker and master and len(day) == 8 and day.isdigit()):
        return None
    try:
        return master, datetime.strptime(day, "%Y%m%d").date()
    except ValueError:
        return None


def series_dates(recurrence: dict[str, Any], until: date) -> Iterator[date]:
    """The dates of a daily or weekly series (the patterns rhythm's tests use)."""
    pattern, limits = recurrence["pattern"], recurrence["range"]
    kind, interval = pattern["type"], int(pattern.get("interval", 1))
    if kind not in ("daily", "weekly"):
        raise NotImplementedError(f"the stand-in expands daily and weekly series, not {kind}")
    first = date.fromisoformat(limits["startDate"])
    last = date.fromisoformat(limits["endDate"]) if limits["type"] == "endDate" else until
    count = int(limits["numberOfOccurrences"]) if limits["type"] == "numbered" else None
    weekdays = {DAYS.index(d) for d in pattern.get("daysOfWeek", [])}
    week_start = DAYS.index(pattern.get("firstDayOfWeek", "sunday"))
    first_week = first - timedelta(days=(first.weekday() - week_start) % 7)
    seen, day = 0, first
    while day <= min(last, until) and (count is None or seen < count):
        if kind == "daily":
            wanted = (day - first).days % interval == 0
        else:
            wanted = day.weekday() in weekdays and ((day - first_week).days // 7) % interval == 0
        if wanted:
            seen += 1
            yield day
        day += timedelta(days=1)


def render(event: dict[str, Any], zone_name: str | None, body_type: str | None) -> dict[str, Any]:
    """The event as Graph returns it: times in the preferred zone (UTC without one), all-day
    events as their midnights, the body as HTML unless text is preferred."""
    zone = zone_of(zone_name) if zone_name else None
    label, zone = (zone_name, zone) if zone else ("UTC", ZoneInfo("UTC"))
    out = {key: value for key, value in event.items() if not key.startswith("_")}
    for end in ("start", "end"):
        if f"_served_{end}" in event:
            # A value as a server has been seen to send it, bad or not (tests of bad items).
            out[end] = event[f"_served_{end}"]
            continue
        moment = instant(event[end])
        if event.get("isAllDay"):
            out[end] = {"dateTime": f"{moment.date().isoformat()}T00:00:00.0000000", "timeZone": label}
        else:
            out[end] = {
                "dateTime": moment.astimezone(zone).strftime("%Y-%m-%dT%H:%M:%S.0000000"),
                "timeZone": label,
            }
    out["body"] = _body(event.get("body") or {"contentType": "text", "content": ""}, body_type)
    return out


def _body(body: dict[str, str], wanted: str | None) -> dict[str, str]:
    kind, content = body.get("contentType", "text").lower(), body.get("content", "")
    if (wanted or "html").lower() == "text":
        text = html.unescape(_TAG.sub("", content.replace("<br>", "\n"))) if kind == "html" else content
        return {"contentType": "text", "content": text}
    if kind == "html":
        return {"contentType": "html", "content": content}
    escaped = html.escape(content).replace("\n", "<br>")
    return {"contentType": "html", "content": f"<html><body><div>{escaped}</div></body></html>"}


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)

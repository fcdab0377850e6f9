"""Free/busy for a colleague whose calendar rhythm may not read: `POST /me/calendar/getSchedule`.

Graph answers each address with `scheduleItems` (status, start, end; subject only where the
caller may see details) and `availabilityView`, one digit per `availabilityViewInterval`
minutes from the start: 0 free, 1 tentative, 2 busy, 3 out of office, 4 working elsewhere.
The items carry exact times, so they are used when present; the digits otherwise.
"""

from __future__ import annotations

from datetime import UTC, timedelta
from itertools import groupby

from scheduler.domain import CalendarFacts, Interval
from scheduler.errors import RhythmError

from ..intervals import Window
from .busy import Item, facts_from_items
from .graph import GraphClient
from .times import graph_moment, parse_moment, prefer_zone

SLOT_MINUTES = 15
VIEW_CODES = {"0": "free", "1": "tentative", "2": "busy", "3": "oof", "4": "workingElsewhere"}


def read_free_busy(client: GraphClient, address: str, window: Window, *,
                   tentative_busy: bool) -> CalendarFacts:
    body = {
        "schedules": [address],
        "startTime": graph_moment(window.start),
        "endTime": graph_moment(window.end),
        "availabilityViewInterval": SLOT_MINUTES,
    }
    answer = client.post("me/calendar/getSchedule", body, prefer=(prefer_zone(window.zone),))
    info = next((s for s in answer.get("value", [])
                 if str(s.get("scheduleId", "")).lower() == address.lower()), None)
    if info is None:
        raise RhythmError(f"free/busy: Microsoft Graph returned nothing for {address}")
    if info.get("error"):
        error = info["error"]
        raise RhythmError(f"free/busy: {error.get('message', 'refused')} ({error.get('responseCode', '')})")
    return facts_from_items(schedule_items(info, window), window, tentative_busy=tentative_busy)


def schedule_items(info: dict, window: Window) -> list[Item]:
    items = info.get("scheduleItems") or []
    if items:
        return [Item(str(i.get("status") or "busy"),
                     Interval(parse_moment(i["start"]), parse_moment(i["end"])),
                     text=f"{i.get('subject') or ''} {i.get('location') or ''}")
                for i in items]
    return view_items(str(info.get("availabilityView") or ""), window)


def view_items(view: str, window: Window) -> list[Item]:
    """Runs of equal digits as items: '0022' from 09:00 is busy 09:30-10:00."""
    slot = timedelta(minutes=SLOT_MINUTES)
    items, index = [], 0
    for code, run in groupby(view):
        length = len(list(run))
        # Slots are fixed lengths of time: counted in UTC, so a DST change stays exact.
        start = (window.start.astimezone(UTC) + index * slot).astimezone(window.zone)
        if code != "0":
            items.append(Item(VIEW_CODES.get(code, "unknown"), Interval(start, start + length * slot)))
        index += length
    return items

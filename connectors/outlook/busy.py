"""What Outlook's availability means to the planner, the same rules as the ICS reader.

Every source (calendarView events, getSchedule's items or its availabilityView slots)
becomes `Item`s: a status (Graph's `showAs` / `freeBusyStatus`: free, tentative, busy, oof,
workingElsewhere, unknown) over a span. Then:
- free never blocks; tentative blocks when RHYTHM_TENTATIVE_BUSY is true (the default);
  busy and unknown block.
- oof (out of office) makes every whole day it covers an off day; a part of a day is busy.
  So does an all-day event whose words say a day off ("Vakantie", "Verlof", "Ziek":
  `connectors/calendar_words.py`), whatever it shows as.
- workingElsewhere over whole days means "not at our office": the member works from home
  those days; a part of a day ("at the client 10-12") is busy.
- An all-day event whose title or location says office or home fixes that day's location
  (fewest days wins, a tie goes to home, as in the ICS reader); any other busy all-day event
  blocks the whole day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from scheduler.domain import CalendarFacts, Interval, Location

from ..calendar_words import says_off, stated_place
from ..intervals import Window, busy_in_window
from .times import days_between, midnight, parse_date, parse_moment


@dataclass(frozen=True)
class Item:
    """One stretch of a calendar as Graph states it."""

    status: str
    span: Interval
    all_day: bool = False
    text: str = ""  # subject and location, where Graph shows them


def item_from_event(event: dict, window: Window) -> Item | None:
    """A calendarView event as an item; None for a cancelled one."""
    if event.get("isCancelled"):
        return None
    status = str(event.get("showAs") or "busy")
    text = f"{event.get('subject') or ''} {(event.get('location') or {}).get('displayName') or ''}"
    if event.get("isAllDay"):
        days = days_between(parse_date(event["start"]), parse_date(event["end"]))
        span = Interval(midnight(days[0], window.zone), midnight(days[-1] + timedelta(days=1), window.zone))
        return Item(status, span, all_day=True, text=text)
    return Item(status, Interval(parse_moment(event["start"]), parse_moment(event["end"])), text=text)


def facts_from_items(items: Iterable[Item], window: Window, *, tentative_busy: bool) -> CalendarFacts:
    busy: list[Interval] = []
    off_days: set[date] = set()
    claims: dict[date, list[tuple[int, Location]]] = {}
    for item in items:
        whole, rest = whole_days(item.span, window)
        where = stated_location(item) if item.all_day and item.status != "oof" else None
        if item.status == "oof" or (item.all_day and says_off(item.text)):
            off_days.update(whole)
            busy.extend(rest)
        elif item.status == "workingElsewhere" and whole:
            _claim(claims, whole, "home")
            busy.extend(rest)
        elif where:
            _claim(claims, whole, where)
        elif item.status == "free" or (item.status == "tentative" and not tentative_busy):
            continue
        else:
            busy.append(item.span)
    return CalendarFacts(
        busy=busy_in_window(busy, window),
        off_days=frozenset(off_days),
        locations={day: min(c, key=lambda claim: (claim[0], claim[1] != "home"))[1]
                   for day, c in sorted(claims.items())},
    )


def whole_days(span: Interval, window: Window) -> tuple[list[date], list[Interval]]:
    """The week's days a span covers from midnight to midnight (team zone), and the rest of it."""
    days = [d for d in window.dates
            if span.start <= window.midnight(d) and window.midnight(d + timedelta(days=1)) <= span.end]
    if not days:
        return [], [span]
    first, after = window.midnight(days[0]), window.midnight(days[-1] + timedelta(days=1))
    rest = [Interval(span.start, first)] if span.start < first else []
    rest += [Interval(after, span.end)] if after < span.end else []
    return days, rest


def stated_location(item: Item) -> Location | None:
    """The place an item's subject or location says (the words of calendar_words.py)."""
    return stated_place(item.text)


def _claim(claims: dict[date, list[tuple[int, Location]]], days: list[date], where: Location) -> None:
    for day in days:
        claims.setdefault(day, []).append((len(days), where))

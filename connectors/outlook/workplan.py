"""Where a member plans to work each day, from Outlook's hybrid work plan.

`GET /me/settings/workHoursAndLocations/occurrencesView(startDateTime='...',endDateTime='...')`
gives `workPlanOccurrence`s: a `start`/`end` (dateTimeTimeZone) and a `workLocationType` of
`office`, `remote`, `timeOff` or `unspecified`. Graph serves it only for the signed-in user's
own plan (delegated Calendars.Read, covered by Calendars.ReadWrite) and only in Microsoft's
global cloud, so rhythm reads it with each member's own sign-in and otherwise goes by their
all-day "working elsewhere" events.

Per day of the week (team zone): time off all day makes an off day, time off for part of a
working day is busy; of office and remote, the one planned for longer is that day's
location, a tie going to home (the planner never counts on someone at the office whose
plan also says otherwise).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from scheduler.domain import CalendarFacts, Interval, Location

from ..intervals import Window, busy_in_window, clip
from .times import parse_moment

_LOCATIONS: dict[str, Location] = {"office": "office", "remote": "home"}


def work_plan_facts(occurrences: list[dict], window: Window) -> CalendarFacts:
    planned: dict[date, dict[str, timedelta]] = defaultdict(lambda: defaultdict(timedelta))
    time_off: dict[date, list[Interval]] = defaultdict(list)
    for occurrence in occurrences:
        kind = str(occurrence.get("workLocationType") or "unspecified")
        span = Interval(parse_moment(occurrence["start"]), parse_moment(occurrence["end"]))
        for day, piece in by_day(span, window):
            planned[day][kind] += piece.end - piece.start
            if kind == "timeOff":
                time_off[day].append(piece)
    off_days = {day for day, kinds in planned.items() if kinds["timeOff"] and not _working(kinds)}
    locations = {day: where for day, kinds in sorted(planned.items()) if (where := location(kinds))}
    busy = [piece for day, pieces in time_off.items() if day not in off_days for piece in pieces]
    return CalendarFacts(busy_in_window(busy, window), frozenset(off_days), locations)


def location(kinds: dict[str, timedelta]) -> Location | None:
    office, remote = kinds["office"], kinds["remote"]
    if not (office or remote):
        return None
    return _LOCATIONS["office" if office > remote else "remote"]


def by_day(span: Interval, window: Window) -> list[tuple[date, Interval]]:
    """The parts of a span inside the week, one per day (team zone)."""
    pieces = []
    for day in window.dates:
        piece = clip(span, Window(day, 1, window.zone))
        if piece is not None:
            pieces.append((day, piece))
    return pieces


def _working(kinds: dict[str, timedelta]) -> bool:
    return bool(kinds["office"] or kinds["remote"] or kinds["unspecified"])

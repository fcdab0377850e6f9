"""The planned week as a grid a page can draw: a row per member, a column per workday, each
cell the member's place (office, home or a day off) and their meetings, lunch and focus in
time order; below it the office overlap per day. Times are in the team's zone. Days off,
office days and missing lunches are read through `report/counts.py`, as the report and the
terminal table read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from math import comb
from zoneinfo import ZoneInfo

from i18n import N_, _, formats
from report.counts import Calendars, calendars_of, missing_blocks, office_days
from scheduler.domain import WEEKDAYS, Plan, TeamRequest, weekday_of

# Where a meeting is, as the page shows it (a request's `where`, or a placed meeting's).
PLACES = (N_("any"), N_("office"), N_("online"), N_("hybrid"))


@dataclass(frozen=True)
class Item:
    start: str
    end: str
    title: str
    kind: str  # meeting, optional, lunch, focus
    where: str = ""
    occurrence: str = ""  # a meeting's "sync#2"


@dataclass(frozen=True)
class Cell:
    office: bool
    items: list[Item]
    missing: list[str]
    off: bool = False  # a day off: nothing planned, nothing missing


@dataclass(frozen=True)
class Day:
    day: date
    label: str
    meetingless: bool
    at_office: int = 0
    pairs: int = 0
    names: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Row:
    member: str
    name: str
    cells: list[Cell]


@dataclass(frozen=True)
class Grid:
    days: list[Day]
    rows: list[Row]


def week_grid(plan: Plan, request: TeamRequest, only: str | None = None) -> Grid:
    """The grid for every member, or `only` that one (an employee's own week)."""
    zone = ZoneInfo(plan.timezone)
    workdays = [plan.week + timedelta(days=WEEKDAYS.index(d))
                for d in sorted(request.rules.workdays, key=WEEKDAYS.index)]
    members = [m for m in request.members if only in (None, m.id)]
    calendars = calendars_of(plan, request)
    rows = [Row(m.id, m.name, [_cell(plan, zone, m.id, day, calendars) for day in workdays])
            for m in members]
    days = []
    for day in workdays:
        there = [m.name for m in request.members if day in office_days(plan, m.id, calendars)]
        days.append(Day(day, formats.day(day, padded=True),
                        weekday_of(day) in request.rules.meetingless_days,
                        len(there), comb(len(there), 2), there))
    return Grid(days, rows)


def _cell(plan: Plan, zone: ZoneInfo, member: str, day: date, calendars: Calendars) -> Cell:
    if calendars.off(member, day):
        return Cell(False, [], [], off=True)

    def clock(moment: datetime) -> str:
        return formats.clock(moment.astimezone(zone))

    def on_day(moment: datetime) -> bool:
        return moment.astimezone(zone).date() == day

    items = [Item(clock(m.start), clock(m.end), m.title,
                  "meeting" if member in m.attendees else "optional", m.where, m.id)
             for m in plan.meetings if on_day(m.start) and member in (*m.attendees, *m.optional)]
    items += [Item(clock(b.start), clock(b.end), _("Lunch"), "lunch")
              for b in plan.lunches if b.member == member and on_day(b.start)]
    items += [Item(clock(b.start), clock(b.end), _("Focus"), "focus")
              for b in plan.focus if b.member == member and on_day(b.start)]
    missing = [(_("No lunch: %(reason)s", reason=b.reason) if b.kind == "lunch"
                else _("No focus: %(reason)s", reason=b.reason)) for b in missing_blocks(plan, calendars)
               if b.member == member and b.date == day]
    return Cell(day in plan.office_days.get(member, ()), sorted(items, key=lambda i: i.start), missing)

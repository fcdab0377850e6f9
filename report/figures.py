"""The numbers behind the pictures, gathered from a plan and its request (and, for plans
made before plans stated their calendars, the calendars): per member, per day, per pair.

Each figure of a member's week is counted in `counts.py`, which the terminal table and the web
pages call too; this module gathers them for the report's charts and adds what only the
report shows (the week grid, occupancy per building, the rhythm's exceptions).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import CalendarFacts, Plan, TeamRequest

from .counts import Calendars, MemberWeek, calendars_of, hours, member_week, minutes, office_days
from .frame import Frame, frame_of


@dataclass(frozen=True)
class DayLoad:
    day: date
    at_office: int
    capacity: int | None
    meetings: int
    meeting_minutes: int  # meetings that day (each meeting once, however many attend)

    @property
    def meeting_hours(self) -> float:
        return hours(self.meeting_minutes)


@dataclass(frozen=True)
class Block:
    """One thing in a member's day, for the week grid: minutes from the day's midnight."""

    kind: str  # meeting, lunch, focus
    start: int
    end: int
    title: str


@dataclass(frozen=True)
class Cell:
    office: bool
    blocks: tuple[Block, ...]
    off: bool = False  # a day off: no office, no lunch, no focus time


@dataclass(frozen=True)
class WeekExceptions:
    week: date
    counts: Mapping[str, int]  # kind (moved, skipped, office) -> how many
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Figures:
    label: str
    frame: Frame
    members: tuple[MemberWeek, ...]
    days: tuple[DayLoad, ...]
    overlap: tuple[tuple[int, ...], ...]  # member x member: office days shared (diagonal: own)
    grid: tuple[tuple[Cell, ...], ...]  # member x workday of the first week
    buildings: Mapping[str, tuple[int, ...]]  # building -> at the office per day (may be empty)
    building_capacity: Mapping[str, int]
    exceptions: tuple[WeekExceptions, ...]  # only for plans over several weeks
    meetings_placed: int
    meetings_requested: int | None

    @property
    def focus_minutes(self) -> int:
        return sum(m.focus_minutes for m in self.members)

    @property
    def meeting_minutes(self) -> int:
        return sum(m.meeting_minutes for m in self.members)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.members)

    def never_overlap(self) -> list[tuple[str, str]]:
        """Pairs of members who are never at the office on the same day."""
        names = self.names
        return [(names[i], names[j]) for i in range(len(names)) for j in range(i + 1, len(names))
                if self.overlap[i][j] == 0]


def figures_of(plan: Plan, request: TeamRequest | None = None, *, label: str = "plan",
               buildings: Mapping[str, str] | None = None,
               building_capacity: Mapping[str, int] | None = None, only: str | None = None,
               facts: Mapping[str, CalendarFacts] | None = None) -> Figures:
    """Everything the report shows; `only` keeps one member's own figures (an employee's week).
    Days off and busy time come from the plan; `facts` stand in for a plan that states none."""
    frame = frame_of(plan, request)
    calendars = calendars_of(plan, frame.request, facts)
    members = [m for m in frame.members if only in (None, m.id)]
    office = {m.id: set(office_days(plan, m.id, calendars)) for m in members}
    requested = plan.metrics.get("meetings_requested")
    loads = tuple(member_week(plan, frame, m.id, calendars) for m in members)
    return Figures(
        label=label,
        frame=frame,
        members=loads,
        days=tuple(day_load(plan, frame, day, office) for day in frame.days),
        overlap=tuple(tuple(len(office[a.id] & office[b.id]) for b in members) for a in members),
        grid=tuple(tuple(cell(plan, frame, m.id, d, calendars) for d in frame.days[:_first_week(frame)])
                   for m in members),
        buildings=building_occupancy(frame, office, buildings or {}),
        building_capacity=dict(building_capacity or {}),
        exceptions=week_exceptions(plan, frame) if plan.weeks > 1 else (),
        meetings_placed=len(plan.meetings) if only is None else sum(m.meetings for m in loads),
        meetings_requested=int(requested) if requested is not None and only is None else None,
    )


def day_load(plan: Plan, frame: Frame, day: date, office: Mapping[str, set[date]]) -> DayLoad:
    meetings = [m for m in plan.meetings if frame.day_of(m.start) == day]
    return DayLoad(day, sum(1 for days in office.values() if day in days),
                   frame.request.rules.office_capacity, len(meetings),
                   sum(minutes((m.start, m.end)) for m in meetings))


def cell(plan: Plan, frame: Frame, member_id: str, day: date, calendars: Calendars) -> Cell:
    zone = ZoneInfo(frame.request.timezone)

    def clock(moment: datetime) -> int:
        local = moment.astimezone(zone)
        return local.hour * 60 + local.minute if local.date() == day else 24 * 60

    def block(kind: str, start: datetime, end: datetime, title: str) -> Block:
        return Block(kind, clock(start), clock(end), title)

    blocks = [block("meeting", m.start, m.end, m.title) for m in plan.meetings
              if member_id in m.attendees and frame.day_of(m.start) == day]
    for kind, found in (("lunch", plan.lunches), ("focus", plan.focus)):
        blocks += [block(kind, b.start, b.end, kind) for b in found
                   if b.member == member_id and frame.day_of(b.start) == day]
    if calendars.off(member_id, day):
        return Cell(False, (), off=True)
    return Cell(day in plan.office_days.get(member_id, ()), tuple(sorted(blocks, key=lambda b: b.start)))


def building_occupancy(frame: Frame, office: Mapping[str, set[date]],
                       buildings: Mapping[str, str]) -> dict[str, tuple[int, ...]]:
    """At the office per day in each building, for the members a mapping places in one."""
    names = sorted(set(buildings.values()))
    return {b: tuple(sum(1 for m, days in office.items() if buildings.get(m) == b and day in days)
                     for day in frame.days) for b in names}


def week_exceptions(plan: Plan, frame: Frame) -> tuple[WeekExceptions, ...]:
    """How well the rhythm held: each week's exceptions, counted by kind, with their reasons."""
    found = []
    for week in frame.weeks():
        these = [e for e in plan.exceptions if e.week == week]
        reasons = tuple(f"{e.kind}: {e.request or e.member}: {e.reason}" for e in these)
        found.append(WeekExceptions(week, dict(Counter(e.kind for e in these)), reasons))
    return tuple(found)


def _first_week(frame: Frame) -> int:
    end = frame.request.week + timedelta(days=7)
    return sum(1 for d in frame.days if d < end)

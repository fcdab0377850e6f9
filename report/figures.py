"""The numbers behind the pictures, counted from a plan and its request alone.

Meeting load counts the meetings a member is a required attendee of. Focus hours follow
Microsoft Viva Insights: the time in blocks of two hours or more, inside the member's working
hours, with no meeting (and here no lunch) in them. Fragmentation counts the free gaps
under 30 minutes; a gap of five minutes or less is the break that belongs to a meeting (the
seeds' 25/55-minute rule), so it is not a fragment but makes the meetings back to back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from scheduler.domain import CalendarFacts, Plan, TeamRequest

from .frame import Frame, frame_of

FOCUS_MINUTES = 120  # Viva Insights: a focus block is two hours or more without meetings
FRAGMENT_MINUTES = 30
BREAK_MINUTES = 5  # the break after a 25/55-minute meeting: closer than this is back to back

Span = tuple[datetime, datetime]


@dataclass(frozen=True)
class MemberLoad:
    member: str
    name: str
    meetings: int
    meeting_hours: float
    back_to_back: int  # runs of two or more meetings with no more than the break between them
    focus_hours: float  # Viva Insights focus hours
    fragments: int  # free gaps under 30 minutes
    focus_blocks: int  # the plan's own focus blocks
    office_days: int


@dataclass(frozen=True)
class DayLoad:
    day: date
    at_office: int
    capacity: int | None
    meetings: int
    meeting_hours: float  # hours of meetings that day (each meeting once, however many attend)


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


@dataclass(frozen=True)
class WeekExceptions:
    week: date
    counts: Mapping[str, int]  # kind (moved, skipped, office) -> how many
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Figures:
    label: str
    frame: Frame
    members: tuple[MemberLoad, ...]
    days: tuple[DayLoad, ...]
    overlap: tuple[tuple[int, ...], ...]  # member x member: office days shared (diagonal: own)
    grid: tuple[tuple[Cell, ...], ...]  # member x workday of the first week
    buildings: Mapping[str, tuple[int, ...]]  # building -> at the office per day (may be empty)
    building_capacity: Mapping[str, int]
    exceptions: tuple[WeekExceptions, ...]  # only for plans over several weeks
    meetings_placed: int
    meetings_requested: int | None

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
    With the calendars (`facts`), their busy time breaks focus time as a meeting does."""
    frame = frame_of(plan, request)
    members = [m for m in frame.members if only in (None, m.id)]
    office = {m.id: set(plan.office_days.get(m.id, ())) for m in members}
    requested = plan.metrics.get("meetings_requested")
    busy = {m.id: [(i.start, i.end) for i in (facts or {}).get(m.id, CalendarFacts()).busy] for m in members}
    loads = tuple(member_load(plan, frame, m.id, busy[m.id]) for m in members)
    return Figures(
        label=label,
        frame=frame,
        members=loads,
        days=tuple(day_load(plan, frame, day, office) for day in frame.days),
        overlap=tuple(tuple(len(office[a.id] & office[b.id]) for b in members) for a in members),
        grid=tuple(tuple(cell(plan, frame, m.id, d) for d in frame.days[:_first_week(frame)])
                   for m in members),
        buildings=building_occupancy(frame, office, buildings or {}),
        building_capacity=dict(building_capacity or {}),
        exceptions=week_exceptions(plan, frame) if plan.weeks > 1 else (),
        meetings_placed=len(plan.meetings) if only is None else sum(m.meetings for m in loads),
        meetings_requested=int(requested) if requested is not None and only is None else None,
    )


def member_load(plan: Plan, frame: Frame, member_id: str, busy: Sequence[Span] = ()) -> MemberLoad:
    member = frame.request.member(member_id)
    spans = meetings_of(plan, member_id)
    taken = [(b.start, b.end) for b in plan.lunches if b.member == member_id] + list(busy)
    focus_minutes = fragments = runs = 0
    for day in frame.days:
        window = frame.working(member, day)
        on_day = [s for s in spans if frame.day_of(s[0]) == day]
        runs += back_to_back_runs(on_day)
        for gap in free_gaps((window.start, window.end), on_day + taken):
            if gap >= FOCUS_MINUTES:
                focus_minutes += gap
            elif BREAK_MINUTES < gap < FRAGMENT_MINUTES:
                fragments += 1
    return MemberLoad(
        member=member_id, name=member.name, meetings=len(spans),
        meeting_hours=_hours(sum(_minutes(s) for s in spans)), back_to_back=runs,
        focus_hours=_hours(focus_minutes), fragments=fragments,
        focus_blocks=sum(1 for b in plan.focus if b.member == member_id),
        office_days=len(plan.office_days.get(member_id, ())),
    )


def day_load(plan: Plan, frame: Frame, day: date, office: Mapping[str, set[date]]) -> DayLoad:
    meetings = [m for m in plan.meetings if frame.day_of(m.start) == day]
    return DayLoad(day, sum(1 for days in office.values() if day in days),
                   frame.request.rules.office_capacity, len(meetings),
                   _hours(sum(_minutes((m.start, m.end)) for m in meetings)))


def meetings_of(plan: Plan, member_id: str) -> list[Span]:
    return sorted((m.start, m.end) for m in plan.meetings if member_id in m.attendees)


def back_to_back_runs(spans: list[Span]) -> int:
    """Runs of two or more meetings, each starting within the break after the one before."""
    runs, length = 0, 1
    for (_, end), (start, _) in pairwise(sorted(spans)):
        if start - end <= timedelta(minutes=BREAK_MINUTES):
            length += 1
            runs += length == 2
        else:
            length = 1
    return runs


def free_gaps(window: Span, busy: list[Span]) -> list[int]:
    """The free stretches of the window, in minutes, between (and around) the busy spans."""
    gaps, cursor = [], window[0]
    for start, end in sorted(busy):
        start, end = max(start, window[0]), min(end, window[1])
        if end <= start:
            continue  # outside the window (another day's)
        if start > cursor:
            gaps.append(_minutes((cursor, start)))
        cursor = max(cursor, end)
    if window[1] > cursor:
        gaps.append(_minutes((cursor, window[1])))
    return gaps


def cell(plan: Plan, frame: Frame, member_id: str, day: date) -> Cell:
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


def _minutes(span: Span) -> int:
    return int((span[1] - span[0]).total_seconds() // 60)


def _hours(minutes: int) -> float:
    return round(minutes / 60, 2)

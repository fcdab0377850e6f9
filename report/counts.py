"""Each figure of a member's week, counted in one place: the terminal table (`cli/table.py`),
the web pages and the report all call these, so one plan shows the same numbers everywhere.

Issue 20 found them counted three ways: the web page left calendar busy time out of focus
time (191.42 h against the report's 168.01 h for one plan), and all three counted a day off
as a home day with eight hours of focus and no lunch. Here:

- **Days off** are what the plan states (`Plan.days_off`), or for a plan made before plans
  stated them, what the calendars say (`scheduler/domain/availability.py` either way).
- **Office days** are the plan's, never a day off.
- **Meeting time** counts the meetings a member is a required attendee of; **back to back**
  is a next meeting starting within the five-minute break after the one before.
- **Focus time** follows Microsoft Viva Insights: the time in free stretches of two hours or
  more inside the member's working hours, with no meeting, no lunch and no calendar busy time
  in them; days off are left out. The plan's own focus blocks are focus time, not busy.
- **Fragments** are free gaps under 30 minutes; five minutes or less is a meeting's break.
- **"No lunch"** lines are the plan's missing lunches, never on a day off.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise

from scheduler.domain import CalendarFacts, Interval, MissingBlock, Plan, TeamRequest
from scheduler.domain.availability import busy_at_work, days_off, working_interval

from .frame import Frame, request_from_plan

FOCUS_MINUTES = 120  # Viva Insights: focus is a stretch of two hours or more without meetings
FRAGMENT_MINUTES = 30
BREAK_MINUTES = 5  # the break after a 25/55-minute meeting: closer than this is back to back

Span = tuple[datetime, datetime]


@dataclass(frozen=True)
class Calendars:
    """What the calendars said about the plan's weeks, as every figure reads it."""

    days_off: Mapping[str, frozenset[date]] = field(default_factory=dict)
    busy: Mapping[str, tuple[Interval, ...]] = field(default_factory=dict)

    def off(self, member_id: str, day: date) -> bool:
        return day in self.days_off.get(member_id, frozenset())


def calendars_of(plan: Plan, request: TeamRequest | None = None,
                 facts: Mapping[str, CalendarFacts] | None = None) -> Calendars:
    """The plan's own statement (every plan rhythm makes has one); for an older plan, what
    `facts` say, worked out the same way; with neither, no day off and no busy time."""
    if plan.days_off is not None and plan.busy is not None:
        off, busy = plan.days_off, plan.busy
    elif facts is not None:
        asked = request or request_from_plan(plan)
        off, busy = days_off(asked, facts), busy_at_work(asked, facts)
    else:
        return Calendars()
    return Calendars({m: frozenset(days) for m, days in off.items()}, dict(busy))


@dataclass(frozen=True)
class MemberWeek:
    member: str
    name: str
    meetings: int
    meeting_minutes: int
    back_to_back: int  # runs of two or more meetings with no more than the break between them
    focus_minutes: int  # Viva Insights focus time
    fragments: int  # free gaps under 30 minutes
    focus_blocks: int  # the plan's own focus blocks
    office_days: int
    days_off: int

    @property
    def meeting_hours(self) -> float:
        return hours(self.meeting_minutes)

    @property
    def focus_hours(self) -> float:
        return hours(self.focus_minutes)


def member_week(plan: Plan, frame: Frame, member_id: str, calendars: Calendars) -> MemberWeek:
    member = frame.request.member(member_id)
    spans = meetings_of(plan, member_id)
    busy = [(b.start, b.end) for b in plan.lunches if b.member == member_id]
    busy += [(i.start, i.end) for i in calendars.busy.get(member_id, ())]
    focus = fragments = runs = 0
    working = [d for d in frame.days if not calendars.off(member_id, d)]
    for day in working:
        window = working_interval(member, day)
        on_day = [s for s in spans if frame.day_of(s[0]) == day]
        runs += back_to_back_runs(on_day)
        for gap in free_gaps((window.start, window.end), on_day + busy):
            if gap >= FOCUS_MINUTES:
                focus += gap
            elif BREAK_MINUTES < gap < FRAGMENT_MINUTES:
                fragments += 1
    return MemberWeek(
        member=member_id, name=member.name, meetings=len(spans),
        meeting_minutes=sum(minutes(s) for s in spans), back_to_back=runs, focus_minutes=focus,
        fragments=fragments, focus_blocks=sum(1 for b in plan.focus if b.member == member_id),
        office_days=len(office_days(plan, member_id, calendars)),
        days_off=len(frame.days) - len(working),
    )


def office_days(plan: Plan, member_id: str, calendars: Calendars) -> tuple[date, ...]:
    """The member's office days: the plan's, never a day off."""
    return tuple(d for d in dict.fromkeys(plan.office_days.get(member_id, ()))
                 if not calendars.off(member_id, d))


def missing_blocks(plan: Plan, calendars: Calendars) -> tuple[MissingBlock, ...]:
    """The lunches and focus blocks the plan could not place, none on a day off."""
    return tuple(b for b in plan.unplaced_blocks if b.date is None or not calendars.off(b.member, b.date))


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


def free_gaps(window: Span, busy: Sequence[Span]) -> list[int]:
    """The free stretches of the window, in minutes, between (and around) the busy spans."""
    gaps, cursor = [], window[0]
    for start, end in sorted(busy):
        start, end = max(start, window[0]), min(end, window[1])
        if end <= start:
            continue  # outside the window (another day's)
        if start > cursor:
            gaps.append(minutes((cursor, start)))
        cursor = max(cursor, end)
    if window[1] > cursor:
        gaps.append(minutes((cursor, window[1])))
    return gaps


def minutes(span: Span) -> int:
    return int((span[1] - span[0]).total_seconds() // 60)


def hours(count: int) -> float:
    """Minutes as hours for a chart's axis; people read `formatting.duration`."""
    return round(count / 60, 2)

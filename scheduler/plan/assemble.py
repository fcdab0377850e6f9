"""Turn a solved week into the v1 plan: times, occurrence numbers, reasons and metrics."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from math import comb

from scheduler.domain import (
    Block,
    MeetingRequest,
    MissingBlock,
    PatternException,
    Person,
    PlacedMeeting,
    PlacedWhere,
    Plan,
    Status,
    Unplaced,
)
from scheduler.domain.office_bound import full_office_days, office_efficiency, people_per_day
from scheduler.model.candidates import Candidates, Slots, office_possible
from scheduler.model.solution import Solution
from scheduler.model.week import Week
from scheduler.model.why import Why
from scheduler.plan.changes import changes_since
from scheduler.plan.explain import missing_focus_reason, missing_lunch_reason, unplaced_reason
from scheduler.plan.rhythm import exceptions_of, rhythm_of


def assemble_plan(candidates: Candidates, solution: Solution, status: Status) -> Plan:
    """The v1 plan of a solved week under the rules `candidates` holds, with reasons."""
    week, slots, why = candidates.week, candidates.slots, Why(candidates, solution)
    request = week.request
    meetings, unplaced = [], []
    for meeting in request.meetings:
        chosen = solution.starts[meeting.id]
        meetings += [
            placed_meeting(week, slots, meeting, n, day, slot,
                           present_on(solution.office, day),
                           solution.rooms.get((meeting.id, day, slot)))
            for n, (day, slot) in enumerate(chosen, start=1)
        ]
        reasons = _unplaced_reasons(why, meeting)
        unplaced += [Unplaced(meeting.id, n, reason)
                     for n, reason in enumerate(reasons, start=len(chosen) + 1)]
    meetings.sort(key=lambda m: (m.start, m.id))
    office_days = {
        m.id: tuple(week.days[d] for d in solution.office_days(m.id)) for m in request.members
    }
    exceptions = tuple(exceptions_of(candidates, solution))
    return Plan(
        team=request.team,
        week=request.week,
        timezone=request.timezone,
        status=status,
        meetings=tuple(meetings),
        lunches=blocks_of(week, solution.lunch, request.rules.lunch.minutes),
        focus=blocks_of(week, solution.focus, request.rules.focus.minutes if request.rules.focus else 0),
        office_days=office_days,
        unplaced=tuple(unplaced),
        unplaced_blocks=tuple(_missing_lunches(candidates) + _missing_focus(candidates, solution)),
        metrics={
            "meetings_requested": sum(m.per_week for m in request.meetings) * request.weeks,
            "meetings_placed": len(meetings),
            "office_pair_days": office_pair_days(office_days),
            "office_efficiency": office_efficiency(request, office_days, _possible(week)),
            **exception_counts(request.weeks, exceptions),
        },
        full_office_days=full_office_days(request, office_days, _possible(week)),
        members=tuple(Person(m.id, m.name, m.email) for m in request.members),
        weeks=request.weeks,
        rhythm=rhythm_of(week, slots, solution),
        exceptions=exceptions,
        changes=tuple(changes_since(why, meetings)),
    )


def exception_counts(weeks: int, exceptions: tuple[PatternException, ...]) -> dict[str, int]:
    """Over several weeks: how many weeks' occurrences and office weeks leave the rhythm,
    and how many of them the calendars forced."""
    if weeks < 2:
        return {}
    meetings = [e for e in exceptions if e.kind != "office"]
    offices = [e for e in exceptions if e.kind == "office"]
    return {"meeting_exceptions": len(meetings),
            "meeting_exceptions_forced": sum(e.forced_by_calendar for e in meetings),
            "office_exceptions": len(offices),
            "office_exceptions_forced": sum(e.forced_by_calendar for e in offices)}


def _unplaced_reasons(why: Why, meeting: MeetingRequest) -> list[str]:
    """A reason per missing occurrence; over several weeks, each names its own week."""
    week, solution = why.week, why.solution
    if week.request.weeks == 1:
        missing = meeting.per_week - len(solution.starts[meeting.id])
        # Only explained when missing: the explanation looks through the whole plan.
        return [unplaced_reason(why, meeting)] * missing if missing > 0 else []
    reasons = []
    for index in range(week.request.weeks):
        days = week.days_of_week(index)
        missing = meeting.per_week - sum(1 for d, _ in solution.starts[meeting.id] if d in days)
        if missing > 0:
            reason = unplaced_reason(why, meeting, days)
            reasons += [f"week of {week.monday(index):%a %d %b}: {reason}"] * missing
    return reasons


def _possible(week: Week) -> Callable[[str, date], bool]:
    def possible(member_id: str, day: date) -> bool:
        index = week.day_index(day)
        return index is not None and office_possible(week, member_id, index)
    return possible


def office_pair_days(office_days: Mapping[str, Iterable[date]]) -> int:
    return sum(comb(n, 2) for n in people_per_day(office_days).values())


def present_on(office: Mapping[tuple[str, int], bool], day: int) -> Callable[[str], bool]:
    """Whether a member is at the office on `day`, as `placed_meeting` asks it."""
    return lambda member: office.get((member, day), False)


def placed_meeting(
    week: Week, slots: Slots, meeting: MeetingRequest, n: int, day: int, slot: int,
    in_office: Callable[[str], bool], room: str | None = None,
) -> PlacedMeeting:
    """Occurrence `n` of `meeting` at `slot` on `day`, held where its attendees are."""
    start = week.local(day, slots.starts[slot])
    away = [a for a in meeting.attendees if not in_office(a)]
    where = _where(meeting, len(away))
    pinned = week.current is not None and any(
        m.pinned and m.request == meeting.id and m.start == start for m in week.current.meetings)
    return PlacedMeeting(
        id=f"{meeting.id}#{n}",
        request=meeting.id,
        title=meeting.title,
        start=start,
        end=start + timedelta(minutes=meeting.minutes),
        attendees=meeting.attendees,
        optional=meeting.optional,
        where=where,
        room=room,
        # Seeds: a chair outside the room keeps the remote people involved.
        chair=away[0] if where == "hybrid" else None,
        pinned=pinned,
    )


def _where(meeting: MeetingRequest, away: int) -> PlacedWhere:
    """`online` as asked; otherwise by who is in: an office meeting that remote members
    join from afar is hybrid."""
    if meeting.where == "online":
        return meeting.where
    return "office" if away == 0 else "online" if away == len(meeting.attendees) else "hybrid"


def blocks_of(week: Week, chosen: dict[tuple[str, int], int], minutes: int) -> tuple[Block, ...]:
    """Lunches or focus blocks chosen as (member, day) -> start minute, as the plan's blocks."""
    blocks = [
        Block(member_id, week.local(day, start), week.local(day, start) + timedelta(minutes=minutes))
        for (member_id, day), start in chosen.items()
    ]
    return tuple(sorted(blocks, key=lambda b: (b.member, b.start)))


def _missing_lunches(candidates: Candidates) -> list[MissingBlock]:
    week = candidates.week
    return [
        MissingBlock("lunch", m.id, missing_lunch_reason(week, m.id), week.days[d])
        for m in week.request.members
        for d in range(len(week.days))
        if week.at(m.id, d).works and not candidates.lunch_starts(m.id, d)
    ]


def _missing_focus(candidates: Candidates, solution: Solution) -> list[MissingBlock]:
    week = candidates.week
    focus = week.request.rules.focus
    if focus is None:
        return []
    missing = []
    for member in week.request.members:
        for index in range(week.request.weeks):
            days = week.days_of_week(index)
            placed = sum(1 for d in days if (member.id, d) in solution.focus)
            static_days = sum(1 for d in days if candidates.focus_starts(member.id, d))
            reason = missing_focus_reason(static_days, placed, week.request.name_of(member.id), focus.minutes)
            # Dated by their week's Monday when there are several weeks to tell apart.
            dated = week.monday(index) if week.request.weeks > 1 else None
            missing += [MissingBlock("focus", member.id, reason, dated)] * (
                focus.blocks_per_week - placed)
    return missing

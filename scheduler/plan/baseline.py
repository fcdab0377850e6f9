"""What a team does by hand, as the yardstick for rhythm's plans (bench/ and `rhythm report
--baseline` both measure against it).

Everyone comes in on Tuesday and Thursday (where they work and have no `never` for the
day; beyond the office capacity the first members on the list get the seats), plus what
`always` and calendars force. Then each meeting occurrence, in request order, goes in the
first common free half hour: earliest day, earliest slot, all required attendees free
(calendar, working hours, meeting hours, no meetingless day, no meeting already placed,
the office day for `where: office`), each occurrence of a meeting on a day of its own.
People do keep their lunch: a slot that would leave an attendee no lunch start that day
is passed over, as it is when lunch is blocked in the calendar. Lunch then goes at the
first free start. Focus time is not planned.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import timedelta

from scheduler.domain import (
    Block,
    CalendarFacts,
    MeetingRequest,
    MissingBlock,
    PlacedMeeting,
    Plan,
    TeamRequest,
    Unplaced,
    weekday_of,
)
from scheduler.domain.availability import with_calendars
from scheduler.model.candidates import Candidates, Slots, lunch_starts, office_fixed
from scheduler.model.minutes import overlaps
from scheduler.model.rule import Rule, grid_of
from scheduler.model.week import Week
from scheduler.plan.assemble import office_pair_days, placed_meeting
from scheduler.plan.explain import missing_lunch_reason

TEAM_DAYS = ("tue", "thu")
UNPLACED_REASON = "by hand, no common free half hour was left on a day of its own"
NO_FOCUS_REASON = "the by-hand baseline plans no focus time"

Booked = dict[tuple[str, int], set[int]]  # (member, day) -> meeting slots taken


def baseline_plan(request: TeamRequest, facts: Mapping[str, CalendarFacts], rules: Sequence[Rule]) -> Plan:
    """The week as teams plan it by hand, under the same `rules` (`constraints.RULES`) as
    far as where each meeting may start goes."""
    candidates = Candidates(Week(request, facts, grid=grid_of(request, rules)), rules)
    week, slots = candidates.week, candidates.slots
    office = office_days_by_hand(week)
    booked: Booked = defaultdict(set)
    meetings: list[PlacedMeeting] = []
    unplaced: list[Unplaced] = []
    for meeting in request.meetings:
        days_used: set[int] = set()
        for occurrence in range(1, meeting.per_week + 1):
            start = _first_free(candidates, meeting, office, booked, days_used)
            if start is None:
                unplaced.append(Unplaced(meeting.id, occurrence, UNPLACED_REASON))
                continue
            day, slot = start
            days_used.add(day)
            for attendee in meeting.attendees:
                booked[(attendee, day)].update(slots.taken(slot, meeting.minutes))
            meetings.append(placed_meeting(week, slots, meeting, occurrence, day, slot,
                                           _present_on(office, day)))
    meetings.sort(key=lambda m: (m.start, m.id))
    lunches, missing = _lunches(week, slots, booked)
    office_days = {m.id: tuple(week.days[d] for d in sorted(office[m.id])) for m in request.members}
    return with_calendars(Plan(
        team=request.team,
        week=request.week,
        timezone=request.timezone,
        status="feasible",
        meetings=tuple(meetings),
        lunches=tuple(lunches),
        office_days=office_days,
        unplaced=tuple(unplaced),
        unplaced_blocks=tuple(missing + _no_focus(request)),
        metrics={
            "meetings_requested": sum(m.per_week for m in request.meetings),
            "meetings_placed": len(meetings),
            "office_pair_days": office_pair_days(office_days),
        },
    ), request, facts)


def _present_on(office: Mapping[str, set[int]], day: int) -> Callable[[str], bool]:
    """Whether a member is at the office on `day`, as `placed_meeting` asks it."""
    return lambda member: day in office[member]


def office_days_by_hand(week: Week) -> dict[str, set[int]]:
    """Fixed team days, first come first served; forced days (always, calendar) come first."""
    capacity = week.request.rules.office_capacity
    office: dict[str, set[int]] = {m.id: set() for m in week.request.members}
    for day, date in enumerate(week.days):
        fixed = {m.id: office_fixed(week, m.id, day) for m in week.request.members}
        forced = [m for m, value in fixed.items() if value is True]
        willing = [m for m, value in fixed.items() if value is None]
        if weekday_of(date) not in TEAM_DAYS:
            willing = []
        seats = len(willing) if capacity is None else max(0, capacity - len(forced))
        for member_id in forced + willing[:seats]:
            office[member_id].add(day)
    return office


def _first_free(
    candidates: Candidates, meeting: MeetingRequest, office: dict[str, set[int]],
    booked: Booked, days_used: set[int],
) -> tuple[int, int] | None:
    # The rules' start filters already keep calendars, working and meeting hours, meetingless days.
    week, slots = candidates.week, candidates.slots
    for day, slot in candidates.meeting_starts(meeting):
        if day in days_used:
            continue
        if meeting.where == "office" and not all(day in office[a] for a in meeting.attendees):
            continue
        taken = set(slots.taken(slot, meeting.minutes))
        if any(taken & booked[(a, day)] for a in meeting.attendees):
            continue
        if all(_keeps_lunch(week, slots, a, day, booked[(a, day)] | taken) for a in meeting.attendees):
            return day, slot
    return None


def _keeps_lunch(week: Week, slots: Slots, member_id: str, day: int, taken: set[int]) -> bool:
    options = lunch_starts(week, member_id, day)
    return not options or _free_lunch(week, slots, options, taken) is not None


def _free_lunch(week: Week, slots: Slots, options: list[int], taken: set[int]) -> int | None:
    # A meeting holds its whole half hour (the break is part of it), as in the solver.
    spans = [(slots.starts[s], slots.starts[s] + slots.step) for s in taken]
    minutes = week.request.rules.lunch.minutes
    return next((start for start in options if not overlaps(spans, start, start + minutes)), None)


def _lunches(week: Week, slots: Slots, booked: Booked) -> tuple[list[Block], list[MissingBlock]]:
    minutes = week.request.rules.lunch.minutes
    lunches, missing = [], []
    for member in week.request.members:
        for day in range(len(week.days)):
            if not week.at(member.id, day).works:
                continue
            options = lunch_starts(week, member.id, day)
            start = _free_lunch(week, slots, options, booked[(member.id, day)])
            if start is None:
                reason = missing_lunch_reason(week, member.id)
                missing.append(MissingBlock("lunch", member.id, reason, week.days[day]))
                continue
            begin = week.local(day, start)
            lunches.append(Block(member.id, begin, begin + timedelta(minutes=minutes)))
    return lunches, missing


def _no_focus(request: TeamRequest) -> list[MissingBlock]:
    if request.rules.focus is None:
        return []
    blocks = request.rules.focus.blocks_per_week
    return [MissingBlock("focus", m.id, NO_FOCUS_REASON) for m in request.members for _ in range(blocks)]

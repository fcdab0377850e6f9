"""The weekly rhythm of a plan over several weeks, and each week's exceptions with reasons."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from scheduler.domain import WEEKDAYS, MeetingRequest, PatternException, PatternMeeting, Rhythm, weekday_of
from scheduler.model.candidates import Candidates, Slots
from scheduler.model.minutes import overlaps
from scheduler.model.solution import Solution
from scheduler.model.week import Week


def rhythm_of(week: Week, slots: Slots, solution: Solution) -> Rhythm | None:
    if week.request.weeks < 2:
        return None
    meetings = []
    for meeting in week.request.meetings:
        for weekday, slot in sorted(solution.pattern.get(meeting.id, []), key=_weekday_order):
            start = week.local(0, slots.starts[slot])
            meetings.append(PatternMeeting(meeting.id, weekday, start.time(),
                                           (start + timedelta(minutes=meeting.minutes)).time()))
    offices = {m.id: tuple(sorted(solution.office_pattern.get(m.id, []), key=WEEKDAYS.index))
               for m in week.request.members}
    return Rhythm(tuple(meetings), offices)


def exceptions_of(candidates: Candidates, solution: Solution) -> list[PatternException]:
    week = candidates.week
    if week.request.weeks < 2:
        return []
    found = []
    for index in range(week.request.weeks):
        for meeting in week.request.meetings:
            if meeting.recurring:
                found += _meeting_exceptions(candidates, solution, meeting, index)
        found += [e for m in week.request.members
                  if (e := _office_exception(week, solution, m.id, index))]
    return found


def _weekday_order(item: tuple[str, int]) -> tuple[int, int]:
    return WEEKDAYS.index(item[0]), item[1]


def _day_in_week(week: Week, index: int, weekday: str) -> int | None:
    return next((d for d in week.days_of_week(index) if weekday_of(week.days[d]) == weekday), None)


def _meeting_exceptions(candidates: Candidates, solution: Solution, meeting: MeetingRequest,
                        index: int) -> list[PatternException]:
    week, slots = candidates.week, candidates.slots
    pattern = sorted(solution.pattern.get(meeting.id, []), key=_weekday_order)
    held = [(d, s) for d, s in solution.starts[meeting.id] if week.week_of(d) == index]
    at_pattern = {(weekday_of(week.days[d]), s) for d, s in held}
    lost = [p for p in pattern if p not in at_pattern]
    moved = [(d, s) for d, s in held if (weekday_of(week.days[d]), s) not in set(pattern)]
    found = []
    for n, (weekday, slot) in enumerate(lost):
        day = _day_in_week(week, index, weekday)
        original = _slot_time(week, slots, index, weekday, slot)
        forced = calendar_rules_out(candidates, meeting, day, slot)
        reason = forced or why_slot_lost(candidates, solution, meeting, day, slot)
        if n < len(moved):
            to_day, to_slot = moved[n]
            found.append(PatternException(week.monday(index), "moved", reason, meeting.id,
                                          original=original,
                                          moved_to=week.local(to_day, slots.starts[to_slot]),
                                          forced_by_calendar=forced is not None))
        else:
            found.append(PatternException(week.monday(index), "skipped", reason + _no_other(meeting),
                                          meeting.id, original=original,
                                          forced_by_calendar=forced is not None))
    return found


def _slot_time(week: Week, slots: Slots, index: int, weekday: str, slot: int) -> datetime:
    day = week.monday(index) + timedelta(days=WEEKDAYS.index(weekday))
    naive = datetime.combine(day, time()) + timedelta(minutes=slots.starts[slot])
    return naive.replace(tzinfo=week.zone)


def _no_other(meeting: MeetingRequest) -> str:
    return f"; no other valid {meeting.minutes}-minute time that week"


def why_slot_lost(candidates: Candidates, solution: Solution, meeting: MeetingRequest,
                  day: int | None, slot: int) -> str:
    """Why the meeting is not at (day, slot) in this solution, in words."""
    ruled_out = calendar_rules_out(candidates, meeting, day, slot)
    if ruled_out or day is None:
        return ruled_out or "that day is not a meeting day"
    week, slots = candidates.week, candidates.slots
    return _taken_that_day(week, slots, solution, meeting, day, slot, f"{week.days[day]:%a %d %b}")


def calendar_rules_out(candidates: Candidates, meeting: MeetingRequest, day: int | None,
                       slot: int) -> str | None:
    """Why the calendars or the rules leave no room for the meeting at (day, slot) whatever
    else is planned, in words; None when only the rest of the plan is in the way."""
    week, slots = candidates.week, candidates.slots
    if day is None or day not in week.meeting_days:
        return "that day is not a meeting day"
    label = f"{week.days[day]:%a %d %b}"
    for a in meeting.attendees:
        if not week.at(a, day).works:
            return f"{week.request.name_of(a)} is off on {label}"
    start, end = slots.span(slot, meeting.minutes)
    for a in meeting.attendees:
        member_day = week.at(a, day)
        clash = next(((b, e) for b, e in member_day.busy if b < end and start < e), None)
        if clash:
            return f"{week.request.name_of(a)} is busy {clock_of(clash[0])}-{clock_of(clash[1])} on {label}"
        if not member_day.free_for(start, end):
            return f"{clock_of(start)} is outside {week.request.name_of(a)}'s working hours on {label}"
    if (day, slot) not in set(candidates.meeting_starts(meeting)):
        return f"not everyone can be at the office on {label}"
    return None


def _taken_that_day(week: Week, slots: Slots, solution: Solution, meeting: MeetingRequest,
                    day: int, slot: int, label: str) -> str:
    taken = set(slots.taken(slot, meeting.minutes))
    for other in week.request.meetings:
        if other.id != meeting.id and set(other.attendees) & set(meeting.attendees) and any(
            d == day and taken & set(slots.taken(s, other.minutes))
            for d, s in solution.starts[other.id]
        ):
            return f"that time went to {other.title} on {label}"
    start, end = slots.span(slot, meeting.minutes)
    minutes = week.request.rules.lunch.minutes
    for a in meeting.attendees:
        lunch = solution.lunch.get((a, day))
        if lunch is not None and overlaps([(lunch, lunch + minutes)], start, end):
            return f"{week.request.name_of(a)}'s lunch could not move out of the way on {label}"
    if meeting.where == "office":
        return f"not all of them could be at the office on {label} (office days and capacity)"
    return f"the rooms or office days that week left no room for it on {label}"


def _office_exception(week: Week, solution: Solution, member_id: str,
                      index: int) -> PatternException | None:
    usual = set(solution.office_pattern.get(member_id, []))
    days = week.days_of_week(index)
    actual = [d for d in days if solution.office.get((member_id, d), False)]
    if {weekday_of(week.days[d]) for d in actual} == usual:
        return None
    differing = [d for d in days if (d in actual) != (weekday_of(week.days[d]) in usual)]
    stated = _calendar_says(week, member_id, differing)
    return PatternException(week.monday(index), "office",
                            "; ".join(stated) or "that week's office capacity and meetings needed other days",
                            member=member_id, office_days=tuple(week.days[d] for d in actual),
                            forced_by_calendar=bool(stated))


def _calendar_says(week: Week, member_id: str, differing: list[int]) -> list[str]:
    """What the member's calendar says on the days that differ from the rhythm."""
    reasons, name = [], week.request.name_of(member_id)
    for d in differing:
        member_day, label = week.at(member_id, d), f"{week.days[d]:%a %d %b}"
        if not member_day.works:
            reasons.append(f"{name} is off on {label}")
        elif member_day.location is not None:
            reasons.append(f"{name}'s calendar says {member_day.location} on {label}")
    return reasons


def clock_of(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"

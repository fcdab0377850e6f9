"""Where each block could go at all, before any choice: the static part of every hard rule.

Filtering here (instead of adding constraints) keeps the model small: a meeting start that
a required attendee's calendar already rules out never becomes a variable.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil

from scheduler.domain import MeetingRequest, weekday_of
from scheduler.model.week import Span, Week, minutes_of, overlaps

LUNCH_STEP = 5
FOCUS_STEP = 30


@dataclass(frozen=True)
class Slots:
    """The start grid inside the team's meeting hours (half hours by default), every day."""

    starts: tuple[int, ...]
    end: int  # meeting hours end
    step: int = 30

    def taken(self, slot: int, minutes: int) -> range:
        """Slots a meeting starting at `slot` takes: the break after it belongs to it."""
        return range(slot, slot + ceil(minutes / self.step))

    def span(self, slot: int, minutes: int) -> Span:
        return (self.starts[slot], self.starts[slot] + minutes)

    def fits(self, slot: int, minutes: int) -> bool:
        return self.starts[slot] + minutes <= self.end


def meeting_slots(week: Week) -> Slots:
    hours, step = week.request.rules.meeting_hours, week.request.rules.start_every_minutes
    first = ceil(minutes_of(hours.start) / step) * step
    end = minutes_of(hours.end)
    return Slots(tuple(range(first, end - step + 1, step)), end, step)


def office_possible(week: Week, member_id: str, day: int) -> bool:
    return office_fixed(week, member_id, day) is not False


def office_fixed(week: Week, member_id: str, day: int) -> bool | None:
    """The member's location where something already decides it, else None (ours to choose).

    The calendar is the fact, so a stated location beats the request's never/always.
    """
    member_day = week.at(member_id, day)
    if not member_day.works:
        return False
    if member_day.location is not None:
        return member_day.location == "office"
    member = week.request.member(member_id)
    weekday = weekday_of(week.days[day])
    if weekday in member.office_never:
        return False
    if weekday in member.office_always:
        return True
    return None


def office_bounds(week: Week, member_id: str, week_index: int = 0) -> tuple[int, int]:
    """How many office days the member must and may have in a planned week, after calendar facts.

    Fewer available days than `min` lower the minimum; more stated office days than `max`
    raise the maximum: a rule never overrules what a calendar says has happened.
    """
    rules = week.request.rules.office_days
    fixed = [office_fixed(week, member_id, d) for d in week.days_of_week(week_index)]
    possible = sum(1 for value in fixed if value is not False)
    forced = sum(1 for value in fixed if value is True)
    return min(rules.min, possible), max(rules.max, forced)


def meeting_starts(week: Week, slots: Slots, meeting: MeetingRequest) -> list[tuple[int, int]]:
    """(day, slot) pairs where every required attendee is free and, if asked, can be at the office."""
    starts = []
    for day in week.meeting_days:
        if meeting.where == "office" and not all(
            office_possible(week, a, day) for a in week.request.in_person(meeting)
        ):
            continue
        free = week.free_all_day(meeting.attendees, day)
        for slot in range(len(slots.starts)):
            if not slots.fits(slot, meeting.minutes):
                continue
            start, end = slots.span(slot, meeting.minutes)
            if free or all(week.free_for(a, day, start, end) for a in meeting.attendees):
                starts.append((day, slot))
    return starts


def lunch_starts(week: Week, member_id: str, day: int) -> list[int]:
    """Lunch starts inside the window that keep clear of the member's busy time."""
    lunch = week.request.rules.lunch
    member_day = week.at(member_id, day)
    if not member_day.works:
        return []
    first, end = week.lunch_window(member_id, day)
    last = end - lunch.minutes
    return [
        start
        for start in range(first, last + 1, LUNCH_STEP)
        if not overlaps(member_day.busy, start, start + lunch.minutes)
    ]


def lunch_always(week: Week, member_id: str, day: int) -> Span | None:
    """The part of the day every lunch the member could take covers, if any: a lunch window
    hardly longer than the lunch (Timefold's sets: an hour's lunch in its hour) leaves none
    of it free, so no meeting of theirs can take it. None when no lunch is possible, as
    the lunch rule then does not hold that day."""
    options = lunch_starts(week, member_id, day)
    if not options:
        return None
    start, end = max(options), min(options) + week.request.rules.lunch.minutes
    return (start, end) if start < end else None


class LunchCheck:
    """Whether a start keeps clear of every required attendee's lunch where the lunch has no
    choice (`lunch_always`): a start that could only be kept with no lunch that day can
    never be part of a plan, so it never becomes a variable (a third of the starts on
    Timefold's sets, whose hour-long lunch fills its hour)."""

    def __init__(self, week: Week, slots: Slots) -> None:
        self.week, self.slots = week, slots
        self.taken: dict[tuple[str, int], Span | None] = {}

    def __call__(self, meeting: MeetingRequest, day: int, slot: int) -> bool:
        start = self.slots.starts[slot]
        end = start + len(self.slots.taken(slot, meeting.minutes)) * self.slots.step  # the break too
        for attendee in meeting.attendees:
            if (attendee, day) not in self.taken:
                self.taken[(attendee, day)] = lunch_always(self.week, attendee, day)
            lunch = self.taken[(attendee, day)]
            if lunch is not None and lunch[0] < end and start < lunch[1]:
                return False
        return True


def focus_starts(week: Week, member_id: str, day: int) -> list[int]:
    """Focus starts, every half hour from the start of working hours, free of busy time."""
    focus = week.request.rules.focus
    if focus is None or focus.blocks_per_week == 0:
        return []
    member_day = week.at(member_id, day)
    starts: list[int] = []
    for begin, end in member_day.working:
        starts.extend(
            start
            for start in range(begin, end - focus.minutes + 1, FOCUS_STEP)
            if member_day.free_for(start, start + focus.minutes)
        )
    return starts

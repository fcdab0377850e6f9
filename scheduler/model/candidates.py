"""Where each block could go at all, before any choice: the static part of every hard rule.

Filtering here (instead of adding constraints) keeps the model small: a meeting start that
a required attendee's calendar already rules out never becomes a variable. Which starts a
meeting keeps is the rules' to say (their start filters, `scheduler.model.rule`); lunch and
focus blocks go where their window and the calendars leave them room.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil
from typing import TYPE_CHECKING

from scheduler.domain import MeetingRequest, weekday_of
from scheduler.model.minutes import Span, overlaps
from scheduler.model.week import Week

if TYPE_CHECKING:
    from scheduler.model.rule import Rule, Start

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
    (start, end), step = week.grid.hours, week.grid.step
    first = ceil(start / step) * step
    return Slots(tuple(range(first, end - step + 1, step)), end, step)


def office_possible(week: Week, member_id: str, day: int) -> bool:
    return office_fixed(week, member_id, day) is not False


def office_fixed(week: Week, member_id: str, day: int) -> bool | None:
    """The member's location where something already decides it, else None (ours to choose).

    The calendar is the fact, so a stated location beats the request's never/always.
    Remembered for the week: the model, the first plan, the office bounds and the plan's
    assembly ask it a dozen times for every member-day.
    """
    memo = week.office_fixed_memo
    if (member_id, day) not in memo:
        memo[(member_id, day)] = _office_fixed(week, member_id, day)
    return memo[(member_id, day)]


def _office_fixed(week: Week, member_id: str, day: int) -> bool | None:
    works, location = week.stated(member_id, day)
    if not works:
        return False
    if location is not None:
        return location == "office"
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


def focus_starts(week: Week, member_id: str, day: int) -> list[int]:
    """Focus starts, every half hour from the start of working hours, free of busy time."""
    focus = week.request.rules.focus
    if focus is None or focus.blocks_per_week == 0:
        return []
    member_day = week.at(member_id, day)
    if not member_day.works:
        return []
    starts: list[int] = []
    for begin, end in member_day.working:
        # Inside these working hours already, so free is clear of busy time.
        starts.extend(
            start
            for start in range(begin, end - focus.minutes + 1, FOCUS_STEP)
            if not overlaps(member_day.busy, start, start + focus.minutes)
        )
    return starts


class Candidates:
    """The week under a set of rules: the start grid, where each meeting could start (every
    rule's start filter), and the rules, for the first-fit planner and the explainer."""

    def __init__(self, week: Week, rules: Sequence[Rule]) -> None:
        self.week, self.rules, self.slots = week, tuple(rules), meeting_slots(week)
        self._lunch: dict[tuple[str, int], list[int]] = {}
        self._focus: dict[tuple[str, int], list[int]] = {}
        self._starts: dict[MeetingRequest, list[Start]] = {}
        # What start filters remember per member-day (as bits over the slots), for any
        # meeting they look at: (kind, member, minutes) -> day by day the slots allowed.
        self.slot_masks: dict[tuple[str, str, int], list[int | None]] = {}

    def meeting_starts(self, meeting: MeetingRequest) -> list[Start]:
        """(day, slot) pairs inside the grid that every rule's start filter keeps: where the
        calendars and the rules leave the meeting room, whatever else is planned.

        Remembered (not to be changed by the caller): explaining an unplaced meeting asks
        for its starts again and again, and for those of its attendees but one."""
        if meeting not in self._starts:
            starts = [(day, slot) for day in self.week.meeting_days for slot in range(len(self.slots.starts))
                      if self.slots.fits(slot, meeting.minutes)]
            for rule in self.rules:
                if rule.starts.keep is not None:
                    starts = rule.starts.keep(self, meeting, starts)
            self._starts[meeting] = starts
        return self._starts[meeting]

    def model_starts(self, meeting: MeetingRequest) -> list[Start]:
        """`meeting_starts` without those a rule's prune drops: the starts the model gets."""
        starts = self.meeting_starts(meeting)
        for rule in self.rules:
            if rule.starts.prune is not None:
                starts = rule.starts.prune(self, meeting, starts)
        return starts

    def lunch_starts(self, member_id: str, day: int) -> list[int]:
        """`lunch_starts`, remembered: rules ask it for every meeting an attendee has."""
        if (member_id, day) not in self._lunch:
            self._lunch[(member_id, day)] = lunch_starts(self.week, member_id, day)
        return self._lunch[(member_id, day)]

    def focus_starts(self, member_id: str, day: int) -> list[int]:
        """`focus_starts`, remembered: the model and the plan's unplaced blocks both ask."""
        if (member_id, day) not in self._focus:
            self._focus[(member_id, day)] = focus_starts(self.week, member_id, day)
        return self._focus[(member_id, day)]

    def on_meeting_days(self, days: Sequence[int]) -> Candidates:
        """The same, with meetings on `days` only (one week of several)."""
        within = Candidates(self.week.on_meeting_days(tuple(d for d in self.week.meeting_days if d in days)),
                            self.rules)
        within._lunch, within._focus, within.slot_masks = self._lunch, self._focus, self.slot_masks
        return within

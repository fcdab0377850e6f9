"""Rules on the meetings themselves: how many, which days, nobody in two at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from i18n import gettext
from scheduler.domain import MeetingRequest
from scheduler.model.board import Board
from scheduler.model.context import Context
from scheduler.model.objective import Term, Tier
from scheduler.model.rule import Key, Obstacle, Reason, Rule
from scheduler.model.why import Why

if TYPE_CHECKING:  # CP-SAT loads when a model is built, not when the rules are read
    pass


def at_most_per_week(c: Context) -> list[Term]:
    """Hard constraint: a request is placed at most `per_week` times in each planned week."""
    for meeting in c.meetings:
        for week in c.weeks:
            days = set(c.week.days_of_week(week))
            starts = [c.v.start[k] for k in c.v.start_keys(meeting.id) if k[1] in days]
            c.model.add(sum(starts) <= meeting.per_week)
    return []


def fewer_than_per_week(board: Board, meeting: MeetingRequest, key: Key) -> bool:
    return board.per_week[(meeting.id, board.week_of[key[1]])] < meeting.per_week


def each_on_its_own_day(c: Context) -> list[Term]:
    """Hard constraint: each occurrence of a request is on a day of its own."""
    for meeting in c.meetings:
        for day in c.week.meeting_days:
            c.model.add_at_most_one(c.v.starts(meeting.id, day))
    return []


def day_still_free(board: Board, meeting: MeetingRequest, key: Key) -> bool:
    return (meeting.id, key[1]) not in board.days_used


def too_few_days(why: Why, meeting: MeetingRequest) -> str | None:
    """This plan holds the meeting on every day it has a free time already."""
    days = sorted({d for d, _ in why.candidates.meeting_starts(meeting)})
    placed = [d for d, _ in why.solution.starts[meeting.id] if d in why.week.meeting_days]
    if len(placed) < len(days):
        return None
    return gettext("%(names)s have a free %(minutes)d-minute block on only %(count)d meeting day(s) "
                   "(%(days)s), and each occurrence needs its own day",
                   names=why.request.names_of(meeting.attendees), minutes=meeting.minutes, count=len(days),
                   days=why.day_names(days))


def one_at_a_time(c: Context) -> list[Term]:
    """Hard constraint: a required attendee is in at most one meeting per half hour."""
    for key in c.v.taking_keys():
        held = c.v.taking_indices(*key)
        if len(held) > 1:  # one meeting alone cannot double-book anyone
            c.at_most_one_of(held)
    return []


def attendees_free(board: Board, meeting: MeetingRequest, key: Key) -> bool:
    day, taken = key[1], board.taken_slots(meeting, key)
    return not any((a, day, s) in board.taken for a in meeting.attendees for s in taken)


def other_meetings(why: Why, meeting: MeetingRequest) -> Callable[[int, int], Obstacle | None]:
    """The other meetings of any of its attendees that hold the time, by title."""
    # Who holds which slot, gathered once: asked afresh at every candidate start, it made
    # explaining a large week's unplaced meetings take longer than solving it.
    held: dict[tuple[int, int], set[str]] = {}
    for other in why.request.meetings:
        if other.id != meeting.id and set(other.attendees) & set(meeting.attendees):
            for d, s in why.solution.starts[other.id]:
                for t in why.slots.taken(s, other.minutes):
                    held.setdefault((d, t), set()).add(other.title)

    def at(day: int, slot: int) -> Obstacle | None:
        titles = {title for t in why.slots.taken(slot, meeting.minutes) for title in held.get((day, t), ())}
        return Obstacle(gettext("other meetings"), frozenset(titles)) if titles else None

    return at


def meetings_placed(c: Context) -> list[Term]:
    """Objective, first priority: every placed occurrence counts one."""
    requested = sum(m.per_week for m in c.meetings) * c.request.weeks
    # One flat sum: Python's `sum` nests an expression per start, which every stage's
    # objective then has to unfold again.
    from ortools.sat.python import cp_model

    placed = cp_model.LinearExpr.sum(list(c.v.start.values()))
    return [Term("meetings placed", Tier.MEETINGS_PLACED, placed, requested)]


occurrences_per_week = Rule("occurrences_per_week", cp_sat=at_most_per_week, first_fit=fewer_than_per_week)
one_occurrence_per_day = Rule("one_occurrence_per_day", cp_sat=each_on_its_own_day, first_fit=day_still_free,
                              reason=Reason(in_plan=too_few_days))
no_double_booking = Rule("no_double_booking", cp_sat=one_at_a_time, first_fit=attendees_free,
                         reason=Reason(in_the_way=other_meetings))
place_requested_meetings = Rule("place_requested_meetings", cp_sat=meetings_placed)

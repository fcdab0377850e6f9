"""Office days: who is at the office when (seeds: plan your week, check your team)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from i18n import N_, gettext
from scheduler.domain import MeetingRequest
from scheduler.model.board import Board
from scheduler.model.candidates import Candidates, office_bounds, office_possible
from scheduler.model.context import Context
from scheduler.model.objective import Term
from scheduler.model.rule import Key, Obstacle, Reason, Rule, Start, StartFilter
from scheduler.model.why import Why

if TYPE_CHECKING:  # CP-SAT loads when a model is built, not when the rules are read
    from ortools.sat.python import cp_model


def office_days_within_bounds(c: Context) -> list[Term]:
    """Hard constraint: each member's office days within the team's min and max, each week."""
    for member in c.members:
        for week in c.weeks:
            low, high = office_bounds(c.week, member.id, week)
            days = [c.v.at_office(member.id, d) for d in c.week.days_of_week(week)]
            c.model.add_linear_constraint(sum(days), low, high)
    return []


def office_days_left(board: Board, meeting: MeetingRequest, key: Key) -> bool:
    """An office meeting brings in only members with an office day left that week."""
    if meeting.where != "office":
        return True
    day, week = key[1], board.week_of[key[1]]
    return all(board.in_office(a, day)
               or board.office_weeks[(a, week)] < office_bounds(board.week, a, week)[1]
               for a in board.week.request.in_person(meeting))


def seats_for_everyone(c: Context) -> list[Term]:
    """Hard constraint: no more members at the office on a day than it has room for."""
    capacity = c.rules.office_capacity
    if capacity is not None:
        for day in c.days:
            c.model.add(sum(present(c, day)) <= capacity)
    return []


def a_seat_left(board: Board, meeting: MeetingRequest, key: Key) -> bool:
    """An office meeting brings in only as many members as there are seats left that day.

    Counted together: checked one by one, each newcomer saw the seats before the others
    came, and a meeting of two took the last seat twice (a first plan over capacity, which
    CP-SAT could not complete, and a six-week rhythm with nothing placed)."""
    capacity, day = board.week.request.rules.office_capacity, key[1]
    if meeting.where != "office" or capacity is None:
        return True
    newcomers = sum(1 for a in board.week.request.in_person(meeting) if not board.in_office(a, day))
    return board.seats[day] + newcomers <= capacity


def more_in_person_than_seats(why: Why, meeting: MeetingRequest) -> str | None:
    capacity = why.request.rules.office_capacity
    in_person = why.request.in_person(meeting)
    if meeting.where != "office" or capacity is None or len(in_person) <= capacity:
        return None
    return gettext("it needs all %(count)d of %(names)s at the office, which holds %(capacity)s "
                   "(office_capacity)", count=len(in_person), names=why.request.names_of(in_person),
                   capacity=capacity)


def everyone_in(c: Context) -> list[Term]:
    """Hard constraint: an office meeting only on a day all its required attendees are in
    (remote members join it from afar)."""
    for meeting in c.meetings:
        if meeting.where != "office":
            continue
        for day in c.week.meeting_days:
            if c.v.starts(meeting.id, day):
                placed = c.v.placed(meeting.id, day)
                for attendee in c.request.in_person(meeting):
                    c.model.add_implication(placed, c.v.at_office(attendee, day))
    return []


def days_all_can_be_in(c: Candidates, meeting: MeetingRequest, starts: list[Start]) -> list[Start]:
    """An office meeting starts only on days all its in-person attendees can be at the office."""
    if meeting.where != "office":
        return starts
    in_person = c.week.request.in_person(meeting)
    days = {d for d, _ in starts if all(office_possible(c.week, a, d) for a in in_person)}
    return [(d, s) for d, s in starts if d in days]


def no_common_office_day(why: Why, meeting: MeetingRequest) -> str | None:
    if meeting.where != "office" or why.candidates.meeting_starts(meeting):
        return None
    in_person = why.request.in_person(meeting)
    both = N_("%(names)s share no free %(minutes)d-minute block on a day both can be at the office "
              "(office never-days and calendar home days rule the others out)")
    all_ = N_("%(names)s share no free %(minutes)d-minute block on a day all can be at the office "
              "(office never-days and calendar home days rule the others out)")
    message = both if len(in_person) == 2 else all_
    return gettext(message, names=why.request.names_of(in_person), minutes=meeting.minutes)


def office_days_in_the_way(why: Why, meeting: MeetingRequest) -> Callable[[int, int], Obstacle | None]:
    in_person = why.request.in_person(meeting)

    def at(day: int, slot: int) -> Obstacle | None:
        if meeting.where == "office" and not all(why.solution.office.get((a, day), False) for a in in_person):
            return Obstacle(gettext("the office days, which cannot bring them all in on those days "
                                    "(office days per person and office capacity)"))
        return None

    return at


def present(c: Context, day: int) -> list[cp_model.IntVar]:
    return [c.v.at_office(m.id, day) for m in c.members]


office_days_per_member = Rule("office_days_per_member", cp_sat=office_days_within_bounds,
                              first_fit=office_days_left)
office_capacity = Rule("office_capacity", cp_sat=seats_for_everyone, first_fit=a_seat_left,
                       reason=Reason(always=more_in_person_than_seats))
office_meetings = Rule("office_meetings", StartFilter(keep=days_all_can_be_in), cp_sat=everyone_in,
                       reason=Reason(always=no_common_office_day, in_the_way=office_days_in_the_way))

"""Office days: who is at the office when (seeds: plan your week, check your team)."""

from __future__ import annotations

from itertools import pairwise

from ortools.sat.python import cp_model

from scheduler.domain.office_bound import most_office_pairs
from scheduler.model.candidates import office_bounds, office_possible
from scheduler.model.objective import Term, Tier
from scheduler.model.variables import Variables


def office_days_per_member(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Hard constraint: each member's office days within the team's min and max, each week."""
    for member in v.week.request.members:
        for week in range(v.week.request.weeks):
            low, high = office_bounds(v.week, member.id, week)
            days = [v.at_office(member.id, d) for d in v.week.days_of_week(week)]
            model.add_linear_constraint(sum(days), low, high)
    return []


def office_capacity(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Hard constraint: no more members at the office on a day than it has room for."""
    capacity = v.week.request.rules.office_capacity
    if capacity is not None:
        for day in range(len(v.week.days)):
            model.add(sum(_present(v, day)) <= capacity)
            v.office_seats[day] = capacity
    return []


def office_meetings(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Hard constraint: an office meeting only on a day all its required attendees are in
    (remote members join it from afar)."""
    for meeting in v.week.request.meetings:
        if meeting.where != "office":
            continue
        for day in v.week.meeting_days:
            if v.starts(meeting.id, day):
                placed = v.placed(meeting.id, day)
                for attendee in v.week.request.in_person(meeting):
                    model.add_implication(placed, v.at_office(attendee, day))
    return []


def maximize_office_overlap(model: cp_model.CpModel, v: Variables) -> list[Term]:
    """Objective, third priority: office_pair_days, the pairs of members in on the same day.

    With n members in, a day holds n(n-1)/2 pairs; `at_least[k]` is the unary count of n,
    so the k-th member in adds k-1 pairs and the sum stays linear.
    """
    pairs, span, seats = [], 0, []
    for day in range(len(v.week.days)):
        present = _present(v, day)
        most = sum(1 for m in v.week.request.members if office_possible(v.week, m.id, day))
        seats.append(min(most, v.office_seats.get(day, most)))
        at_least = [model.new_bool_var(f"in_office[{v.week.days[day]:%a}]>={k}")
                    for k in range(1, most + 1)]
        model.add(sum(at_least) == sum(present))
        for fewer, more in pairwise(at_least):
            model.add_implication(more, fewer)
        pairs.extend(k * flag for k, flag in enumerate(at_least))
        span += most * (most - 1) // 2
    # The unary count's linear relaxation is weak (it spreads people evenly); the exact
    # bound, week by week, lets CP-SAT prove a plan optimal as soon as it reaches it.
    model.add(sum(pairs) <= sum(_most_pairs(v, week, seats) for week in range(v.week.request.weeks)))
    return [Term("office pair days", Tier.OFFICE_OVERLAP, sum(pairs), span)]


def _most_pairs(v: Variables, week: int, seats: list[int]) -> int:
    days = v.week.days_of_week(week)
    members = [m.id for m in v.week.request.members]
    possible = [frozenset(i for i, d in enumerate(days) if office_possible(v.week, m, d))
                for m in members]
    most_days = [office_bounds(v.week, m, week)[1] for m in members]
    return most_office_pairs(possible, most_days, [seats[d] for d in days])


def _present(v: Variables, day: int) -> list[cp_model.IntVar]:
    return [v.at_office(m.id, day) for m in v.week.request.members]

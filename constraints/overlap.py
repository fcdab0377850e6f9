"""The team at the office together (seeds: the office is where the team meets)."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from scheduler.domain.office_bound import most_office_pairs
from scheduler.model.candidates import office_bounds, office_possible
from scheduler.model.context import Context
from scheduler.model.objective import Term, Tier
from scheduler.model.rule import Rule

from .office import present

if TYPE_CHECKING:  # CP-SAT loads when a model is built, not when the rules are read
    from ortools.sat.python import cp_model


def office_pair_days(c: Context) -> list[Term]:
    """Objective, third priority: office_pair_days, the pairs of members in on the same day.

    With n members in, a day holds n(n-1)/2 pairs; `at_least[k]` is the unary count of n,
    so the k-th member in adds k-1 pairs and the sum stays linear.
    """
    pairs: list[cp_model.LinearExprT] = []
    span, seats = 0, []
    capacity = c.rules.office_capacity
    for day in c.days:
        in_office = present(c, day)
        most = sum(1 for m in c.members if office_possible(c.week, m.id, day))
        seats.append(most if capacity is None else min(most, capacity))
        at_least = [c.v.new_bool(f"in_office[{c.week.days[day]:%a}]>={k}") for k in range(1, most + 1)]
        c.model.add(sum(at_least) == sum(in_office))
        for fewer, more in pairwise(at_least):
            c.model.add_implication(more, fewer)
        pairs.extend(k * flag for k, flag in enumerate(at_least))
        span += most * (most - 1) // 2
    # The unary count's linear relaxation is weak (it spreads people evenly); the exact
    # bound, week by week, lets CP-SAT prove a plan optimal as soon as it reaches it.
    c.model.add(sum(pairs) <= sum(_most_pairs(c, week, seats) for week in c.weeks))
    return [Term("office pair days", Tier.OFFICE_OVERLAP, sum(pairs), span)]


def _most_pairs(c: Context, week: int, seats: list[int]) -> int:
    days = c.week.days_of_week(week)
    members = [m.id for m in c.members]
    possible = [frozenset(i for i, d in enumerate(days) if office_possible(c.week, m, d))
                for m in members]
    most_days = [office_bounds(c.week, m, week)[1] for m in members]
    return most_office_pairs(possible, most_days, [seats[d] for d in days])


maximize_office_overlap = Rule("maximize_office_overlap", cp_sat=office_pair_days)

"""The team at the office together (seeds: the office is where the team meets)."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from scheduler.domain.office_bound import best_office_loads
from scheduler.model.candidates import office_bounds, office_possible
from scheduler.model.context import Context
from scheduler.model.objective import Term, Tier
from scheduler.model.rule import Rule

from .office import present

if TYPE_CHECKING:  # CP-SAT loads when a model is built, not when the rules are read
    from ortools.sat.python import cp_model

# A week with more counts per day at the bound than this gets no choice among them: a
# Boolean each (five days have at most 5! orders, each with its prefixes).
MOST_LOADS = 200


def office_pair_days(c: Context) -> list[Term]:
    """Objective, third priority: office_pair_days, the pairs of members in on the same day.

    With n members in, a day holds n(n-1)/2 pairs; `at_least[k]` is the unary count of n,
    so the k-th member in adds k-1 pairs and the sum stays linear.
    """
    pairs: list[cp_model.LinearExprT] = []
    span, seats = 0, []
    by_day: dict[int, list[cp_model.LinearExprT]] = {}
    # The seats bound the pairs only where the capacity rule holds: the counts the bound allows
    # (`_at_the_bound`) would otherwise keep the office within capacity by themselves.
    seated = any(rule.name == "office_capacity" for rule in c.v.candidates.rules)
    capacity = c.rules.office_capacity if seated else None
    for day in c.days:
        in_office = present(c, day)
        most = sum(1 for m in c.members if office_possible(c.week, m.id, day))
        seats.append(most if capacity is None else min(most, capacity))
        at_least = [c.v.new_bool(f"in_office[{c.week.days[day]:%a}]>={k}") for k in range(1, most + 1)]
        c.model.add(sum(at_least) == sum(in_office))
        for fewer, more in pairwise(at_least):
            c.model.add_implication(more, fewer)
        by_day[day] = [k * flag for k, flag in enumerate(at_least)]
        pairs.extend(by_day[day])
        span += most * (most - 1) // 2
    # The unary count's linear relaxation is weak (it spreads people evenly); the exact
    # bound, week by week, lets CP-SAT prove a plan optimal as soon as it reaches it.
    for week in c.weeks:
        _at_the_bound(c, week, seats, by_day)
    return [Term("office pair days", Tier.OFFICE_OVERLAP, sum(pairs), span)]


def _at_the_bound(c: Context, week: int, seats: list[int],
                  by_day: dict[int, list[cp_model.LinearExprT]]) -> None:
    """The week's pairs at most its exact bound; and a week that reaches it has one of the
    counts per day that do (`best_office_loads`). Once an earlier stage has proven the bound
    reached, the later stages' relaxation then knows who can be in when: without it, it
    spread people over the days at no cost in pairs, and stage 2's bound took most of its
    proof to rise (bench/RESULTS.md, issue 26.1, 2026-12-07 evening)."""
    days = c.week.days_of_week(week)
    members = [m.id for m in c.members]
    possible = [frozenset(i for i, d in enumerate(days) if office_possible(c.week, m, d))
                for m in members]
    most_days = [office_bounds(c.week, m, week)[1] for m in members]
    best, loads = best_office_loads(possible, most_days, [seats[d] for d in days])
    week_pairs = sum(term for d in days for term in by_day[d])
    c.model.add(week_pairs <= best)
    if len(loads) > MOST_LOADS:
        return
    at_bound = c.v.new_bool(f"office_pairs_at_bound[{week}]")
    c.model.add(week_pairs <= best - 1 + at_bound)
    chosen = [c.v.new_bool(f"office_load[{week},{i}]") for i in range(len(loads))]
    c.model.add(sum(chosen) == at_bound)
    for i, day in enumerate(days):
        count, load = sum(present(c, day)), sum(n[i] * b for n, b in zip(sorted(loads), chosen, strict=True))
        c.model.add(count >= load)
        c.model.add(count <= load + seats[day] * (1 - at_bound))


maximize_office_overlap = Rule("maximize_office_overlap", cp_sat=office_pair_days)

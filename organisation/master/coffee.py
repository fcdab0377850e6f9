"""The master's coffee stage: choose office days so that the coffee round can pair as many
people as the desks allow.

A coffee date pairs two people of different teams at the office on the same day. On one
building-day where `x[t]` people of team t are in, the people who can be paired are counts
`m[t] <= x[t]` with no team more than all the others together (`2 m[t] <= sum m`): a
multipartite matching has exactly those sizes. Over the week a person needs one date, so a
team's dates over its days are at most its people. The sum of `m` is what the round can reach
(slots and past rounds aside): the stage maximises it, so a big team's days are shared with
the others, and a team that would fill a small building alone comes in groups mixed with the
others where desks are tight (`needs_people`).
"""

from __future__ import annotations

from collections.abc import Mapping

from ortools.sat.python import cp_model

from scheduler.domain import WEEKDAYS, Weekday

from ..presence import TeamDays
from .plan import MasterPlan
from .rules import Presence

# People in a building past which the master counts no coffee: there the many teams share
# days anyway (10,000 people: 99.96% of those with an office day got a date without this
# stage), and the stage costs the time of the stages after it: on a 731-person building of
# 67 teams (the 10,000-person organisation's eindhoven, 3 s at load 10) it found no better
# plan than its first one, and sharing and time together were never solved.
MOST = 400
SHORT = 0.95  # a building whose whole-day plan pairs fewer than this share of what it could


def coffee_pairs(
    model: cp_model.CpModel,
    v: Presence,
    teams: Mapping[str, TeamDays],
    persons: Mapping[str, TeamDays],
    split: frozenset[str],
) -> cp_model.LinearExprT:
    """Soft constraint: the people of one building the coffee round can pair (above). Where
    everyone is planned per person, each person is paired on one of their days at most
    (`once`), so the count is exact (slots aside); with whole team-days, a team's count over
    the week is at most its people, which may count one person on two days."""
    dated: dict[str, list[cp_model.IntVar]] = {}
    once = _once(model, v) if split == frozenset(teams) else {}
    buildings = {td.building for td in teams.values()}
    for building in sorted(buildings):
        mine = [td for td in teams.values() if td.building == building]
        if len(mine) < 2:
            continue
        for day in WEEKDAYS:
            here = {t.team: found for t in mine if (found := _present(v, t, persons, split, day, once))[1]}
            if len(here) < 2:
                continue
            m = {t: model.new_int_var(0, most, f"coffee[{t},{day}]") for t, (_, most) in here.items()}
            for var in m.values():
                model.add_hint(var, 0)  # none paired: always possible, so a hinted plan stays whole
            total = cp_model.LinearExpr.sum(list(m.values()))
            for team, (present, _) in here.items():
                model.add(m[team] <= present)
                model.add(2 * m[team] <= total)
                dated.setdefault(team, []).append(m[team])
    for team, days in dated.items():
        model.add(cp_model.LinearExpr.sum(days) <= teams[team].size)
    return cp_model.LinearExpr.sum([m for days in dated.values() for m in days])


def _present(
    v: Presence, td: TeamDays, persons: Mapping[str, TeamDays], split: frozenset[str], day: Weekday,
    once: Mapping[tuple[str, Weekday], cp_model.IntVar],
) -> tuple[cp_model.LinearExprT, int]:
    """The team's home people at the office on `day` (or, `once`, there and paired that day),
    and the most there can be."""
    terms: list[cp_model.LinearExprT] = [
        once.get((p, day), v.at[p, day]) for p in td.states if (p, day) in v.at
    ]
    most = len(terms)
    if td.team not in split:
        states = [s.get(day, False) for p, s in td.states.items() if p not in persons]
        fixed = sum(1 for s in states if s is True)
        come = sum(1 for s in states if s is None)
        office = v.office.get((td.team, day))
        terms.append(cp_model.LinearExpr.constant(fixed))
        most += fixed
        if come and office is not None:
            terms.append(office * come)
            most += come
    return cp_model.LinearExpr.sum(terms), most


def _once(model: cp_model.CpModel, v: Presence) -> dict[tuple[str, Weekday], cp_model.IntVar]:
    """For each person-day: paired that day, only if at the office, and on one day at most."""
    found = {}
    days: dict[str, list[cp_model.IntVar]] = {}
    for (person, day), at in v.at.items():
        paired = found[person, day] = model.new_bool_var(f"paired[{person},{day}]")
        model.add_implication(paired, at)
        model.add_hint(paired, 0)
        days.setdefault(person, []).append(paired)
    for paired_days in days.values():
        model.add_at_most_one(paired_days)
    return found


def could_pair(teams: Mapping[str, TeamDays]) -> int:
    """The most people of a building any plan lets the round pair: its people who can come,
    less those of its biggest team beyond all the others."""
    people = [sum(1 for s in td.states.values() if any(x is not False for x in s.values()))
              for td in teams.values()]
    total, biggest = sum(people), max(people, default=0)
    return total - max(0, biggest - (total - biggest)) if len(people) > 1 else 0


def counted(teams: Mapping[str, TeamDays]) -> bool:
    """Whether the master counts the coffee round's pairs in this building (`MOST`)."""
    return sum(td.size for td in teams.values()) <= MOST


def needs_people(teams: Mapping[str, TeamDays], dated: int, split: frozenset[str]) -> bool:
    """Whether a building planned in whole team-days pairs too few: then per person, where
    teams can come in groups mixed with the others."""
    return counted(teams) and split != frozenset(teams) and dated < SHORT * could_pair(teams)


def hint_plan(
    model: cp_model.CpModel, v: Presence, plan: MasterPlan, persons: Mapping[str, TeamDays]
) -> None:
    """Start a per-person model from a plan found before (whole team-days): each person on
    their own days, or on their team's."""
    for (person, day), var in v.at.items():
        days = plan.people.get(person, plan.days.get(persons[person].team, ()))
        model.add_hint(var, day in days)
    for (team, day), var in v.used.items():
        model.add_hint(var, day in plan.days.get(team, ()))

"""First plans for the master to start from."""

from __future__ import annotations

from collections.abc import Mapping

from ortools.sat.python import cp_model

from scheduler.domain import Weekday

from ..domain import OrgRequest
from ..presence import TeamDays
from .rules import Presence
from .soft import _together


def hint_people(
    model: cp_model.CpModel,
    v: Presence,
    org: OrgRequest,
    teams: Mapping[str, TeamDays],
    persons: Mapping[str, TeamDays],
) -> None:
    """A first plan to start from when everyone is planned per person (thousands of people
    on a busy machine): people with the fewest possible days first, each on their fixed days
    and then on the days with the most desks and team places left."""
    desks = {td.building: org.building(td.building).desks for td in teams.values()}
    left: dict[tuple[str, Weekday], int] = {}
    places: dict[tuple[str, Weekday], int] = {}
    ordered = sorted(persons, key=lambda p: sum(1 for s in persons[p].states[p].values() if s is not False))
    for person in ordered:
        td = persons[person]
        least, _ = td.bounds[person]
        states = td.states[person]
        chosen = [d for d, s in states.items() if s is True]
        free = [d for d, s in states.items() if s is None]
        free.sort(key=lambda d: -min(left.get((td.building, d), desks[td.building]),
                                     places.get((td.team, d), td.capacity or 10**6)))
        chosen += free[: max(0, least - len(chosen))]
        for d in chosen:
            left[td.building, d] = left.get((td.building, d), desks[td.building]) - 1
            places[td.team, d] = places.get((td.team, d), td.capacity or 10**6) - 1
        for d in states:
            if (person, d) in v.at:
                model.add_hint(v.at[person, d], d in chosen)
    for (t, d), var in v.used.items():
        model.add_hint(var, (t, d) in places)


def _alone_choice(td: TeamDays) -> set[Weekday]:
    ranked = sorted(td.possible(), key=lambda d: -_together(td, d))
    return set(ranked[: td.max_days])

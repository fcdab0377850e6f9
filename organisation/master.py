"""The master problem: each team's office weekdays, chosen for the whole organisation at once.

Team-level variables only (`office[team,day]`), not one per person: that is what keeps ten
thousand people tractable. Hard: each team gets between its minimum and maximum number of
office days, and per building and day the most people its teams can bring fit the desks.
Then, in two stages: affinity pairs in the same building share a day (weighted), and each
team's own time together (pairs of members on a chosen meeting day) stays high.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from math import comb

from ortools.sat.python import cp_model

from scheduler.domain import WEEKDAYS, Weekday
from scheduler.errors import RhythmError

from .domain import Affinity, OrgRequest
from .presence import TeamDays

AFFINITY_SHARE = 0.5  # of the master's time, for the affinity stage
SHARING = 4  # sharing a first day counts this many further shared days


@dataclass(frozen=True)
class MasterPlan:
    days: Mapping[str, tuple[Weekday, ...]]  # team -> its office weekdays
    status: str  # "optimal" or "feasible"
    seconds: float


class MasterInfeasible(RhythmError):
    """The buildings cannot hold every team's minimum of office days."""


def choose_office_days(
    org: OrgRequest, teams: Mapping[str, TeamDays], *, time_limit: float = 10.0, workers: int = 2
) -> MasterPlan:
    began = time.perf_counter()
    refuse_fixed_overflow(org, teams)
    model = cp_model.CpModel()
    office = {
        (t, d): model.new_bool_var(f"office[{t},{d}]") for t, td in teams.items() for d in td.possible()
    }
    for name, td in teams.items():
        chosen = [office[name, d] for d in td.possible()]
        model.add(sum(chosen) >= td.min_days)
        model.add(sum(chosen) <= td.max_days)
    building_desks(model, org, teams, office)
    affinity = affinity_pairs_share_a_day(model, org, teams, office)
    overlap = cp_model.LinearExpr.weighted_sum(
        [office[k] for k in office], [_together(teams[k[0]], k[1]) for k in office]
    )
    for (t, d), var in office.items():  # start from what each team would choose alone
        model.add_hint(var, d in _alone_choice(teams[t]))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    stages = [(affinity, time_limit * AFFINITY_SHARE), (overlap, None)]
    proven = True
    for index, (objective, limit) in enumerate(stages):
        left = time_limit - (time.perf_counter() - began)
        solver.parameters.max_time_in_seconds = max(0.5, limit if limit is not None else left)
        model.maximize(objective)
        status = solver.solve(model)
        if status == cp_model.INFEASIBLE:
            raise MasterInfeasible(desk_shortage(org, teams))
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            raise RhythmError(
                f"no choice of office days found within {time_limit:g} s; try a longer --master-time-limit"
            )
        proven &= status == cp_model.OPTIMAL
        values = {k: solver.boolean_value(v) for k, v in office.items()}
        if index + 1 < len(stages):  # keep what this stage won, start the next from it
            model.add(objective >= round(solver.objective_value))
            model.clear_hints()
            for key, var in office.items():
                model.add_hint(var, values[key])
    days = {name: tuple(d for d in td.possible() if values[name, d]) for name, td in teams.items()}
    return MasterPlan(days, "optimal" if proven else "feasible", round(time.perf_counter() - began, 3))


def building_desks(
    model: cp_model.CpModel,
    org: OrgRequest,
    teams: Mapping[str, TeamDays],
    office: Mapping[tuple[str, Weekday], cp_model.IntVar],
) -> None:
    """Hard constraint: per building and day, the most people its teams can bring fit the desks."""
    for building in org.buildings:
        mine = [td for td in teams.values() if td.building == building.id]
        for day in {d for td in mine for d in td.workdays}:
            fixed = sum(min(td.fixed.get(day, 0), td.most(day)) for td in mine)
            extra = [
                (office[td.team, day], td.most(day) - min(td.fixed.get(day, 0), td.most(day)))
                for td in mine
                if (td.team, day) in office
            ]
            model.add(sum(v * n for v, n in extra) + fixed <= building.desks)


def affinity_pairs_share_a_day(
    model: cp_model.CpModel,
    org: OrgRequest,
    teams: Mapping[str, TeamDays],
    office: Mapping[tuple[str, Weekday], cp_model.IntVar],
) -> cp_model.LinearExpr:
    """Soft constraint: an affinity pair in one building that shares an office day scores
    SHARING times its weight, and each further day shared its weight once more (two teams
    with three office days out of four meeting days share one almost by chance; the days
    they share are where the seeds' cross-team contact happens)."""
    terms = []
    for affinity in same_building(org, teams):
        a, b = affinity.teams
        both = []
        for day in set(teams[a].possible()) & set(teams[b].possible()):
            together = model.new_bool_var(f"together[{a},{b},{day}]")
            model.add_implication(together, office[a, day])
            model.add_implication(together, office[b, day])
            both.append(together)
        if both:
            shares = model.new_bool_var(f"shares[{a},{b}]")
            model.add_bool_or(both).only_enforce_if(shares)
            terms.append((shares, SHARING * affinity.weight))
            terms += [(together, affinity.weight) for together in both]
    return cp_model.LinearExpr.weighted_sum([v for v, _ in terms], [w for _, w in terms])


def same_building(org: OrgRequest, teams: Mapping[str, TeamDays]) -> list[Affinity]:
    return [
        a
        for a in org.affinities
        if a.teams[0] in teams
        and a.teams[1] in teams
        and teams[a.teams[0]].building == teams[a.teams[1]].building
    ]


def refuse_fixed_overflow(org: OrgRequest, teams: Mapping[str, TeamDays]) -> None:
    problems = []
    for building in org.buildings:
        mine = [td for td in teams.values() if td.building == building.id]
        for day in WEEKDAYS:
            fixed = sum(td.fixed.get(day, 0) for td in mine)
            if fixed > building.desks:
                problems.append(
                    f"buildings {building.id}: {fixed} people must be there on {day} "
                    f"(office.always or their calendar), more than its {building.desks} desks"
                )
    if problems:
        raise MasterInfeasible("\n".join(problems))


def desk_shortage(org: OrgRequest, teams: Mapping[str, TeamDays]) -> str:
    lines = []
    for building in org.buildings:
        mine = [td for td in teams.values() if td.building == building.id]
        need = sum(td.min_days * min((td.most(d) for d in td.possible()), default=0) for td in mine)
        days = len({d for td in mine for d in td.workdays})
        lines.append(
            f"buildings {building.id}: its {len(mine)} teams need at least {need} desk-days "
            f"(office_days.min), {building.desks} desks over {days} days give {building.desks * days}"
        )
    return "the buildings cannot hold every team's minimum of office days:\n" + "\n".join(lines)


def _together(td: TeamDays, day: Weekday) -> int:
    """Pairs of the team at the office on a day it gets (none on a meetingless day: the
    seeds want those at home for focus)."""
    if day in td.meetingless:
        return 0
    return comb(td.most(day), 2) - comb(min(td.fixed.get(day, 0), td.most(day)), 2)


def _alone_choice(td: TeamDays) -> set[Weekday]:
    ranked = sorted(td.possible(), key=lambda d: -_together(td, d))
    return set(ranked[: td.max_days])

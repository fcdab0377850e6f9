"""Solving the master building by building: the model's parts put together, the stages, and
the fallbacks (whole days, then everyone per person, then the greedy plan)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping

from ortools.sat.python import cp_model

from i18n import _
from scheduler.solve import Search, SolveSettings, Stage, solve_lexicographic

from ..domain import OrgRequest
from ..presence import TeamDays
from ..refusal import why_not
from .coffee import coffee_pairs, counted, hint_plan, needs_people
from .greedy import greedy_days
from .hints import _alone_choice, hint_people
from .plan import MasterInfeasible, MasterPlan, MasterTimeout, merged, refusal, timeout
from .rules import (
    Presence,
    Sum,
    Var,
    building_desks,
    newcomers_with_buddies,
    person_days,
    split_team_days,
    whole_days,
)
from .soft import affinity_pairs_share_a_day, teams_share_a_day, time_together

SETTLE = 0.05  # seconds: the least a solve is given (CP-SAT reads 0 as no limit)
LARGE = 1000  # people in a building past which its master races workers from the start

log = logging.getLogger("rhythm.solver")


def choose_office_days(
    org: OrgRequest, teams: Mapping[str, TeamDays], *, time_limit: float = 10.0, workers: int = 2
) -> MasterPlan:
    """The whole organisation's office days: every building's, put together."""
    return merged(list(office_days_by_building(org, teams, time_limit=time_limit, workers=workers)))


def office_days_by_building(
    org: OrgRequest, teams: Mapping[str, TeamDays], *, time_limit: float = 10.0, workers: int = 2
) -> Iterator[MasterPlan]:
    """Building by building: nothing of the master crosses a building (a person takes a desk
    only at their home team's building; affinities and coffee count within one), so each is
    its own model, with a share of the time by its people. Each building's plan comes as soon
    as it is solved, smallest building first, so its teams can be solved while the next
    building's master runs (planner.py); a building's plan does not depend on the order.
    An organisation that cannot be planned is refused here, before any building is solved."""
    reasons = why_not(org, teams)
    if reasons:
        raise MasterInfeasible(refusal(reasons))
    return _by_building(org, teams, time_limit, workers)


def _by_building(
    org: OrgRequest, teams: Mapping[str, TeamDays], time_limit: float, workers: int
) -> Iterator[MasterPlan]:
    total = max(1, sum(td.size for td in teams.values()))
    parts = []
    for building in org.buildings:
        mine = {n: td for n, td in teams.items() if td.building == building.id}
        if mine:
            parts.append((sum(td.size for td in mine.values()), building.id, mine))
    # The shares add up to the limit, so the user's limit bounds the whole master.
    for size, _building, mine in sorted(parts, key=lambda p: (p[0], p[1])):
        yield _building_days(org, mine, time_limit * size / total, workers)


def _building_days(
    org: OrgRequest, teams: Mapping[str, TeamDays], time_limit: float, workers: int
) -> MasterPlan:
    """Each try gets what is left of the building's time: whole days first; per person if they
    pair too few for coffee or do not fit; the greedy plan if the solver found none in time."""
    began = time.perf_counter()

    def left() -> float:
        return max(SETTLE, began + time_limit - time.perf_counter())

    # Where the coffee round is counted, whole days may be tried again per person: half each.
    first = left() / 2 if counted(teams) else left()
    try:
        plan = _solve(org, teams, per_person_teams(org, teams), first, workers, began)
    except MasterTimeout:  # whole days neither found nor ruled out: per person finds one sooner
        plan = None
    if plan is not None and left() > SETTLE and needs_people(teams, plan.coffee, frozenset(plan.split)):
        # Whole team-days leave people without a colleague of another team to meet: per person,
        # a team can come in groups mixed with the others (kept only if it pairs more).
        try:
            mixed = _solve(org, teams, frozenset(teams), left(), workers, began, start=plan)
        except MasterTimeout:
            mixed = None
        if mixed is not None and mixed.coffee > plan.coffee:
            plan = mixed
    # Whole days do not fit: every team per person, the exact question. Where the solver finds
    # no plan in the building's time (a busy machine, or tens of thousands of people), the
    # greedy plan, checked on the same hard rules; with no time left, that first.
    greedy = plan is None and left() <= SETTLE
    if greedy:
        plan = _greedy(org, teams, began)
    if plan is None:
        try:
            plan = _solve(org, teams, frozenset(teams), left(), workers, began)
        except MasterTimeout:
            plan = None if greedy else _greedy(org, teams, began)
            if plan is None:  # named with the building's whole time, not the last try's rest
                raise timeout(time_limit) from None
    if plan is None:
        building = next(iter(teams.values())).building
        raise MasterInfeasible(
            refusal(why_not(org, teams) or [_(
                "%(building)s: no count shows a single cause; the days its people can come, their "
                "minimum of office days, its teams' capacities and its desks do not fit together",
                building=building)])
        )
    return plan


def _greedy(org: OrgRequest, teams: Mapping[str, TeamDays], began: float) -> MasterPlan | None:
    found = greedy_days(org, teams)
    if found is None:
        return None
    days, people, buddies = found
    log.info("%s: the greedy plan (no plan from the solver in its time)", next(iter(teams.values())).building)
    seconds = round(time.perf_counter() - began, 3)
    return MasterPlan(days, "feasible", seconds, people, tuple(sorted(teams)), buddies)


def per_person_teams(org: OrgRequest, teams: Mapping[str, TeamDays]) -> frozenset[str]:
    """Teams that whole days do not fit: their capacity is below the people who may come,
    or the team alone fills more than its building's desks."""
    split = set()
    for name, td in teams.items():
        desks = org.building(td.building).desks
        biggest = max((td.free.get(d, 0) + td.fixed.get(d, 0) for d in td.workdays), default=0)
        over_capacity = td.capacity is not None and td.capacity < biggest + len(td.guests)
        if over_capacity or biggest > desks:
            split.add(name)
    return frozenset(split)


def _solve(
    org: OrgRequest,
    teams: Mapping[str, TeamDays],
    split: frozenset[str],
    time_limit: float,
    workers: int,
    began: float,
    start: MasterPlan | None = None,
) -> MasterPlan | None:
    made = time.perf_counter()  # making the model counts against the limit too
    model = cp_model.CpModel()
    persons = _per_person(org, teams, split)
    v = Presence()
    for name, td in teams.items():
        if name not in split:
            whole_days(model, v, td)
    buddies: dict[str, str | None] = {}
    for person, td in persons.items():
        person_days(model, v, org, td, person, split)
    for name in split:
        buddies |= newcomers_with_buddies(model, v, org, teams[name])
        split_team_days(model, v, org, teams[name], persons)
    building_desks(model, v, org, teams, persons, split)
    sharing, more_days = teams_share_a_day(model, v, org, teams)
    affinity, further = affinity_pairs_share_a_day(model, v, org, teams)
    together = Sum([time_together(v, teams, split), further, more_days])
    for (t, d), var in v.office.items():  # start from what each team would choose alone
        model.add_hint(var, d in _alone_choice(teams[t]))
    if start is not None:
        hint_plan(model, v, start, persons)
    elif split == frozenset(teams):
        hint_people(model, v, org, teams, persons)
    coffee = coffee_pairs(model, v, teams, persons, split) if counted(teams) else None
    # One worker first where a proof is in reach, so the same organisation gets the same days;
    # racing on thousands of people, where it finds plans sooner.
    size = sum(td.size for td in teams.values())
    how = Search(SolveSettings(time_limit=time_limit, workers=workers), large_model=size > LARGE)
    first: cp_model.LinearExprT = Sum([sharing, affinity])
    stages = [Stage.tier("sharing and affinity", first), Stage.tier("time together", together)]
    if coffee is not None:
        stages.insert(0, Stage.tier("coffee dates", coffee))
    left = max(SETTLE, time_limit - (time.perf_counter() - made))
    done = solve_lexicographic(model, stages, time_limit=left, how=how)
    if done.status == cp_model.INFEASIBLE:
        return None
    if done.status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise timeout(time_limit)
    solver = done.solver
    # Each stage's value, per building: what a shorter limit or fewer workers would trade
    # (bench/master_progress.py times each improvement).
    log.info("master %s, %d people, %d per person: %s; %s", next(iter(teams.values())).building, size,
             len(split), "optimal" if done.proven else "feasible",
             ", ".join(f"{s.name} {int(solver.value(s.objective))}" for s in stages))
    days = {n: tuple(d for d in td.workdays if _value(solver, v.team_at(n, d))) for n, td in teams.items()}
    people = {
        p: tuple(d for d in td.workdays if (p, d) in v.at and solver.value(v.at[p, d]))
        for p, td in persons.items()
    }
    return MasterPlan(
        days,
        "optimal" if done.proven else "feasible",
        round(time.perf_counter() - began, 3),
        people,
        tuple(sorted(split)),
        buddies,
        int(solver.value(coffee)) if coffee is not None else 0,
    )


def _per_person(
    org: OrgRequest, teams: Mapping[str, TeamDays], split: frozenset[str]
) -> dict[str, TeamDays]:
    """Who is planned per person, with their home team: every home member of a split team and
    everyone in two teams."""
    found = {}
    for name, td in teams.items():
        for person in td.states:
            if name in split or len(org.teams_of[person]) > 1:
                found[person] = td
    return found


def _value(solver: cp_model.CpSolver, var: Var | None) -> bool:
    return var is not None and bool(solver.value(var))

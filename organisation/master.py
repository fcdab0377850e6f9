"""The master problem: each team's office weekdays, chosen for the whole organisation at once.

Two grains in one model. A team whose whole presence fits its building and its own
`office_capacity` gets whole days (`office[team,day]`): few variables, which is what keeps
ten thousand people tractable, and everyone who comes that day meets everyone. A team whose
capacity is below its size, or which is bigger than its building's desks, is planned per
person (`at[person,day]`), as is everyone in two teams: each gets their min..max office days
(office.always and calendar-stated days fixed), the team's capacity and the building's desks
hold every day, and the team keeps together by using as few days as it can (`used[team,day]`),
so a team too big for its building comes in groups on different days. Should whole days not
fit at all, every team is planned per person; only when that fails too is the organisation
refused, with the counts of `refusal.why_not`.

Stages (the shared `solve_lexicographic`): first every team shares an office day with another
team in its building (coffee dates need one) and affinity pairs share days; then each team's
own time together.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from math import comb

from ortools.sat.python import cp_model

from scheduler.domain import Weekday
from scheduler.errors import RhythmError
from scheduler.solve import Search, SolveSettings, Stage, solve_lexicographic

from .domain import Affinity, OrgRequest
from .presence import TeamDays
from .refusal import why_not

SHARING = 4  # sharing a first day counts this many further shared days
LEAST_SECONDS = 3.0  # a building's least time: a first plan of thousands of people on a busy machine
LARGE = 1000  # people in a building past which its master races workers from the start
RETRY = 4  # a building that found no plan in its time tries once more with this many times it

Var = cp_model.IntVar
Sum = cp_model.LinearExpr.sum  # linear in the terms, where Python's sum() of expressions is not


@dataclass(frozen=True)
class MasterPlan:
    days: Mapping[str, tuple[Weekday, ...]]  # team -> the weekdays any of it is at the office
    status: str  # "optimal" or "feasible"
    seconds: float
    people: Mapping[str, tuple[Weekday, ...]] = field(default_factory=dict)  # planned per person
    split: tuple[str, ...] = ()  # teams planned per person
    buddies: Mapping[str, str | None] = field(default_factory=dict)  # newcomer -> buddy, split teams


class MasterInfeasible(RhythmError):
    """The buildings or teams cannot hold everyone's minimum of office days."""


class MasterTimeout(RhythmError):
    """No choice of office days was found in the time (none is known not to exist)."""


def choose_office_days(
    org: OrgRequest, teams: Mapping[str, TeamDays], *, time_limit: float = 10.0, workers: int = 2
) -> MasterPlan:
    """Building by building: nothing of the master crosses a building (a person takes a desk
    only at their home team's building; affinities and coffee count within one), so each is
    its own model, with a share of the time by its people."""
    began = time.perf_counter()
    reasons = why_not(org, teams)
    if reasons:
        raise MasterInfeasible(_refusal(reasons))
    total = max(1, sum(td.size for td in teams.values()))
    parts = []
    for building in org.buildings:
        mine = {n: td for n, td in teams.items() if td.building == building.id}
        if mine:
            share = time_limit * sum(td.size for td in mine.values()) / total
            parts.append(_building_days(org, mine, max(share, min(time_limit, LEAST_SECONDS)), workers))
    return MasterPlan(
        {k: v for p in parts for k, v in p.days.items()},
        "optimal" if all(p.status == "optimal" for p in parts) else "feasible",
        round(time.perf_counter() - began, 3),
        {k: v for p in parts for k, v in p.people.items()},
        tuple(sorted(t for p in parts for t in p.split)),
        {k: v for p in parts for k, v in p.buddies.items()},
    )


def _building_days(
    org: OrgRequest, teams: Mapping[str, TeamDays], time_limit: float, workers: int
) -> MasterPlan:
    began = time.perf_counter()
    try:
        plan = _solve(org, teams, per_person_teams(org, teams), time_limit, workers, began)
    except MasterTimeout:  # whole days neither found nor ruled out: per person finds one sooner
        plan = None
    if plan is None:  # whole days do not fit: every team per person, the exact question
        try:
            plan = _solve(org, teams, frozenset(teams), time_limit, workers, began)
        except MasterTimeout:  # a busy machine: once more with more time, before giving up
            plan = _solve(org, teams, frozenset(teams), RETRY * time_limit, workers, began)
    if plan is None:
        building = next(iter(teams.values())).building
        raise MasterInfeasible(
            _refusal(why_not(org, teams) or [
                f"{building}: no count shows a single cause; the days its people can come, their "
                "minimum of office days, its teams' capacities and its desks do not fit together"
            ])
        )
    return plan


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


@dataclass
class Presence:
    """The master's decision variables, with the questions the rules ask of them."""

    office: dict[tuple[str, Weekday], Var] = field(default_factory=dict)  # whole team-days
    at: dict[tuple[str, Weekday], Var] = field(default_factory=dict)  # person-days
    used: dict[tuple[str, Weekday], Var] = field(default_factory=dict)  # split team-days

    def team_at(self, team: str, day: Weekday) -> Var | None:
        """Is any of the team at the office on `day`?"""
        found = self.office.get((team, day))
        return found if found is not None else self.used.get((team, day))


def _solve(
    org: OrgRequest,
    teams: Mapping[str, TeamDays],
    split: frozenset[str],
    time_limit: float,
    workers: int,
    began: float,
) -> MasterPlan | None:
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
    if split == frozenset(teams):
        hint_people(model, v, org, teams, persons)
    # One worker first where a proof is in reach, so the same organisation gets the same days;
    # racing on thousands of people, where it finds plans sooner.
    size = sum(td.size for td in teams.values())
    how = Search(SolveSettings(time_limit=time_limit, workers=workers), large_model=size > LARGE)
    first: cp_model.LinearExprT = Sum([sharing, affinity])
    stages = [Stage.tier("coffee and affinity", first), Stage.tier("time together", together)]
    done = solve_lexicographic(model, stages, time_limit=time_limit, how=how)
    if done.status == cp_model.INFEASIBLE:
        return None
    if done.status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise MasterTimeout(
            f"no choice of office days found within {time_limit:g} s; try a longer --master-time-limit"
        )
    solver = done.solver
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


def whole_days(model: cp_model.CpModel, v: Presence, td: TeamDays) -> None:
    """Hard constraint: a whole-day team gets between its minimum and maximum of office days."""
    chosen = []
    for d in td.possible():
        v.office[td.team, d] = model.new_bool_var(f"office[{td.team},{d}]")
        chosen.append(v.office[td.team, d])
    model.add(Sum(chosen) >= td.min_days)
    model.add(Sum(chosen) <= td.max_days)


def person_days(
    model: cp_model.CpModel, v: Presence, org: OrgRequest, td: TeamDays, person: str, split: frozenset[str]
) -> None:
    """Hard constraint: a person planned alone gets their min..max office days (the smallest
    maximum of their teams), on days they can come, their fixed days included; in a whole-day
    team, only on the team's days."""
    least, most = td.bounds[person]
    most = min([most] + [org.team(t).request.rules.office_days.max for t in org.teams_of[person]])
    chosen = []
    for d, state in td.states[person].items():
        if state is False:
            continue
        var = v.at[person, d] = model.new_bool_var(f"at[{person},{d}]")
        if state is True:
            model.add(var == 1)
        elif td.team not in split:
            team_day = v.office.get((td.team, d))
            model.add(var <= (team_day if team_day is not None else 0))
        chosen.append(var)
    forced = sum(1 for s in td.states[person].values() if s is True)
    model.add(Sum(chosen) >= min(least, len(chosen)))
    model.add(Sum(chosen) <= max(most, forced))


def newcomers_with_buddies(
    model: cp_model.CpModel, v: Presence, org: OrgRequest, td: TeamDays
) -> dict[str, str | None]:
    """Hard constraint: in a split team, a newcomer comes on `onboarding.office_days` (at most
    the team's maximum) and a buddy from the team comes on each of their days."""
    from .onboarding import newcomers

    if org.onboarding is None:
        return {}
    team = org.team(td.team)
    new = newcomers(org, team)
    taken: set[str] = set()
    found: dict[str, str | None] = {}
    for person in new:
        mine = [v.at[person, d] for d in td.workdays if (person, d) in v.at]
        want = min(org.onboarding.office_days, team.request.rules.office_days.max, len(mine))
        model.add(Sum(mine) >= want)
        buddy = next(
            (m for m in td.states if m not in new and m not in taken and len(org.teams_of[m]) == 1),
            None,
        )
        found[person] = buddy
        if buddy is not None:
            taken.add(buddy)
            for d in td.workdays:
                if (person, d) in v.at:
                    model.add(v.at.get((buddy, d), 0) >= v.at[person, d])
    return found


def split_team_days(
    model: cp_model.CpModel, v: Presence, org: OrgRequest, td: TeamDays, persons: Mapping[str, TeamDays]
) -> None:
    """Hard constraint: a split team's office_capacity holds every day, counting its members
    from other teams who come on their own days. `used` says whether any of it comes."""
    for d in td.workdays:
        home = [v.at[p, d] for p in td.states if (p, d) in v.at]
        if not home:
            continue
        used = v.used[td.team, d] = model.new_bool_var(f"used[{td.team},{d}]")
        for var in home:
            model.add_implication(var, used)
        model.add(Sum(home) >= used)
        if td.capacity is not None:
            guests = [v.at[p, d] for p in td.guests if (p, d) in v.at]
            model.add(Sum(home) + Sum(guests) <= td.capacity)


def building_desks(
    model: cp_model.CpModel,
    v: Presence,
    org: OrgRequest,
    teams: Mapping[str, TeamDays],
    persons: Mapping[str, TeamDays],
    split: frozenset[str],
) -> None:
    """Hard constraint: per building and day, everyone who may come fits the desks: a
    whole-day team's members on its days, each person planned alone on theirs."""
    for building in org.buildings:
        mine = [td for td in teams.values() if td.building == building.id]
        buddy_days = {td.team: buddies_on(org, td.team) for td in mine if td.team not in split}
        for day in {d for td in mine for d in td.workdays}:
            load: list[cp_model.LinearExprT] = []
            fixed = 0
            for td in mine:
                if td.team in split:
                    continue
                states = [s.get(day, False) for p, s in td.states.items() if p not in persons]
                fixed += sum(1 for s in states if s is True)
                come = sum(1 for s in states if s is None)
                if come and (td.team, day) in v.office:
                    load.append(v.office[td.team, day] * come)
                # A newcomer's buddy comes with them on their own `always` days too: a desk kept
                # for the buddy where the team itself is not at the office.
                buddies = buddy_days[td.team].count(day)
                if buddies and (td.team, day) in v.office:
                    load.append(buddies * (1 - v.office[td.team, day]))
                else:
                    fixed += buddies
            load += [
                v.at[p, day] for p, td in persons.items() if td.building == building.id and (p, day) in v.at
            ]
            model.add(Sum(load) + fixed <= building.desks)


def buddies_on(org: OrgRequest, team: str) -> list[Weekday]:
    """The days a whole-day team's newcomers come by their own `always` days, whatever the
    team's days: their buddy comes with them then (onboarding.buddies, restrict.py), so each
    such day keeps a desk for one more person (one too many when nobody can be the buddy)."""
    from .onboarding import newcomers

    request = org.team(team).request
    days: list[Weekday] = []
    for person in newcomers(org, org.team(team)):
        if len(org.teams_of[person]) == 1:
            member = request.member(person)
            days += [d for d in member.office_always if d not in member.office_never]
    return days


def teams_share_a_day(
    model: cp_model.CpModel, v: Presence, org: OrgRequest, teams: Mapping[str, TeamDays]
) -> tuple[cp_model.LinearExprT, cp_model.LinearExprT]:
    """Soft constraint: a team at the office on a day another team of its building is too
    scores SHARING times its number of people, and each such day its number once more (a
    big team meets more of the others over several days). Coffee dates pair people of
    different teams. The further days count at once (the first term) among whole-day teams,
    whose days are bounded by their maximum; with a team planned per person they count in
    the second term, weighed with time together, so that team is not spread over every day."""
    score: list[tuple[Var, int]] = []
    more: list[tuple[Var, int]] = []
    first: dict[str, list[Var]] = {}
    for building in org.buildings:
        mine = [td for td in teams.values() if td.building == building.id]
        for day in {d for td in mine for d in td.workdays} if len(mine) > 1 else ():
            here = {td.team: var for td in mine if (var := v.team_at(td.team, day)) is not None}
            whole = {t: var for t, var in here.items() if (t, day) in v.office}
            for team, shared in _with_another(model, here, f"{building.id},{day}").items():
                first.setdefault(team, []).append(shared)
                more.append((shared, max(1, teams[team].size)))
            for team, shared in _with_another(model, whole, f"whole,{building.id},{day}").items():
                score.append((shared, max(1, teams[team].size)))
    for team, days in first.items():
        shares = model.new_bool_var(f"shares_a_day[{team}]")
        model.add(Sum(days) >= shares)
        score.append((shares, SHARING * max(1, teams[team].size)))
    return (
        cp_model.LinearExpr.weighted_sum([x for x, _ in score], [w for _, w in score]),
        cp_model.LinearExpr.weighted_sum([x for x, _ in more], [w for _, w in more]),
    )


def _with_another(model: cp_model.CpModel, here: Mapping[str, Var], key: str) -> dict[str, Var]:
    """For each team of `here`: is it at the office with at least one other of `here`?"""
    if len(here) < 2:
        return {}
    count = model.new_int_var(0, len(here), f"teams_at[{key}]")
    model.add(count == Sum(list(here.values())))
    found = {}
    for team, var in here.items():
        shared = found[team] = model.new_bool_var(f"shared[{key},{team}]")
        model.add_implication(shared, var)
        model.add(count - var >= shared)
    return found


def affinity_pairs_share_a_day(
    model: cp_model.CpModel, v: Presence, org: OrgRequest, teams: Mapping[str, TeamDays]
) -> tuple[cp_model.LinearExprT, cp_model.LinearExprT]:
    """Soft constraint: an affinity pair in one building that shares an office day scores
    SHARING times its weight (the first term), and each day shared its weight once more (the
    second, weighed with each team's own time together: more shared days must not spread a
    team planned per person over every day). Two teams with three office days out of four
    meeting days share one almost by chance; the days they share are where the seeds'
    cross-team contact happens."""
    terms, further = [], []
    for affinity in same_building(org, teams):
        a, b = affinity.teams
        both = []
        for day in set(teams[a].workdays) & set(teams[b].workdays):
            ta, tb = v.team_at(a, day), v.team_at(b, day)
            if ta is None or tb is None:
                continue
            together = model.new_bool_var(f"together[{a},{b},{day}]")
            model.add_implication(together, ta)
            model.add_implication(together, tb)
            both.append(together)
        if both:
            shares = model.new_bool_var(f"shares[{a},{b}]")
            model.add_bool_or(both).only_enforce_if(shares)
            terms.append((shares, SHARING * affinity.weight))
            further += [(together, affinity.weight) for together in both]
    return (
        cp_model.LinearExpr.weighted_sum([t for t, _ in terms], [w for _, w in terms]),
        cp_model.LinearExpr.weighted_sum([t for t, _ in further], [w for _, w in further]),
    )


def time_together(v: Presence, teams: Mapping[str, TeamDays], split: frozenset[str]) -> cp_model.LinearExprT:
    """Soft constraint: pairs of a whole-day team at the office on its days (none on a
    meetingless day: the seeds want those at home for focus); a split team loses a day's
    worth of pairs for each day it spreads over (fewer days: fuller ones)."""
    keys = list(v.office)
    gain = cp_model.LinearExpr.weighted_sum(
        [v.office[k] for k in keys], [_together(teams[k[0]], k[1]) for k in keys]
    )
    spread = [(var, _day_of_pairs(teams[t])) for (t, _), var in v.used.items() if t in split]
    return gain - cp_model.LinearExpr.weighted_sum([s for s, _ in spread], [w for _, w in spread])


def same_building(org: OrgRequest, teams: Mapping[str, TeamDays]) -> list[Affinity]:
    return [
        a
        for a in org.affinities
        if a.teams[0] in teams
        and a.teams[1] in teams
        and teams[a.teams[0]].building == teams[a.teams[1]].building
    ]


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


def _value(solver: cp_model.CpSolver, var: Var | None) -> bool:
    return var is not None and bool(solver.value(var))


def _refusal(reasons: list[str]) -> str:
    return "the organisation's office days cannot be planned:\n" + "\n".join(f"- {r}" for r in reasons)


def _together(td: TeamDays, day: Weekday) -> int:
    if day in td.meetingless:
        return 0
    return comb(td.most(day), 2) - comb(min(td.fixed.get(day, 0), td.most(day)), 2)


def _day_of_pairs(td: TeamDays) -> int:
    """The pairs of a day a split team fills: its people's office days spread over its days."""
    per_day = max(2, min(td.size, td.capacity or td.size))
    return comb(per_day, 2) // 2


def _alone_choice(td: TeamDays) -> set[Weekday]:
    ranked = sorted(td.possible(), key=lambda d: -_together(td, d))
    return set(ranked[: td.max_days])

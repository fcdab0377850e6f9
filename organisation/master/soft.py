"""The master's soft constraints: teams of a building sharing a day (coffee dates need one),
affinity pairs sharing days, and each team's own time together."""

from __future__ import annotations

from collections.abc import Mapping
from math import comb

from ortools.sat.python import cp_model

from scheduler.domain import Weekday

from ..domain import Affinity, OrgRequest
from ..presence import TeamDays
from .rules import Presence, Sum, Var

SHARING = 4  # sharing a first day counts this many further shared days


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


def _together(td: TeamDays, day: Weekday) -> int:
    if day in td.meetingless:
        return 0
    return comb(td.most(day), 2) - comb(min(td.fixed.get(day, 0), td.most(day)), 2)


def _day_of_pairs(td: TeamDays) -> int:
    """The pairs of a day a split team fills: its people's office days spread over its days."""
    per_day = max(2, min(td.size, td.capacity or td.size))
    return comb(per_day, 2) // 2

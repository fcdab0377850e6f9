"""The master's decision variables and its hard constraints: each team's or person's
office days, newcomers with their buddies, team capacities and building desks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scheduler.domain import Weekday

from ..domain import OrgRequest
from ..presence import TeamDays

Var = cp_model.IntVar
Sum = cp_model.LinearExpr.sum  # linear in the terms, where Python's sum() of expressions is not


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
    least, most = day_range(org, td, person)
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
    model.add(Sum(chosen) >= min(least, len(chosen)))
    model.add(Sum(chosen) <= most)


def day_range(org: OrgRequest, td: TeamDays, person: str) -> tuple[int, int]:
    """A person's least and most office days: their calendar's (`bounds`) under the smallest
    maximum of their teams, and never fewer than the days they are in anyway."""
    least, most = td.bounds[person]
    most = min([most] + [org.team(t).request.rules.office_days.max for t in org.teams_of[person]])
    return least, max(most, sum(1 for s in td.states[person].values() if s is True))


def newcomers_with_buddies(
    model: cp_model.CpModel, v: Presence, org: OrgRequest, td: TeamDays
) -> dict[str, str | None]:
    """Hard constraint: in a split team, a newcomer comes on `onboarding.office_days` (at most
    the team's maximum) and a buddy from the team comes on each of their days."""
    from ..onboarding import newcomers

    if org.onboarding is None:
        return {}
    team = org.team(td.team)
    new = newcomers(org, team)
    taken: set[str] = set()
    found: dict[str, str | None] = {}
    for person in new:
        mine = [v.at[person, d] for d in td.workdays if (person, d) in v.at]
        least, most = day_range(org, td, person)
        want = max(min(least, len(mine)), min(org.onboarding.office_days, most, len(mine)))
        model.add(Sum(mine) >= want)
        buddy = next(
            (
                m
                for m in td.states
                if m not in new
                and m not in taken
                and len(org.teams_of[m]) == 1
                and can_buddy(td.states[person], td.states[m], want, day_range(org, td, m)[1])
            ),
            None,
        )
        found[person] = buddy
        if buddy is not None:
            taken.add(buddy)
            for d in td.workdays:
                if (person, d) in v.at:
                    model.add(v.at.get((buddy, d), 0) >= v.at[person, d])
    return found


def can_buddy(
    newcomer: Mapping[Weekday, bool | None], buddy: Mapping[Weekday, bool | None], want: int, most: int
) -> bool:
    """Can `buddy` come on every office day of a newcomer who needs `want` of them, within
    the buddy's own `most`? The newcomer's fixed days must be days the buddy can come; the
    rest are chosen among the days both can come, the buddy's own fixed days first (they
    cost the buddy nothing more). A buddy who cannot would make the whole building's plan
    impossible, where another teammate (or none) leaves it possible."""
    both = {d for d, s in newcomer.items() if s is not False and buddy.get(d) is not False}
    forced = {d for d, s in newcomer.items() if s is True}
    own = {d for d, s in buddy.items() if s is True}
    if not forced <= both or len(both) < want:
        return False
    free_for_buddy = forced | (own & both)
    return len(own | forced) + max(0, want - len(free_for_buddy)) <= most


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
        buddy_days = {td.team: buddies_on(org, td) for td in mine if td.team not in split}
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


def buddies_on(org: OrgRequest, td: TeamDays) -> list[Weekday]:
    """The days a whole-day team's newcomers come by their own `always` days, whatever the
    team's days: their buddy comes with them then (onboarding.buddies, restrict.py), so each
    such day keeps a desk for one more person (one too many when nobody can be the buddy)."""
    from ..onboarding import newcomers, own_days

    team = org.team(td.team)
    days: list[Weekday] = []
    for person in newcomers(org, team):
        if len(org.teams_of[person]) == 1:
            days += own_days(team, td, person)
    return days

"""The whole organisation in one CP-SAT model, for small organisations only: every team's
members and meetings in one request whose office capacity is the building's desks. The
decomposition is measured against it."""

from __future__ import annotations

from math import comb

from connectors.sources import read_team_calendars
from constraints import RULES
from organisation.domain import OrgRequest
from scheduler.domain import Plan, Rules, TeamRequest
from scheduler.solve import SolveSettings, plan_week


def solve_whole(org: OrgRequest, time_limit: float = 20.0) -> Plan:
    assert len(org.buildings) == 1, "one building: its desks are the whole request's capacity"
    first = org.teams[0].request
    members, meetings, facts = {}, [], {}
    for team in org.teams:
        for member in team.request.members:
            members.setdefault(member.id, member)
        meetings += [
            m.__class__(**{**m.__dict__, "id": f"{team.name}-{m.id}"}) for m in team.request.meetings
        ]
        facts.update(read_team_calendars(team.request))
    rules = Rules(**{**first.rules.__dict__, "office_capacity": org.buildings[0].desks})
    whole = TeamRequest(
        team=org.organisation,
        timezone=first.timezone,
        week=first.week,
        members=tuple(members.values()),
        meetings=tuple(meetings),
        rules=rules,
    )
    return plan_week(whole, facts, RULES, SolveSettings(time_limit=time_limit, workers=2))


def team_pair_days(org: OrgRequest, office_days: dict[str, tuple]) -> int:
    """Pairs of the same team at the office on the same day, summed over teams and days."""
    total = 0
    for team in org.teams:
        days: dict[object, int] = {}
        for member in team.request.members:
            for day in office_days.get(member.id, ()):
                days[day] = days.get(day, 0) + 1
        total += sum(comb(n, 2) for n in days.values())
    return total

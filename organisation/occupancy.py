"""What the team plans say about the organisation: who is at which building on which day,
and which days a team is at the office. Shared by the summary and by `rhythm org check`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from scheduler.domain import WEEKDAYS

from .domain import OrgRequest

PlanJson = Mapping[str, Any]


def people_at(org: OrgRequest, plans: Mapping[str, PlanJson]) -> dict[tuple[str, date], set[str]]:
    """(building, day) -> the people there: each person at their home building, on the office
    days any of their team plans gives them."""
    present: dict[tuple[str, date], set[str]] = defaultdict(set)
    for team, plan in plans.items():
        for person, days in plan.get("office_days", {}).items():
            if org.teams_of.get(person) and org.building_of(person) == org.team(team).building:
                for day in days:
                    present[org.building_of(person), date.fromisoformat(day)].add(person)
    return present


def team_office_days(plan: PlanJson) -> set[date]:
    """The days at least one of the team is at the office."""
    return {date.fromisoformat(d) for days in plan.get("office_days", {}).values() for d in days}


def week_days(org: OrgRequest) -> list[date]:
    """The dates of the week any team works."""
    used = {d for team in org.teams for d in team.request.rules.workdays}
    return [org.week + timedelta(days=i) for i in range(7) if WEEKDAYS[i] in used]

"""The organisation's week in named steps: read every calendar once, choose each team's office
days (the master), solve each team within them in parallel, and (to price the coordination)
solve each team alone too."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from connectors.sources import read_team_calendars
from scheduler.domain import CalendarFacts

from .domain import OrgRequest
from .master import MasterPlan, choose_office_days
from .presence import TeamDays, team_days
from .restrict import restricted_document
from .teams import TEAM_TIME_LIMIT, Runner, TeamJob, TeamResult


@dataclass
class OrgOutcome:
    org: OrgRequest
    master: MasterPlan
    teams: Mapping[str, TeamDays]  # what each team's calendars and `office` say of each day
    documents: dict[str, dict[str, Any]]  # team -> the v1 request as the organisation planned it
    plans: dict[str, TeamResult]
    seconds: dict[str, float]  # wall clock per step
    alone: dict[str, TeamResult] = field(default_factory=dict)  # each team's own best week
    facts: Mapping[str, Mapping[str, CalendarFacts]] = field(default_factory=dict)


def plan_org(
    org: OrgRequest,
    runner: Runner,
    *,
    master_time_limit: float = 10.0,
    team_time_limit: float = TEAM_TIME_LIMIT,
    alone: bool = True,
) -> OrgOutcome:
    seconds: dict[str, float] = {}
    began = time.perf_counter()
    facts = {t.name: read_team_calendars(t.request) for t in org.teams}
    teams = {t.name: team_days(org, t, facts[t.name]) for t in org.teams}
    seconds["calendars"] = time.perf_counter() - began
    master = choose_office_days(org, teams, time_limit=master_time_limit)
    seconds["master"] = master.seconds
    documents = {
        t.name: restricted_document(org, t, teams[t.name], master.days, master.people, master.buddies)
        for t in org.teams
    }
    jobs = [TeamJob(t.name, documents[t.name], _base(t.request.base_dir), team_time_limit) for t in org.teams]
    if alone:
        jobs += [
            TeamJob("\0" + t.name, t.document, _base(t.request.base_dir), team_time_limit, reproducible=False)
            for t in org.teams
        ]
    began = time.perf_counter()
    results = runner(jobs)
    seconds["teams"] = time.perf_counter() - began
    plans = {r.team: r for r in results if not r.team.startswith("\0")}
    solo = {r.team[1:]: r for r in results if r.team.startswith("\0")}
    return OrgOutcome(
        org, master, teams, documents, plans, {k: round(v, 3) for k, v in seconds.items()}, solo, facts
    )


def _base(base_dir: object) -> str | None:
    return None if base_dir is None else str(base_dir)

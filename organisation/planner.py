"""The organisation's week in named steps: read every calendar once, choose each team's office
days (the master, building by building), solve each team within them in parallel as soon as
its building's days are chosen, and (to price the coordination) solve each team alone too."""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from connectors.sources import read_team_calendars
from scheduler.domain import CalendarFacts

from .domain import OrgRequest
from .master import MasterPlan, merged, office_days_by_building
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
    """The master and the team solves overlap: each building's teams go to the runner as soon
    as that building's master is solved, and are solved while the next building's master
    runs (the solves alone, which need no master, go first). The outcome is the same in
    whatever order the buildings or the teams finish: every part is keyed by team and put
    back in the organisation's order."""
    seconds: dict[str, float] = {}
    began = time.perf_counter()
    facts = {t.name: read_team_calendars(t.request) for t in org.teams}
    teams = {t.name: team_days(org, t, facts[t.name]) for t in org.teams}
    seconds["calendars"] = time.perf_counter() - began
    parts: list[MasterPlan] = []
    documents: dict[str, dict[str, Any]] = {}
    buildings = office_days_by_building(org, teams, time_limit=master_time_limit)  # refuses here

    def jobs() -> Iterator[TeamJob]:
        if alone:
            for t in org.teams:
                base = _base(t.request.base_dir)
                yield TeamJob("\0" + t.name, t.document, base, team_time_limit, reproducible=False)
        for part in buildings:
            parts.append(part)
            sofar = merged(parts)  # a team's document needs only its own building's days
            mine = [t for t in org.teams if t.name in part.days]
            # Largest first, so a long solve does not finish last on an idle pool.
            for t in sorted(mine, key=lambda t: -len(t.request.members)):
                documents[t.name] = restricted_document(
                    org, t, teams[t.name], sofar.days, sofar.people, sofar.buddies
                )
                yield TeamJob(t.name, documents[t.name], _base(t.request.base_dir), team_time_limit)

    began = time.perf_counter()
    results = runner(_Counted(len(org.teams) * (2 if alone else 1), jobs()))
    seconds["master and teams"] = time.perf_counter() - began
    master = merged(parts)
    seconds["master"] = master.seconds
    plans = {r.team: r for r in results if not r.team.startswith("\0")}
    solo = {r.team[1:]: r for r in results if r.team.startswith("\0")}
    return OrgOutcome(
        org,
        master,
        teams,
        {t.name: documents[t.name] for t in org.teams},
        {t.name: plans[t.name] for t in org.teams},
        {k: round(v, 3) for k, v in seconds.items()},
        {t.name: solo[t.name] for t in org.teams if t.name in solo},
        facts,
    )


@dataclass(frozen=True)
class _Counted:
    """Jobs still to be made, with their number (a progress bar's total)."""

    count: int
    jobs: Iterator[TeamJob]

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[TeamJob]:
        return self.jobs


def _base(base_dir: object) -> str | None:
    return None if base_dir is None else str(base_dir)

"""The organisation's pipeline: each building's teams are solved while the next building's
master runs, and the plan is the same whatever order the buildings and teams finish in."""

from __future__ import annotations

import copy
import logging

import pytest

from bench.generate_org import generate_org, write_org
from organisation.planner import plan_org
from organisation.request import read_org
from organisation.teams import Jobs, TeamResult, in_process_pool, solve_team


def _org(tmp_path):
    return read_org(str(write_org(tmp_path, *generate_org(60, 2, 1, coffee=False))))


def _backwards(jobs: Jobs) -> list[TeamResult]:
    """A runner whose teams finish in the opposite order from the one they were sent in."""
    sent = list(jobs)
    done = {job.team: solve_team(job) for job in reversed(sent)}
    return [done[job.team] for job in sent]


def test_the_plan_is_the_same_whatever_order_the_teams_finish_in(tmp_path):
    org = _org(tmp_path)
    asked = copy.deepcopy([t.document for t in org.teams])
    # Limits far above what these prove in, so a busy machine cannot cut a solve short.
    first = plan_org(org, in_process_pool(1), master_time_limit=60, team_time_limit=20)
    assert [t.document for t in org.teams] == asked  # each team's own request is left as it was
    second = plan_org(org, _backwards, master_time_limit=60, team_time_limit=20)
    assert first.master.days == second.master.days
    assert list(first.plans) == list(second.plans) == [t.name for t in org.teams]
    assert list(first.documents) == [t.name for t in org.teams]
    assert first.documents == second.documents
    assert _plans(first.plans) == _plans(second.plans)
    # The solves alone are only compared with (not reproducible, `TeamJob`): each team has one.
    assert list(first.alone) == list(second.alone) == [t.name for t in org.teams]


def _plans(results: dict[str, TeamResult]) -> dict[str, object]:
    """The plans, without the seconds each solve took."""
    return {
        t: {**r.plan, "metrics": {k: v for k, v in r.plan["metrics"].items() if k != "solve_seconds"}}
        for t, r in results.items()
        if r.plan is not None
    }


def test_a_building_s_teams_are_solved_before_the_next_building_s_master(tmp_path, caplog):
    org = _org(tmp_path)
    events: list[str] = []

    class Heard(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            events.append("master")

    def runner(jobs: Jobs) -> list[TeamResult]:
        results = []
        for job in jobs:
            events.append(f"team {job.team}")
            results.append(solve_team(job))
        return results

    handler = Heard(logging.INFO)
    solver_log = logging.getLogger("rhythm.solver")
    level = solver_log.level
    solver_log.addHandler(handler)
    solver_log.setLevel(logging.INFO)
    try:
        outcome = plan_org(org, runner, master_time_limit=5, team_time_limit=1, alone=False)
    finally:
        solver_log.removeHandler(handler)
        solver_log.setLevel(level)
    assert all(r.plan is not None for r in outcome.plans.values())
    first_team = events.index(next(e for e in events if e.startswith("team")))
    # The smallest building's teams came between the first building's master and the second's.
    assert "master" in events[:first_team]
    assert "master" in events[first_team:]
    smallest = min(org.buildings, key=lambda b: sum(len(t.request.members) for t in org.teams_in(b.id)))
    assert events[first_team].removeprefix("team ") in {t.name for t in org.teams_in(smallest.id)}


def test_a_refused_organisation_sends_no_team_to_solve(tmp_path):
    from organisation.master import MasterInfeasible

    org = read_org(str(write_org(tmp_path, *generate_org(60, 2, 1, coffee=False))))
    tiny = org.__class__(**{**org.__dict__, "buildings": tuple(
        b.__class__(**{**b.__dict__, "desks": 1}) for b in org.buildings
    )})
    sent: list[str] = []

    def runner(jobs: Jobs) -> list[TeamResult]:
        return [solve_team(job) for job in jobs if not sent.append(job.team)]

    with pytest.raises(MasterInfeasible):
        plan_org(tiny, runner, master_time_limit=5, alone=True)
    assert sent == []

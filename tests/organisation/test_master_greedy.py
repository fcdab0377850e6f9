"""When CP-SAT finds no choice of office days in its time (a busy machine, or a building of
tens of thousands of people still in its presolve), the master plans the building greedily
and keeps every rule, where the run used to fail with "no choice of office days found"."""

from __future__ import annotations

import pytest

from bench.generate_org import generate_org, write_org
from organisation.check import check_org
from organisation.master import MasterTimeout, solve
from organisation.planner import plan_org
from organisation.request import read_org
from organisation.summary import summarise
from organisation.teams import in_process_pool


def _no_plan_in_time(*args: object) -> None:
    raise MasterTimeout("no choice of office days found within 1 s")


@pytest.mark.parametrize(("people", "buildings", "seed"), [(150, 2, 1), (300, 2, 2)])
def test_without_a_plan_from_the_solver_the_greedy_plan_keeps_every_rule(
    tmp_path, monkeypatch, people, buildings, seed
):
    org = read_org(str(write_org(tmp_path, *generate_org(people, buildings, seed, coffee=False))))
    monkeypatch.setattr(solve, "_solve", _no_plan_in_time)  # the solver's time runs out, every try
    outcome = plan_org(org, in_process_pool(1), master_time_limit=1, team_time_limit=1, alone=False)
    assert outcome.master.status == "feasible"
    assert [r.error for r in outcome.plans.values() if r.error] == []
    plans = {t: r.plan for t, r in outcome.plans.items() if r.plan is not None}
    assert check_org(org, plans, summarise(outcome), None, outcome.facts, set()) == []
    for team in org.teams:  # each of the team's people gets their least office days
        rules = team.request.rules
        for member, days in plans[team.name]["office_days"].items():
            if org.home_team[member] == team.name:
                assert len(days) <= rules.office_days.max, (team.name, member)

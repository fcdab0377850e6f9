"""The decomposition (master problem, then each team alone within its days) against the whole
organisation in one model, on organisations small enough to solve whole."""

from __future__ import annotations

from datetime import date

import pytest

from bench.generate_org import generate_org, write_org
from organisation.check import building_capacity
from organisation.planner import plan_org
from organisation.request import read_org
from organisation.teams import in_process_pool

from .whole import solve_whole, team_pair_days


@pytest.mark.parametrize("seed", [1, 2])
def test_decomposition_is_valid_and_close_to_the_whole_solve(tmp_path, seed):
    org = read_org(str(write_org(tmp_path, *generate_org(40, 1, seed, coffee=False))))
    outcome = plan_org(org, in_process_pool(1), master_time_limit=5, alone=False)
    plans = {t: r.plan for t, r in outcome.plans.items()}
    assert all(p is not None for p in plans.values()), [r.error for r in outcome.plans.values()]
    assert building_capacity(org, plans) == []
    whole = solve_whole(org)
    placed = sum(p["metrics"]["meetings_placed"] for p in plans.values())
    ours = team_pair_days(
        org,
        {
            m: tuple(date.fromisoformat(d) for d in days)
            for p in plans.values()
            for m, days in p["office_days"].items()
        },
    )
    theirs = team_pair_days(org, dict(whole.office_days))
    print(f"seed {seed}: meetings {placed} vs whole {len(whole.meetings)}; team pair-days {ours} vs {theirs}")
    # Measured: 30-34 of 36 and 38-39 of 43 meetings (bench/RESULTS.md, issue 23). The whole
    # model is a relaxation: it knows no team's office_capacity (two of seed 1's four teams
    # have one below their size, so their members come on different days and fewer
    # all-hands office meetings fit), and the master's time is short on a busy machine.
    assert placed >= 0.8 * len(whole.meetings)
    assert ours >= 0.6 * theirs

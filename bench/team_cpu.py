"""The CPU of the organisation's team solves, one after the other in this process, and their
plans, to compare a change with the commit before it (issue 23: the team step's own CPU).

    python -m bench.team_cpu OUT/teams --first 200 --plans after.json
    python -m bench.team_cpu OUT/teams --first 200 --against before.json

OUT/teams holds the restricted team requests an `rhythm org plan ... --out OUT` wrote. Each
is solved by `organisation.teams.solve_team` as the run solves it (`--mode prod`, the 2 s wall
limit, so a loaded machine cuts some searches short), or deterministically (`--mode det`: one
worker stopped on 1.8 of CP-SAT's deterministic time, with a 60 s wall limit no load reaches),
whose plans depend on nothing but the code. Prints the process time of all of them and the
part inside `CpSolver.solve`: the rest is Python, which a change to the model build, the
plan's assembly or the validator moves. `--plans` also keeps each plan's tier values (the
objective rule by rule, summed per tier), so `--against` tells a plan that differs among
equally good ones from one that is worse or better.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from ortools.sat.python import cp_model

from organisation import teams
from organisation.teams import TeamJob, solve_team
from scheduler.model import build
from scheduler.solve import SolveSettings, TimePolicy, planner


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.team_cpu", description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="OUT/teams of an org run")
    parser.add_argument("--first", type=int, default=0, help="only the first N teams by name (0: all)")
    parser.add_argument("--mode", choices=("prod", "det"), default="prod")
    parser.add_argument("--plans", type=Path, help="write the plans here")
    parser.add_argument("--against", type=Path,
                        help="plans written before: name every team whose plan differs")
    args = parser.parse_args(argv)
    paths = sorted(args.folder.glob("*.request.json"))[: args.first or None]
    if args.mode == "det":  # the settings solve_team makes, made deterministic
        made = SolveSettings
        teams.SolveSettings = lambda **given: made(  # type: ignore[assignment, misc]
            **{**given, "deterministic": True, "time_limit": 60.0,
               "policy": TimePolicy(deterministic_per_second=0.03)})
    jobs = [TeamJob(p.name, json.loads(p.read_text()), str(args.folder.parent.parent)) for p in paths]
    tiers, solving = _tier_values()
    inside = _time_cp_sat()
    began = time.process_time()
    results = []
    for job in jobs:
        solving[0] = job.team
        results.append(solve_team(job))
    spent = time.process_time() - began
    print(f"{len(jobs)} teams ({args.mode}): {spent:.2f} CPU s, {spent / max(len(jobs), 1) * 1000:.1f} ms "
          f"a team; CpSolver.solve {inside[0]:.2f} s, the rest {spent - inside[0]:.2f} s; "
          f"errors {sum(1 for r in results if r.error)}")
    plans = {r.team: r.plan or r.error for r in results}
    if args.plans:
        args.plans.write_text(json.dumps({"plans": plans, "tiers": tiers}, sort_keys=True))
    if args.against:
        before = json.loads(args.against.read_text())
        _compare(before.get("plans", before), plans)
        if before.get("tiers") and tiers:
            same = [t for t in tiers if before["tiers"].get(t) == tiers[t]]
            print(f"the same tier values: {len(same)} of {len(tiers)} teams")
            for team in sorted(set(tiers) - set(same)):
                print(f"  {team}: {before['tiers'].get(team)} -> {tiers[team]}")


def _tier_values() -> tuple[dict[str, dict[str, int]], list[str]]:
    """Each plan's objective summed per tier, by the team named in the one-item list (the
    team being solved; a refused team has none)."""
    found: dict[str, dict[str, int]] = {}
    solving = [""]
    scores = build.rule_scores

    def kept(*args: Any) -> list[build.RuleScore]:
        returned = scores(*args)
        tiers: dict[str, int] = {}
        for score in returned:
            tiers[score.tier] = tiers.get(score.tier, 0) + score.value
        found[solving[0]] = tiers
        return returned

    planner.rule_scores = kept  # type: ignore[assignment]
    return found, solving


def _time_cp_sat() -> list[float]:
    """Process seconds spent inside CpSolver.solve from now on, in a one-item list."""
    inside, solve = [0.0], cp_model.CpSolver.solve

    def timed(self: cp_model.CpSolver, *args: Any, **kwargs: Any) -> Any:
        began = time.process_time()
        try:
            return solve(self, *args, **kwargs)
        finally:
            inside[0] += time.process_time() - began

    cp_model.CpSolver.solve = timed  # type: ignore[method-assign]
    return inside


def _compare(before: dict[str, Any], after: dict[str, Any]) -> None:
    def bare(plan: Any) -> Any:  # the plan without its wall-clock seconds
        if not isinstance(plan, dict):
            return plan
        return {**plan, "metrics": {k: v for k, v in plan["metrics"].items() if k != "solve_seconds"}}

    differ = [team for team in after if bare(before.get(team)) != bare(after[team])]
    print(f"the same plan: {len(after) - len(differ)} of {len(after)} teams")
    for team in differ[:20]:
        old, new = bare(before.get(team)), bare(after[team])
        if isinstance(old, dict) and isinstance(new, dict):
            metrics = {k: (v, new["metrics"].get(k)) for k, v in old["metrics"].items()
                       if new["metrics"].get(k) != v}
            print(f"  {team}: {old['status']} -> {new['status']}, metrics that differ: {metrics}")
        else:
            print(f"  {team}: {str(old)[:80]} -> {str(new)[:80]}")


if __name__ == "__main__":
    main()

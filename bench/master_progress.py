"""When does each building's master find its best plan? Each stage's improving solutions, timed.

    python -m bench.master_progress /tmp/g10k/org.json 20 2     # limit (s), CP-SAT workers

The master alone (no team solves), building by building as the planner solves it. Every
CP-SAT solve of a stage reports each solution it finds (a solution callback): printed per
building and stage are the objective reached, CP-SAT's wall time of the last improvement and
the solve's wall time, then every improvement as `seconds:objective`. A stage whose last
improvement comes early in its time spent the rest proving nothing: the limit
(`--master-time-limit`) or the workers could be smaller.
"""

from __future__ import annotations

import sys
import time

from ortools.sat.python import cp_model

from cli.documents import read_org_request
from connectors.sources import read_team_calendars
from organisation.master import office_days_by_building
from organisation.presence import team_days
from scheduler.solve import search
from scheduler.solve.settings import Configure, solver_for


class _Improvements(cp_model.CpSolverSolutionCallback):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[float, float]] = []  # (wall s, objective)

    def on_solution_callback(self) -> None:
        self.found.append((self.wall_time, self.objective_value))


def _timed(model: cp_model.CpModel, configure: Configure, seconds: float,
           deterministic: float | None = None) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]:
    solver = solver_for(configure, seconds, deterministic)
    seen = _Improvements()
    status = solver.solve(model, seen)
    last = seen.found[-1] if seen.found else (float("nan"), float("nan"))
    print(f"  solve: {solver.status_name(status)} workers {solver.parameters.num_workers} "
          f"objective {solver.objective_value:.0f} bound {solver.best_objective_bound:.0f} "
          f"solutions {len(seen.found)} last improvement at {last[0]:.2f}s of {solver.wall_time:.2f}s "
          f"(given {seconds:.2f}s)", flush=True)
    print("    " + " ".join(f"{t:.2f}:{o:.0f}" for t, o in seen.found), flush=True)
    return solver, status


def main(path: str, limit: float, workers: int) -> None:
    org = read_org_request(path)
    teams = {t.name: team_days(org, t, read_team_calendars(t.request)) for t in org.teams}
    search._solve = _timed  # this benchmark's probe only
    began = time.perf_counter()
    for plan in office_days_by_building(org, teams, time_limit=limit, workers=workers):
        people = sum(teams[t].size for t in plan.days)
        print(f"building of {people} people: {plan.status} in {plan.seconds:.2f}s, coffee {plan.coffee}, "
              f"per person {len(plan.split)}; {time.perf_counter() - began:.2f}s so far", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), int(sys.argv[3]))

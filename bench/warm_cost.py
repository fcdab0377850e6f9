"""What the warm start costs or saves the first stage, in deterministic time.

    python -m bench.warm_cost --members 200 --occurrences 400 --busy 0.5 --seed 3 --warm 0.3,5

Builds a generated team's model as `plan_week` does and completes its first plan, then proves
the first stage on one worker (as `plan_week` does) once without the warm start and once after
it for each `--warm` budget (deterministic units for the warm start, `scheduler/solve/
warm_start.py`; a small one leaves its first step unproven, as a short time limit or a busy
machine does). Prints each run's deterministic time and objective: figures the machine's load
does not move, so a warm start policy can be judged on a shared machine (bench/RESULTS.md,
issue 26.1, "warm start policy").
"""

from __future__ import annotations

import argparse
import logging

from constraints import RULES
from scheduler.model.build import build_model
from scheduler.model.rule import grid_of
from scheduler.model.week import Week
from scheduler.request import parse_request
from scheduler.solve import SolveSettings
from scheduler.solve.first_plan import first_plan
from scheduler.solve.lexicographic import week_stages
from scheduler.solve.search import search
from scheduler.solve.settings import Search
from scheduler.solve.warm_start import warm_first_stage

from .generate import generate_request


def first_stage(args: argparse.Namespace, warm: float | None) -> str:
    """The first stage proved on one worker, after a warm start of `warm` units (None: none)."""
    request = parse_request(generate_request(args.members, args.occurrences, args.busy, args.seed))
    built = build_model(Week(request, {}, grid=grid_of(request, RULES)), RULES)
    settings = SolveSettings(time_limit=args.limit, workers=1)
    how = Search.of(settings, len(built.variables.start), request.weeks)  # as plan_week searches
    first = first_plan(built, how, args.limit)
    spent = ""
    if warm is not None:
        warmed = warm_first_stage(built, first, how, args.limit, warm)
        spent = f"warm start {warmed.deterministic_time:.2f} + " if warmed else "no warm start + "
    built.model.maximize(week_stages(built.terms)[0].objective)
    searched = search(built.model, how, args.limit)
    return (f"{spent}stage 1 {searched.solver.status_name(searched.status)} "
            f"{searched.deterministic_time:.2f}, objective {searched.solver.objective_value:.0f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.warm_cost", description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, required=True)
    parser.add_argument("--occurrences", type=int, required=True)
    parser.add_argument("--busy", type=float, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warm", default="0.3,5", help="the warm start's deterministic budgets")
    parser.add_argument("--limit", type=float, default=300, help="seconds for each solve")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="  %(message)s")
    logging.getLogger("rhythm.solver").setLevel(logging.INFO)
    team = f"{args.members} members seed {args.seed}"
    print(f"{team}, without: {first_stage(args, None)}", flush=True)
    for warm in (float(w) for w in args.warm.split(",")):
        print(f"{team}, warm {warm:g}: {first_stage(args, warm)}", flush=True)


if __name__ == "__main__":
    main()

"""Look inside the CP-SAT model of a generated team: its size, and how solver settings fare.

    python -m bench.model_size --members 12 --occurrences 30 --busy 0.35 --seed 1
    python -m bench.model_size --members 12 --occurrences 30 --workers 2,8 --time-limit 30

Builds the model exactly as `plan_week` does (`scheduler.model.build_model`) and solves it
with CP-SAT parameters set here, so settings can be compared without touching the solver.
`--param name=value` sets any `SatParameters` field (e.g. `--param symmetry_level=0`).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from ortools.sat.python import cp_model

from constraints import RULES
from scheduler.model import BuiltModel, build_model
from scheduler.objective import tier_weights
from scheduler.request import parse_request
from scheduler.week import Week

from .generate import generate_request

KINDS = ("at_most_one", "exactly_one", "bool_or", "bool_and", "linear", "lin_max")


def describe(built: BuiltModel) -> list[str]:
    proto = built.model.proto
    kinds = Counter(_kind(c) for c in proto.constraints)
    v = built.variables
    weights = tier_weights(built.terms)
    lines = [
        f"variables: {len(proto.variables)} (meeting starts {len(v.start)}, office "
        f"{len(v.office)}, lunch {sum(map(len, v.lunch.values()))}, "
        f"focus {sum(map(len, v.focus.values()))})",
        f"constraints: {len(proto.constraints)} ({', '.join(f'{k} {n}' for k, n in kinds.most_common())})",
        f"objective terms: {len(proto.objective.vars)}, largest coefficient "
        f"{max((abs(c) for c in proto.objective.coeffs), default=0)}",
        "tier weights: " + ", ".join(f"{t.name} {w}" for t, w in sorted(weights.items())),
    ]
    return lines


def _kind(constraint: object) -> str:
    # ortools 9.15's proto wrapper has no WhichOneof: ask each kind in turn.
    return next((k for k in KINDS if getattr(constraint, f"has_{k}")()), "other")


def solve(built: BuiltModel, time_limit: float, workers: int, params: list[str], log: bool) -> str:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.log_search_progress = log
    for param in params:
        name, value = param.split("=", 1)
        field = solver.parameters.DESCRIPTOR.fields_by_name[name]
        kind = type(getattr(solver.parameters, name))
        setattr(solver.parameters, name, value.lower() == "true" if kind is bool else kind(value))
        del field
    began = time.perf_counter()
    status = solver.solve(built.model)
    return (f"workers {workers} {' '.join(params)}: {solver.status_name(status)} in "
            f"{time.perf_counter() - began:.2f} s, objective {solver.objective_value:.0f}, "
            f"bound {solver.best_objective_bound:.0f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.model_size", description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=12)
    parser.add_argument("--occurrences", type=int, default=30)
    parser.add_argument("--busy", type=float, default=0.35)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", default="", help="comma list of worker counts to try")
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--param", action="append", default=[], help="SatParameters name=value")
    parser.add_argument("--log", action="store_true", help="CP-SAT's search log")
    parser.add_argument("--without", default="", help="comma list of rules (constraints.RULES) to leave out")
    args = parser.parse_args(argv)
    request = parse_request(generate_request(args.members, args.occurrences, args.busy, args.seed))
    began = time.perf_counter()
    left_out = set(filter(None, args.without.split(",")))
    unknown = left_out - {rule.__name__ for rule in RULES}
    if unknown:
        parser.error(f"unknown rules: {', '.join(sorted(unknown))}")
    built = build_model(Week(request, {}), tuple(r for r in RULES if r.__name__ not in left_out))
    print(f"built in {time.perf_counter() - began:.2f} s")
    print("\n".join(describe(built)))
    for workers in filter(None, args.workers.split(",")):
        print(solve(built, args.time_limit, int(workers), args.param, args.log), flush=True)


if __name__ == "__main__":
    main()

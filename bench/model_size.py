"""Look inside the CP-SAT model of a generated team: its size, and how solver settings fare.

    python -m bench.model_size --members 12 --occurrences 30 --busy 0.35 --seed 1
    python -m bench.model_size --members 12 --occurrences 30 --workers 2,8 --time-limit 30
    python -m bench.model_size --members 12 --occurrences 30 --workers 8 --objective weighted

Builds the model as `plan_week` does (`scheduler.model.build_model`, rules from
`constraints.RULES`) and solves it either in stages as `plan_week` does
(`--objective staged`, `scheduler.solve.lexicographic`) or with the single weighted objective
(`--objective weighted`), with CP-SAT parameters set here, so that settings can be
compared without touching the solver. `--param name=value` sets any `SatParameters`
field (e.g. `--param symmetry_level=4`); `--without rule,...` leaves rules out.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import replace

from constraints import RULES, Rule
from scheduler.domain import TeamRequest
from scheduler.model.build import BuiltModel, build_model
from scheduler.model.objective import tier_weights, weighted_sum
from scheduler.model.rule import grid_of
from scheduler.model.week import Week
from scheduler.request import parse_request
from scheduler.solve import SolveSettings
from scheduler.solve.lexicographic import solve_lexicographic, week_stages
from scheduler.solve.settings import Search, solver_for

from .generate import generate_request

KINDS = ("at_most_one", "exactly_one", "bool_or", "bool_and", "linear", "lin_max")


def describe(built: BuiltModel) -> list[str]:
    proto = built.model.proto
    kinds = Counter(_kind(c) for c in proto.constraints)
    v = built.variables
    weights = tier_weights(built.terms)
    return [
        f"variables: {len(proto.variables)} (meeting starts {len(v.start)}, office "
        f"{len(v.office)}, lunch {sum(map(len, v.lunch.values()))}, "
        f"focus {sum(map(len, v.focus.values()))})",
        f"constraints: {len(proto.constraints)} "
        f"({', '.join(f'{k} {n}' for k, n in kinds.most_common())})",
        f"objective terms: {len(proto.objective.vars)}, largest weighted coefficient "
        f"{max((abs(c) for c in proto.objective.coeffs), default=0):.3g}",
        "tier weights: " + ", ".join(f"{t.name} {w:.3g}" for t, w in sorted(weights.items())),
    ]


def _kind(constraint: object) -> str:
    # ortools 9.15's proto wrapper has no WhichOneof: ask each kind in turn.
    return next((k for k in KINDS if getattr(constraint, f"has_{k}")()), "other")


def solve(
    built: BuiltModel, objective: str, time_limit: float, workers: int, params: list[str], log: bool
) -> str:
    # The text format knows every field's type, enums included.
    texts = (*(f"{name}: {value}" for name, value in (p.split("=", 1) for p in params)),
             *(("log_search_progress: true",) if log else ()))
    how = replace(Search.of(SolveSettings(time_limit, workers), len(built.variables.start)), params=texts)
    began = time.perf_counter()
    if objective == "staged":
        outcome = solve_lexicographic(built.model, week_stages(built.terms), time_limit=time_limit, how=how)
        solver, status = outcome.solver, outcome.status
    else:
        solver = solver_for(how.racing, time_limit)
        built.model.maximize(weighted_sum(built.terms))  # the single objective, for comparison
        status = solver.solve(built.model)
    seconds = time.perf_counter() - began
    tiers = ", ".join(f"{t.name} {solver.value(t.expr)}" for t in built.terms)
    return (f"{objective}, workers {workers} {' '.join(params)}: {solver.status_name(status)} "
            f"in {seconds:.2f} s (last stage's deterministic time "
            f"{solver.response_proto.deterministic_time:.2f}); {tiers}")


def rules_without(names: str) -> tuple[Rule, ...]:
    left_out = set(filter(None, names.split(",")))
    unknown = left_out - {rule.name for rule in RULES}
    if unknown:
        raise SystemExit(f"unknown rules: {', '.join(sorted(unknown))}")
    return tuple(r for r in RULES if r.name not in left_out)


def build(request: TeamRequest, rules: tuple[Rule, ...]) -> tuple[BuiltModel, float]:
    began = time.perf_counter()
    return build_model(Week(request, {}, grid=grid_of(request, rules)), rules), time.perf_counter() - began


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.model_size",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=12)
    parser.add_argument("--occurrences", type=int, default=30)
    parser.add_argument("--busy", type=float, default=0.35)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", default="", help="comma list of worker counts to try")
    parser.add_argument("--objective", choices=("staged", "weighted"), default="staged")
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--param", action="append", default=[], help="SatParameters name=value")
    parser.add_argument("--log", action="store_true", help="CP-SAT's search log")
    parser.add_argument("--without", default="", help="rules (constraints.RULES) to leave out")
    args = parser.parse_args(argv)
    request = parse_request(generate_request(args.members, args.occurrences, args.busy, args.seed))
    rules = rules_without(args.without)
    built, seconds = build(request, rules)
    print(f"built in {seconds:.2f} s")
    print("\n".join(describe(built)))
    workers = [int(w) for w in filter(None, args.workers.split(","))]
    for count in workers:  # a fresh model each time: the staged solve adds constraints to it
        print(solve(build(request, rules)[0], args.objective, args.time_limit, count, args.param, args.log),
              flush=True)


if __name__ == "__main__":
    main()

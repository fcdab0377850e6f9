"""An experiment, not the product: solve rhythm's model one objective tier at a time.

    python -m bench.lexicographic --members 12 --occurrences 30 --busy 0.35 --seed 1

`scheduler.objective` folds the tiers into one weighted sum whose top weight reaches 1e8
at 12 members and 1e14 at 200. This solves the same model (same rules, same terms) tier
by tier instead: maximise a tier, fix it at its value (`>=`), hint the solution, go on.
It shows whether the weights or the rules make the optimality proof slow.
"""

from __future__ import annotations

import argparse
import time

from ortools.sat.python import cp_model

from scheduler.model import BuiltModel, build_model
from scheduler.objective import Tier
from scheduler.request import parse_request
from scheduler.week import Week

from .generate import generate_request


def solve_by_tier(built: BuiltModel, time_limit: float, workers: int) -> list[str]:
    model, lines = built.model, []
    began = time.perf_counter()
    proven = True
    for tier in sorted({term.tier for term in built.terms}):
        expr = sum(term.expr for term in built.terms if term.tier == tier)
        model.maximize(expr)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = workers
        left = time_limit - (time.perf_counter() - began)
        solver.parameters.max_time_in_seconds = max(0.1, left)
        status = solver.solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            lines.append(f"{Tier(tier).name}: {solver.status_name(status)}, stopping")
            return lines
        proven &= status == cp_model.OPTIMAL
        value = round(solver.objective_value)
        lines.append(f"{Tier(tier).name}: {solver.status_name(status)} {value} "
                     f"in {solver.wall_time:.2f} s")
        model.add(expr >= value)
        model.clear_hints()
        for index in range(len(model.proto.variables)):
            var = model.get_int_var_from_proto_index(index)
            model.add_hint(var, solver.value(var))
    total = time.perf_counter() - began
    lines.append(f"all tiers {'OPTIMAL' if proven else 'FEASIBLE'} in {total:.2f} s")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.lexicographic",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=12)
    parser.add_argument("--occurrences", type=int, default=30)
    parser.add_argument("--busy", type=float, default=0.35)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--time-limit", type=float, default=30.0)
    args = parser.parse_args(argv)
    request = parse_request(generate_request(args.members, args.occurrences, args.busy, args.seed))
    built = build_model(Week(request, {}))
    print("\n".join(solve_by_tier(built, args.time_limit, args.workers)))


if __name__ == "__main__":
    main()

"""One stage of the staged solve, alone: export it, then solve it again and again.

    python -m bench.stage_models export --members 100 --occurrences 250 --busy 0.2 --seed 2 --out DIR
    python -m bench.stage_models solve DIR/stage2.pb.txt --seeds 0,1,2 [--param hint_conflict_limit:0]

`export` builds a generated team's model as `plan_week` does, completes the first plan, and
writes each stage's model as the pipeline hands it to CP-SAT (its objective, the earlier
stages' `_keep` constraints, the plan before it as the hint), proving each stage on one worker
(`--limit` seconds each) before writing the next. `solve` runs one model on one worker as
`plan_week` does (`Search.one_worker`), once per `random_seed`, with extra `SatParameters` in
text format, and prints its status and deterministic time: a figure the machine's load does
not move, which is how bench/RESULTS.md (issue 26.1) compares models and parameters on a
shared machine. A one-worker proof moves by half with the seed alone, so compare over seeds.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ortools.sat.python import cp_model

from constraints import RULES
from scheduler.model.build import build_model
from scheduler.model.rule import grid_of
from scheduler.model.week import Week
from scheduler.request import parse_request
from scheduler.solve import SolveSettings
from scheduler.solve.first_plan import first_plan
from scheduler.solve.lexicographic import week_stages
from scheduler.solve.search import search, start_from
from scheduler.solve.settings import Search, solver_for

from .generate import generate_request


def export(args: argparse.Namespace) -> None:
    request = parse_request(generate_request(args.members, args.occurrences, args.busy, args.seed))
    built = build_model(Week(request, {}, grid=grid_of(request, RULES)), RULES)
    how = Search(SolveSettings(time_limit=args.limit, workers=1), large_model=False)
    first_plan(built, how, args.limit)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model = built.model
    for index, stage in enumerate(week_stages(built.terms), start=1):
        model.maximize(stage.objective)
        model.export_to_file(str(out / f"stage{index}.pb.txt"))
        searched = search(model, how, args.limit)
        solver = searched.solver
        print(f"stage {index}: {solver.status_name(searched.status)}, deterministic "
              f"{searched.deterministic_time:.2f}, objective {solver.objective_value:.0f}")
        if searched.status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return
        for expr in stage.kept:
            model.add(expr >= int(solver.value(expr)))
        start_from(model, solver)


def solve(args: argparse.Namespace) -> None:
    model = cp_model.CpModel()
    model.proto.parse_text_format(Path(args.model).read_text())
    for seed in (int(s) for s in args.seeds.split(",")):
        how = Search(SolveSettings(workers=1, random_seed=seed), large_model=False, params=tuple(args.param))
        solver = solver_for(how.one_worker, args.limit)
        status = solver.solve(model)
        print(f"{Path(args.model).name} seed {seed} {' '.join(args.param)}: {solver.status_name(status)}, "
              f"deterministic {solver.response_proto.deterministic_time:.2f}, wall {solver.wall_time:.1f}s, "
              f"objective {solver.objective_value:.0f}, bound {solver.best_objective_bound:.0f}", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.stage_models", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    out = commands.add_parser("export", help="write each stage's model of a generated team")
    out.add_argument("--members", type=int, required=True)
    out.add_argument("--occurrences", type=int, required=True)
    out.add_argument("--busy", type=float, required=True)
    out.add_argument("--seed", type=int, default=1)
    out.add_argument("--out", required=True, help="a folder for stage1.pb.txt, stage2.pb.txt...")
    out.add_argument("--limit", type=float, default=300, help="seconds for each stage's proof")
    again = commands.add_parser("solve", help="solve one exported model on one worker")
    again.add_argument("model")
    again.add_argument("--seeds", default="0", help="CP-SAT random seeds, comma-separated")
    again.add_argument("--param", action="append", default=[], help="SatParameters in text format")
    again.add_argument("--limit", type=float, default=120, help="seconds per solve")
    args = parser.parse_args(argv)
    (export if args.command == "export" else solve)(args)


if __name__ == "__main__":
    main()

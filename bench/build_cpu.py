"""The process time of `plan_week`'s model build (the week, the candidates, every rule) on
`bench.trial`'s generated team, best of `--runs`, and the model's hash: two commits side by side.

    python -m bench.build_cpu --members 100 --occurrences 250 --busy 0.35 --seed 1 --runs 5
"""

from __future__ import annotations

import argparse
import hashlib
import time

from bench.generate import generate_request
from constraints import RULES
from scheduler.model.build import build_model
from scheduler.model.rule import grid_of
from scheduler.model.week import Week
from scheduler.request import parse_request


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.build_cpu", description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, required=True)
    parser.add_argument("--occurrences", type=int, required=True)
    parser.add_argument("--busy", type=float, default=0.35)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    request = parse_request(generate_request(args.members, args.occurrences, args.busy, args.seed))
    best, model = float("inf"), ""
    for _ in range(args.runs):
        began = time.process_time()
        built = build_model(Week(request, {}, grid=grid_of(request, RULES)), RULES)
        best = min(best, time.process_time() - began)
        model = hashlib.sha256(str(built.model.proto).encode()).hexdigest()[:12]
    print(f"{args.members} members, {args.occurrences} occurrences: build {best:.3f} CPU s "
          f"(best of {args.runs}), model {model}")


if __name__ == "__main__":
    main()

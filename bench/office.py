"""Issue 12: office-day quality and the cost of reproducible plans, per team size and seed.

    python -m bench.office [--sizes 16,40] [--seeds 1,2,3] [--capacity 0.6] [--time-limit 10]
                           [--modes reproducible,racing] [--write FILE]

Each run is a fresh `python -m bench.trial` process (its own peak memory, no warm start);
busy time follows the seed (`bench.run.busy_for`: 35%, 20%, 50%, ...). Prints a markdown
table: status, overlap efficiency (`metrics.office_efficiency`), full office days, the
validator's violations, wall and CPU seconds, build seconds, peak memory and the load.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from .run import OCCURRENCES, busy_for, wait_for_quiet

HEADER = ("| members | occurrences | seed | busy | mode | status | efficiency | pair days | full days "
          "| violations | wall s | CPU s | build s | solve s | assemble s | peak MiB | load |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")


def trial(members: int, seed: int, capacity: float | None, limit: float, mode: str) -> dict:
    occurrences = OCCURRENCES.get(members, 2 * members)
    command = [sys.executable, "-m", "bench.trial", "--members", str(members),
               "--occurrences", str(occurrences), "--busy", str(busy_for(seed)), "--seed", str(seed),
               "--time-limit", str(limit)]
    if capacity is not None:
        command += ["--capacity", str(capacity)]
    command += ["--mode", mode]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def row(r: dict, mode: str) -> str:
    solve = r["seconds"] - r["build_seconds"] - r["assemble_seconds"]
    return (f"| {r['members']} | {r['occurrences']} | {r['seed']} | {r['busy']:.0%} | {mode} "
            f"| {r['status']} | {r['office_efficiency']:.4f} | {r['pair_days']} | {r['full_office_days']} "
            f"| {r['violations']} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} "
            f"| {r['build_seconds']:.2f} | {solve:.1f} | {r['assemble_seconds']:.2f} "
            f"| {r['peak_rss_mib']:.0f} | {r['load']} |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.office", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="16,40")
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--capacity", type=lambda t: None if t == "generated" else float(t), default=0.6,
                        help="share of the team the office holds, or 'generated' (60-70%%)")
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--modes", default="reproducible,racing",
                        help="comma list of reproducible, racing, deterministic")
    parser.add_argument("--quiet-load", type=float, help="wait for a 1-minute load under this")
    parser.add_argument("--write", help="also append the rows, as JSON lines, to this file")
    args = parser.parse_args(argv)
    print(HEADER, flush=True)
    for members in map(int, args.sizes.split(",")):
        for seed in map(int, args.seeds.split(",")):
            for mode in args.modes.split(","):
                wait_for_quiet(args.quiet_load)
                result = trial(members, seed, args.capacity, args.time_limit, mode)
                print(row(result, mode), flush=True)
                if args.write:
                    with Path(args.write).open("a") as out:
                        out.write(json.dumps({**result, "mode": mode}) + "\n")


if __name__ == "__main__":
    main()

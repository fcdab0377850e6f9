"""The benchmark of issue 2: per team size, rhythm's plan next to the by-hand baseline.

    python -m bench.run [--sizes 6,12,50,100,200] [--repeats 3] [--time-limit 30] [--write FILE]

Each run is a fresh `python -m bench.trial` process, so that its peak memory is its own and
no run warms the next. Runs are sequential: the machine has two cores and CP-SAT's workers
would fight a parallel run for them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .report import Size, report
from .trial import TrialResult

# members -> meeting occurrences, from the range (6-200 members, 10-400 occurrences)
OCCURRENCES = {6: 10, 12: 30, 50: 120, 100: 250, 200: 400}
# Busy share of working hours by seed, so that repeats cover 20% to 50%.
BUSY_LEVELS = (0.35, 0.20, 0.50, 0.275, 0.425)


def busy_for(seed: int) -> float:
    return BUSY_LEVELS[(seed - 1) % len(BUSY_LEVELS)]


def parse_sizes(text: str) -> list[Size]:
    """`6,12,50` or `50:200` (members:occurrences); unknown sizes get 2 occurrences a member."""
    sizes = []
    for part in text.split(","):
        members, _, occurrences = part.partition(":")
        n = int(members)
        sizes.append((n, int(occurrences) if occurrences else OCCURRENCES.get(n, 2 * n)))
    return sizes


def wait_for_quiet(load: float | None, most_seconds: float = 180) -> None:
    """Wait until the 1-minute load average is under `load`: others' tests skew the times."""
    if load is None:
        return
    deadline = time.monotonic() + most_seconds
    while os.getloadavg()[0] >= load and time.monotonic() < deadline:
        time.sleep(5)


def run_one(
    members: int, occurrences: int, seed: int, time_limit: float, workers: int | None
) -> TrialResult:
    command = [sys.executable, "-m", "bench.trial", "--members", str(members),
               "--occurrences", str(occurrences), "--busy", str(busy_for(seed)),
               "--seed", str(seed), "--time-limit", str(time_limit)]
    if workers:
        command += ["--workers", str(workers)]
    # Model building and validation come on top of the solver's limit; allow them generously.
    done = subprocess.run(command, capture_output=True, text=True, timeout=4 * time_limit + 300,
                          check=False, cwd=Path(__file__).resolve().parent.parent)
    if done.returncode != 0:
        # Keep the other runs' figures: a crash is one row saying what went wrong.
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return TrialResult(members, occurrences, busy_for(seed), seed, time_limit, workers,
                           error=f"exit {done.returncode}: {last}")
    return TrialResult(**json.loads(done.stdout.strip().splitlines()[-1]))


def run_all(sizes: list[Size], args: argparse.Namespace) -> dict[Size, list[TrialResult]]:
    results: dict[Size, list[TrialResult]] = {}
    for size in sizes:
        results[size] = []
        for seed in range(1, args.repeats + 1):
            wait_for_quiet(args.wait_for_load)
            result = run_one(*size, seed, args.time_limit, args.workers)
            print(json.dumps(result.__dict__), file=sys.stderr, flush=True)  # progress, and a log
            results[size].append(result)
    return results


def read_log(path: Path) -> dict[Size, list[TrialResult]]:
    results: dict[Size, list[TrialResult]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("{"):
            result = TrialResult(**json.loads(line))
            results.setdefault((result.members, result.occurrences), []).append(result)
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="6,12,50,100,200", help="members[:occurrences],...")
    parser.add_argument("--repeats", type=int, default=3, help="runs per size, seeds 1..N")
    parser.add_argument("--time-limit", type=float, default=30.0, help="CP-SAT limit in seconds")
    parser.add_argument("--workers", type=int, default=None, help="CP-SAT workers (default: rhythm's)")
    parser.add_argument("--wait-for-load", type=float, default=None,
                        help="before each run, wait (up to 3 min) for the load average to drop under this")
    parser.add_argument("--write", type=Path, help="also write the Markdown report to this file")
    parser.add_argument("--from-log", type=Path,
                        help="no runs: report the JSON lines an earlier run printed on stderr")
    args = parser.parse_args(argv)
    results = read_log(args.from_log) if args.from_log else run_all(parse_sizes(args.sizes), args)
    command = "python -m bench.run " + " ".join(sys.argv[1:] if argv is None else argv)
    text = report(results, command)
    print(text)
    if args.write:
        args.write.write_text(text + "\n")


if __name__ == "__main__":
    main()

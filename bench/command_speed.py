"""How long people wait for a command: the same commands of two checkouts, side by side.

    python -m bench.command_speed --before /tmp/rhythm-before --runs 3 \\
        --plan PLAN --team50 TEAM50.json --plan50 PLAN50.json

Each command runs as a user runs it (the `rhythm` script beside this interpreter), once with
`PYTHONPATH=BEFORE` and once with `PYTHONPATH=AFTER` (default: this checkout), alternating
run by run so a change in the machine's load falls on both alike. One untimed run of each
warms the caches (bytecode, a font cache) first. Prints a Markdown table of the median wall
and CPU seconds (the command and every process it started) and the load average before and
after; each run's figures go to stderr.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RHYTHM = str(Path(sys.executable).parent / "rhythm")
EXAMPLE = str(ROOT / "examples" / "platform-week.json")


def commands(args: argparse.Namespace, out: str) -> dict[str, list[str]]:
    """The commands of issue 26, by the name the table shows."""
    found = {"rhythm --help": ["--help"],
             "rhythm check EXAMPLE PLAN": ["check", EXAMPLE, args.plan],
             "rhythm report PLAN --request EXAMPLE --baseline": [
                 "report", args.plan, "--request", EXAMPLE, "--baseline", "--out", f"{out}/week"]}
    if args.plan50 and args.team50:
        found["rhythm report PLAN50 --request TEAM50 (50 members, 6 weeks)"] = [
            "report", args.plan50, "--request", args.team50, "--out", f"{out}/fifty"]
        found["the same with --baseline"] = [
            "report", args.plan50, "--request", args.team50, "--baseline", "--out", f"{out}/fifty-b"]
    return found


def timed(argv: list[str], checkout: str) -> tuple[float, float]:
    """Wall and CPU seconds of one run; the command must succeed (exit 0, or 1 from `check`)."""
    env = {**os.environ, "PYTHONPATH": checkout}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([RHYTHM, *argv], env=env, cwd=checkout, capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} in {checkout} failed:\n{done.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="a checkout of the code before the change")
    parser.add_argument("--after", default=str(ROOT), help="a checkout of the code after (default: this one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plan", required=True, help="a plan of examples/platform-week.json")
    parser.add_argument("--team50", help="a 50-member six-week request (bench/README.md)")
    parser.add_argument("--plan50", help="a plan of it")
    args = parser.parse_args(argv)
    sides = {"before": args.before, "after": args.after}
    with tempfile.TemporaryDirectory() as out:
        rows = []
        for name, command in commands(args, out).items():
            for checkout in sides.values():
                timed(command, checkout)  # warm-up
            load = os.getloadavg()[0]
            figures: dict[str, list[tuple[float, float]]] = {side: [] for side in sides}
            for run in range(args.runs):
                for side, checkout in sides.items():
                    figures[side].append(timed(command, checkout))
                    wall, cpu = figures[side][-1]
                    print(f"{name} {side} run {run + 1}: {wall:.2f} s wall, {cpu:.2f} s CPU", file=sys.stderr)
            rows.append((name, *(_median(figures[s]) for s in sides), f"{load:.1f}-{os.getloadavg()[0]:.1f}"))
    print("| command | before: wall s (CPU s) | after: wall s (CPU s) | load |")
    print("|---|---:|---:|---|")
    for name, before, after, loads in rows:
        print(f"| `{name}` | {before} | {after} | {loads} |")


def _median(runs: list[tuple[float, float]]) -> str:
    return f"{statistics.median(w for w, _ in runs):.2f} ({statistics.median(c for _, c in runs):.2f})"


if __name__ == "__main__":
    main()

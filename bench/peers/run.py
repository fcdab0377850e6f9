"""Timefold's meeting-scheduling sets, solved by Timefold and by rhythm, scored by one scorer.

    python -m bench.peers.run [--sets 50,100,200,400,800] [--limits 10,30,60]
        [--solvers timefold,rhythm] [--mapping wall|compact] [--horizon rolling|weeks]
        [--write FILE] [--save DIR] [--details]

For each set and time limit: Timefold's Python solver in its own venv (`run_timefold`, one
process per run), then rhythm's `rhythm plan` (`run_rhythm`), one after the other so that
neither takes cores from the other. Both answers go through `scorer.score`; the table shows
the scores, the number of hard constraint matches and the meetings placed. Timefold's own
score is checked against the scorer on every run. See README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .mapping import MAPPINGS, DayMapping
from .report import Row, Side, agreement, breakdown, table
from .run_rhythm import ROOT, Horizon, solve_with_rhythm
from .scorer import score
from .timefold_format import TimefoldSet, read_set

DATA = ROOT.parent / "shared" / "peers" / "timefold-meetingscheduling"
TIMEFOLD_PYTHON = os.environ.get("TIMEFOLD_PYTHON", "/tmp/timefold-venv/bin/python")


def java_home() -> str | None:
    """JAVA_HOME as set, else the JDK of the `java` on the PATH (JPype needs to find libjvm)."""
    if os.environ.get("JAVA_HOME"):
        return os.environ["JAVA_HOME"]
    java = shutil.which("java")
    return str(Path(java).resolve().parents[1]) if java else None


def run_timefold(path: Path, tf: TimefoldSet, limit: float, python: str, save: Path | None) -> Side:
    env = dict(os.environ)
    if home := java_home():
        env["JAVA_HOME"] = home
    command = [python, "-m", "bench.peers.run_timefold", str(path), "--time-limit", f"{limit:g}"]
    began = time.perf_counter()
    try:
        # Reading the set, translating the model and the JVM's start come on top of the limit.
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env,
                              timeout=3 * limit + 900, check=False)
    except subprocess.TimeoutExpired:
        return Side(error="timed out")
    wall = time.perf_counter() - began
    if done.returncode != 0:
        return Side(error=(done.stderr.strip().splitlines() or ["no message"])[-1][:300])
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if save:
        (save / f"{path.stem}-{limit:g}s-timefold.json").write_text(json.dumps(result), encoding="utf-8")
    assignment = {int(m): (start, room) for m, (start, room) in result["assignment"].items()}
    return Side(score(tf, assignment), wall, own_score=result["score"])


def run_rhythm(path: Path, tf: TimefoldSet, limit: float, mapping: DayMapping, horizon: Horizon,
               workers: int | None, save: Path | None) -> Side:
    run = solve_with_rhythm(tf, limit, mapping, f"timefold-{path.stem}", horizon, workers)
    if save:
        (save / f"{path.stem}-{limit:g}s-rhythm.json").write_text(
            json.dumps({"assignment": run.assignment, "statuses": run.statuses, "error": run.error}),
            encoding="utf-8")
    note = (f"{run.calls} call(s), {', '.join(run.statuses) or 'no plan'}; planning "
            f"{run.solve_seconds:.1f} s of {limit:g}, processes {run.wall_seconds:.1f} s wall, "
            f"{run.cpu_seconds:.1f} s CPU")
    if run.error and not run.assignment:
        return Side(wall_seconds=run.wall_seconds, note=note, error=run.error)
    return Side(score(tf, run.assignment), run.wall_seconds, note=note, error=run.error)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.peers.run", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder of the Timefold set files")
    parser.add_argument("--sets", default="50,100,200,400,800", help="meeting counts of the sets to run")
    parser.add_argument("--limits", default="10,30,60", help="time limits in seconds")
    parser.add_argument("--solvers", default="timefold,rhythm", help="timefold, rhythm or both")
    parser.add_argument("--mapping", choices=sorted(MAPPINGS), default="wall", help="see mapping.py")
    parser.add_argument("--horizon", choices=("rolling", "weeks"), default="rolling",
                        help="more than a week: a request per week, or one of N weeks (run_rhythm.py)")
    parser.add_argument("--workers", type=int, help="rhythm's CP-SAT workers (default: rhythm's)")
    parser.add_argument("--timefold-python", default=TIMEFOLD_PYTHON, help="the venv's python")
    parser.add_argument("--write", type=Path, help="also write the Markdown report here")
    parser.add_argument("--save", type=Path, help="keep every run's assignment (JSON) in this folder")
    parser.add_argument("--details", action="store_true", help="add the per-constraint breakdown")
    args = parser.parse_args(argv)
    solvers = set(args.solvers.split(","))
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
    rows, load_before = [], os.getloadavg()[0]
    for count in args.sets.split(","):
        path = next(args.data.glob(f"{count}meetings-*.json"))
        tf = read_set(path)
        for limit in (float(x) for x in args.limits.split(",")):
            timefold = (run_timefold(path, tf, limit, args.timefold_python, args.save)
                        if "timefold" in solvers else Side())
            mapping = MAPPINGS[args.mapping]
            rhythm = (run_rhythm(path, tf, limit, mapping, args.horizon, args.workers, args.save)
                      if "rhythm" in solvers else Side())
            rows.append(Row(path.stem, len(tf.meetings), limit, timefold, rhythm))
            print(f"{path.stem} {limit:g}s: Timefold {timefold.score} ({timefold.error or 'ok'}), "
                  f"rhythm {rhythm.score} ({rhythm.error or rhythm.note})", file=sys.stderr, flush=True)
    command = "python -m bench.peers.run " + " ".join(sys.argv[1:] if argv is None else argv)
    load = f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    notes = "\n".join(f"- {r.set_name} {r.limit:g} s, rhythm: {r.rhythm.note or ''} {r.rhythm.error or ''}"
                      for r in rows if "rhythm" in solvers)
    text = "\n\n".join([f"`{command}` ({load})", table(rows), agreement(rows), notes,
                        *([breakdown(rows)] if args.details else [])])
    print(text)
    if args.write:
        args.write.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

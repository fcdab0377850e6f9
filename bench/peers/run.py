"""Timefold's meeting-scheduling sets, solved by Timefold and by rhythm, scored by one scorer.

    python -m bench.peers.run [--sets 50,100,200,400,800] [--limits 10,30,60]
        [--solvers java,rhythm] [--mapping wall|compact] [--horizon rolling|weeks]
        [--write FILE] [--save DIR] [--details]

For each set and time limit, one after the other so that none takes cores from another:
Timefold Solver in Java (`timefold_java`, one JVM per run; the yardstick), Timefold's Python
solver in its own venv (`run_timefold`, `--solvers timefold`), rhythm's `rhythm plan`
(`run_rhythm`). Every answer goes through `scorer.score`; the table shows the scores, the
number of hard constraint matches, the meetings placed and when each had a hard-feasible
answer. Timefold's own score is checked against the scorer on every run.

It fails loudly: a solver that gives no answer on a set (or whose own score the scorer
contradicts) makes it print why, naming the solver and the set, and exit non-zero, after
the table of what did run. See README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from .mapping import MAPPINGS, DayMapping
from .report import LABELS, Row, Side, agreement, breakdown, table
from .run_rhythm import ROOT, Horizon, solve_with_rhythm
from .scorer import score
from .timefold_format import TimefoldSet, read_set
from .timefold_java import JavaTimefold, JavaTimefoldError, jar_folder

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
    began, cpu = time.perf_counter(), _children_cpu()
    try:
        # Reading the set, translating the model and the JVM's start come on top of the limit.
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env,
                              timeout=3 * limit + 900, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return Side(error="timed out" if isinstance(error, subprocess.TimeoutExpired) else str(error))
    wall = time.perf_counter() - began
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit {done.returncode}, no message"]
        return Side(error=lines[-1][:300])
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if save:
        (save / f"{path.stem}-{limit:g}s-timefold.json").write_text(json.dumps(result), encoding="utf-8")
    assignment = {int(m): (start, room) for m, (start, room) in result["assignment"].items()}
    return Side(score(tf, assignment), wall, own_score=result["score"], cpu_seconds=_children_cpu() - cpu)


def run_java(path: Path, tf: TimefoldSet, limit: float, java: JavaTimefold, folder: Path,
             save: Path | None) -> Side:
    began, cpu = time.perf_counter(), _children_cpu()
    try:
        result = java.solve(tf, path.stem, limit, folder)
    except JavaTimefoldError as error:
        return Side(error=str(error))
    if save:
        (save / f"{path.stem}-{limit:g}s-java.json").write_text(json.dumps(result), encoding="utf-8")
    assignment = {int(m): (start, room) for m, (start, room) in result["assignment"].items()}
    return Side(score(tf, assignment), time.perf_counter() - began, own_score=result["score"],
                feasible_seconds=result["feasible_seconds"], cpu_seconds=_children_cpu() - cpu)


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


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
    scored = score(tf, run.assignment)
    # rhythm answers once, at the end: its planning time is when it had that answer.
    feasible = run.solve_seconds if scored.score.hard == 0 else None
    return Side(scored, run.wall_seconds, note=note, error=run.error, feasible_seconds=feasible)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.peers.run", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder of the Timefold set files")
    parser.add_argument("--sets", default="50,100,200,400,800", help="meeting counts of the sets to run")
    parser.add_argument("--limits", default="10,30,60", help="time limits in seconds")
    parser.add_argument("--solvers", default="java,rhythm",
                        help="comma-separated: java (Timefold Solver in Java), timefold (its Python "
                             "solver), rhythm")
    parser.add_argument("--mapping", choices=sorted(MAPPINGS), default="wall", help="see mapping.py")
    parser.add_argument("--horizon", choices=("rolling", "weeks"), default="rolling",
                        help="more than a week: a request per week, or one of N weeks (run_rhythm.py)")
    parser.add_argument("--workers", type=int, help="rhythm's CP-SAT workers (default: rhythm's)")
    parser.add_argument("--timefold-python", default=TIMEFOLD_PYTHON,
                        help="the Python of the venv with the `timefold` package (its solver, its jars)")
    parser.add_argument("--write", type=Path, help="also write the Markdown report here")
    parser.add_argument("--save", type=Path, help="keep every run's assignment (JSON) in this folder")
    parser.add_argument("--details", action="store_true", help="add the per-constraint breakdown")
    args = parser.parse_args(argv)
    solvers = [name for name in LABELS if name in args.solvers.split(",")]
    if unknown := set(args.solvers.split(",")) - set(LABELS):
        parser.error(f"--solvers: unknown solver(s) {', '.join(sorted(unknown))}; known: {', '.join(LABELS)}")
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="peers-java-") as folder:
        java = None
        if "java" in solvers:
            try:
                java = JavaTimefold.build(jar_folder(args.timefold_python), Path(folder))
            except JavaTimefoldError as error:
                sys.exit(f"bench.peers.run: {LABELS['java']} cannot run: {error}")
        rows, load_before = [], os.getloadavg()[0]
        for count in args.sets.split(","):
            path = next(args.data.glob(f"{count}meetings-*.json"), None)
            if path is None:
                sys.exit(f"bench.peers.run: no {count}-meeting set in {args.data}")
            tf = read_set(path)
            for limit in (float(x) for x in args.limits.split(",")):
                row = Row(path.stem, len(tf.meetings), limit)
                for name in solvers:
                    if name == "java" and java is not None:
                        row.sides[name] = run_java(path, tf, limit, java, Path(folder), args.save)
                    elif name == "timefold":
                        row.sides[name] = run_timefold(path, tf, limit, args.timefold_python, args.save)
                    elif name == "rhythm":
                        row.sides[name] = run_rhythm(path, tf, limit, MAPPINGS[args.mapping], args.horizon,
                                                     args.workers, args.save)
                    side = row.sides[name]
                    print(f"{path.stem} {limit:g}s: {LABELS[name]} {side.score} "
                          f"({side.error or side.note or 'ok'})", file=sys.stderr, flush=True)
                rows.append(row)
    command = "python -m bench.peers.run " + " ".join(sys.argv[1:] if argv is None else argv)
    load = f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    times = "\n".join(f"- {r.set_name} {r.limit:g} s, {LABELS[name]}: " + ", ".join(filter(None, [
        side.note, side.error, None if side.cpu_seconds is None else f"{side.cpu_seconds:.1f} s CPU"]))
        for r in rows for name, side in r.sides.items())
    text = "\n\n".join([f"`{command}` ({load})", table(rows), agreement(rows), times,
                        *([breakdown(rows)] if args.details else [])])
    print(text)
    if args.write:
        args.write.write_text(text + "\n", encoding="utf-8")
    if failures := [failure for row in rows for failure in row.failures()]:
        sys.exit("bench.peers.run failed:\n" + "\n".join(f"- {failure}" for failure in failures))


if __name__ == "__main__":
    main()

"""Timefold Solver in Java on a meeting-scheduling set: the problem as simple text, the sources
in `java/` compiled against the jars the `timefold` wheel ships, one JVM per run.

    python -m bench.peers.timefold_java SET.json --time-limit 30 [--timefold-python PY]

The constraint provider (`java/meetingscheduling/`) is written from FORMAT.md; the solver
configuration is the benchmark repository's example (`meetingSchedulingSolverConfig.xml`):
default phases, one thread, a spent limit. The Java side reads no JSON: this module writes
the set as lines of numbers (`problem_text`), so no JSON library is needed on the classpath.
Needs a JDK 17+ (`javac`, `java`) and the `timefold` package in some venv (README.md), whose
jars are found without importing it (importing would start a JVM). Standard library only.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .timefold_format import TimefoldSet, read_set

SOURCES = Path(__file__).resolve().parent / "java"
MAIN = "meetingscheduling.Main"
# Jars of the wheel the solver does not need at run time: test libraries, the Python bridge,
# and logback, which without a configuration would log every step at DEBUG.
UNNEEDED = ("junit", "mockito", "assertj", "byte-buddy", "objenesis", "opentest4j", "apiguardian",
            "logback", "timefold-solver-test", "timefold-solver-python", "jpyinterpreter")


class JavaTimefoldError(RuntimeError):
    """Java Timefold cannot run or gave no answer; the message says why."""


def problem_text(tf: TimefoldSet, name: str) -> str:
    """The set for meetingscheduling.Main: a header, then `grains`, `rooms` and `meetings`
    sections, each a count and one line per item (person ids comma-separated, `-` for none)."""
    def people(ids: Sequence[int]) -> str:
        return ",".join(map(str, ids)) or "-"

    meetings = {m.id: m for m in tf.meetings}
    lines = ["rhythm-timefold-problem 1", f"set {name}", f"grains {len(tf.grains)}"]
    lines += [f"{g.id} {g.index} {g.day} {g.start_minute}" for g in tf.grains]
    lines.append(f"rooms {len(tf.rooms)}")
    lines += [f"{r.id} {r.capacity}" for r in tf.rooms]
    lines.append(f"meetings {len(tf.assignments)}")
    for a in tf.assignments:
        m = meetings[a.meeting]
        lines.append(f"{a.id} {m.id} {m.duration} {people([x.person for x in m.required])} "
                     f"{people([x.person for x in m.preferred])}")
    return "\n".join(lines) + "\n"


def jar_folder(timefold_python: str) -> Path:
    """The wheel's `timefold/solver/jars`, found through the venv's Python without importing it."""
    code = ("import importlib.util as u; s = u.find_spec('timefold'); "
            "print(s.submodule_search_locations[0] if s else '')")
    try:
        done = subprocess.run([timefold_python, "-c", code], capture_output=True, text=True, check=False,
                              timeout=60)
    except OSError as error:
        raise JavaTimefoldError(f"cannot run {timefold_python} to find Timefold's jars: {error}") from error
    folder = Path(done.stdout.strip()) / "solver" / "jars" if done.stdout.strip() else None
    if done.returncode != 0 or folder is None or not any(folder.glob("timefold-solver-core-*.jar")):
        raise JavaTimefoldError(f"no Timefold jars under {timefold_python}'s `timefold` package "
                                "(pip install timefold into that venv; README.md)")
    return folder


@dataclass(frozen=True)
class JavaTimefold:
    """Compiled classes and the classpath to run them with."""

    classpath: str
    java: str

    @classmethod
    def build(cls, jars: Path, classes: Path) -> JavaTimefold:
        """Compile `java/` into `classes` (a temporary folder: nothing compiled is kept)."""
        javac, java = shutil.which("javac"), shutil.which("java")
        if not javac or not java:
            raise JavaTimefoldError("javac and java (a JDK 17 or later) are not on the PATH "
                                    "(Debian: apt-get install default-jdk-headless)")
        path = [str(j) for j in sorted(jars.glob("*.jar")) if not j.name.startswith(UNNEEDED)]
        sources = sorted(str(s) for s in SOURCES.rglob("*.java"))
        done = subprocess.run([javac, "-d", str(classes), "-cp", ":".join(path), *sources],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise JavaTimefoldError(f"javac failed: {done.stderr.strip()[-600:]}")
        return cls(":".join([str(classes), *path]), java)

    def solve(self, tf: TimefoldSet, name: str, limit: float, folder: Path) -> dict[str, Any]:
        """One run in its own JVM; the result as run_timefold prints it, plus `feasible_seconds`
        (when the best solution first had no hard penalty; None: never)."""
        problem, result = folder / f"{name}.problem.txt", folder / f"{name}-{limit:g}s.result.json"
        problem.write_text(problem_text(tf, name), encoding="utf-8")
        result.unlink(missing_ok=True)
        command = [self.java, "-cp", self.classpath, MAIN, str(problem), f"{limit:g}", str(result)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False,
                                  timeout=2 * limit + 300)
        except subprocess.TimeoutExpired as error:
            raise JavaTimefoldError(f"no answer within {2 * limit + 300:g} s") from error
        if done.returncode != 0 or not result.exists():
            lines = [line for line in done.stderr.splitlines() if line.strip()] or ["no message"]
            raise JavaTimefoldError(f"exit {done.returncode}: {' '.join(lines[-3:])[:300]}")
        answer: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
        return answer


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.peers.timefold_java",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("set", type=Path, help="a Timefold meeting-scheduling file")
    parser.add_argument("--time-limit", type=float, default=30.0, help="seconds of solving (spent limit)")
    parser.add_argument("--timefold-python", default="/tmp/timefold-venv/bin/python",
                        help="the Python of the venv that has the `timefold` package (for its jars)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="timefold-java-") as folder:
        try:
            solver = JavaTimefold.build(jar_folder(args.timefold_python), Path(folder))
            result = solver.solve(read_set(args.set), args.set.stem, args.time_limit, Path(folder))
        except JavaTimefoldError as error:
            sys.exit(f"Timefold (Java) on {args.set.stem}: {error}")
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()

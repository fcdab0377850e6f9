"""Solve a Timefold set with rhythm's real command line and read the plan back as an assignment.

Two ways to cover a horizon longer than a week (see to_request.py):
- `weeks`: one request of N weeks, one `rhythm plan` call with the whole time limit;
- `rolling`: one request per week, in order, each holding the meetings the weeks before it
  left unplaced (rhythm places as many meetings as it can first, so each week fills up
  before the next one starts). The time limit is shared out over the weeks still to come;
  time a week does not use passes on to the next.
`auto` takes `weeks` when the installed rhythm's request schema knows the field.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from .mapping import DayMapping, assignment_from_plan, meeting_id
from .timefold_format import Assignment, TimefoldSet
from .to_request import horizon_request, week_request, weeks_needed

Horizon = Literal["auto", "weeks", "rolling"]
ROOT = Path(__file__).resolve().parents[2]


@dataclass
class RhythmRun:
    assignment: Assignment = field(default_factory=dict)
    calls: int = 0
    statuses: list[str] = field(default_factory=list)
    solve_seconds: float = 0.0  # the time limits rhythm was given and used
    wall_seconds: float = 0.0  # the `rhythm plan` processes, start to exit
    error: str | None = None


def rhythm_reads_weeks() -> bool:
    """Whether the installed rhythm's request schema has a top-level `weeks` field."""
    try:
        schema = json.loads(resources.files("scheduler").joinpath("schemas/request.v1.json").read_text())
    except (ModuleNotFoundError, FileNotFoundError):
        return False
    return "weeks" in schema.get("properties", {})


def solve_with_rhythm(tf: TimefoldSet, time_limit: float, mapping: DayMapping, name: str,
                      horizon: Horizon = "auto", workers: int | None = None) -> RhythmRun:
    run = RhythmRun()
    weeks = weeks_needed(tf)
    with tempfile.TemporaryDirectory(prefix="rhythm-peers-") as folder:
        if weeks == 1 or horizon == "weeks" or (horizon == "auto" and rhythm_reads_weeks()):
            plan = _plan(horizon_request(tf, mapping, name), time_limit, Path(folder) / "all", workers, run)
            if plan is not None:
                _take(run, plan, tf, mapping, time_limit)
            return run
        remaining, budget = list(tf.meetings), time_limit
        for week in range(weeks):
            if not remaining:
                break
            limit = budget / (weeks - week)
            request = week_request(tf, week, remaining, mapping, name)
            plan = _plan(request, limit, Path(folder) / f"week{week}", workers, run)
            if plan is None:
                break
            budget -= _take(run, plan, tf, mapping, limit)
            placed = {m["request"] for m in plan["meetings"]}
            remaining = [m for m in remaining if meeting_id(m.id) not in placed]
    return run


def _take(run: RhythmRun, plan: dict[str, Any], tf: TimefoldSet, mapping: DayMapping, limit: float) -> float:
    """Add a plan's meetings to the run; returns the solving time it used (at most `limit`)."""
    run.assignment.update(assignment_from_plan(plan, tf, mapping))
    run.statuses.append(plan["status"])
    used = min(limit, float(plan.get("metrics", {}).get("solve_seconds", limit)))
    run.solve_seconds += used
    return used


def _plan(request: dict[str, Any], limit: float, stem: Path, workers: int | None,
          run: RhythmRun) -> dict[str, Any] | None:
    """One `rhythm plan` call; None (and `run.error`) when it does not produce a plan."""
    request_file, plan_file = stem.with_suffix(".request.json"), stem.with_suffix(".plan.json")
    request_file.write_text(json.dumps(request), encoding="utf-8")
    command = ["rhythm", "plan", str(request_file), "--time-limit", f"{limit:g}", "--out", str(plan_file)]
    if workers:
        command += ["--workers", str(workers)]
    began = time.perf_counter()
    try:
        # Model building and validation come on top of the solver's limit: allow them generously.
        done = subprocess.run(command, capture_output=True, text=True, timeout=4 * limit + 600,
                              check=False, cwd=ROOT)
    except subprocess.TimeoutExpired:
        run.error = f"rhythm plan did not finish within {4 * limit + 600:g} s"
        return None
    run.calls += 1
    run.wall_seconds += time.perf_counter() - began
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit {done.returncode}, no message"]
        run.error = " ".join(lines[:3])[:300]
        return None
    return json.loads(plan_file.read_text(encoding="utf-8"))

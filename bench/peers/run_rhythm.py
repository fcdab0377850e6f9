"""Solve a Timefold set with rhythm's real command line and read the plan back as an assignment.

Two ways to cover a horizon longer than a week (see to_request.py):
- `rolling` (default): one request per week, in order. A week is offered the meetings the
  weeks before it left unplaced, then the rest in the set's order, up to its share of the
  remaining meetings (its grains over the grains left) plus `OVERBOOK`; it gets the same
  share of the time left. rhythm places as many meetings as it can first, so each week
  fills up before the next one starts; the last week is offered everything left. Time a
  week takes beyond its share (building a large model) comes off the weeks after it.
- `weeks`: one request of N weeks and one `rhythm plan` call with the whole limit. In
  rhythm 0.2 `weeks` asks for every meeting in every week (`per_week` per week), which is
  not Timefold's problem (each meeting once in the horizon): kept for when rhythm can ask
  for a meeting once over the horizon; a meeting placed twice is then reported as an error.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from math import ceil
from pathlib import Path
from typing import Any, Literal

from .mapping import DayMapping, assignment_from_plan, date_of, meeting_id
from .timefold_format import Assignment, TimefoldSet
from .to_request import horizon_request, monday_of, week_request, weeks_needed

Horizon = Literal["rolling", "weeks"]
ROOT = Path(__file__).resolve().parents[2]
# A week is offered its share of the remaining meetings (by its grains) and this much more:
# enough that it fills up, few enough that its model stays small. The rest roll over.
OVERBOOK = 1.15
MIN_WEEK_SECONDS = 0.5


@dataclass
class RhythmRun:
    assignment: Assignment = field(default_factory=dict)
    calls: int = 0
    statuses: list[str] = field(default_factory=list)
    solve_seconds: float = 0.0  # the time limits rhythm was given and used
    wall_seconds: float = 0.0  # the `rhythm plan` processes, start to exit
    error: str | None = None


def solve_with_rhythm(tf: TimefoldSet, time_limit: float, mapping: DayMapping, name: str,
                      horizon: Horizon = "rolling", workers: int | None = None) -> RhythmRun:
    run = RhythmRun()
    weeks = weeks_needed(tf)
    with tempfile.TemporaryDirectory(prefix="rhythm-peers-") as folder:
        if weeks == 1 or horizon == "weeks":
            plan = _plan(horizon_request(tf, mapping, name), time_limit, Path(folder) / "all", workers, run)
            if plan is not None:
                _take(run, plan, tf, mapping, time_limit)
            return run
        remaining, budget, grains = list(tf.meetings), time_limit, _grains_per_week(tf, weeks)
        for week in range(weeks):
            if not remaining:
                break
            share = grains[week] / max(sum(grains[week:]), 1)
            limit = budget * share
            if limit < MIN_WEEK_SECONDS:  # less than rhythm needs to say anything: say so instead
                run.error = f"the time limit ran out with {len(remaining)} meetings left"
                break
            last = week == weeks - 1
            offered = remaining if last else remaining[:ceil(len(remaining) * share * OVERBOOK)]
            request = week_request(tf, week, offered, mapping, name)
            plan = _plan(request, limit, Path(folder) / f"week{week}", workers, run)
            if plan is None:
                break
            budget -= _take(run, plan, tf, mapping, limit)
            placed = {m["request"] for m in plan["meetings"]}
            remaining = [m for m in remaining if meeting_id(m.id) not in placed]
    return run


def _grains_per_week(tf: TimefoldSet, weeks: int) -> list[int]:
    """How many of the set's grains fall in each week: the share of meetings and time it gets."""
    first = monday_of(tf)
    days = {d.id: (date_of(d.day_of_year) - first).days // 7 for d in tf.days}
    counts = [0] * weeks
    for grain in tf.grains:
        counts[days[grain.day]] += 1
    return counts


def _take(run: RhythmRun, plan: dict[str, Any], tf: TimefoldSet, mapping: DayMapping, limit: float) -> float:
    """Add a plan's meetings to the run; returns the planning time it took (over `limit` when
    building the model took longer: later weeks then get that much less)."""
    run.assignment.update(assignment_from_plan(plan, tf, mapping))
    run.statuses.append(plan["status"])
    used = float(plan.get("metrics", {}).get("solve_seconds", limit))
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

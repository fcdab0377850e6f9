"""Solve a Timefold set with rhythm's real command line and read the plan back as an assignment.

Two ways to cover a horizon longer than a week (see to_request.py):
- `rolling` (default): one request per week, `PARALLEL` weeks at a time (one `rhythm plan`
  process each, side by side on the machine's two cores). Each week of a round is offered
  its share of the remaining meetings (its grains over the grains left) plus `OVERBOOK`,
  the meetings the rounds before left unplaced first, then the rest in the set's order;
  the last week is offered everything left. A round gets the share of the time left that
  its weeks' grains are, as one wall-clock limit that its weeks share by running at once.
  rhythm places as many meetings as it can first, so each week fills up. Time a round
  takes beyond its share (building a large model) comes off the rounds after it.
- `weeks`: one request of N weeks and one `rhythm plan` call with the whole limit. In
  rhythm 0.2 `weeks` asks for every meeting in every week (`per_week` per week), which is
  not Timefold's problem (each meeting once in the horizon): kept for when rhythm can ask
  for a meeting once over the horizon; a meeting placed twice is then reported as an error.

The time reported is honest wall clock: `solve_seconds` adds up, round by round, the longest
planning time a plan of the round reports (what the limit bounds); `wall_seconds` is the
rounds' processes from the first start to the last exit; `cpu_seconds` what they used.
"""

from __future__ import annotations

import json
import resource
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from math import ceil
from pathlib import Path
from typing import Any, Literal

from .mapping import DayMapping, assignment_from_plan, date_of, meeting_id
from .timefold_format import Assignment, Meeting, TimefoldSet
from .to_request import horizon_request, monday_of, week_request, weeks_needed

Horizon = Literal["rolling", "weeks"]
ROOT = Path(__file__).resolve().parents[2]
# A week is offered its share of the remaining meetings (by its grains) and this much more:
# enough that it fills up, few enough that its model stays small. The rest roll over.
OVERBOOK = 1.15
MIN_WEEK_SECONDS = 0.5
# Weeks planned at once. A week's plan is mostly single-threaded Python (building the model,
# the first fit), so two processes on two cores plan two weeks in the time of one.
PARALLEL = 2
# A week with less than this many seconds gets no further than its first plan, and CP-SAT's
# eight default workers would only take the cores the other week's model build needs.
SHORT_WEEK_SECONDS = 5.0
SHORT_WEEK_WORKERS = 2


@dataclass
class RhythmRun:
    assignment: Assignment = field(default_factory=dict)
    calls: int = 0
    statuses: list[str] = field(default_factory=list)
    solve_seconds: float = 0.0  # planning wall clock: per round, its longest reported plan
    wall_seconds: float = 0.0  # the `rhythm plan` processes, first start to last exit
    cpu_seconds: float = 0.0  # user and system time of the processes
    error: str | None = None


def solve_with_rhythm(tf: TimefoldSet, time_limit: float, mapping: DayMapping, name: str,
                      horizon: Horizon = "rolling", workers: int | None = None) -> RhythmRun:
    run = RhythmRun()
    weeks = weeks_needed(tf)
    with tempfile.TemporaryDirectory(prefix="rhythm-peers-") as folder:
        if weeks == 1 or horizon == "weeks":
            plans = _plan_round([horizon_request(tf, mapping, name)], time_limit, Path(folder) / "all",
                                workers, run)
            if plans:
                run.solve_seconds += _take(run, plans[0], tf, mapping, time_limit)
            return run
        remaining, budget, grains = list(tf.meetings), time_limit, _grains_per_week(tf, weeks)
        for first in range(0, weeks, PARALLEL):
            if not remaining:
                break
            round_weeks = range(first, min(first + PARALLEL, weeks))
            limit = budget * sum(grains[w] for w in round_weeks) / max(sum(grains[first:]), 1)
            if limit < MIN_WEEK_SECONDS:  # less than rhythm needs to say anything: say so instead
                run.error = f"the time limit ran out with {len(remaining)} meetings left"
                break
            requests = [week_request(tf, week, offered, mapping, name)
                        for week, offered in _offers(remaining, round_weeks, grains) if offered]
            plans = _plan_round(requests, limit, Path(folder) / f"week{first}", workers, run)
            if plans is None:
                break
            used = max(_take(run, plan, tf, mapping, limit) for plan in plans)
            run.solve_seconds += used
            budget -= used
            placed = {m["request"] for plan in plans for m in plan["meetings"]}
            remaining = [m for m in remaining if meeting_id(m.id) not in placed]
    return run


def _offers(remaining: list[Meeting], round_weeks: range,
            grains: list[int]) -> list[tuple[int, list[Meeting]]]:
    """The meetings each week of a round is offered: consecutive slices of the remaining
    ones, each its share by grains plus `OVERBOOK`; the last week of the set takes the rest."""
    left, offset, offers = max(sum(grains[round_weeks[0]:]), 1), 0, []
    for week in round_weeks:
        share = grains[week] / left * OVERBOOK
        count = len(remaining) if week == len(grains) - 1 else ceil(len(remaining) * share)
        offers.append((week, remaining[offset:offset + count]))
        offset += count
    return offers


def _grains_per_week(tf: TimefoldSet, weeks: int) -> list[int]:
    """How many of the set's grains fall in each week: the share of meetings and time it gets."""
    first = monday_of(tf)
    days = {d.id: (date_of(d.day_of_year) - first).days // 7 for d in tf.days}
    counts = [0] * weeks
    for grain in tf.grains:
        counts[days[grain.day]] += 1
    return counts


def _take(run: RhythmRun, plan: dict[str, Any], tf: TimefoldSet, mapping: DayMapping, limit: float) -> float:
    """Add a plan's meetings to the run; returns the planning time it reports (over `limit`
    when building the model took longer: later rounds then get that much less)."""
    run.assignment.update(assignment_from_plan(plan, tf, mapping))
    run.statuses.append(plan["status"])
    return float(plan.get("metrics", {}).get("solve_seconds", limit))


def _plan_round(requests: list[dict[str, Any]], limit: float, stem: Path, workers: int | None,
                run: RhythmRun) -> list[dict[str, Any]] | None:
    """One `rhythm plan` process per request, all at once; None (and `run.error`) unless
    every one produces a plan."""
    timeout = 4 * limit + 600  # model building and validation come on top of the limit
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    try:
        started = [_start(request, limit, stem.with_name(f"{stem.name}-{i}"), workers)
                   for i, request in enumerate(requests)]
    except OSError as error:  # no `rhythm` on the PATH: no answer, said as such
        run.error = f"cannot start rhythm plan: {error}"
        return None
    plans, errors = [], []
    for process, plan_file in started:
        try:
            _, stderr = process.communicate(timeout=max(timeout - (time.perf_counter() - began), 1))
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            errors.append(f"rhythm plan did not finish within {timeout:g} s")
            continue
        run.calls += 1
        if process.returncode != 0:
            lines = stderr.strip().splitlines() or [f"exit {process.returncode}, no message"]
            errors.append(" ".join(lines[:3])[:300])
        else:
            plans.append(json.loads(plan_file.read_text(encoding="utf-8")))
    run.wall_seconds += time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    run.cpu_seconds += after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    if errors:
        run.error = errors[0]
        return None
    return plans


def _start(request: dict[str, Any], limit: float, stem: Path,
           workers: int | None) -> tuple[subprocess.Popen[str], Path]:
    request_file, plan_file = stem.with_suffix(".request.json"), stem.with_suffix(".plan.json")
    request_file.write_text(json.dumps(request), encoding="utf-8")
    command = ["rhythm", "plan", str(request_file), "--time-limit", f"{limit:g}", "--out", str(plan_file)]
    workers = workers or (SHORT_WEEK_WORKERS if limit < SHORT_WEEK_SECONDS else None)
    if workers:
        command += ["--workers", str(workers)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT), plan_file

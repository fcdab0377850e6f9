"""One benchmark run, meant for a fresh process: generate, solve, validate, compare.

    python -m bench.trial --members 50 --occurrences 120 --busy 0.35 --seed 1 --time-limit 30

Prints one JSON object. Peak memory is `ru_maxrss` of this process, so it is per run only
because `bench.run` starts a new process for every run.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import time
from dataclasses import asdict, dataclass, field

from constraints import RULES
from scheduler.domain import CalendarFacts
from scheduler.errors import RhythmError
from scheduler.plan.baseline import baseline_plan
from scheduler.request import parse_request
from scheduler.solve import SolveSettings, plan_week
from scheduler.validate import validate

from .generate import generate_request

NO_CALENDARS: dict[str, CalendarFacts] = {}  # busy time is inline in generated requests


@dataclass
class TrialResult:
    members: int
    occurrences: int
    busy: float
    seed: int
    time_limit: float
    workers: int | None
    seconds: float = 0.0  # wall time of plan_week: model building, solving and explaining
    cpu_seconds: float | None = None  # CPU of plan_week, all threads: how much of the cores it got
    load: float | None = None  # 1-minute load average when the run began: others' work skews times
    status: str = "error"
    placed: int = 0
    pair_days: int = 0
    peak_rss_mib: float = 0.0
    violations: int = 0
    baseline_placed: int = 0
    baseline_pair_days: int = 0
    baseline_violations: int = 0
    error: str = ""
    first_violations: list[str] = field(default_factory=list)
    capacity: float | None = None  # share of the team the office holds (None: the generator's 60-70%)
    mode: str = "reproducible"  # or racing, deterministic (SolveSettings)
    build_seconds: float = 0.0  # the Python model build (Week, candidates, every rule)
    stages: list[str] = field(default_factory=list)  # each CP-SAT stage: status, wall, deterministic time
    assemble_seconds: float = 0.0  # reading the solution out, explaining what is unplaced
    office_efficiency: float = 0.0
    full_office_days: int = 0
    # Each rule's objective value ("meetings placed 173 of 250 (meetings_placed)"): the tier
    # values a speed-up must keep (bench/RESULTS.md, issue 26.1).
    scores: list[str] = field(default_factory=list)


class _Stages(logging.Handler):
    """The solver's own account of its steps (`rhythm.solver` at INFO)."""

    def __init__(self, result: TrialResult) -> None:
        super().__init__(logging.INFO)
        self.result = result

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("model built in "):
            self.result.build_seconds = float(message.split()[3].rstrip("s:"))
        elif message.startswith("plan assembled in "):
            self.result.assemble_seconds = float(message.split()[3].rstrip("s"))
        elif message.startswith(("stage ", "first fit", "canonical", "office days polished")):
            self.result.stages.append(message)
        elif message.startswith("objective: "):
            self.result.scores.append(message.removeprefix("objective: "))


def run_trial(
    members: int, occurrences: int, busy: float, seed: int, time_limit: float,
    workers: int | None = None, capacity: float | None = None, mode: str = "reproducible",
) -> TrialResult:
    result = TrialResult(members, occurrences, busy, seed, time_limit, workers,
                         capacity=capacity, mode=mode)
    request = parse_request(generate_request(members, occurrences, busy, seed, capacity))
    solver_log = logging.getLogger("rhythm.solver")
    solver_log.setLevel(logging.INFO)
    solver_log.addHandler(_Stages(result))
    result.load = round(os.getloadavg()[0], 1)
    began, cpu_began = time.perf_counter(), time.process_time()
    settings = SolveSettings(time_limit, workers, reproducible=mode != "racing",
                             deterministic=mode == "deterministic")
    try:
        plan = plan_week(request, NO_CALENDARS, RULES, settings)
    except RhythmError as error:
        plan, result.error = None, str(error)
    result.seconds = round(time.perf_counter() - began, 3)
    result.cpu_seconds = round(time.process_time() - cpu_began, 3)
    # Linux reports ru_maxrss in KiB; read it before validation and the baseline add theirs.
    result.peak_rss_mib = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if plan is not None:
        result.status = plan.status
        result.placed = int(plan.metrics["meetings_placed"])
        result.pair_days = int(plan.metrics["office_pair_days"])
        result.office_efficiency = float(plan.metrics["office_efficiency"])
        result.full_office_days = len(plan.full_office_days)
        violations = validate(request, NO_CALENDARS, plan)
        result.violations = len(violations)
        result.first_violations = [str(v) for v in violations[:5]]
    baseline = baseline_plan(request, NO_CALENDARS, RULES)
    result.baseline_placed = int(baseline.metrics["meetings_placed"])
    result.baseline_pair_days = int(baseline.metrics["office_pair_days"])
    result.baseline_violations = len(validate(request, NO_CALENDARS, baseline))
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.trial", description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, required=True)
    parser.add_argument("--occurrences", type=int, required=True)
    parser.add_argument("--busy", type=float, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--capacity", type=float, help="share of the team the office holds")
    parser.add_argument("--mode", choices=("reproducible", "racing", "deterministic"),
                        default="reproducible", help="SolveSettings: one worker first, racing after "
                        "(default), racing workers only, or one worker on deterministic time")
    args = parser.parse_args(argv)
    result = run_trial(args.members, args.occurrences, args.busy, args.seed, args.time_limit,
                       args.workers, args.capacity, args.mode)
    print(json.dumps(asdict(result)))


if __name__ == "__main__":
    main()

"""The solve policy as a value: how long, on how many workers, and how the time is shared."""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from typing import Literal

from ortools.sat.python import cp_model

log = logging.getLogger("rhythm.solver")

DEFAULT_TIME_LIMIT = 10.0
LARGE_MODEL_STARTS = 5000  # candidate meeting starts


def default_workers() -> int:
    # CP-SAT's portfolio needs several workers to shine, even on 2 cores.
    return max(8, os.cpu_count() or 1)


# CP-SAT's deterministic time per second of the limit. Deterministic solves stop on
# deterministic time, which the same model reaches at the same point of the search on every
# run; the wall clock (the user's limit) stays a safety net, and only when it stops a stage
# first may two runs differ. 8 interleaved workers on the shared 2-core machine did 0.3-0.9
# units a wall second at load 5-8 (bench/RESULTS.md, issue 12), so the budget is set below.
DETERMINISTIC_PER_SECOND = 0.4


@dataclass(frozen=True)
class SolveSettings:
    """What a caller (command line, web job, benchmark) decides about a solve; everything else
    about CP-SAT's parameters is decided here, in `configure`."""

    time_limit: float = DEFAULT_TIME_LIMIT  # seconds of wall clock, building and explaining included
    workers: int | None = None  # None: `default_workers()`
    # The same request and limit give the same plan, so a webcal subscriber's week does not
    # move when nothing changed: once every tier is proven, a canonical tie-break
    # (`canonical.py`) picks one plan among the equally good ones. Off: whichever the
    # racing workers found first.
    reproducible: bool = True
    # CP-SAT's deterministic search: workers take turns (`interleave_search`) and stop on
    # deterministic time, so even a search the limit cuts short gives the same plan on
    # every run; several times slower (bench/RESULTS.md, issue 12).
    deterministic: bool = False
    random_seed: int = 0
    # A plan over several weeks: one model of the whole horizon, or the rhythm on the typical
    # week and then week by week (`horizon.py`); auto picks by the team's size and weeks.
    horizon: Literal["auto", "whole", "by_week"] = "auto"

    def configure(self, solver: cp_model.CpSolver, *, large_model: bool) -> None:
        solver.parameters.num_workers = self.workers or default_workers()
        solver.parameters.random_seed = self.random_seed
        solver.parameters.interleave_search = self.deterministic
        solver.parameters.log_search_progress = log.isEnabledFor(logging.DEBUG)
        solver.log_callback = log.debug
        if large_model:
            # Probing in presolve costs seconds per stage on a large model and pays back
            # less than it costs (bench/RESULTS.md, issue 5).
            solver.parameters.cp_model_probing_level = 0

    def deterministic_budget(self) -> float | None:
        """The whole solve's budget in deterministic time, for the deterministic search."""
        return self.time_limit * DETERMINISTIC_PER_SECOND if self.deterministic else None


# At most this share of the time left (or MIN_FALLBACK_SECONDS) goes to completing the first
# plan; it usually takes a fraction of a second, and a search without it keeps the rest.
FIRST_PLAN_SHARE = 0.5
MIN_FALLBACK_SECONDS = 5.0
ASSEMBLY_MARGIN = 0.5  # seconds per hundred member-weeks for reading out and explaining a plan


@dataclass(frozen=True)
class Budget:
    """The user's wall clock: what building took, and a margin for turning the solution into
    a plan, come off the solver's share."""

    limit: float
    member_weeks: int
    began: float = field(default_factory=time.perf_counter)
    # False for a part of a longer solve (a week of a horizon): the margin is kept once, at the end.
    assembles: bool = True

    def spent(self) -> float:
        return time.perf_counter() - self.began

    def left(self) -> float:
        margin = ASSEMBLY_MARGIN * self.member_weeks / 100 if self.assembles else 0.0
        return self.limit - self.spent() - margin

    def for_first_plan(self) -> float:
        """The first plan comes first, even past the limit when building took it all: it
        stops at its first solution, and without it a search that runs out of time has
        nothing but the plan with no meetings to return."""
        return max(self.left() * FIRST_PLAN_SHARE, MIN_FALLBACK_SECONDS)

    def for_search(self) -> float:
        return max(self.left(), 0.1)

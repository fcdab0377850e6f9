"""The solve policy as a value: how long, on how many workers, and how the time is shared."""

from __future__ import annotations

import logging
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # the settings are read without the solver loaded (`rhythm --help`)
    from ortools.sat.python import cp_model

log = logging.getLogger("rhythm.solver")

DEFAULT_TIME_LIMIT = 10.0
LARGE_MODEL_STARTS = 5000  # candidate meeting starts

Configure = Callable[["cp_model.CpSolver"], None]


def default_workers() -> int:
    # CP-SAT's portfolio needs several workers to shine, even on 2 cores.
    return max(8, os.cpu_count() or 1)


# CP-SAT's deterministic time per second of the limit. Deterministic solves stop on
# deterministic time, which the same model reaches at the same point of the search on every
# run; the wall clock (the user's limit) stays a safety net, and only when it stops a stage
# first may two runs differ. One worker did 0.3-0.8 units a wall second on the quiet 2-core
# machine (bench/RESULTS.md, issue 12), so the budget is set below.
DETERMINISTIC_PER_SECOND = 0.3


@dataclass(frozen=True)
class SolveSettings:
    """What a caller (command line, web job, benchmark) decides about a solve; everything else
    about CP-SAT's parameters is decided by `Search`."""

    time_limit: float = DEFAULT_TIME_LIMIT  # seconds of wall clock, building and explaining included
    workers: int | None = None  # None: `default_workers()`
    # The same request and limit give the same plan, so a webcal subscriber's week does not
    # move when nothing changed: each stage is proven on one worker, whose search is the same
    # on every run (`search.py`); what racing workers prove gets a canonical tie-break
    # (`canonical.py`). Off: the racing workers alone, whichever plan they find first.
    reproducible: bool = True
    # One worker only, stopped on deterministic time: even a search the limit cuts short
    # gives the same plan on every run; less of the plan is proven on a large team.
    deterministic: bool = False
    random_seed: int = 0
    # A plan over several weeks: one model of the whole horizon, or the rhythm on the typical
    # week and then week by week (`horizon.py`); auto picks by the team's size and weeks.
    horizon: Literal["auto", "whole", "by_week"] = "auto"

    def __post_init__(self) -> None:
        # A limit of zero or less ended the search before it began, and the plan still said
        # "feasible": refused here too, not only by the command line and the API.
        if not (math.isfinite(self.time_limit) and self.time_limit > 0):
            raise ValueError(f"time_limit must be a number of seconds above 0, not {self.time_limit!r}")
        if self.workers is not None and self.workers < 1:
            raise ValueError(f"workers must be 1 or more, not {self.workers!r}")

    def deterministic_budget(self) -> float | None:
        """The whole solve's budget in deterministic time, for the deterministic search."""
        return self.time_limit * DETERMINISTIC_PER_SECOND if self.deterministic else None


@dataclass(frozen=True)
class Search:
    """How CP-SAT searches one model under the settings: on one worker, or racing several."""

    settings: SolveSettings
    large_model: bool  # probing costs more than it pays; racing finds plans sooner
    params: tuple[str, ...] = ()  # CP-SAT parameters in text format over all of this (benchmarks)

    @property
    def one_worker_first(self) -> bool:
        """Prove on one worker before racing (always, where there is no racing). On a large
        model a proof is out of reach and racing's neighbourhood search finds better plans in
        the time."""
        return not self.races or (self.settings.reproducible and not self.large_model)

    @property
    def races(self) -> bool:
        return not self.settings.deterministic and (self.settings.workers or default_workers()) > 1

    def one_worker(self, solver: cp_model.CpSolver) -> None:
        """A sequential search, the same on every run, with the full linear relaxation: what
        the racing portfolio's `max_lp_sym` worker does, on a whole core."""
        solver.parameters.num_workers = 1
        solver.parameters.linearization_level = 2
        self._common(solver)

    def racing(self, solver: cp_model.CpSolver) -> None:
        solver.parameters.num_workers = self.settings.workers or default_workers()
        self._common(solver)

    def single(self, solver: cp_model.CpSolver) -> None:
        """For a solve that completes or repairs a plan rather than proving one (the first
        plan, the office polish): on one worker where plans must be reproducible."""
        (self.one_worker if self.one_worker_first else self.racing)(solver)

    def _common(self, solver: cp_model.CpSolver) -> None:
        solver.parameters.random_seed = self.settings.random_seed
        solver.parameters.log_search_progress = log.isEnabledFor(logging.DEBUG)
        solver.log_callback = log.debug
        if self.large_model:
            # Probing in presolve costs seconds per stage on a large model and pays back
            # less than it costs (bench/RESULTS.md, issue 5).
            solver.parameters.cp_model_probing_level = 0
        for param in self.params:
            solver.parameters.merge_text_format(param)


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

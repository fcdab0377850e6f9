"""How CP-SAT runs under the solve policy: every CP-SAT parameter rhythm sets is set here.

Workers, linearization, seeds, probing, deterministic time, time limits and the search log's
route into `logging` are decided in this module and nowhere else; the other modules of the
solve ask for a configured solver (`Search`, `solver_for`). The policy itself, the values a
caller and the time shares decide, is `policy.py`.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.solve.policy import SolveSettings, TimePolicy

log = logging.getLogger("rhythm.solver")

Configure = Callable[[cp_model.CpSolver], None]
LEAST_SECONDS = 0.05  # CP-SAT gets at least this long: a limit of 0 it reads as "no limit"
# Presolve rounds of a one-worker search of one week. On a team's week most of a solve is
# presolve (a 1,600-variable stage: 25 ms of 29), and each stage presolves its model afresh;
# one round instead of CP-SAT's three proved the same tiers on all 830 teams of the
# 10,000-person organisation with 29% less CPU in CP-SAT. A model of several weeks keeps
# CP-SAT's rounds: the 3-week rhythm example's stage 2 took 2.04 deterministic units on one
# round against 0.36 on three (bench/RESULTS.md, issue 23, "The team solves' CPU"); so does a
# week of more than `TimePolicy.light_presolve_starts` starts, where the rounds pay.
WEEK_PRESOLVE_ROUNDS = 1


def default_workers() -> int:
    # CP-SAT's portfolio needs several workers to shine, even on 2 cores.
    return max(8, os.cpu_count() or 1)


@dataclass(frozen=True)
class Search:
    """How CP-SAT searches one model under the settings: on one worker, or racing several."""

    settings: SolveSettings
    large_model: bool  # probing costs more than it pays; racing finds plans sooner
    params: tuple[str, ...] = ()  # CP-SAT parameters in text format over all of this (benchmarks)
    presolve_rounds: int | None = None  # of the one worker's presolve; None: CP-SAT's own

    @classmethod
    def of(cls, settings: SolveSettings, starts: int, weeks: int = 1) -> Search:
        """The search for a model of `weeks` weeks with this many candidate meeting starts."""
        light = weeks == 1 and starts <= settings.policy.light_presolve_starts
        return cls(settings, large_model=starts > settings.policy.large_model_starts,
                   presolve_rounds=WEEK_PRESOLVE_ROUNDS if light else None)

    @property
    def policy(self) -> TimePolicy:
        return self.settings.policy

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
        if self.presolve_rounds is not None:
            solver.parameters.max_presolve_iterations = self.presolve_rounds
        self._common(solver)

    def racing(self, solver: cp_model.CpSolver) -> None:
        solver.parameters.num_workers = self.settings.workers or default_workers()
        self._common(solver)

    def single(self, solver: cp_model.CpSolver) -> None:
        """For a solve that completes or repairs a plan rather than proving one (the first
        plan, the office polish): on one worker where plans must be reproducible."""
        (self.one_worker if self.one_worker_first else self.racing)(solver)

    def first_solution(self, until: float, deterministic: float | None) -> Configure:
        """For completing the first plan: `single`, stopped at its first solution, by the
        wall clock `until` (`time.perf_counter`) or on a `deterministic` budget."""
        def configure(solver: cp_model.CpSolver) -> None:
            self.single(solver)
            solver.parameters.max_time_in_seconds = max(until - time.perf_counter(), 0.1)
            if deterministic is None:
                solver.parameters.stop_after_first_solution = True
            else:
                # Without an objective the search ends at its first solution anyway; the explicit
                # stop is a race between workers, which made reproducible solves differ.
                solver.parameters.max_deterministic_time = max(deterministic, self.policy.first_plan_floor)
        return configure

    def as_hinted(self, until: float, deterministic: float | None) -> Configure:
        """`first_solution` with every hinted variable kept at its hint: the whole draft as it
        is, only the helper variables left to fill in (a partial hint lets racing workers
        return any completion, with office days anywhere)."""
        first = self.first_solution(until, deterministic)

        def configure(solver: cp_model.CpSolver) -> None:
            first(solver)
            solver.parameters.fix_variables_to_their_hinted_value = True
        return configure

    def fallback(self, solver: cp_model.CpSolver) -> None:
        """For the plan with nothing placed: `single`, within the first plan's floor."""
        solver.parameters.max_time_in_seconds = self.policy.first_plan_floor
        self.single(solver)

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


def solver_for(configure: Configure, seconds: float, deterministic: float | None = None) -> cp_model.CpSolver:
    """A solver configured for one solve of `seconds` (with `deterministic`: that much
    deterministic time too, the wall clock then only a safety net)."""
    solver = cp_model.CpSolver()
    configure(solver)
    solver.parameters.max_time_in_seconds = max(seconds, LEAST_SECONDS)
    if deterministic is not None:
        solver.parameters.max_deterministic_time = max(deterministic, LEAST_SECONDS)
    return solver

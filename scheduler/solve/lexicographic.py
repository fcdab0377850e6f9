"""Solve tier by tier: each stage optimises its tiers while keeping what earlier ones won.

One weighted objective is lexicographic in theory, but CP-SAT then has to prove all tiers
at once, and the soft preferences (which trade against office days) make that slow.
Proving the important tiers first, fixing their values, then optimising the rest from that
plan proves the same optimum much faster (bench/RESULTS.md has the figures).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.model.objective import Term, Tier, weighted_sum

log = logging.getLogger("rhythm.solver")

STAGES: tuple[tuple[Tier, ...], ...] = (
    (Tier.RHYTHM_KEPT, Tier.MEETINGS_PLACED, Tier.STABILITY, Tier.FOCUS_PLACED,
     Tier.OFFICE_OVERLAP),
    (Tier.OPTIONAL_FREE,),
    (Tier.PREFERENCES,),
)
# Of the time left, a stage may use this share unless it is the last: a stage that cannot
# prove its optimum must not starve the stages after it.
STAGE_SHARE = 0.6
MIN_STAGE_SECONDS = 1.0  # enough to find a first plan even on a busy machine


@dataclass
class Outcome:
    solver: cp_model.CpSolver  # holds the final plan's values
    status: int  # the worst CP-SAT status over the stages
    proven: bool  # every stage proved optimal


def solve_lexicographic(
    model: cp_model.CpModel, terms: list[Term], *, time_limit: float,
    configure: Callable[[cp_model.CpSolver], None], deterministic: float | None = None,
) -> Outcome:
    """With a `deterministic` budget, stages share that out instead of the wall clock, which
    then only stops a stage when the whole limit is spent: so the same model gets the same
    plan on every run (`SolveSettings.reproducible`)."""
    deadline = time.monotonic() + time_limit
    spent = 0.0  # deterministic time
    stages = [[t for t in terms if t.tier in tiers] for tiers in STAGES]
    stages = [s for s in stages if any(t.span for t in s)] or [terms]
    best: Outcome | None = None
    for index, stage in enumerate(stages):
        left = deadline - time.monotonic()
        last = index == len(stages) - 1
        if best is not None and left <= 0.05:
            best.proven, best.status = False, cp_model.FEASIBLE  # the later tiers were never solved
            break
        solver = cp_model.CpSolver()
        configure(solver)
        if deterministic is None:
            solver.parameters.max_time_in_seconds = max(0.05, _share(left, last))
        else:
            solver.parameters.max_time_in_seconds = max(0.05, left)
            solver.parameters.max_deterministic_time = max(0.05, _share(deterministic - spent, last))
        model.maximize(weighted_sum(stage))
        status = solver.solve(model)
        spent += solver.response_proto.deterministic_time
        log.info("stage %d (%s): %s in %.2fs (deterministic %.2f)", index + 1,
                 ", ".join(t.name for t in stage), solver.status_name(status), solver.wall_time,
                 solver.response_proto.deterministic_time)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if best is None or status == cp_model.INFEASIBLE:
                return Outcome(solver, status, False)
            best.proven, best.status = False, cp_model.FEASIBLE
            break
        proven = status == cp_model.OPTIMAL and (best is None or best.proven)
        best = Outcome(solver, cp_model.OPTIMAL if proven else cp_model.FEASIBLE, proven)
        if not last:
            _keep(model, solver, stage)
    assert best is not None
    return best


def _share(left: float, last: bool) -> float:
    return left if last else max(left * STAGE_SHARE, min(left, MIN_STAGE_SECONDS))


def _keep(model: cp_model.CpModel, solver: cp_model.CpSolver, stage: list[Term]) -> None:
    """Later stages may not lose what this one won, and start from its plan."""
    for tier in {t.tier for t in stage}:
        expr = sum(t.expr for t in stage if t.tier == tier)
        model.add(expr >= int(solver.value(expr)))
    start_from(model, solver)


def start_from(model: cp_model.CpModel, solver: cp_model.CpSolver) -> None:
    """The solver's last solution, whole, as the model's hint: CP-SAT takes a complete,
    feasible hint as its first solution."""
    model.clear_hints()
    solution = solver.response_proto.solution
    model.proto.solution_hint.vars.extend(range(len(solution)))
    model.proto.solution_hint.values.extend(solution)

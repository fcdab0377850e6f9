"""Solve tier by tier: each stage optimises its tiers while keeping what earlier ones won.

One weighted objective is lexicographic in theory, but CP-SAT then has to prove all tiers
at once, and the soft preferences (which trade against office days) make that slow.
Proving the important tiers first, fixing their values, then optimising the rest from that
plan proves the same optimum much faster (bench/RESULTS.md has the figures). Each stage is
one `search`: on one worker first, racing after.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.model.objective import Term, Tier, weighted_sum
from scheduler.solve.search import search, start_from
from scheduler.solve.settings import Search

log = logging.getLogger("rhythm.solver")

# Optional attendees and preferences share a stage: once the office days are proven, one
# proof of both took less CPU than a stage each, for the same plan (bench/RESULTS.md,
# issue 12, "Proof speed"). A re-plan's lunches and focus blocks kept join them: in the
# first stage their tier multiplied every weight above it past what CP-SAT accepts
# ("possible integer overflow in objective" at 200 members).
STAGES: tuple[tuple[Tier, ...], ...] = (
    (Tier.RHYTHM_KEPT, Tier.MEETINGS_PLACED, Tier.STABILITY, Tier.FOCUS_PLACED,
     Tier.OFFICE_OVERLAP),
    (Tier.BLOCKS_KEPT, Tier.OPTIONAL_FREE, Tier.PREFERENCES),
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
    reproducible: bool = False  # every stage ended on one worker: the same plan on every run


def solve_lexicographic(
    model: cp_model.CpModel, terms: list[Term], *, time_limit: float, how: Search,
    deterministic: float | None = None,
) -> Outcome:
    """With a `deterministic` budget, stages share that out instead of the wall clock, which
    then only stops a stage when the whole limit is spent: so the same model gets the same
    plan on every run (`SolveSettings.deterministic`)."""
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
        model.maximize(weighted_sum(stage))
        if deterministic is None:
            searched = search(model, how, max(0.05, _share(left, last)))
        else:
            searched = search(model, how, max(0.05, left), _share(deterministic - spent, last))
        solver, status = searched.solver, searched.status
        spent += searched.deterministic_time
        log.info("stage %d (%s): %s in %.2fs (deterministic %.2f; %s)", index + 1,
                 ", ".join(t.name for t in stage), solver.status_name(status), searched.seconds,
                 searched.deterministic_time, searched.how)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if best is None or status == cp_model.INFEASIBLE:
                return Outcome(solver, status, False)
            best.proven, best.status = False, cp_model.FEASIBLE
            break
        proven = status == cp_model.OPTIMAL and (best is None or best.proven)
        reproducible = searched.reproducible and (best is None or best.reproducible)
        best = Outcome(solver, cp_model.OPTIMAL if proven else cp_model.FEASIBLE, proven, reproducible)
        if not last:
            _keep(model, solver, stage)
    assert best is not None
    return best


def _share(left: float, last: bool) -> float:
    return left if last else max(left * STAGE_SHARE, min(left, MIN_STAGE_SECONDS))


def _keep(model: cp_model.CpModel, solver: cp_model.CpSolver, stage: list[Term]) -> None:
    """Later stages may not lose what this one won, and start from its plan."""
    for tier in sorted({t.tier for t in stage}):
        expr = sum(t.expr for t in stage if t.tier == tier)
        model.add(expr >= int(solver.value(expr)))
    start_from(model, solver)

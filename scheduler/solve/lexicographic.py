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

from scheduler.model.objective import Term, Tier, tier_weights, weighted_sum

log = logging.getLogger("rhythm.solver")

# Optional attendees and preferences share a stage: once the office days are proven, one
# proof of both (and of the tie-break) took less CPU than a stage each, for the same plan
# (bench/RESULTS.md, issue 12, "Proof speed").
STAGES: tuple[tuple[Tier, ...], ...] = (
    (Tier.RHYTHM_KEPT, Tier.MEETINGS_PLACED, Tier.STABILITY, Tier.FOCUS_PLACED,
     Tier.OFFICE_OVERLAP),
    (Tier.OPTIONAL_FREE, Tier.PREFERENCES),
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
    canonical: bool = False  # proven with the tie-break folded into the last stage


TieBreak = dict[int, int]  # proto index of a Boolean variable -> what choosing it costs


def solve_lexicographic(
    model: cp_model.CpModel, terms: list[Term], *, time_limit: float,
    configure: Callable[[cp_model.CpSolver], None], deterministic: float | None = None,
    tie_break: TieBreak | None = None,
) -> Outcome:
    """With a `deterministic` budget, stages share that out instead of the wall clock, which
    then only stops a stage when the whole limit is spent: so the same model gets the same
    plan on every run (`SolveSettings.reproducible`).

    With a `tie_break`, the last stage also minimises it, below its own tiers: proven, its
    plan is the one optimum of the tiers and the tie-break together, the same on every run.
    One proof for both costs a third to a half less than proving the tie-break after the
    last stage (bench/RESULTS.md, issue 12, "Proof speed")."""
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
        fold = tie_break if last and tie_break and _fits(stage, tie_break) else None
        model.maximize(_objective(model, stage, fold))
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
        proven = _tiers_proven(solver, status, stage, fold) and (best is None or best.proven)
        best = Outcome(solver, cp_model.OPTIMAL if proven else cp_model.FEASIBLE, proven,
                       canonical=proven and fold is not None and status == cp_model.OPTIMAL)
        if not last:
            _keep(model, solver, stage)
    assert best is not None
    return best


def _objective(model: cp_model.CpModel, stage: list[Term],
               tie_break: TieBreak | None) -> cp_model.LinearExprT:
    """The stage's tiers, and below them the tie-break: each tier unit outweighs any change
    the tie-break can make, so the tiers' optimum stays what it is without it."""
    if not tie_break:
        return weighted_sum(stage)
    cost = cp_model.LinearExpr.weighted_sum(
        [model.get_bool_var_from_proto_index(i) for i in tie_break], list(tie_break.values()))
    return _below(tie_break) * weighted_sum(stage) - cost


def _below(tie_break: TieBreak) -> int:
    return sum(tie_break.values()) + 1


def _tiers_proven(solver: cp_model.CpSolver, status: int, stage: list[Term],
                  tie_break: TieBreak | None) -> bool:
    """Optimal, or (the tie-break folded in) stopped with a bound that no plan one tier unit
    better could reach: the tiers are proven even where the tie-break is not."""
    if status == cp_model.OPTIMAL:
        return True
    if tie_break is None or status != cp_model.FEASIBLE:
        return False
    return solver.best_objective_bound <= _below(tie_break) * solver.value(weighted_sum(stage))


def _fits(stage: list[Term], tie_break: TieBreak) -> bool:
    """The folded objective stays exact in the doubles of CP-SAT's LP: the upper tiers' weights
    grow with the team, and times the tie-break's span they would not (the tie-break is then
    proven on its own, `canonical.py`)."""
    weights = tier_weights(stage)
    span = sum(weights[t.tier] * t.span for t in stage)
    return (span + 1) * _below(tie_break) < 2**53


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

"""Solve stage by stage: each stage optimises its objective while keeping what earlier ones won.

One weighted objective is lexicographic in theory, but CP-SAT then has to prove all tiers
at once, and the soft preferences (which trade against office days) make that slow.
Proving the important tiers first, fixing their values, then optimising the rest from that
plan proves the same optimum much faster (bench/RESULTS.md has the figures). Each stage is
one `search`: on one worker first, racing after.

`solve_lexicographic` takes any model (a team's week, the organisation's master problem):
the caller states its stages, most important first, as `Stage` values; `week_stages` gives
a week's. The time is shared out by the settings' `TimePolicy` (`stage_share`,
`min_stage_seconds`, `one_worker_share`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scheduler.model.objective import Term, Tier, weighted_sum
from scheduler.solve.search import maximize, search, start_from
from scheduler.solve.settings import LEAST_SECONDS, Search

log = logging.getLogger("rhythm.solver")

# A week's stages. Optional attendees and preferences share a stage: once the office days are
# proven, one proof of both took less CPU than a stage each, for the same plan
# (bench/RESULTS.md, issue 12, "Proof speed"). A re-plan's lunches and focus blocks kept join
# them: in the first stage their tier multiplied every weight above it past what CP-SAT
# accepts ("possible integer overflow in objective" at 200 members).
STAGES: tuple[tuple[Tier, ...], ...] = (
    (Tier.RHYTHM_KEPT, Tier.MEETINGS_PLACED, Tier.STABILITY, Tier.FOCUS_PLACED,
     Tier.OFFICE_OVERLAP),
    (Tier.BLOCKS_KEPT, Tier.OPTIONAL_FREE, Tier.PREFERENCES),
)


@dataclass(frozen=True)
class Stage:
    """One stage: maximise `objective`; the stages after it keep each of `kept` at least at
    the value this stage reached."""

    name: str  # for the log
    objective: cp_model.LinearExprT
    kept: tuple[cp_model.LinearExprT, ...]

    @classmethod
    def tier(cls, name: str, objective: cp_model.LinearExprT) -> Stage:
        """A stage of one objective, kept as a whole (the master problem's stages)."""
        return cls(name, objective, (objective,))


@dataclass
class Outcome:
    solver: cp_model.CpSolver  # holds the final plan's values
    status: cp_model.CpSolverStatus  # the worst CP-SAT status over the stages
    proven: bool  # every stage proved optimal
    reproducible: bool = False  # every stage ended on one worker: the same plan on every run
    # Each stage's wall seconds, named with its status ("stage 1 optimal"), for the log's summary;
    # the steps after the stages (polish, tie-break) add theirs.
    times: list[tuple[str, float]] = field(default_factory=list)
    # How many stages, from the first, ended proven: a later stage keeps what they won, so
    # nothing after the solve can raise their tiers (the office polish looks at the first's).
    proven_stages: int = 0


def week_stages(terms: list[Term]) -> list[Stage]:
    """A week's terms in `STAGES`, each stage their weighted sum, each tier kept on its own;
    stages whose terms cannot move are left out."""
    grouped = [[t for t in terms if t.tier in tiers] for tiers in STAGES]
    grouped = [s for s in grouped if any(t.span for t in s)] or [terms]
    return [Stage(", ".join(t.name for t in stage), weighted_sum(stage),
                  tuple(sum(t.expr for t in stage if t.tier == tier)
                        for tier in sorted({t.tier for t in stage})))
            for stage in grouped]


def solve_lexicographic(
    model: cp_model.CpModel, stages: Sequence[Stage], *, time_limit: float, how: Search,
    deterministic: float | None = None, kept_back: float = 0.0,
) -> Outcome:
    """The best plan of `model` under `stages`, most important first, in `time_limit`
    seconds, searched as `how` says (`Search(SolveSettings(...), large_model=...)`).

    With a `deterministic` budget, stages share that out instead of the wall clock, which
    then only stops a stage when the whole limit is spent: so the same model gets the same
    plan on every run (`SolveSettings.deterministic`). A first stage that finds no plan
    returns its status (INFEASIBLE: the hard constraints cannot hold); a later one leaves the
    plan of the stage before it, `feasible`.

    `kept_back` seconds after `time_limit` are the caller's, for improving the first stage's
    tiers when it is cut short (the week's office polish); the last stage takes them when
    every stage before it is proven, as nothing can then improve those tiers."""
    deadline = time.monotonic() + time_limit
    spent = 0.0  # deterministic time
    best: Outcome | None = None
    times: list[tuple[str, float]] = []
    for index, stage in enumerate(stages):
        last = index == len(stages) - 1
        if last and best is not None and best.proven:
            deadline += kept_back
        left = deadline - time.monotonic()
        if best is not None and left <= LEAST_SECONDS:
            best.proven, best.status = False, cp_model.FEASIBLE  # the later tiers were never solved
            break
        maximize(model, stage.objective)
        if deterministic is None:
            searched = search(model, how, max(LEAST_SECONDS, _share(how, left, last)))
        else:
            searched = search(model, how, max(LEAST_SECONDS, left), _share(how, deterministic - spent, last))
        solver, status = searched.solver, searched.status
        spent += searched.deterministic_time
        times.append((f"stage {index + 1} {solver.status_name(status).lower()}", searched.seconds))
        log.info("stage %d (%s): %s in %.2fs (deterministic %.2f; %s)", index + 1, stage.name,
                 solver.status_name(status), searched.seconds, searched.deterministic_time, searched.how)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if best is None or status == cp_model.INFEASIBLE:
                return Outcome(solver, status, False, times=times)
            best.proven, best.status = False, cp_model.FEASIBLE
            break
        proven = status == cp_model.OPTIMAL and (best is None or best.proven)
        reproducible = searched.reproducible and (best is None or best.reproducible)
        proven_stages = index + 1 if proven else best.proven_stages if best else 0
        best = Outcome(solver, cp_model.OPTIMAL if proven else cp_model.FEASIBLE, proven, reproducible, times,
                       proven_stages)
        if not last:
            _keep(model, solver, stage)
    assert best is not None, "solve_lexicographic needs at least one stage"
    return best


def _share(how: Search, left: float, last: bool) -> float:
    policy = how.policy
    return left if last else max(left * policy.stage_share, min(left, policy.min_stage_seconds))


def _keep(model: cp_model.CpModel, solver: cp_model.CpSolver, stage: Stage) -> None:
    """Later stages may not lose what this one won, and start from its plan."""
    for expr in stage.kept:
        model.add(expr >= int(solver.value(expr)))
    start_from(model, solver)

"""Solve a team week: build the model, run CP-SAT with every parameter owned here, explain."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from datetime import datetime

from ortools.sat.python import cp_model

from constraints import RULES, Rule

from .assemble import assemble_plan
from .domain import CalendarFacts, TeamRequest
from .errors import RhythmError
from .feasibility import contradictions
from .greedy import first_fit, hint
from .lexicographic import solve_lexicographic, start_from
from .model import BuiltModel, build_model
from .plan import Plan, Status
from .solution import read_solution
from .week import Week

log = logging.getLogger("rhythm.solver")

DEFAULT_TIME_LIMIT = 10.0
MIN_FALLBACK_SECONDS = 5.0
LARGE_MODEL_STARTS = 5000  # candidate meeting starts
# At most this share of the time left (or MIN_FALLBACK_SECONDS) goes to completing the first
# plan; it usually takes a fraction of a second, and a search without it keeps the rest.
FIRST_PLAN_SHARE = 0.5
ASSEMBLY_MARGIN = 0.5  # seconds per hundred members for reading out and explaining a plan


class RulesContradiction(RhythmError):
    """The rules and the calendars cannot all hold at once, whatever the plan."""


def plan_week(
    request: TeamRequest,
    facts: Mapping[str, CalendarFacts],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    workers: int | None = None,
    rules: tuple[Rule, ...] = RULES,
    current: Plan | None = None,
    now: datetime | None = None,
) -> Plan:
    """The best plan found within `time_limit` seconds, model building and explaining
    included; `optimal` only when CP-SAT proved it.

    With `current` (the plan in use), re-plan: its meetings stay unless they must move, and
    none that is pinned or starts within `freeze_hours` of `now` moves at all.
    """
    if current is not None and current.team != request.team:
        raise RhythmError(f"the plan in use is for team {current.team}, not {request.team}")
    week = Week(request, facts, current, now)
    began = time.perf_counter()
    problems = contradictions(week)
    if problems:
        raise RulesContradiction("\n".join(problems))
    built = build_model(week, rules)

    def configure(solver: cp_model.CpSolver) -> None:
        solver.parameters.num_workers = workers or default_workers()
        solver.parameters.log_search_progress = log.isEnabledFor(logging.DEBUG)
        solver.log_callback = log.debug
        if len(built.variables.start) > LARGE_MODEL_STARTS:
            # Probing in presolve costs seconds per stage on a large model and pays back
            # less than it costs (bench/RESULTS.md, issue 5).
            solver.parameters.cp_model_probing_level = 0

    # The limit is the user's wall clock: what building took, and a margin for turning the
    # solution into a plan, comes off the solver's share.
    def left() -> float:
        return time_limit - (time.perf_counter() - began) - ASSEMBLY_MARGIN * len(request.members) / 100

    # The first plan comes first, even past the limit when building took it all: it stops
    # at its first solution, and without it a search that runs out of time has nothing but
    # the plan with no meetings to return.
    first = _first_plan(built, configure, max(left() * FIRST_PLAN_SHARE, MIN_FALLBACK_SECONDS))
    result = solve_lexicographic(built.model, built.terms, time_limit=max(left(), 0.1),
                                 configure=configure)
    solver, outcome = result.solver, result.status
    if outcome == cp_model.UNKNOWN:
        solver, outcome = (first, cp_model.FEASIBLE) if first else _nothing_placed(built, configure)
    if outcome == cp_model.INFEASIBLE:
        raise RulesContradiction("the office rules cannot all hold this week "
                                 "(office days per member, never/always days and capacity)")
    if outcome not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RhythmError(f"no valid plan found within the time limit of {time_limit:g} s; "
                          "try a longer --time-limit")
    status: Status = "optimal" if outcome == cp_model.OPTIMAL else "feasible"
    plan = assemble_plan(week, built.variables.slots, read_solution(solver, built.variables), status)
    metrics = {**plan.metrics, "solve_seconds": round(time.perf_counter() - began, 3)}
    return Plan(**{**plan.__dict__, "metrics": metrics})


def _first_plan(
    built: BuiltModel, configure: Callable[[cp_model.CpSolver], None], seconds: float
) -> cp_model.CpSolver | None:
    """A complete plan around the first-fit meetings (lunches, office days), which becomes
    the search's hint, and the plan returned if the search finds none of its own in time.

    CP-SAT takes a complete hint as its first solution; a partial one (meetings only) it may
    never complete on a large model, and then ends with a worse plan than the first fit.
    """
    began = time.perf_counter()
    draft = first_fit(built.variables)
    hint(built.model, built.variables, draft)

    def first_solution_only(solver: cp_model.CpSolver) -> None:
        configure(solver)
        solver.parameters.stop_after_first_solution = True
        solver.parameters.max_time_in_seconds = max(seconds - (time.perf_counter() - began), 0.1)

    solver, status = _with_only(built, first_solution_only, draft.starts)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    log.info("first fit: %d meetings placed, %s with lunches and office days, in %.2fs",
             len(draft.starts), "completed" if found else solver.status_name(status),
             time.perf_counter() - began)
    if not found:
        return None
    start_from(built.model, solver)
    return solver


def _nothing_placed(
    built: BuiltModel, configure: Callable[[cp_model.CpSolver], None]
) -> tuple[cp_model.CpSolver, int]:
    """The valid plan that is always there: no meeting placed (each says the time limit
    stopped it), lunches and office days kept."""
    solver, status = _with_only(built, configure, set())
    log.info("no plan within the time limit; with nothing placed: %s", solver.status_name(status))
    return solver, cp_model.FEASIBLE if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else status


def _with_only(
    built: BuiltModel, configure: Callable[[cp_model.CpSolver], None], placed: set[tuple[str, int, int]],
) -> tuple[cp_model.CpSolver, int]:
    """The model with exactly these meetings placed, as a feasibility problem. A clone keeps
    the variables' indices, so the solution reads through the same variables."""
    fixed = built.model.clone()
    fixed.clear_objective()
    for key, var in built.variables.start.items():
        # Fixed through the domain, not a constraint each: tens of thousands of them on a
        # large model cost more to load than the search that follows.
        value = int(key in placed)
        domain = fixed.proto.variables[var.index].domain
        domain[0], domain[1] = value, value
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = MIN_FALLBACK_SECONDS
    configure(solver)
    return solver, solver.solve(fixed)


def default_workers() -> int:
    # CP-SAT's portfolio needs several workers to shine, even on 2 cores.
    return max(8, os.cpu_count() or 1)

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
from .lexicographic import solve_lexicographic
from .model import BuiltModel, build_model
from .plan import Plan, Status
from .solution import read_solution
from .week import Week

log = logging.getLogger("rhythm.solver")

DEFAULT_TIME_LIMIT = 10.0
MIN_FALLBACK_SECONDS = 5.0
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

    # The limit is the user's wall clock: what building took, and a margin for turning the
    # solution into a plan, comes off the solver's share.
    left = time_limit - (time.perf_counter() - began) - ASSEMBLY_MARGIN * len(request.members) / 100
    result = solve_lexicographic(built.model, built.terms, time_limit=max(left, 0.1),
                                 configure=configure)
    solver, outcome = result.solver, result.status
    if outcome == cp_model.UNKNOWN:
        solver, outcome = _with_nothing_placed(built, configure, time_limit)
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


def _with_nothing_placed(
    built: BuiltModel, configure: Callable[[cp_model.CpSolver], None], time_limit: float
) -> tuple[cp_model.CpSolver, int]:
    """When the time limit ends before any plan is found, the valid plan that is always there:
    no meeting placed (each says the time limit stopped it), lunches and office days kept.

    A clone keeps the variables' indices, so the solution reads through the same variables.
    """
    fallback = built.model.clone()
    for var in built.variables.start.values():
        fallback.add(fallback.get_bool_var_from_proto_index(var.index) == 0)
    solver = cp_model.CpSolver()
    configure(solver)
    solver.parameters.max_time_in_seconds = max(MIN_FALLBACK_SECONDS, time_limit / 4)
    status = solver.solve(fallback)
    log.info("no plan within the time limit; with nothing placed: %s", solver.status_name(status))
    return solver, cp_model.FEASIBLE if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else status


def default_workers() -> int:
    # CP-SAT's portfolio needs several workers to shine, even on 2 cores.
    return max(8, os.cpu_count() or 1)

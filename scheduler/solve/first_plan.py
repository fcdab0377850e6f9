"""The plans that are there before the search: the first-fit plan completed by CP-SAT, and the
plan with nothing placed, which always exists."""

from __future__ import annotations

import logging
import time

from ortools.sat.python import cp_model

from scheduler.model.build import BuiltModel
from scheduler.solve.greedy import first_fit, hint
from scheduler.solve.office_first import focus_first, office_days_first
from scheduler.solve.search import start_from
from scheduler.solve.settings import MIN_FALLBACK_SECONDS, Configure

log = logging.getLogger("rhythm.solver")


def first_plan(built: BuiltModel, configure: Configure, seconds: float,
               deterministic: float | None = None) -> cp_model.CpSolver | None:
    """A complete plan around the first-fit meetings (lunches, office days), which becomes
    the search's hint, and the plan returned if the search finds none of its own in time.

    CP-SAT takes a complete hint as its first solution; a partial one (meetings only) it may
    never complete on a large model, and then ends with a worse plan than the first fit.
    """
    began = time.perf_counter()
    draft = first_fit(built.variables)
    office = office_days_first(built.variables, draft.office)
    focus = focus_first(built.variables, draft.starts, draft.lunch, office)
    hint(built.model, built.variables, draft, office, focus)

    def first_solution_only(solver: cp_model.CpSolver) -> None:
        configure(solver)
        solver.parameters.max_time_in_seconds = max(seconds - (time.perf_counter() - began), 0.1)
        if deterministic is None:
            solver.parameters.stop_after_first_solution = True
        else:
            # Without an objective the search ends at its first solution anyway; the explicit
            # stop is a race between workers, which made reproducible solves differ.
            solver.parameters.max_deterministic_time = max(deterministic, MIN_FALLBACK_SECONDS)

    def as_hinted(solver: cp_model.CpSolver) -> None:
        # The whole draft as it is, only the helper variables left to fill in: a partial
        # hint lets racing workers return any completion, with office days anywhere.
        first_solution_only(solver)
        solver.parameters.fix_variables_to_their_hinted_value = True

    solver, status = with_only(built, as_hinted, draft.starts)
    kept = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if not kept:  # the draft's lunches, focus or office days do not hold together: repair them
        solver, status = with_only(built, first_solution_only, draft.starts)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    log.info("first fit: %d meetings placed, %s with lunches and office days, in %.2fs",
             len(draft.starts), ("completed as drafted" if kept else "completed") if found
             else solver.status_name(status), time.perf_counter() - began)
    if not found:
        return None
    start_from(built.model, solver)
    return solver


def nothing_placed(built: BuiltModel, configure: Configure) -> tuple[cp_model.CpSolver, int]:
    """The valid plan that is always there: no meeting placed (each says the time limit
    stopped it), lunches and office days kept."""
    solver, status = with_only(built, configure, set())
    log.info("no plan within the time limit; with nothing placed: %s", solver.status_name(status))
    return solver, cp_model.FEASIBLE if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else status


def with_only(
    built: BuiltModel, configure: Configure, placed: set[tuple[str, int, int]],
) -> tuple[cp_model.CpSolver, int]:
    """The model with exactly these meetings placed, as a feasibility problem. A clone keeps
    the variables' indices, so the solution reads through the same variables."""
    fixed = built.model.clone()
    fixed.clear_objective()
    variables = fixed.proto.variables  # once: the property costs a call per start otherwise
    for key, var in built.variables.start.items():
        # Fixed through the domain, not a constraint each (nor one for all): tens of
        # thousands of them on a large model cost more to load than the search that follows.
        value = int(key in placed)
        domain = variables[var.index].domain
        domain[0], domain[1] = value, value
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = MIN_FALLBACK_SECONDS
    configure(solver)
    return solver, solver.solve(fixed)

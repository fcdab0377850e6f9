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
from scheduler.solve.settings import Configure, Search

log = logging.getLogger("rhythm.solver")


def first_plan(built: BuiltModel, how: Search, seconds: float,
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

    until = began + seconds
    solver, status = with_only(built, how.as_hinted(until, deterministic), draft.starts)
    kept = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if not kept:  # the draft's lunches, focus or office days do not hold together: repair them
        solver, status = with_only(built, how.first_solution(until, deterministic), draft.starts)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    log.info("first fit: %d meetings placed, %s with lunches and office days, in %.2fs",
             len(draft.starts), ("completed as drafted" if kept else "completed") if found
             else solver.status_name(status), time.perf_counter() - began)
    if not found:
        return None
    start_from(built.model, solver)
    return solver


def nothing_placed(built: BuiltModel, how: Search) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]:
    """The valid plan that is always there: no meeting placed (each says the time limit
    stopped it), lunches and office days kept."""
    solver, status = with_only(built, how.fallback, set())
    log.info("no plan within the time limit; with nothing placed: %s", solver.status_name(status))
    return solver, cp_model.FEASIBLE if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else status


def with_only(
    built: BuiltModel, configure: Configure, placed: set[tuple[str, int, int]],
) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]:
    """The model with exactly these meetings placed, as a feasibility problem, solved as
    `configure` says (its time limit too). The variables keep their indices, so the
    solution reads through the same variables.

    Before the stages (no objective yet) the model itself is solved with its starts fixed,
    then given back its domains: a copy of the whole model was a tenth of the first plan's
    CPU on the organisation's teams. After them, a copy, which leaves their objective alone.
    """
    fixed = built.model
    if fixed.proto.has_objective():
        fixed = fixed.clone()
        fixed.clear_objective()
    variables = fixed.proto.variables  # once: the property costs a call per start otherwise
    domains = [variables[var.index].domain for var in built.variables.start.values()]
    before = [(domain[0], domain[1]) for domain in domains]
    for key, domain in zip(built.variables.start, domains, strict=True):
        # Fixed through the domain, not a constraint each (nor one for all): tens of
        # thousands of them on a large model cost more to load than the search that follows.
        domain[0] = domain[1] = int(key in placed)
    solver = cp_model.CpSolver()
    configure(solver)
    try:
        return solver, solver.solve(fixed)
    finally:
        for domain, (low, high) in zip(domains, before, strict=True):
            domain[0], domain[1] = low, high

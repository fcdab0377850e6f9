"""Plan a team week in named steps: refuse contradictions, build the model, budget the time,
complete a first plan, solve in stages, and turn the outcome into the v1 plan."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from functools import partial

from ortools.sat.python import cp_model

from scheduler.domain import CalendarFacts, Plan, Status, TeamRequest
from scheduler.errors import RhythmError
from scheduler.model.build import BuiltModel, Rule, build_model
from scheduler.model.solution import read_solution
from scheduler.model.week import Week
from scheduler.plan.assemble import assemble_plan
from scheduler.solve.canonical import canonical_plan, tie_break_weights
from scheduler.solve.feasibility import contradictions
from scheduler.solve.first_plan import Configure, first_plan, nothing_placed
from scheduler.solve.lexicographic import Outcome, solve_lexicographic
from scheduler.solve.office_polish import SHARE as POLISH_SHARE
from scheduler.solve.office_polish import polish_office_days
from scheduler.solve.settings import FIRST_PLAN_SHARE, LARGE_MODEL_STARTS, Budget, SolveSettings

DEFAULT_SETTINGS = SolveSettings()
log = logging.getLogger("rhythm.solver")


class RulesContradiction(RhythmError):
    """The rules and the calendars cannot all hold at once, whatever the plan."""


def plan_week(
    request: TeamRequest,
    facts: Mapping[str, CalendarFacts],
    rules: tuple[Rule, ...],
    settings: SolveSettings = DEFAULT_SETTINGS,
    *,
    current: Plan | None = None,
    now: datetime | None = None,
) -> Plan:
    """The best plan under `rules` (the caller composes them: `constraints.RULES`) found
    within the settings' time limit, model building and explaining included; `optimal` only
    when CP-SAT proved it.

    With `current` (the plan in use), re-plan: its meetings stay unless they must move, and
    none that is pinned or starts within `freeze_hours` of `now` moves at all.
    """
    if current is not None and current.team != request.team:
        raise RhythmError(f"the plan in use is for team {current.team}, not {request.team}")
    budget = Budget(settings.time_limit, len(request.members))
    week = Week(request, facts, current, now)
    refuse_contradictions(week)
    built = build_model(week, rules)
    log.info("model built in %.2fs: %d variables, %d constraints", budget.spent(),
             len(built.model.proto.variables), len(built.model.proto.constraints))
    configure = partial(settings.configure, large_model=len(built.variables.start) > LARGE_MODEL_STARTS)
    deterministic = settings.deterministic_budget()
    first = first_plan(built, configure, budget.for_first_plan(),
                       deterministic and deterministic * FIRST_PLAN_SHARE)
    staged = staged_solve(built, budget, settings, configure, deterministic)
    solver, status = outcome(staged, first, built, configure, settings)
    return with_calendar_warnings(plan_from(week, built, solver, status, budget), facts)


def staged_solve(built: BuiltModel, budget: Budget, settings: SolveSettings, configure: Configure,
                 deterministic: float | None) -> Outcome:
    """Tier by tier; then, cut short, office days polished in the time kept back, or, proven,
    the canonical plan among the equally good ones."""
    tie_break = tie_break_weights(built.variables) if settings.reproducible else None
    staged = solve_lexicographic(built.model, built.terms,
                                 time_limit=budget.for_search() * (1 - POLISH_SHARE),
                                 configure=configure, deterministic=deterministic, tie_break=tie_break)
    if staged.status == cp_model.FEASIBLE and not settings.deterministic:
        staged.solver = polish_office_days(built, staged.solver, seconds=budget.for_search(),
                                           configure=configure) or staged.solver
    if settings.reproducible and staged.proven and not staged.canonical:
        staged.solver = canonical_plan(built, staged.solver,
                                       seconds=budget.for_search(), configure=configure) or staged.solver
    return staged


def with_calendar_warnings(plan: Plan, facts: Mapping[str, CalendarFacts]) -> Plan:
    """The plan says which members' calendars were read past something."""
    warned = {member: f.warnings for member, f in facts.items() if f.warnings}
    return replace(plan, calendar_warnings=warned) if warned else plan


def refuse_contradictions(week: Week) -> None:
    problems = contradictions(week)
    if problems:
        raise RulesContradiction("\n".join(problems))


def outcome(staged: Outcome, first: cp_model.CpSolver | None, built: BuiltModel,
            configure: Configure, settings: SolveSettings) -> tuple[cp_model.CpSolver, Status]:
    """The solver holding the plan to return, and its status: the staged search's, else the
    first plan, else the plan with nothing placed; a refusal when the rules cannot hold."""
    solver, status = staged.solver, staged.status
    if status == cp_model.UNKNOWN:
        solver, status = (first, cp_model.FEASIBLE) if first else nothing_placed(built, configure)
    if status == cp_model.INFEASIBLE:
        raise RulesContradiction("the office rules cannot all hold this week "
                                 "(office days per member, never/always days and capacity)")
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise RhythmError(f"no valid plan found within the time limit of {settings.time_limit:g} s; "
                          "try a longer --time-limit")
    return solver, "optimal" if status == cp_model.OPTIMAL else "feasible"


def plan_from(week: Week, built: BuiltModel, solver: cp_model.CpSolver, status: Status,
              budget: Budget) -> Plan:
    began = budget.spent()
    plan = assemble_plan(week, built.variables.slots, read_solution(solver, built.variables), status)
    log.info("plan assembled in %.2fs", budget.spent() - began)
    return replace(plan, metrics={**plan.metrics, "solve_seconds": round(budget.spent(), 3)})

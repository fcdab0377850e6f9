"""Plan a team week, or several: one model, or week by week around a rhythm; then the v1 plan."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime

from scheduler.domain import CalendarFacts, Plan, TeamRequest
from scheduler.domain.availability import with_calendars
from scheduler.errors import RhythmError
from scheduler.model.build import rule_scores
from scheduler.model.rule import Rule, grid_of
from scheduler.model.solution import read_solution
from scheduler.model.week import Week
from scheduler.plan.assemble import assemble_plan
from scheduler.solve.horizon import by_week, plan_by_week
from scheduler.solve.policy import Budget, SolveSettings
from scheduler.solve.week_solve import RulesContradiction, Solved, solve_week

DEFAULT_SETTINGS = SolveSettings()
log = logging.getLogger("rhythm.solver")

__all__ = ["RulesContradiction", "plan_week"]


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
    # Reading out and explaining a plan grows with its member-weeks.
    budget = Budget(settings.time_limit, len(request.members) * request.weeks, settings.policy)
    if by_week(request, current, settings):
        plan = plan_by_week(request, facts, rules, settings, budget)
    else:
        week = Week(request, facts, current, now, grid=grid_of(request, rules))
        plan = plan_from(week, solve_week(week, rules, settings, budget), budget)
    return with_calendars(with_calendar_warnings(timed(plan, budget), facts), request, facts)


def with_calendar_warnings(plan: Plan, facts: Mapping[str, CalendarFacts]) -> Plan:
    """The plan says which members' calendars were read past something."""
    warned = {member: f.warnings for member, f in facts.items() if f.warnings}
    return replace(plan, calendar_warnings=warned) if warned else plan


def plan_from(week: Week, solved: Solved, budget: Budget) -> Plan:
    began = budget.spent()
    variables = solved.built.variables
    for score in rule_scores(solved.built, solved.solver):  # the score explained, rule by rule
        log.info("objective: %s", score)
    plan = assemble_plan(variables.candidates, read_solution(solved.solver, variables), solved.status)
    log.info("plan assembled in %.2fs", budget.spent() - began)
    # One line for `rhythm --verbose plan`: where the wall clock went, step by step.
    steps = [*solved.steps, ("plan", budget.spent() - began)]
    log.info("time per step: %s; %.2fs in all",
             ", ".join(f"{name} {seconds:.2f}s" for name, seconds in steps), budget.spent())
    return plan


def timed(plan: Plan, budget: Budget) -> Plan:
    return replace(plan, metrics={**plan.metrics, "solve_seconds": round(budget.spent(), 3)})

"""Solving a team week: the policy as values (`SolveSettings`, `TimePolicy`), the first-fit
plan, the staged CP-SAT solve, and `plan_week`, which runs them in named steps."""

from scheduler.solve.planner import RulesContradiction, plan_week
from scheduler.solve.policy import DEFAULT_TIME_LIMIT, SolveSettings, TimePolicy

__all__ = ["DEFAULT_TIME_LIMIT", "RulesContradiction", "SolveSettings", "TimePolicy", "plan_week"]

"""Solving a team week: the policy as a value (`SolveSettings`), the first-fit plan, the staged
CP-SAT solve, and `plan_week`, which runs them in named steps."""

from scheduler.solve.planner import RulesContradiction, plan_week
from scheduler.solve.settings import DEFAULT_TIME_LIMIT, SolveSettings

__all__ = ["DEFAULT_TIME_LIMIT", "RulesContradiction", "SolveSettings", "plan_week"]

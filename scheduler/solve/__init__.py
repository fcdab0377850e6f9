"""Solving a team week: the policy as values (`SolveSettings`, `TimePolicy`), the first-fit
plan, the staged CP-SAT solve, `plan_week`, which runs them in named steps, and
`plan_checked`, the plan the validator accepted, which is what every caller asks for."""

from scheduler.solve.checked import PlanRejected, plan_checked
from scheduler.solve.planner import RulesContradiction, plan_week
from scheduler.solve.policy import DEFAULT_TIME_LIMIT, SolveSettings, TimePolicy

__all__ = ["DEFAULT_TIME_LIMIT", "PlanRejected", "RulesContradiction", "SolveSettings", "TimePolicy",
           "plan_checked", "plan_week"]

"""Solving a team week: the policy as values (`SolveSettings`, `TimePolicy`), the first-fit
plan, the staged CP-SAT solve, `plan_week`, which runs them in named steps, and
`plan_checked`, the plan the validator accepted, which is what every caller asks for.

`solve_lexicographic` with its `Stage`s and a `Search` solves any other model the same way,
stage by stage under the same policy (the organisation's master problem)."""

from scheduler.solve.checked import PlanRejected, plan_checked
from scheduler.solve.lexicographic import Outcome, Stage, solve_lexicographic
from scheduler.solve.planner import RulesContradiction, plan_week
from scheduler.solve.policy import DEFAULT_TIME_LIMIT, SolveSettings, TimePolicy
from scheduler.solve.settings import Search

__all__ = ["DEFAULT_TIME_LIMIT", "Outcome", "PlanRejected", "RulesContradiction", "Search", "SolveSettings",
           "Stage", "TimePolicy", "plan_checked", "plan_week", "solve_lexicographic"]

"""Solving a team week: the policy as values (`SolveSettings`, `TimePolicy`), the first-fit
plan, the staged CP-SAT solve, `plan_week`, which runs them in named steps, and
`plan_checked`, the plan the validator accepted, which is what every caller asks for.

`solve_lexicographic` with its `Stage`s and a `Search` solves any other model the same way,
stage by stage under the same policy (the organisation's master problem).

Everything but the policy (and OR-Tools with it, 0.6 s to import) is loaded when first asked
for, so a caller that only reads the settings, such as `rhythm --help` showing the default
time limit, starts without the solver.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from scheduler.solve.policy import DEFAULT_TIME_LIMIT, SolveSettings, TimePolicy

if TYPE_CHECKING:
    from scheduler.solve.checked import PlanRejected, plan_checked
    from scheduler.solve.lexicographic import Outcome, Stage, solve_lexicographic
    from scheduler.solve.planner import RulesContradiction, plan_week
    from scheduler.solve.settings import Search

_LAZY = {"PlanRejected": "checked", "plan_checked": "checked", "Outcome": "lexicographic",
         "Stage": "lexicographic", "solve_lexicographic": "lexicographic",
         "RulesContradiction": "planner", "plan_week": "planner", "Search": "settings"}

__all__ = ["DEFAULT_TIME_LIMIT", "Outcome", "PlanRejected", "RulesContradiction", "Search", "SolveSettings",
           "Stage", "TimePolicy", "plan_checked", "plan_week", "solve_lexicographic"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"scheduler.solve.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

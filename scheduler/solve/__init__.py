"""Solving a team week: the policy as a value (`SolveSettings`), the first-fit plan, the staged
CP-SAT solve, and `plan_week`, which runs them in named steps.

`plan_week` (and OR-Tools with it, 0.6 s to import) is loaded when first asked for, so a
caller that only reads the settings, such as `rhythm --help` showing the default time limit,
starts without the solver.
"""

from typing import TYPE_CHECKING, Any

from scheduler.solve.settings import DEFAULT_TIME_LIMIT, SolveSettings

if TYPE_CHECKING:
    from scheduler.solve.planner import RulesContradiction, plan_week

__all__ = ["DEFAULT_TIME_LIMIT", "RulesContradiction", "SolveSettings", "plan_week"]


def __getattr__(name: str) -> Any:
    if name in ("RulesContradiction", "plan_week"):
        from scheduler.solve import planner

        return getattr(planner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

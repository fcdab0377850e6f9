"""Plan a week, and never hand out a plan the spec rejects: the use case the command line,
the web's plan jobs and the organisation's team solves all run.

The validator (`scheduler.validate`) knows nothing of how a plan was made; a plan it rejects
is a bug in the solver, so it is never written, stored or sent, and every caller says so in
the same words (`PlanRejected`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from scheduler.domain import CalendarFacts, Plan, TeamRequest
from scheduler.errors import RhythmError
from scheduler.model.build import Rule
from scheduler.solve.planner import DEFAULT_SETTINGS, plan_week
from scheduler.solve.policy import SolveSettings
from scheduler.validate import Violation, validate


class PlanRejected(RhythmError):
    """The solver made a plan the validator rejects: nothing is written, stored or sent."""

    def __init__(self, broken: list[Violation]) -> None:
        self.broken = broken
        super().__init__("the planner produced a plan that breaks rules (a bug: please report it): "
                         + "; ".join(str(v) for v in broken))


def plan_checked(
    request: TeamRequest,
    facts: Mapping[str, CalendarFacts],
    rules: tuple[Rule, ...],
    settings: SolveSettings = DEFAULT_SETTINGS,
    *,
    current: Plan | None = None,
    now: datetime | None = None,
) -> Plan:
    """`plan_week` (the same arguments), checked against the request and the calendars it
    was planned from; PlanRejected when the validator names a broken rule."""
    plan = plan_week(request, facts, rules, settings, current=current, now=now)
    broken = validate(request, facts, plan)
    if broken:
        raise PlanRejected(broken)
    return plan

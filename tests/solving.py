"""Solve small requests in tests, always checking the plan against the validator (the spec)."""

from __future__ import annotations

from collections.abc import Mapping

from constraints import RULES
from scheduler.domain import CalendarFacts, Plan, TeamRequest
from scheduler.model.rule import Rule
from scheduler.solve import SolveSettings, plan_week
from scheduler.validate import Violation, validate


def solve(asked: TeamRequest, facts: Mapping[str, CalendarFacts] | None = None) -> Plan:
    """The optimal plan, which must satisfy every rule."""
    result = plan_week(asked, facts or {}, RULES, SolveSettings(time_limit=20))
    assert result.status == "optimal"
    assert validate(asked, facts or {}, result) == []
    return result


def plan_without(rule: Rule, asked: TeamRequest, facts: Mapping[str, CalendarFacts] | None = None) -> Plan:
    """The plan made with one rule switched off."""
    rules = tuple(r for r in RULES if r is not rule)
    return plan_week(asked, facts or {}, rules, SolveSettings(time_limit=20))


def solve_without(
    rule: Rule, asked: TeamRequest, facts: Mapping[str, CalendarFacts] | None = None
) -> list[Violation]:
    """What the validator finds in a plan made with one rule switched off."""
    return validate(asked, facts or {}, plan_without(rule, asked, facts))


def rules_broken(violations: list[Violation]) -> set[str]:
    return {v.rule for v in violations}

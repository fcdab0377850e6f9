"""When the time limit ends before CP-SAT finds any plan, rhythm still returns a valid one."""

from __future__ import annotations

from scheduler.assemble import assemble_plan
from scheduler.model import build_model
from scheduler.solution import read_solution
from scheduler.solve import _with_nothing_placed
from scheduler.validate import validate
from scheduler.week import Week
from tests.factories import meeting, member, request


def test_the_plan_with_nothing_placed_keeps_every_rule_and_says_why():
    asked = request([member("ana"), member("bram")], [meeting("chat", ["ana", "bram"], per_week=2)])
    week = Week(asked, {})
    built = build_model(week)
    solver, _ = _with_nothing_placed(built, lambda s: None, time_limit=5)
    plan = assemble_plan(week, built.variables.slots, read_solution(solver, built.variables), "feasible")
    assert plan.meetings == () and len(plan.lunches) == 10
    assert validate(asked, {}, plan) == []
    assert [u.occurrence for u in plan.unplaced] == [1, 2]
    assert "time limit" in plan.unplaced[0].reason

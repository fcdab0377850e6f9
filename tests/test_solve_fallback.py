"""The plans rhythm falls back on when CP-SAT finds none in time: the first-fit plan, and the
plan with nothing placed. Both keep every rule."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from constraints import RULES
from scheduler.domain import Lunch, Plan, Room, TeamRequest
from scheduler.model.build import BuiltModel, build_model
from scheduler.model.solution import read_solution
from scheduler.model.week import Week
from scheduler.plan.assemble import assemble_plan
from scheduler.solve import SolveSettings
from scheduler.solve.first_plan import first_plan, nothing_placed
from scheduler.solve.greedy import first_fit
from scheduler.solve.settings import Search
from scheduler.validate import validate
from tests.factories import DEFAULT_RULES, interval, meeting, member, request

ONE_WORKER = Search(SolveSettings(), large_model=False)
ONLY_MONDAY_TEN_TO_ELEVEN = [interval("mon", "11:00", "15:00")] + [
    interval(d, "10:00", "15:00") for d in ("tue", "thu", "fri")
]


def _plan(week: Week, built: BuiltModel, solver) -> Plan:
    return assemble_plan(built.variables.candidates, read_solution(solver, built.variables), "feasible")


def test_the_plan_with_nothing_placed_keeps_every_rule_and_says_why():
    asked = request([member("ana"), member("bram")], [meeting("chat", ["ana", "bram"], per_week=2)])
    week = Week(asked, {})
    built = build_model(week, RULES)
    solver, _ = nothing_placed(built, ONE_WORKER)
    plan = _plan(week, built, solver)
    assert plan.meetings == () and len(plan.lunches) == 10
    assert validate(asked, {}, plan) == []
    assert [u.occurrence for u in plan.unplaced] == [1, 2]
    assert "time limit" in plan.unplaced[0].reason


def _crowded() -> TeamRequest:
    """Three office meetings that all want Monday 10:00-11:00, one room, shared people."""
    team = [member(n, busy=ONLY_MONDAY_TEN_TO_ELEVEN) for n in ("ana", "bram", "cas", "dewi")]
    asked = request(team, [meeting("a", ["ana", "bram"], minutes=25, where="office"),
                           meeting("b", ["ana", "cas"], minutes=25, where="office"),
                           meeting("c", ["cas", "dewi"], minutes=25, where="office")])
    return replace(asked, rooms=(Room("R1", "Room 1", 4),))


def test_first_fit_never_double_books_a_person_or_a_room():
    built = build_model(Week(_crowded(), {}), RULES)
    starts = sorted(first_fit(built.variables).starts)
    # Monday 10:00 and 10:30 are the only starts: a takes one, b shares ana with a and c
    # shares the one room with whichever holds the other half hour.
    assert len(starts) == 2 and {slot for _, _, slot in starts} == {0, 1}


def test_first_fit_keeps_every_member_a_lunch():
    # Free on Monday 11:00-14:00 only, lunch exactly 12:00-13:00: of the hour-long meetings
    # only 11:00 and 13:00 leave the lunch free.
    busy = [interval("mon", "10:00", "11:00"), interval("mon", "14:00", "15:00")] + [
        interval(d, "10:00", "15:00") for d in ("tue", "thu", "fri")]
    rules = replace(DEFAULT_RULES, lunch=Lunch(time(12), time(13), 60))
    asked = request([member("ana", busy=busy), member("bram", busy=busy)],
                    [meeting(f"m{i}", ["ana", "bram"], minutes=55) for i in range(3)], rules)
    week = Week(asked, {})
    built = build_model(week, RULES)
    draft = first_fit(built.variables)
    assert sorted(built.variables.slots.starts[slot] for _, _, slot in draft.starts) == [11 * 60, 13 * 60]
    assert draft.lunch[("ana", 0)] == 12 * 60


def test_the_first_fit_plan_is_completed_into_a_valid_plan():
    asked = _crowded()
    week = Week(asked, {})
    built = build_model(week, RULES)
    solver = first_plan(built, ONE_WORKER, seconds=5)
    assert solver is not None
    plan = _plan(week, built, solver)
    assert len(plan.meetings) == 2 and {m.room for m in plan.meetings} == {"R1"}
    assert validate(asked, {}, plan) == []


def test_first_fit_brings_in_no_more_members_than_the_office_has_seats():
    # Everyone can meet on Monday only; the office holds three. The first meeting brings two
    # in, so the second (two more) no longer fits: each of its two saw a seat left, but not
    # both (the bug that left a 50-member six-week rhythm with nothing placed).
    team = [member(n, busy=ONLY_MONDAY_TEN_TO_ELEVEN) for n in ("ana", "bram", "cas", "dewi")]
    asked = request(team, [meeting("a", ["ana", "bram"], minutes=25, where="office"),
                           meeting("b", ["cas", "dewi"], minutes=25, where="office")],
                    replace(DEFAULT_RULES, office_capacity=3))
    week = Week(asked, {})
    built = build_model(week, RULES)
    draft = first_fit(built.variables)
    assert len(draft.starts) == 1 and len({member for member, _ in draft.office}) == 2
    solver = first_plan(built, ONE_WORKER, seconds=5)
    assert solver is not None
    plan = _plan(week, built, solver)
    assert len(plan.meetings) == 1 and validate(asked, {}, plan) == []

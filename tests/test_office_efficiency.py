"""The plan says how close its office days come to the best these counts could give, and
names the days the office is full; the validator recomputes both."""

from __future__ import annotations

from dataclasses import replace

from cli.table import render_week
from scheduler.domain import OfficeDays, Rules
from scheduler.validate import validate
from tests.factories import day, member, plan, request
from tests.solving import solve

TEAM = [member(n) for n in ("ana", "bram", "cas")]
TWO_DAYS = Rules(office_days=OfficeDays(2, 2))


def test_a_scattered_week_is_a_third_of_ideal():
    # ana Mon+Tue, bram Tue+Thu, cas Thu+Fri: only Tue (ana, bram) and Thu (bram, cas) hold a
    # pair, 2 in all; the three on the same two days would make 3 pairs a day, 6: 2/6.
    asked = request(TEAM, rules=TWO_DAYS)
    scattered = plan(asked, office={"ana": ("mon", "tue"), "bram": ("tue", "thu"),
                                    "cas": ("thu", "fri")})
    stated = replace(scattered, metrics={**scattered.metrics, "office_efficiency": 0.3333})
    assert validate(asked, {}, stated) == []
    wrong = replace(scattered, metrics={**scattered.metrics, "office_efficiency": 1.0})
    [violation] = validate(asked, {}, wrong)
    assert violation.rule == "office_efficiency_stated"
    assert "office_efficiency is 1.0, but the plan gives 0.3333" in violation.message


def test_the_solver_reaches_the_ideal_and_reports_it():
    result = solve(request(TEAM, rules=TWO_DAYS))
    assert result.metrics["office_pair_days"] == 6
    assert result.metrics["office_efficiency"] == 1.0
    assert result.full_office_days == ()


def test_a_full_office_is_named_in_the_plan_and_the_summary():
    # Four members, two days each, three seats: 8 office days fill two days with 3 and one
    # with 2 at best (3 + 3 + 1 pairs); the two days with three in are full.
    four = [*TEAM, member("dewi")]
    asked = request(four, rules=Rules(office_days=OfficeDays(2, 2), office_capacity=3))
    result = solve(asked)
    assert result.metrics["office_pair_days"] == 7
    assert result.metrics["office_efficiency"] == 1.0
    loads = {d: sum(d in days for days in result.office_days.values()) for d in
             {d for days in result.office_days.values() for d in days}}
    assert sorted(result.full_office_days) == sorted(d for d, n in loads.items() if n == 3)
    assert len(result.full_office_days) == 2
    text = render_week(result, asked)
    assert "(100.0% of the most these office days could give)" in text
    assert "Office full on " in text and ": capacity 3 kept someone home." in text


def test_a_full_day_left_unnamed_is_caught():
    # Three seats, three in on Mon and Tue while dewi, who could come, is home: capacity binds.
    four = [*TEAM, member("dewi")]
    asked = request(four, rules=Rules(office_days=OfficeDays(2, 2), office_capacity=3))
    together = plan(asked, office={**{m.id: ("mon", "tue") for m in TEAM}, "dewi": ("wed", "thu")})
    stated = replace(together, metrics={**together.metrics, "office_efficiency": 0.8571})
    assert [v.rule for v in validate(asked, {}, stated)] == ["full_office_days_named"] * 2
    named = replace(stated, full_office_days=(day("mon"), day("tue")))
    assert validate(asked, {}, named) == []


def test_office_full_only_when_capacity_kept_someone_home():
    # An office as large as the team, everyone in: full, and no limit at all.
    asked = request(TEAM, rules=Rules(office_days=OfficeDays(2, 2), office_capacity=3))
    together = plan(asked, office={m.id: ("mon", "tue") for m in TEAM})
    stated = replace(together, metrics={**together.metrics, "office_efficiency": 1.0}, days_off={}, busy={})
    assert validate(asked, {}, stated) == []
    assert "Office full" not in render_week(stated, asked)
    claimed = replace(stated, full_office_days=(day("mon"),))
    [wrong] = validate(asked, {}, claimed)
    assert wrong.rule == "full_office_days_named" and "capacity keeps someone home on Mon" in wrong.message
    # A plan made before (it states no days off) named every day at capacity: still valid.
    assert validate(asked, {}, replace(claimed, days_off=None, busy=None)) == []
    # Solved the same: the plan names no day.
    assert solve(asked).full_office_days == ()

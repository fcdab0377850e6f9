"""The master as organisations are: team capacity below the team's size, a team bigger than
its building, office.always days, people in two teams, and refusals whose counts add up."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from organisation.check import building_capacity, one_week_per_person
from organisation.master import MasterInfeasible
from organisation.planner import plan_org
from organisation.teams import in_process_pool

from .factories import org, team

NAMES = [f"p{i:02d}" for i in range(60)]


def planned(o):
    outcome = plan_org(o, in_process_pool(1), master_time_limit=5, alone=False)
    errors = [r.error for r in outcome.plans.values() if r.error]
    assert errors == []
    return outcome, {t: r.plan for t, r in outcome.plans.items()}


def office_days(plan):
    return {m: set(days) for m, days in plan["office_days"].items()}


def test_a_team_with_capacity_below_its_size_gets_enough_days():
    big = team("big", NAMES[:16], rules={"office_days": {"min": 2, "max": 3}, "office_capacity": 12})
    outcome, plans = planned(org([big, team("small", NAMES[16:20])], desks=40))
    days = office_days(plans["big"])
    assert all(len(d) >= 2 for d in days.values()), days
    per_day = Counter(d for ds in days.values() for d in ds)
    assert max(per_day.values()) <= 12 and len(per_day) >= 3
    assert "big" in outcome.master.split


def test_a_team_larger_than_its_buildings_desks_comes_in_groups():
    o = org([team("large", NAMES[:10]), team("other", NAMES[10:14])], desks=7)
    outcome, plans = planned(o)
    assert "large" in outcome.master.split
    assert building_capacity(o, plans) == []
    days = office_days(plans["large"])
    assert all(2 <= len(d) <= 3 for d in days.values()), days
    # Kept together as far as 7 desks allow: never fewer than 3 of the team on a day it comes.
    per_day = Counter(d for ds in days.values() for d in ds)
    assert min(per_day.values()) >= 3, per_day


def test_an_always_day_is_one_of_the_teams_days():
    members = NAMES[:6]
    crew = team("crew", members, rules={"office_days": {"min": 2, "max": 2}})
    crew["members"][0]["office"] = {"always": ["fri"]}
    _, plans = planned(org([crew, team("data", NAMES[6:10])], desks=8))
    days = office_days(plans["crew"])
    assert "2026-12-04" in days[members[0]]
    assert all(len(d) == 2 for d in days.values())


def test_a_person_in_two_teams_has_one_week_within_both_capacities():
    rules = {"office_days": {"min": 2, "max": 3}, "office_capacity": 5}
    first = team("first", NAMES[:8], rules=rules)
    second = team("second", [*NAMES[8:13], NAMES[0]], rules=rules)
    o = org([first, second], desks=9)
    _, plans = planned(o)
    assert one_week_per_person(o, plans) == []
    shared = office_days(plans["first"])[NAMES[0]]
    assert shared == office_days(plans["second"])[NAMES[0]] and len(shared) >= 2
    for plan in plans.values():
        assert max(Counter(d for ds in office_days(plan).values() for d in ds).values()) <= 5


def test_a_refusal_names_the_building_and_its_numbers_add_up():
    o = org([team("a", NAMES[:12]), team("b", NAMES[12:20])], desks=7)  # 20 x 2 days > 7 x 5
    with pytest.raises(MasterInfeasible) as refused:
        plan_org(o, in_process_pool(1), master_time_limit=5, alone=False)
    message = str(refused.value)
    found = re.search(r"utrecht: its (\d+) people need (\d+) office days .* its (\d+) desks on the days "
                      r"they can come hold (\d+) \((.*)\)", message)
    assert found, message
    people, need, desks, hold, per_day = found.groups()
    assert (int(people), int(need), int(desks)) == (20, 40, 7)
    days = [int(n) for n in re.findall(r"\w+ (\d+)", per_day)]
    assert sum(days) == int(hold) == 35 and int(need) > int(hold)


def test_a_team_capacity_refusal_names_the_team_and_its_numbers_add_up():
    tight = team("tight", NAMES[:10], rules={"office_days": {"min": 2, "max": 3}, "office_capacity": 3})
    with pytest.raises(MasterInfeasible) as refused:
        plan_org(org([tight], desks=50), in_process_pool(1), master_time_limit=5, alone=False)
    found = re.search(r"team tight \(utrecht\): its (\d+) people need (\d+) office days \(office_days.min\), "
                      r"its office_capacity of (\d+) on the days they can come holds (\d+) \((.*)\)",
                      str(refused.value))
    assert found, str(refused.value)
    people, need, capacity, hold, per_day = found.groups()
    assert (int(people), int(need), int(capacity)) == (10, 20, 3)
    assert sum(int(n) for n in re.findall(r"\w+ (\d+)", per_day)) == int(hold) == 15

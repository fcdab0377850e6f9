"""A pair of tests for each rule of a re-plan: what is pinned or about to start keeps its
time. The validator cannot see these (it checks a plan without the plan in use), so the
switched-off half checks the plan itself: the meeting moves when moving it places another."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time

import pytest

from constraints import RULES
from constraints.pins import Pinned, keep_pinned, pins_that_fit
from constraints.stability import pinned_and_frozen_stay
from scheduler.domain import Lunch, Plan, TeamRequest
from scheduler.solve import SolveSettings, plan_week
from scheduler.solve.planner import RulesContradiction
from scheduler.validate import validate
from tests.factories import DEFAULT_RULES, ZONE, at, interval, meeting, member, placed, request

LIMIT = SolveSettings(time_limit=20)
SUNDAY_EVENING = datetime(2026, 11, 29, 18, tzinfo=ZONE)  # Monday's meetings start within 24 h
SYNC, CHAT = meeting("sync", ["ana", "cas"]), meeting("chat", ["ana", "bram"])
# Bram is free on Monday at 10:00 only; Ana and Cas on Monday and Tuesday.
TEAM = [member("ana", busy=[interval(d, "10:00", "15:00") for d in ("thu", "fri")]),
        member("bram", busy=[interval("mon", "10:30", "15:00"),
                             *(interval(d, "10:00", "15:00") for d in ("tue", "thu", "fri"))]),
        member("cas")]


def replanned(asked: TeamRequest, current: Plan, rules: tuple = RULES) -> Plan:
    plan = plan_week(asked, {}, rules, LIMIT, current=current, now=SUNDAY_EVENING)
    assert validate(asked, {}, plan) == []
    return plan


def sync_on_monday_at_ten() -> Plan:
    """The plan in use: the sync on Monday at 10:00, before the chat was asked for."""
    before = plan_week(request(TEAM, [SYNC]), {}, RULES, LIMIT)
    return replace(before, meetings=(placed(SYNC, 1, "mon", "10:00"),))


def starts(plan: Plan) -> dict[str, datetime]:
    return {m.request: m.start for m in plan.meetings}


def test_pinned_and_frozen_stay_holds():
    plan = replanned(request(TEAM, [SYNC, CHAT]), sync_on_monday_at_ten())
    assert starts(plan) == {"sync": at("mon", "10:00")}


def test_pinned_and_frozen_stay_is_what_keeps_a_meeting_about_to_start():
    without = tuple(r for r in RULES if r is not pinned_and_frozen_stay)
    plan = replanned(request(TEAM, [SYNC, CHAT]), sync_on_monday_at_ten(), without)
    assert starts(plan)["chat"] == at("mon", "10:00") and starts(plan)["sync"] != at("mon", "10:00")


def test_keep_pinned_meetings_holds():
    asked = request(TEAM, [CHAT, SYNC])
    keys, notes = pins_that_fit(asked, {}, [Pinned("sync", "mon", "10:00")])
    plan = plan_week(asked, {}, (*RULES, keep_pinned(keys)), LIMIT)
    assert notes == [] and starts(plan) == {"sync": at("mon", "10:00")}


def test_keep_pinned_meetings_is_what_keeps_a_pin():
    plan = plan_week(request(TEAM, [CHAT, SYNC]), {}, RULES, LIMIT)
    assert starts(plan)["chat"] == at("mon", "10:00") and starts(plan)["sync"] != at("mon", "10:00")


def test_a_pin_on_a_lunch_with_no_choice_is_noted_not_a_key_error():
    # Lunch is exactly 12:00-13:00, so no meeting can start at 12:00: the start is pruned from
    # the model, and the pin used to raise KeyError when the model was built.
    rules = replace(DEFAULT_RULES, lunch=Lunch(time(12), time(13), 60))
    asked = request(TEAM, [CHAT, SYNC], rules)
    keys, notes = pins_that_fit(asked, {}, [Pinned("sync", "mon", "12:00")])
    assert keys == [] and "no longer fits" in notes[0]
    plan = plan_week(asked, {}, (*RULES, keep_pinned(keys)), LIMIT)
    assert validate(asked, {}, plan) == [] and len(plan.meetings) == 2


def test_a_pin_the_model_has_no_start_for_is_a_contradiction_not_a_key_error():
    # Wednesday is meetingless: the model has no start on it.
    asked = request(TEAM, [CHAT, SYNC])
    with pytest.raises(RulesContradiction):
        plan_week(asked, {}, (*RULES, keep_pinned([("sync", 2, 0)])), replace(LIMIT, time_limit=5))

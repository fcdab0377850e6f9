"""Lunch and focus starts that another start beats are no variables: the model is smaller and
every plan it had still has an equally good one (issue 26.1)."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

import scheduler.model.decisions
from constraints import RULES
from scheduler.domain import Focus, TeamRequest
from scheduler.model.build import build_model
from scheduler.model.decisions import undominated
from scheduler.model.week import Week
from scheduler.solve import SolveSettings, plan_week
from scheduler.validate import validate
from tests.factories import DEFAULT_RULES, all_lunches, interval, meeting, member, plan, request

LIMIT = SolveSettings(time_limit=20)
WITH_FOCUS = replace(DEFAULT_RULES, focus=Focus(120, 2))


def test_a_start_meeting_more_items_than_another_is_left_out():
    grid = [(600, 630), (630, 660)]
    # 10:05 meets both slots, 10:00 only the first, 10:30 only the second: 10:05 goes.
    assert undominated([600, 605, 630], 30, grid) == [600, 630]
    # Meeting the same items (none), the earliest stays.
    assert undominated([590, 595, 660], 5, grid) == [590]
    assert undominated([600, 605, 630], 30, grid, in_use=605) == [600, 605, 630]


def test_lunches_fall_on_the_grid_and_focus_after_meeting_hours_when_free():
    asked = request([member("ana"), member("bram")], [meeting("sync", ["ana", "bram"])], WITH_FOCUS)
    v = build_model(Week(asked, {}), RULES).variables
    # Lunch 12:00-13:00 for 30 minutes on a half-hour grid: 12:00 and 12:30 of seven starts.
    assert sorted(v.lunches("ana", 0)) == [12 * 60, 12 * 60 + 30]
    # 15:00-17:00 meets no meeting slot and no lunch: every other focus start is beaten.
    assert sorted(v.focus_blocks("ana", 0)) == [15 * 60]


def test_a_replan_can_keep_the_lunch_in_use_off_the_grid():
    asked = request([member("ana"), member("bram")], [meeting("sync", ["ana", "bram"])])
    current = plan(asked, lunches=all_lunches(asked, start="12:10"))
    v = build_model(Week(asked, {}, current), RULES).variables
    assert 12 * 60 + 10 in v.lunches("ana", 0)
    replanned = plan_week(asked, {}, RULES, LIMIT, current=current)
    assert validate(asked, {}, replanned) == []
    assert {lunch.start.strftime("%H:%M") for lunch in replanned.lunches} == {"12:10"}


def _scores(asked: TeamRequest, caplog: pytest.LogCaptureFixture) -> list[str]:
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="rhythm.solver"):
        found = plan_week(asked, {}, RULES, LIMIT)
    assert found.status == "optimal" and validate(asked, {}, found) == []
    return [r.getMessage() for r in caplog.records if r.getMessage().startswith("objective: ")]


def test_every_tier_is_as_good_as_with_every_start(caplog, monkeypatch):
    # Odd busy times leave lunch and focus starts off the grid; a tight week makes them matter.
    busy = [interval(d, "12:00", "12:20") for d in ("mon", "tue", "thu")] + [
        interval(d, "15:00", "16:10") for d in ("mon", "tue", "thu")]
    team = [member("ana", busy=busy), member("bram", working=("08:40", "16:00")), member("cas")]
    asked = request(team, [meeting("sync", ["ana", "bram"], minutes=55, per_week=3),
                           meeting("chat", ["ana", "cas"], optional=["bram"], per_week=2),
                           meeting("plan", ["bram", "cas"], minutes=55, optional=["ana"])], WITH_FOCUS)
    reduced = _scores(asked, caplog)
    monkeypatch.setattr(scheduler.model.decisions, "undominated", lambda starts, *_: starts)
    assert reduced == _scores(asked, caplog) and len(reduced) > 5

"""A plan carried on to the next week keeps each block's weekday and local time, also across
the change to summer time (the weekly cycle re-plans a new week from it)."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from scheduler.domain import Block, PlacedMeeting, Plan
from scheduler.plan.carry import carried
from scheduler.plan.plan_json import plan_from_json, plan_to_json

ZONE = ZoneInfo("Europe/Amsterdam")


def test_a_carried_plan_keeps_local_times_across_summer_time() -> None:
    monday = datetime(2027, 3, 22, 10, 0, tzinfo=ZONE)  # winter time; summer time from 28 March
    plan = Plan(team="t", week=date(2027, 3, 22), timezone="Europe/Amsterdam", status="optimal",
                meetings=(PlacedMeeting("sync#1", "sync", "Sync", monday, monday.replace(minute=25),
                                        ("ana",)),),
                lunches=(Block("ana", monday.replace(hour=12), monday.replace(hour=12, minute=30)),),
                office_days={"ana": (date(2027, 3, 23),)},
                metrics={"meetings_requested": 1, "meetings_placed": 1, "office_pair_days": 0})
    later = carried(plan)
    assert later.week == date(2027, 3, 29)
    start = later.meetings[0].start.astimezone(ZONE)
    assert (start.date(), start.hour, start.minute) == (date(2027, 3, 29), 10, 0)
    assert later.meetings[0].start.utcoffset().total_seconds() == 7200  # type: ignore[union-attr]
    assert later.lunches[0].start.astimezone(ZONE).hour == 12
    assert later.office_days == {"ana": (date(2027, 3, 30),)}
    assert later.changes == () and later.unplaced == ()  # how it was made is not carried
    assert plan_from_json(json.loads(json.dumps(plan_to_json(later)))) == later  # it reads back

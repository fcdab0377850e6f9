"""The rule added as an example of adding one: at most four hours of meetings a day
(`constraints/meeting_time.py`), off by default. The validator does not know it (the v1
request cannot ask for it), so the pair checks the plan itself: with the rule no member has
more than four hours of meetings on a day; without it, the day holds them all."""

from __future__ import annotations

from collections import Counter
from datetime import date, time

from constraints import RULES
from constraints.meeting_time import max_meeting_time_per_day
from scheduler.domain import Plan, Rules, TimeRange
from scheduler.solve import SolveSettings, plan_week
from scheduler.validate import validate
from tests.factories import interval, meeting, member, request
from tests.solving import solve

LONG_DAYS = Rules(meeting_hours=TimeRange(time(9), time(17)))
# Five hours-long meetings of Ana and Bram, and Monday the only day Ana is free.
FIVE_HOURS = [meeting(f"review-{n}", ["ana", "bram"], minutes=55) for n in range(1, 6)]
TEAM = [member("ana", busy=[interval(d, "09:00", "17:00") for d in ("tue", "thu", "fri")]), member("bram")]


def longest_day(plan: Plan, member_id: str) -> int:
    """The most minutes of meetings the member has on one day of the plan."""
    minutes: Counter[date] = Counter()
    for m in plan.meetings:
        if member_id in m.attendees:
            minutes[m.start.date()] += int((m.end - m.start).total_seconds()) // 60
    return max(minutes.values(), default=0)


def test_max_meeting_time_per_day_holds():
    asked = request(TEAM, FIVE_HOURS, LONG_DAYS)
    plan = plan_week(asked, {}, (*RULES, max_meeting_time_per_day(hours=4)), SolveSettings(time_limit=20))
    assert plan.status == "optimal" and validate(asked, {}, plan) == []
    assert len(plan.meetings) == 4 and longest_day(plan, "ana") == 4 * 55
    assert "meetings up to the limit of 4 h a day (Ana, Bram)" in plan.unplaced[0].reason


def test_max_meeting_time_per_day_is_off_by_default_and_what_keeps_the_day_short():
    plan = solve(request(TEAM, FIVE_HOURS, LONG_DAYS))
    assert len(plan.meetings) == 5 and longest_day(plan, "ana") == 5 * 55


def test_a_meeting_longer_than_the_limit_says_so():
    asked = request(TEAM, [meeting("offsite", ["ana", "bram"], minutes=55)], LONG_DAYS)
    plan = plan_week(asked, {}, (*RULES, max_meeting_time_per_day(hours=0.5)), SolveSettings(time_limit=20))
    assert plan.meetings == ()
    assert plan.unplaced[0].reason == "it lasts 55 minutes, more than the 0.5 h of meetings a day allowed"

"""A rhythm planned week by week: chosen on the typical week, then each week around it.

The same situations as test_rhythm.py, solved the way large teams are (`horizon="by_week"`),
and what only this way has: the typical week, and exceptions that say whether the
calendars forced them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import timedelta

from constraints import RULES
from scheduler.domain import CalendarFacts, Focus, Interval, Plan, TeamRequest, Weekday
from scheduler.model.typical_week import typical_week
from scheduler.model.week import Week
from scheduler.solve import SolveSettings, plan_week
from scheduler.validate import validate
from tests.factories import calendar, day, interval, meeting, member, request

WEEKS = 4


def by_week(asked: TeamRequest, facts: Mapping[str, CalendarFacts] | None = None) -> Plan:
    plan = plan_week(asked, facts or {}, RULES, SolveSettings(time_limit=20, horizon="by_week"))
    assert plan.status == "feasible"  # a rhythm chosen this way is never proven the best
    assert validate(asked, facts or {}, plan) == []
    return plan


def every_week(make: list[Interval], weeks: range) -> list[Interval]:
    return [Interval(b.start + timedelta(weeks=n), b.end + timedelta(weeks=n)) for n in weeks for b in make]


def in_week(n: int, *days: Weekday) -> list[Interval]:
    return every_week([interval(d, "09:00", "17:00") for d in days], range(n, n + 1))


def test_a_recurring_meeting_keeps_one_weekday_and_time_every_week():
    asked = replace(request([member("ana"), member("bram"), member("cas")],
                            [meeting("sync", ["ana", "bram", "cas"], per_week=2)]), weeks=WEEKS)
    plan = by_week(asked)
    assert len(plan.meetings) == 2 * WEEKS and plan.exceptions == ()
    pattern = {(p.weekday, p.start) for p in plan.rhythm.meetings}
    held = {(m.start.strftime("%a").lower(), m.start.time()) for m in plan.meetings}
    assert len(pattern) == 2 and held == pattern
    for member_id, weekdays in plan.rhythm.office_days.items():
        assert {d.strftime("%a").lower() for d in plan.office_days[member_id]} == set(weekdays)


def test_the_rhythm_lands_where_most_weeks_are_free_and_one_week_moves_forced():
    # bram is busy all Monday, Tuesday and Friday every week but the third, and free on
    # Thursdays but the third's (a conference): the rhythm takes Thursday, the third week moves.
    busy = [b for n in (0, 1, 3) for b in in_week(n, "mon", "tue", "fri")] + in_week(2, "thu")
    asked = replace(request([member("ana"), member("bram")], [meeting("chat", ["ana", "bram"])]),
                    weeks=WEEKS)
    plan = by_week(asked, {"bram": calendar(busy=busy)})
    [slot] = plan.rhythm.meetings
    assert slot.weekday == "thu" and len(plan.meetings) == WEEKS
    [moved] = plan.exceptions
    assert moved.kind == "moved" and moved.week == day("mon", 2) and moved.forced_by_calendar
    assert "Bram is busy 09:00-17:00" in moved.reason
    assert plan.metrics["meeting_exceptions"] == 1
    assert plan.metrics["meeting_exceptions_forced"] == sum(e.forced_by_calendar for e in plan.exceptions)


def test_a_week_with_no_valid_time_skips_the_occurrence_and_says_the_calendar_forced_it():
    asked = replace(request([member("ana"), member("bram")], [meeting("chat", ["ana", "bram"])]),
                    weeks=WEEKS)
    plan = by_week(asked, {"bram": calendar(busy=in_week(1, "mon", "tue", "thu", "fri"))})
    [skipped] = [e for e in plan.exceptions if e.request == "chat"]
    assert skipped.kind == "skipped" and skipped.forced_by_calendar
    assert "no other valid" in skipped.reason
    assert [u.request for u in plan.unplaced] == ["chat"] and len(plan.meetings) == WEEKS - 1


def test_a_member_away_one_week_has_an_office_exception_forced_by_the_calendar():
    asked = replace(request([member("ana"), member("bram")], [meeting("chat", ["ana", "bram"])]),
                    weeks=WEEKS)
    plan = by_week(asked, {"ana": calendar(off=[day(d, 1) for d in ("mon", "tue", "wed", "thu")])})
    [office] = [e for e in plan.exceptions if e.kind == "office"]
    assert office.member == "ana" and office.forced_by_calendar and "Ana is off on" in office.reason
    assert plan.metrics["office_exceptions_forced"] == 1


def test_the_typical_week_is_busy_where_most_weeks_are():
    weeks = range(WEEKS)
    standup = every_week([interval("tue", "10:00", "11:00")], weeks)  # every week
    dentist = every_week([interval("wed", "14:00", "15:00")], range(1))  # once
    half = every_week([interval("thu", "10:00", "12:00")], range(2))  # half the weeks: not most
    asked = replace(request([member("ana")], []), weeks=WEEKS)
    facts = {"ana": calendar(busy=standup + dentist + half, off=[day("fri", 3)])}
    typical = typical_week(Week(asked, facts))
    assert len(typical.days) == 5 and typical.request.weeks == 1
    busy = {f"{typical.days[d]:%a}": typical.at("ana", d).busy for d in range(5)}
    assert busy == {"Mon": (), "Tue": ((600, 660),), "Wed": (), "Thu": (), "Fri": ()}
    assert typical.at("ana", 4).works  # off one Friday of four



def test_each_week_keeps_the_typical_weeks_lunches_and_focus_blocks():
    """Week by week, the typical week is each week's plan in use, lunches and focus blocks
    included: a week whose calendar would allow other times keeps the usual ones."""
    rules = replace(request([]).rules, focus=Focus(minutes=120, blocks_per_week=5))
    asked = replace(request([member("ana"), member("bram")], [meeting("sync", ["ana", "bram"])], rules),
                    weeks=WEEKS)
    # Ana is busy at the start of Monday's lunch window and of Tuesday, but not in the second week.
    usual = [interval("mon", "12:00", "12:30"), interval("tue", "09:00", "10:00")]
    busy = every_week(usual, range(0, 1)) + every_week(usual, range(2, WEEKS))
    plan = by_week(asked, {"ana": calendar(busy=busy)})
    lunches = {f"{b.start:%H:%M}" for b in plan.lunches if b.member == "ana" and b.start.weekday() == 0}
    focus = {f"{b.start:%H:%M}" for b in plan.focus if b.member == "ana" and b.start.weekday() == 1}
    assert lunches == {"12:30"} and len(focus) == 1

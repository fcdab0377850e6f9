"""A pair of tests per calendar rule (`constraints/calendar.py`): the rule holds in the plan,
and it is the rule that keeps the meeting out (switched off, the validator finds exactly
that breach)."""

from __future__ import annotations

from datetime import time

from constraints.calendar import (
    busy_time,
    meeting_hours,
    meetingless_days,
    start_on_the_grid,
    workdays,
    working_hours,
)
from scheduler.domain import Weekday
from scheduler.validate import Violation
from tests.factories import calendar, interval, meeting, member, request
from tests.solving import solve, solve_without

WORKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri")
CHAT = meeting("chat", ["ana", "bram"])


def busy(days: tuple[Weekday, ...] = WORKDAYS, start: str = "10:00", end: str = "15:00") -> list:
    return [interval(d, start, end) for d in days]


def breaches(violations: list[Violation], rule: str) -> list[str]:
    return [v.message for v in violations if v.rule == rule]


ANA_AWAY_ALL_WEEK = member("ana", busy=busy(start="09:00", end="17:00"))


def test_workdays_hold():
    plan = solve(request([ANA_AWAY_ALL_WEEK, member("bram")], [CHAT]))
    assert plan.meetings == ()
    assert {b.start.strftime("%a") for b in plan.lunches} == {"Mon", "Tue", "Wed", "Thu", "Fri"}


def test_workdays_are_what_keeps_the_weekend_free():
    asked = request([ANA_AWAY_ALL_WEEK, member("bram")], [CHAT])
    assert "is not a workday" in " ".join(breaches(solve_without(workdays, asked), "workdays"))


ANA_BUSY_BUT_WEDNESDAY = member("ana", busy=busy(("mon", "tue", "thu", "fri")))


def test_meetingless_days_hold():
    plan = solve(request([ANA_BUSY_BUT_WEDNESDAY, member("bram")], [CHAT]))
    assert plan.meetings == () and "Ana is busy at every 25-minute block" in plan.unplaced[0].reason


def test_meetingless_days_are_what_keeps_wednesday_free():
    asked = request([ANA_BUSY_BUT_WEDNESDAY, member("bram")], [CHAT])
    broken = breaches(solve_without(meetingless_days, asked), "meetingless_days")
    assert len(broken) == 1 and broken[0].endswith("Wednesday is a meetingless day")


ANA_BUSY_IN_MEETING_HOURS = member("ana", busy=busy())


def test_meeting_hours_hold_and_starts_stay_on_the_half_hour():
    team = [member("ana", busy=[interval(d, "09:00", "10:10") for d in WORKDAYS]), member("bram")]
    plan = solve(request(team, [meeting("chat", ["ana", "bram"], per_week=4)]))
    assert {m.start.strftime("%H:%M") for m in plan.meetings} <= {"10:30", "11:00", "11:30", "14:30"}
    assert all(m.end.time() <= time(15) for m in plan.meetings)


def test_meeting_hours_are_what_keeps_meetings_out_of_the_early_morning_and_late_afternoon():
    asked = request([ANA_BUSY_IN_MEETING_HOURS, member("bram")], [CHAT])
    assert solve(asked).meetings == ()
    assert "outside the meeting hours 10:00-15:00" in " ".join(
        breaches(solve_without(meeting_hours, asked), "meeting_hours"))


# Free on Monday from 10:10 to 10:40 only: 25 minutes fit, but not from a half hour.
ANA_FREE_AT_TEN_PAST = member("ana", busy=[interval("mon", "10:00", "10:10"),
                                           interval("mon", "10:40", "15:00"), *busy(("tue", "thu", "fri"))])


def test_start_on_the_grid_holds():
    plan = solve(request([ANA_FREE_AT_TEN_PAST, member("bram")], [CHAT]))
    assert plan.meetings == ()


def test_start_on_the_grid_is_what_keeps_meetings_on_the_half_hour():
    asked = request([ANA_FREE_AT_TEN_PAST, member("bram")], [CHAT])
    broken = breaches(solve_without(start_on_the_grid, asked), "start_on_the_grid")
    assert len(broken) == 1 and broken[0].endswith("not on the (half) hour")


def test_working_hours_in_another_zone_hold():
    team = [member("ana"), member("bram", timezone="America/New_York", working=("04:00", "12:00"))]
    plan = solve(request(team, [CHAT]))
    assert plan.meetings[0].start.time() >= time(10)


def test_working_hours_are_what_keeps_a_new_york_member_out():
    asked = request([member("ana"), member("bram", timezone="America/New_York")], [CHAT])
    plan = solve(asked)
    assert plan.meetings == ()
    assert "Bram's working hours (09:00-17:00 America/New_York)" in plan.unplaced[0].reason
    broken = breaches(solve_without(working_hours, asked), "attendees_available")
    assert len(broken) == 1 and "outside Bram's working hours" in broken[0]


def test_days_off_hold():
    facts = {"bram": calendar(off=("mon", "tue", "thu", "fri"))}
    plan = solve(request([member("ana"), member("bram")], [CHAT]), facts)
    assert plan.meetings == ()
    assert "never all at work on the same meeting day" in plan.unplaced[0].reason


def test_days_off_are_working_hours_too():
    facts = {"bram": calendar(off=("mon", "tue", "thu", "fri"))}
    asked = request([member("ana"), member("bram")], [CHAT])
    assert "Bram is off that day" in " ".join(
        breaches(solve_without(working_hours, asked, facts), "attendees_available"))


def test_busy_time_holds():
    plan = solve(request([ANA_BUSY_IN_MEETING_HOURS, member("bram")], [CHAT]))
    assert plan.meetings == () and "Ana is busy at every 25-minute block" in plan.unplaced[0].reason


def test_busy_time_is_what_keeps_meetings_off_busy_calendars():
    asked = request([ANA_BUSY_IN_MEETING_HOURS, member("bram")], [CHAT])
    broken = breaches(solve_without(busy_time, asked), "attendees_available")
    assert len(broken) == 1 and "Ana is busy" in broken[0]

"""A weekly rhythm over several weeks: one pattern, and exceptions with reasons where a week
cannot keep it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from scheduler.domain import Interval, MeetingRequest, TeamRequest, Weekday
from tests.factories import calendar, interval, meeting, member, request
from tests.solving import solve

THREE_WEEKS = 3


def rhythm_request(*meetings: MeetingRequest) -> TeamRequest:
    team = [member(n) for n in ("ana", "bram", "cas")]
    return replace(request(team, meetings), weeks=THREE_WEEKS)


def test_a_recurring_meeting_keeps_one_weekday_and_time_every_week():
    plan = solve(rhythm_request(meeting("sync", ["ana", "bram", "cas"], per_week=2)))
    assert len(plan.meetings) == 6 and plan.exceptions == ()
    pattern = {(p.weekday, p.start) for p in plan.rhythm.meetings}
    held = {(m.start.strftime("%a").lower(), m.start.time()) for m in plan.meetings}
    assert len(pattern) == 2 and held == pattern


def test_office_days_follow_one_weekly_pattern():
    plan = solve(rhythm_request(meeting("sync", ["ana", "bram"])))
    for member_id, weekdays in plan.rhythm.office_days.items():
        days = plan.office_days[member_id]
        assert {d.strftime("%a").lower() for d in days} == set(weekdays)
        assert len(days) == THREE_WEEKS * len(weekdays)


def in_week(n: int, *days: Weekday) -> list[Interval]:
    """All of these weekdays busy in week n (0 = the first planned week)."""
    shift = timedelta(days=7 * n)
    return [Interval(b.start + shift, b.end + shift)
            for b in (interval(d, "09:00", "17:00") for d in days)]


def test_a_week_that_cannot_keep_the_slot_moves_the_occurrence_and_says_why():
    # ana can meet on Mondays and Tuesdays only; bram is away one Monday and one Tuesday,
    # so whichever weekday the rhythm takes, one week must move.
    ana = member("ana", busy=[b for n in range(THREE_WEEKS) for b in in_week(n, "thu", "fri")])
    asked = replace(request([ana, member("bram")], [meeting("chat", ["ana", "bram"])]),
                    weeks=THREE_WEEKS)
    plan = solve(asked, {"bram": calendar(busy=in_week(1, "mon") + in_week(2, "tue"))})
    [moved] = plan.exceptions
    assert moved.kind == "moved" and moved.request == "chat"
    assert "Bram is busy 09:00-17:00" in moved.reason
    assert moved.moved_to.strftime("%a") != moved.original.strftime("%a")
    assert len(plan.meetings) == THREE_WEEKS


def test_a_week_with_no_valid_time_skips_the_occurrence():
    busy = calendar(busy=in_week(1, "mon", "tue", "thu", "fri"))
    plan = solve(rhythm_request(meeting("chat", ["ana", "bram"])), {"bram": busy})
    [skipped] = [e for e in plan.exceptions if e.request == "chat"]
    assert skipped.kind == "skipped" and "no other valid" in skipped.reason
    assert [u.request for u in plan.unplaced] == ["chat"]


def test_a_one_off_meeting_has_no_pattern():
    plan = solve(rhythm_request(replace(meeting("offsite", ["ana", "bram"]), recurring=False)))
    assert plan.rhythm.meetings == () and len(plan.meetings) == THREE_WEEKS

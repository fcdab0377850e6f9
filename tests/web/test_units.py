"""Small pieces on their own: what changed between two plans, and which field a problem
path belongs to."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Flask

from scheduler.domain import PlacedMeeting, Plan
from scheduler.errors import Problem
from web.changes import plan_changes
from web.forms import apply_problems
from web.forms.member import MEMBER_FIELDS, MemberForm

ZONE = ZoneInfo("Europe/Amsterdam")


def placed(request: str, n: int, day: int, hour: int, minute: int = 0) -> PlacedMeeting:
    start = datetime(2026, 11, 30, hour, minute, tzinfo=ZONE) + timedelta(days=day)
    return PlacedMeeting(f"{request}#{n}", request, request.capitalize(), start,
                         start + timedelta(minutes=25), ("ana",))


def plan(*meetings: PlacedMeeting) -> Plan:
    return Plan("t", date(2026, 11, 30), "Europe/Amsterdam", "optimal", meetings=meetings)


def test_no_previous_plan_no_changes() -> None:
    assert plan_changes(None, plan(placed("sync", 1, 0, 10))) == []


def test_the_same_times_are_no_change_even_with_other_numbers() -> None:
    old = plan(placed("sync", 1, 0, 10), placed("sync", 2, 3, 11))
    new = plan(placed("sync", 2, 0, 10), placed("sync", 1, 3, 11))
    assert plan_changes(old, new) == []


def test_moved_added_and_removed() -> None:
    old = plan(placed("sync", 1, 0, 10), placed("review", 1, 1, 14))
    new = plan(placed("sync", 1, 3, 10, 30), placed("design", 1, 1, 11))
    texts = [(c.kind, c.text) for c in plan_changes(old, new)]
    assert ("moved", "Sync moved from Mon 10:00 to Thu 10:30") in texts
    assert ("removed", "Review on Tue 14:00 is gone") in texts
    assert ("added", "Design added on Tue 11:00") in texts


def test_next_weeks_plan_compares_by_weekday_and_time() -> None:
    old = plan(placed("sync", 1, 0, 10))
    later = placed("sync", 1, 7, 10)
    assert plan_changes(old, replace(plan(later), week=date(2026, 12, 7))) == []


def test_problems_go_to_their_field_or_above_the_form(app: Flask) -> None:
    with app.test_request_context():
        form = MemberForm(meta={"csrf": False})
        apply_problems(form, [Problem("members[2].working_hours.end", "end is not after start"),
                              Problem("members[2].office.never[1]", '"sat" is not a workday'),
                              Problem("members[1].id", "not this member"),
                              Problem("meetings[0].minutes", "elsewhere")], MEMBER_FIELDS, "members[2]")
        assert form.work_end.errors == ["end is not after start"]
        assert form.office_never.errors == ['"sat" is not a workday']
        assert form.form_errors == ["members[1].id: not this member", "meetings[0].minutes: elsewhere"]

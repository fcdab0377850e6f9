"""A pair of tests per solver rule: the rule holds in the plan, and it is the rule that stops
a placement breaking it (switched off, the validator finds exactly that breach). The
calendar rules have theirs in `test_calendar_rules.py`, the rules of a re-plan in
`test_pin_rules.py`; then the objectives, one test each."""

from __future__ import annotations

import logging
from datetime import time

import pytest

from constraints.focus import focus_blocks
from constraints.lunch import protected_lunch
from constraints.meetings import no_double_booking, occurrences_per_week, one_occurrence_per_day
from constraints.office import office_capacity, office_days_per_member, office_meetings
from scheduler.domain import Focus, Lunch, OfficeDays, Rules, Weekday
from tests.factories import calendar, interval, meeting, member, request
from tests.solving import plan_without, rules_broken, solve, solve_without

MEETING_DAYS: tuple[Weekday, ...] = ("mon", "tue", "thu", "fri")


def busy_except(free_day: Weekday | None, start: str = "10:00", end: str = "10:30") -> list:
    """Busy all through meeting hours on every meeting day but one half-open gap."""
    spans = []
    for name in MEETING_DAYS:
        if name != free_day:
            spans.append(interval(name, "10:00", "15:00"))
        else:
            spans += [interval(name, "10:00", start), interval(name, end, "15:00")]
    return [s for s in spans if s.start < s.end]


def test_no_double_booking_holds():
    team = [member("ana", busy=busy_except("mon")), member("bram"), member("cas")]
    plan = solve(request(team, [meeting("a", ["ana", "bram"]), meeting("b", ["ana", "cas"])]))
    assert len(plan.meetings) == 1 and "other meetings" in plan.unplaced[0].reason


def test_no_double_booking_is_what_stops_the_clash():
    team = [member("ana", busy=busy_except("mon")), member("bram"), member("cas")]
    asked = request(team, [meeting("a", ["ana", "bram"]), meeting("b", ["ana", "cas"])])
    assert "no_double_booking" in rules_broken(solve_without(no_double_booking, asked))


def test_one_occurrence_per_day_holds():
    team = [member("ana", busy=busy_except("mon", "10:00", "15:00")), member("bram")]
    plan = solve(request(team, [meeting("sync", ["ana", "bram"], per_week=2)]))
    assert len(plan.meetings) == 1
    assert "only 1 meeting day(s) (Mon)" in plan.unplaced[0].reason


def test_one_occurrence_per_day_is_what_keeps_occurrences_apart():
    team = [member("ana", busy=busy_except("mon", "10:00", "15:00")), member("bram")]
    asked = request(team, [meeting("sync", ["ana", "bram"], per_week=2)])
    assert "one_occurrence_per_day" in rules_broken(solve_without(one_occurrence_per_day, asked))


def test_occurrences_per_week_holds():
    plan = solve(request([member("ana"), member("bram")], [meeting("sync", ["ana", "bram"], per_week=2)]))
    assert sorted(m.id for m in plan.meetings) == ["sync#1", "sync#2"]


def test_occurrences_per_week_is_what_caps_the_count():
    asked = request([member("ana"), member("bram")], [meeting("sync", ["ana", "bram"], per_week=2)])
    assert "one_occurrence_per_day" in rules_broken(solve_without(occurrences_per_week, asked))


TIGHT_LUNCH = Rules(lunch=Lunch(time(12), time(12, 30), 30))


def test_protected_lunch_holds():
    team = [member("ana", busy=busy_except("mon", "12:00", "12:30")), member("bram")]
    plan = solve(request(team, [meeting("chat", ["ana", "bram"])], TIGHT_LUNCH))
    assert plan.meetings == () and "lunch" in plan.unplaced[0].reason
    assert next(b.start.strftime("%a %H:%M") for b in plan.lunches if b.member == "ana") == "Mon 12:00"


def test_protected_lunch_is_what_keeps_meetings_off_lunch():
    team = [member("ana", busy=busy_except("mon", "12:00", "12:30")), member("bram")]
    asked = request(team, [meeting("chat", ["ana", "bram"])], TIGHT_LUNCH)
    assert "protected_lunch" in rules_broken(solve_without(protected_lunch, asked))


def test_office_days_per_member_holds():
    plan = solve(request([member("ana"), member("bram")]))
    assert all(2 <= len(days) <= 3 for days in plan.office_days.values())


def test_office_days_per_member_is_what_caps_office_days():
    # Two office occurrences need two office days (one a day); one is all the rule allows.
    # (Ana's alone: the overlap bound would cap a pair's days too.)
    asked = request([member("ana"), member("bram")],
                    [meeting("desk", ["ana"], per_week=2, where="office")],
                    Rules(office_days=OfficeDays(1, 1)))
    assert len(solve(asked).meetings) == 1
    assert "office_days_per_member" in rules_broken(solve_without(office_days_per_member, asked))


SMALL_OFFICE = Rules(office_capacity=2)


def test_office_capacity_holds():
    plan = solve(request([member(n) for n in ("ana", "bram", "cas", "dewi")], rules=SMALL_OFFICE))
    per_day = [d for days in plan.office_days.values() for d in days]
    assert max(per_day.count(d) for d in per_day) == 2


def test_office_capacity_is_what_limits_the_office():
    asked = request([member(n) for n in ("ana", "bram", "cas", "dewi")], rules=SMALL_OFFICE)
    assert "office_capacity" in rules_broken(solve_without(office_capacity, asked))


ONE_DESK = Rules(office_capacity=1, office_days=OfficeDays(0, 3))


DESIGN_IN_OFFICE = meeting("design", ["ana", "bram"], where="office")


def test_office_meetings_holds():
    plan = solve(request([member("ana"), member("bram")], [DESIGN_IN_OFFICE], ONE_DESK))
    assert plan.meetings == ()
    assert "office" in plan.unplaced[0].reason


def test_office_meetings_is_what_needs_everyone_in():
    asked = request([member("ana"), member("bram")], [DESIGN_IN_OFFICE], ONE_DESK)
    assert "office_meetings" in rules_broken(solve_without(office_meetings, asked))


def test_calendar_locations_fix_office_days():
    facts = {"ana": calendar(locations={"mon": "home", "thu": "office"})}
    plan = solve(request([member("ana"), member("bram")]), facts)
    assert "2026-11-30" not in {d.isoformat() for d in plan.office_days["ana"]}
    assert "2026-12-03" in {d.isoformat() for d in plan.office_days["ana"]}


def test_maximize_office_overlap_brings_the_team_in_together():
    team = [member(n) for n in ("ana", "bram", "cas", "dewi")]
    plan = solve(request(team, rules=Rules(office_days=OfficeDays(2, 2))))
    assert len({tuple(days) for days in plan.office_days.values()}) == 1
    assert plan.metrics["office_pair_days"] == 12


def test_optional_attendees_are_kept_free():
    ana_busy = [s for s in busy_except("mon") if s.start.strftime("%a") != "Tue"]
    ana_busy += [s for s in busy_except("tue") if s.start.strftime("%a") == "Tue"]
    team = [member("ana", busy=ana_busy), member("bram"),
            member("cas", busy=[interval("mon", "09:00", "12:00")])]
    plan = solve(request(team, [meeting("chat", ["ana", "bram"], optional=["cas"])]))
    assert plan.meetings[0].start.strftime("%a %H:%M") == "Tue 10:00"


def test_focus_blocks_are_placed_preferably_at_home():
    rules = Rules(focus=Focus(120, 2), office_days=OfficeDays(2, 2))
    plan = solve(request([member("ana"), member("bram")], rules=rules))
    ana_office = set(plan.office_days["ana"])
    ana_focus = [b for b in plan.focus if b.member == "ana"]
    assert len(ana_focus) == 2 and not {b.start.date() for b in ana_focus} & ana_office


def test_focus_blocks_are_what_places_focus_blocks():
    rules = Rules(focus=Focus(120, 2), office_days=OfficeDays(2, 2))
    asked = request([member("ana"), member("bram")], rules=rules)
    assert len(solve(asked).focus) == 4
    plan = plan_without(focus_blocks, asked)
    assert plan.focus == () and [b.kind for b in plan.unplaced_blocks] == ["focus"] * 4


def test_the_plan_reports_each_rules_objective_terms(caplog: pytest.LogCaptureFixture):
    team = [member(n) for n in ("ana", "bram", "cas", "dewi")]
    with caplog.at_level(logging.INFO, logger="rhythm.solver"):
        solve(request(team, rules=Rules(office_days=OfficeDays(2, 2))))
    assert "objective: maximize_office_overlap: office pair days 12 of 30 (office_overlap)" in caplog.messages
    assert "objective: place_requested_meetings: meetings placed 0 of 0 (meetings_placed)" in caplog.messages


def test_meetings_come_before_focus_and_the_plan_says_why():
    rules = Rules(focus=Focus(120, 5))
    team = [member("ana", working=("10:00", "12:00")), member("bram")]
    plan = solve(request(team, [meeting("chat", ["ana", "bram"], per_week=4)], rules))
    assert len(plan.meetings) == 4
    assert [b.start.strftime("%a") for b in plan.focus if b.member == "ana"] == ["Wed"]
    assert [b.kind for b in plan.unplaced_blocks if b.member == "ana"] == ["focus"] * 4


def test_meetings_any_are_held_together_at_the_office():
    plan = solve(request([member("ana"), member("bram")], [meeting("chat", ["ana", "bram"])]))
    assert plan.meetings[0].where == "office"


def test_nobody_gets_all_meetings_on_one_day():
    team = [member(n) for n in ("ana", "bram", "cas", "dewi", "eva")]
    asked = request(team, [meeting(f"1on1-{n}", ["ana", n]) for n in ("bram", "cas", "dewi", "eva")])
    plan = solve(asked)
    days = [m.start.date() for m in plan.meetings]
    assert max(days.count(d) for d in days) <= 2


def test_the_team_stays_home_on_the_meetingless_day_when_it_costs_nothing():
    team = [member(n) for n in ("ana", "bram", "cas")]
    plan = solve(request(team, [meeting("sync", ["ana", "bram", "cas"], per_week=2)]))
    assert all(d.strftime("%a") != "Wed" for days in plan.office_days.values() for d in days)

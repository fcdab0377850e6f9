"""A pair of tests per solver rule: the rule holds in the plan, and it is the rule that stops
a placement breaking it (switched off, the validator finds exactly that breach)."""

from __future__ import annotations

from datetime import time

from constraints.lunch import protected_lunch
from constraints.meetings import no_double_booking, occurrences_per_week, one_occurrence_per_day
from constraints.office import office_capacity, office_days_per_member, office_meetings
from scheduler.domain import Focus, Lunch, OfficeDays, Rules, TimeRange, Weekday
from tests.factories import calendar, interval, meeting, member, request
from tests.solving import rules_broken, solve, solve_without

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


def test_meetingless_days_hold():
    team = [member("ana", busy=busy_except(None)), member("bram")]
    plan = solve(request(team, [meeting("chat", ["ana", "bram"])]))
    assert plan.meetings == () and "Ana is busy at every 25-minute block" in plan.unplaced[0].reason


def test_meetingless_days_are_what_keeps_wednesday_free():
    team = [member("ana", busy=busy_except(None)), member("bram")]
    plan = solve(request(team, [meeting("chat", ["ana", "bram"])], Rules(meetingless_days=())))
    assert [m.start.strftime("%a") for m in plan.meetings] == ["Wed"]


def test_meeting_hours_hold_and_starts_stay_on_the_half_hour():
    team = [member("ana", busy=[interval(d, "09:00", "10:10") for d in MEETING_DAYS]), member("bram")]
    plan = solve(request(team, [meeting("chat", ["ana", "bram"], per_week=4)]))
    assert {m.start.strftime("%H:%M") for m in plan.meetings} <= {"10:30", "11:00", "11:30", "14:30"}
    assert all(m.end.time() <= time(15) for m in plan.meetings)


def test_meeting_hours_are_what_keeps_meetings_out_of_the_afternoon():
    team = [member("ana", busy=[*busy_except(None), interval("wed", "10:00", "15:00")]), member("bram")]
    assert solve(request(team, [meeting("chat", ["ana", "bram"])])).meetings == ()
    wider = Rules(meeting_hours=TimeRange(time(10), time(17)))
    plan = solve(request(team, [meeting("chat", ["ana", "bram"])], wider))
    assert plan.meetings[0].start.time() >= time(15)


def test_working_hours_in_another_zone_hold():
    team = [member("ana"), member("bram", timezone="America/New_York", working=("04:00", "12:00"))]
    plan = solve(request(team, [meeting("chat", ["ana", "bram"])]))
    assert plan.meetings[0].start.time() >= time(10)


def test_working_hours_are_what_keeps_a_new_york_member_out():
    team = [member("ana"), member("bram", timezone="America/New_York")]
    plan = solve(request(team, [meeting("chat", ["ana", "bram"])]))
    assert plan.meetings == () and "Bram" in plan.unplaced[0].reason


def test_busy_days_off_block_meetings():
    facts = {"bram": calendar(off=("mon", "tue", "thu", "fri"))}
    plan = solve(request([member("ana"), member("bram")], [meeting("chat", ["ana", "bram"])]), facts)
    assert plan.meetings == ()
    assert "never all at work on the same meeting day" in plan.unplaced[0].reason


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

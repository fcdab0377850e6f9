"""The validator, rule by rule: a plan that keeps the rule passes, one that breaks it is named.

The base is a small valid week: ana and bram, a team sync twice (Mon office, Thu online)
and a design session at the office on Tuesday; lunch at noon, both in on Mon and Tue.
Each "broken" test changes one thing and expects exactly that rule's violation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import timedelta

from scheduler.domain import (
    Block,
    CalendarFacts,
    Focus,
    MissingBlock,
    PlacedMeeting,
    Plan,
    Rules,
    TeamRequest,
    Unplaced,
    Weekday,
)
from scheduler.validate import CLAUSES, Violation, validate
from tests.factories import (
    all_lunches,
    at,
    calendar,
    day,
    focus,
    interval,
    lunch,
    meeting,
    member,
    missing_lunch,
    placed,
    plan,
    request,
)

SYNC = meeting("sync", ["ana", "bram"], title="Team sync", per_week=2)
DESIGN = meeting("design", ["ana", "bram"], minutes=55, title="Design session", where="office")
BASE = request([member("ana"), member("bram")], [SYNC, DESIGN])


def meetings(**moved: PlacedMeeting | None) -> list[PlacedMeeting]:
    """The base week's meetings, with any of sync1, sync2, design1 replaced (None: left out)."""
    base: dict[str, PlacedMeeting | None] = {
        "sync1": placed(SYNC, 1, "mon", "10:00", where="office"),
        "sync2": placed(SYNC, 2, "thu", "10:00"),
        "design1": placed(DESIGN, 1, "tue", "13:00", where="office"),
    }
    return [m for m in {**base, **moved}.values() if m is not None]


def check(
    week: Plan, asked: TeamRequest = BASE, facts: Mapping[str, CalendarFacts] | None = None
) -> list[Violation]:
    return validate(asked, facts or {}, week)


def only(violations: list[Violation], rule: str, *named: str) -> None:
    """Exactly one violation, of `rule`, whose message names everything in `named`."""
    assert [v.rule for v in violations] == [rule], violations
    assert all(word in violations[0].message for word in named), violations[0].message


def test_the_base_week_is_valid() -> None:
    assert check(plan(BASE, meetings())) == []


def test_every_rule_is_named_after_its_function_and_documented() -> None:
    assert all(clause.__doc__ and "\n" not in clause.__doc__.strip() for clause in CLAUSES)
    assert len({clause.__name__ for clause in CLAUSES}) == len(CLAUSES)


# times_have_offsets


def test_times_in_another_offset_are_the_same_times() -> None:
    in_utc = placed(SYNC, 2, "thu", "09:00")
    utc = replace(in_utc, start=at("thu", "09:00", "UTC"), end=at("thu", "09:25", "UTC"))
    assert check(plan(BASE, meetings(sync2=utc))) == []


def test_a_time_without_offset_is_named() -> None:
    sync2 = placed(SYNC, 2, "thu", "10:00")
    naive = replace(sync2, start=sync2.start.replace(tzinfo=None))
    only(check(plan(BASE, meetings(sync2=naive))), "times_have_offsets", "sync#2", "10:00")


# known_meetings


def test_attendees_in_another_order_are_the_same_attendees() -> None:
    sync2 = replace(placed(SYNC, 2, "thu", "10:00"), attendees=("bram", "ana"))
    assert check(plan(BASE, meetings(sync2=sync2))) == []


def test_a_meeting_with_another_title_is_named() -> None:
    sync2 = replace(placed(SYNC, 2, "thu", "10:00"), title="Sink")
    only(check(plan(BASE, meetings(sync2=sync2))), "known_meetings", "sync#2 (Sink)", "Team sync")


def test_a_meeting_missing_an_attendee_is_named() -> None:
    sync2 = replace(placed(SYNC, 2, "thu", "10:00"), attendees=("ana",))
    only(check(plan(BASE, meetings(sync2=sync2))), "known_meetings", "sync#2", "Ana, Bram")


# meeting_length


def test_a_meeting_of_the_requested_length_passes() -> None:
    sync2 = placed(SYNC, 2, "thu", "10:00")
    assert sync2.end - sync2.start == timedelta(minutes=25)
    assert check(plan(BASE, meetings(sync2=sync2))) == []


def test_a_meeting_of_another_length_is_named() -> None:
    sync2 = placed(SYNC, 2, "thu", "10:00")
    longer = replace(sync2, end=sync2.end + timedelta(minutes=5))
    only(check(plan(BASE, meetings(sync2=longer))), "meeting_length", "sync#2", "30 minutes")


# start_on_the_grid


def test_a_meeting_on_the_half_hour_passes() -> None:
    assert check(plan(BASE, meetings(sync2=placed(SYNC, 2, "thu", "10:30")))) == []


def test_a_meeting_at_a_quarter_past_is_named() -> None:
    sync2 = placed(SYNC, 2, "thu", "10:15")
    only(check(plan(BASE, meetings(sync2=sync2))), "start_on_the_grid", "sync#2", "10:15")


# meeting_hours


def test_a_meeting_ending_at_the_end_of_meeting_hours_passes() -> None:
    design = placed(DESIGN, 1, "tue", "14:00", where="office")
    assert check(plan(BASE, meetings(design1=design))) == []


def test_a_meeting_after_meeting_hours_is_named() -> None:
    sync2 = placed(SYNC, 2, "thu", "15:00")
    only(check(plan(BASE, meetings(sync2=sync2))), "meeting_hours", "sync#2", "10:00-15:00")


# workdays


def test_a_meeting_on_a_saturday_is_fine_if_saturday_is_a_workday() -> None:
    saturdays = request(BASE.members, BASE.meetings, Rules(workdays=("mon", "tue", "thu", "sat")))
    sync2 = placed(SYNC, 2, "sat", "10:00")
    assert check(plan(saturdays, meetings(sync2=sync2)), saturdays) == []


def test_a_meeting_on_a_saturday_is_named() -> None:
    sync2 = placed(SYNC, 2, "sat", "10:00")
    only(check(plan(BASE, meetings(sync2=sync2))), "workdays", "Sat 5 Dec", "Saturday")


def test_a_meeting_in_another_week_is_named() -> None:
    sync2 = placed(SYNC, 2, "thu", "10:00")
    later = replace(sync2, start=sync2.start + timedelta(7), end=sync2.end + timedelta(7))
    only(check(plan(BASE, meetings(sync2=later))), "workdays", "Thu 10 Dec", "outside")


# meetingless_days


def test_a_wednesday_meeting_is_fine_without_meetingless_days() -> None:
    busy_wednesdays = request(BASE.members, BASE.meetings, Rules(meetingless_days=()))
    sync2 = placed(SYNC, 2, "wed", "10:00")
    assert check(plan(busy_wednesdays, meetings(sync2=sync2)), busy_wednesdays) == []


def test_a_meeting_on_meetingless_wednesday_is_named() -> None:
    sync2 = placed(SYNC, 2, "wed", "10:00")
    only(check(plan(BASE, meetings(sync2=sync2))), "meetingless_days",
         "sync#2 (Team sync) on Wed 2 Dec 10:00-10:25: Wednesday is a meetingless day")


# attendees_available


def test_busy_time_that_ends_as_the_meeting_starts_passes() -> None:
    facts = {"bram": calendar(busy=[interval("thu", "09:00", "10:00")])}
    assert check(plan(BASE, meetings()), facts=facts) == []


def test_a_meeting_in_busy_time_is_named() -> None:
    facts = {"bram": calendar(busy=[interval("thu", "10:00", "11:00")])}
    only(check(plan(BASE, meetings()), facts=facts), "attendees_available",
         "sync#2 (Team sync) on Thu 3 Dec 10:00-10:25: Bram is busy 10:00-11:00")


def test_inline_busy_time_counts_as_busy() -> None:
    busy_bram = member("bram", busy=[interval("thu", "10:00", "10:30")])
    asked = request([member("ana"), busy_bram], BASE.meetings)
    only(check(plan(asked, meetings()), asked), "attendees_available", "Bram is busy 10:00-10:30")


def test_a_meeting_on_a_day_off_is_named() -> None:
    facts = {"bram": calendar(off=["thu"])}
    only(check(plan(BASE, meetings(), facts=facts), facts=facts), "attendees_available",
         "sync#2", "Bram is off")


def test_working_hours_are_read_in_the_members_own_zone() -> None:
    london = member("bram", timezone="Europe/London", working=("09:00", "17:00"))
    asked = request([member("ana"), london], BASE.meetings)
    # 09:00 London is 10:00 Amsterdam; bram lunches at his noon, 13:00 Amsterdam.
    design = placed(DESIGN, 1, "tue", "14:00", where="office")
    assert check(plan(asked, meetings(design1=design)), asked) == []


def test_a_meeting_before_working_hours_is_named() -> None:
    late = member("bram", timezone="Europe/London", working=("09:30", "17:00"))
    asked = request([member("ana"), late], BASE.meetings)
    # bram lunches at his noon (13:00 Amsterdam), so the design session moves out of it.
    week = plan(asked, meetings(sync2=placed(SYNC, 2, "thu", "11:00"),
                                design1=placed(DESIGN, 1, "tue", "14:00", where="office")))
    only(check(week, asked), "attendees_available",
         "sync#1", "Bram's working hours 09:30-17:00 (Europe/London)")


# no_double_booking


def test_back_to_back_meetings_pass() -> None:
    design = placed(DESIGN, 1, "mon", "10:30", where="office")
    assert check(plan(BASE, meetings(design1=design))) == []


def test_overlapping_meetings_are_named_for_each_attendee() -> None:
    design = placed(DESIGN, 1, "mon", "10:00", where="office")
    violations = check(plan(BASE, meetings(design1=design)))
    assert [v.rule for v in violations] == ["no_double_booking"] * 2
    assert [v.message.split()[0] for v in violations] == ["Ana", "Bram"]
    assert "sync#1 (Team sync) on Mon 30 Nov 10:00-10:25" in violations[0].message


# one_occurrence_per_day


def test_an_occurrence_listed_as_unplaced_with_a_reason_passes() -> None:
    why = Unplaced("sync", 2, "ana and bram share no other free half hour")
    assert check(plan(BASE, meetings(sync2=None), unplaced=[why])) == []


def test_two_occurrences_on_one_day_are_named() -> None:
    sync2 = placed(SYNC, 2, "mon", "11:00", where="office")
    only(check(plan(BASE, meetings(sync2=sync2))), "one_occurrence_per_day",
         "sync#1 and sync#2 (Team sync)", "Mon 30 Nov")


def test_an_occurrence_neither_placed_nor_unplaced_is_named() -> None:
    only(check(plan(BASE, meetings(sync2=None))), "one_occurrence_per_day", "sync#2 (Team sync)",
         "neither")


def test_an_unplaced_occurrence_without_a_reason_is_named() -> None:
    only(check(plan(BASE, meetings(sync2=None), unplaced=[Unplaced("sync", 2, " ")])),
         "one_occurrence_per_day", "sync#2", "without a reason")


def test_occurrences_out_of_day_order_are_named() -> None:
    swapped = meetings(sync1=placed(SYNC, 2, "mon", "10:00", where="office"),
                       sync2=placed(SYNC, 1, "thu", "10:00"))
    only(check(plan(BASE, swapped)), "one_occurrence_per_day", "sync#2", "numbered by day")


# protected_lunch


def lunches_but(member_id: str, name: Weekday) -> list[Block]:
    """The base week's lunches without one member's lunch on one day."""
    return [b for b in all_lunches(BASE) if b != lunch(member_id, name)]


def test_a_missing_lunch_passes_when_busy_time_fills_the_window() -> None:
    busy = [interval("mon", "11:30", "12:40"), interval("mon", "12:45", "14:00")]
    facts = {"ana": calendar(busy=busy)}
    lunches = lunches_but("ana", "mon")
    week = plan(BASE, meetings(), lunches=lunches, unplaced_blocks=[missing_lunch("ana", "mon")])
    assert check(week, facts=facts) == []


def test_a_missing_lunch_is_named_when_the_window_has_room() -> None:
    facts = {"ana": calendar(busy=[interval("mon", "12:00", "12:30")])}
    lunches = lunches_but("ana", "mon")
    week = plan(BASE, meetings(), lunches=lunches, unplaced_blocks=[missing_lunch("ana", "mon")])
    only(check(week, facts=facts), "protected_lunch", "Ana has no lunch on Mon 30 Nov", "free")


def test_no_lunch_is_named() -> None:
    only(check(plan(BASE, meetings(), lunches=lunches_but("bram", "tue"))), "protected_lunch",
         "Bram has no lunch on Tue 1 Dec")


def test_a_lunch_outside_the_window_is_named() -> None:
    late = [*lunches_but("ana", "fri"), lunch("ana", "fri", "12:45")]
    only(check(plan(BASE, meetings(), lunches=late)), "protected_lunch",
         "Ana's lunch on Fri 4 Dec 12:45-13:15", "lunch window 12:00-13:00")


def test_a_lunch_during_a_meeting_is_named() -> None:
    ana_only = request(BASE.members, [meeting("walk", ["ana"], title="Walk")])
    walk = placed(ana_only.meetings[0], 1, "thu", "12:00")
    only(check(plan(ana_only, [walk]), ana_only), "protected_lunch",
         "Ana's lunch on Thu 3 Dec 12:00-12:30 overlaps walk#1 (Walk)")


def test_a_lunch_on_a_day_off_is_named() -> None:
    facts = {"ana": calendar(off=["fri"])}
    only(check(plan(BASE, meetings()), facts=facts), "protected_lunch", "Ana's lunch on Fri 4 Dec",
         "off")


# focus_blocks

FOCUSED = replace(BASE, rules=Rules(focus=Focus(minutes=120, blocks_per_week=1)))


def test_a_focus_block_on_a_quiet_wednesday_passes() -> None:
    blocks = [focus("ana", "wed", "09:00"), focus("bram", "wed", "14:00", minutes=180)]
    assert check(plan(FOCUSED, meetings(), focus=blocks), FOCUSED) == []


def test_a_focus_block_over_lunch_is_named() -> None:
    blocks = [focus("ana", "wed", "11:00"), focus("bram", "wed", "14:00")]
    only(check(plan(FOCUSED, meetings(), focus=blocks), FOCUSED), "focus_blocks",
         "Ana's focus block on Wed 2 Dec 11:00-13:00 overlaps Ana's lunch 12:00-12:30")


def test_a_focus_block_listed_as_unplaced_counts() -> None:
    why = MissingBlock("focus", "bram", "meetings and busy time leave no two free hours")
    week = plan(FOCUSED, meetings(), focus=[focus("ana", "wed")], unplaced_blocks=[why])
    assert check(week, FOCUSED) == []


def test_a_missing_focus_block_is_named() -> None:
    only(check(plan(FOCUSED, meetings(), focus=[focus("ana", "wed")]), FOCUSED), "focus_blocks",
         "Bram has 0 focus block(s)", "ask for 1")


def test_a_short_focus_block_after_working_hours_is_named_twice() -> None:
    blocks = [focus("ana", "wed"), focus("bram", "wed", "16:00", minutes=90)]
    violations = check(plan(FOCUSED, meetings(), focus=blocks), FOCUSED)
    assert [v.rule for v in violations] == ["focus_blocks"] * 2
    assert "less than 120" in violations[0].message
    assert "outside Bram's working hours 09:00-17:00" in violations[1].message


def test_a_focus_block_the_rules_do_not_ask_for_is_named() -> None:
    only(check(plan(BASE, meetings(), focus=[focus("ana", "wed")])), "focus_blocks",
         "Ana's focus block on Wed 2 Dec", "no focus")


# office_days_per_member


def test_a_calendar_saying_office_beats_never() -> None:
    asked = request([member("ana", never=["mon"]), member("bram")], BASE.meetings)
    facts = {"ana": calendar(locations={"mon": "office"})}
    assert check(plan(asked, meetings()), asked, facts) == []


def test_too_many_office_days_are_named() -> None:
    office = {"ana": ["mon", "tue", "wed", "fri"], "bram": ["mon", "tue"]}
    only(check(plan(BASE, meetings(), office=office)), "office_days_per_member",
         "Ana is at the office 4 day(s)", "2 to 3")


def test_an_office_day_on_a_never_day_is_named() -> None:
    asked = request([member("ana", never=["fri"]), member("bram")], BASE.meetings)
    office = {"ana": ["mon", "tue", "fri"], "bram": ["mon", "tue"]}
    only(check(plan(asked, meetings(), office=office), asked), "office_days_per_member",
         "Ana is at the office on Fri 4 Dec, but Ana never comes in on Fridays")


def test_a_home_day_on_an_always_day_is_named() -> None:
    asked = request([member("ana"), member("bram", always=["fri"])], BASE.meetings)
    only(check(plan(asked, meetings()), asked), "office_days_per_member",
         "Bram is not at the office on Fri 4 Dec, but Bram always comes in on Fridays")


def test_fewer_available_days_lower_the_minimum() -> None:
    asked = request([member("ana")])
    facts = {"ana": calendar(off=["mon", "tue", "wed", "thu"])}
    assert check(plan(asked, facts=facts, office={"ana": ["fri"]}), asked, facts) == []


def test_an_office_day_on_a_day_off_is_named() -> None:
    facts = {"bram": calendar(off=["fri"])}
    office = {"ana": ["mon", "tue"], "bram": ["mon", "tue", "fri"]}
    only(check(plan(BASE, meetings(), facts=facts, office=office), facts=facts),
         "office_days_per_member", "Bram is at the office on Fri 4 Dec", "off")


# office_capacity


def test_an_office_just_full_passes() -> None:
    full = replace(BASE, rules=Rules(office_capacity=2))
    assert check(plan(full, meetings()), full) == []


def test_an_office_over_capacity_is_named() -> None:
    small = replace(BASE, rules=Rules(office_capacity=1))
    violations = check(plan(small, meetings()), small)
    assert [v.rule for v in violations] == ["office_capacity"] * 2
    assert violations[0].message == "2 members are at the office on Mon 30 Nov; it holds 1"


# office_meetings


def test_a_meeting_with_some_at_the_office_is_hybrid() -> None:
    office = {"ana": ["mon", "tue", "thu"], "bram": ["mon", "tue"]}
    hybrid = placed(SYNC, 2, "thu", "10:00", where="hybrid")
    assert check(plan(BASE, meetings(sync2=hybrid), office=office)) == []


def test_an_office_meeting_on_a_home_day_is_named() -> None:
    design = placed(DESIGN, 1, "thu", "13:00", where="office")
    only(check(plan(BASE, meetings(design1=design))), "office_meetings",
         "design#1 (Design session) on Thu 3 Dec 13:00-13:55: Ana and Bram are not at the office")


def test_a_meeting_marked_online_with_everyone_in_is_named() -> None:
    only(check(plan(BASE, meetings(sync1=placed(SYNC, 1, "mon", "10:00")))), "office_meetings",
         "sync#1", "marked online", "all required attendees are at the office")


# metrics


def test_metrics_as_floats_pass() -> None:
    week = plan(BASE, meetings())
    as_floats = {name: float(value) for name, value in week.metrics.items()}
    assert check(replace(week, metrics=as_floats)) == []


def test_a_wrong_pair_count_is_named() -> None:
    week = plan(BASE, meetings())
    wrong = replace(week, metrics={**week.metrics, "office_pair_days": 4})
    only(check(wrong), "metrics", "office_pair_days is 4", "gives 2")


# calendars_stated


def test_days_off_and_busy_time_the_calendars_give_pass() -> None:
    facts = {"bram": calendar([interval("wed", "14:00", "15:00")], off=["fri"])}
    week = plan(BASE, meetings(), facts=facts)
    busy = {"bram": (interval("wed", "14:00", "15:00"),)}
    stated = replace(week, days_off={"bram": (day("fri"),)}, busy=busy)
    assert check(stated, facts=facts) == []


def test_a_day_off_the_plan_leaves_out_is_named() -> None:
    facts = {"bram": calendar(off=["fri"])}
    week = replace(plan(BASE, meetings(), facts=facts), days_off={}, busy={})
    only(check(week, facts=facts), "calendars_stated", "bram is off on Fri", "does not say so")


def test_busy_time_the_calendars_do_not_give_is_named() -> None:
    week = replace(plan(BASE, meetings()), days_off={}, busy={"ana": (interval("wed", "09:00", "11:00"),)})
    only(check(week), "calendars_stated", "ana on Wed", "not what their calendars say")


def test_a_calendar_changed_after_planning_is_named() -> None:
    # The same mapping with one member's calendar read again (a sync after planning): the
    # plan is checked against the calendars as they are now, not as they were last asked.
    facts = {"bram": calendar([interval("wed", "14:00", "15:00")])}
    stated = replace(plan(BASE, meetings(), facts=facts), days_off={},
                     busy={"bram": (interval("wed", "14:00", "15:00"),)})
    assert check(stated, facts=facts) == []
    facts["bram"] = calendar([interval("wed", "14:00", "16:00")])
    only(check(stated, facts=facts), "calendars_stated", "bram on Wed", "not what their calendars say")


# plan_header


def test_a_feasible_plan_passes() -> None:
    assert check(plan(BASE, meetings(), status="feasible")) == []


def test_a_plan_for_another_team_is_named() -> None:
    only(check(replace(plan(BASE, meetings()), team="web")), "plan_header", "'web'", "'platform'")


# a whole week, shaped like examples/platform-week.json (built here until the parser exists)


def platform_week() -> TeamRequest:
    everyone = ["ana", "bram", "cas", "dewi", "eva", "femke"]
    members = [
        member("ana", never=["fri"]),
        member("bram"),
        member("cas", working=("08:00", "16:00")),
        member("dewi", always=["tue"]),
        member("eva", busy=[interval("thu", "10:00", "12:00")]),
        member("femke"),
    ]
    meetings = [
        meeting("sync", everyone, title="Team sync", per_week=2, where="office"),
        meeting("planning", everyone, minutes=55, title="Sprint planning"),
        meeting("design", ["ana", "bram", "dewi"], minutes=55, title="Design session",
                optional=["femke"], where="office"),
        meeting("ana-bram", ["ana", "bram"], title="1:1 Ana / Bram"),
        meeting("cas-dewi", ["cas", "dewi"], title="1:1 Cas / Dewi"),
        meeting("ops", ["cas", "eva", "femke"], title="Ops review", where="online"),
    ]
    rules = Rules(office_capacity=6, focus=Focus(minutes=120, blocks_per_week=2))
    return request(members, meetings, rules)


def platform_plan(asked: TeamRequest) -> Plan:
    sync, planning, design, ana_bram, cas_dewi, ops = asked.meetings
    placements = [
        placed(sync, 1, "mon", "10:00", where="office"),
        placed(planning, 1, "mon", "10:30", where="office"),
        placed(sync, 2, "tue", "10:00", where="office"),
        placed(design, 1, "tue", "10:30", where="office"),
        placed(ana_bram, 1, "thu", "10:00"),
        placed(cas_dewi, 1, "thu", "10:30"),
        placed(ops, 1, "thu", "13:00"),
    ]
    blocks = [focus(m.id, name, "14:00") for m in asked.members for name in ("wed", "fri")]
    return plan(asked, placements, focus=blocks)


def test_the_platform_week_is_valid() -> None:
    asked = platform_week()
    week = platform_plan(asked)
    assert week.metrics == {"meetings_requested": 7, "meetings_placed": 7, "office_pair_days": 30}
    assert check(week, asked) == []


def test_the_platform_week_with_eva_off_on_thursday_breaks_only_her_rules() -> None:
    asked = platform_week()
    facts = {"eva": calendar(off=["thu"])}
    violations = check(platform_plan(asked), asked, facts)
    assert {v.rule for v in violations} == {"attendees_available", "protected_lunch"}
    assert all("Eva" in v.message for v in violations)


def test_a_plan_naming_strangers_is_reported_not_a_crash() -> None:
    ghost = replace(placed(SYNC, 2, "thu", "10:00"), id="ghost#1", request="ghost")
    week = plan(BASE, [*meetings(), ghost], lunches=[*all_lunches(BASE), lunch("zed", "mon")],
                office={"ana": ["mon", "tue"], "bram": ["mon", "tue"], "zed": ["mon"]})
    rules = {v.rule for v in check(week)}
    assert {"known_meetings", "protected_lunch", "office_days_per_member"} <= rules

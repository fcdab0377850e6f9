"""The validator over several weeks: the rhythm, its exceptions, and the weekly rules per week.

The base is a valid three-week rhythm from Mon 30 Nov: a team sync every Monday and
Thursday at 10:00, a design session at the office every Tuesday at 13:00, ana and bram at
the office on Mondays and Tuesdays. Week 1 (7 Dec): bram is off on Thursday, so that sync
moves to Friday 10:30. Week 2 (14 Dec): ana works from home on Tuesday, so she comes in on
Wednesday and the design session moves to Monday; bram is off Thursday and Friday, so
that sync is skipped. Each "broken" test changes one thing and expects that rule only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from scheduler.domain import (
    CalendarFacts,
    Change,
    Focus,
    MissingBlock,
    PatternException,
    Plan,
    Rules,
    TeamRequest,
)
from scheduler.validate import Violation, validate
from tests.factories import (
    at,
    calendar,
    day,
    focus,
    meeting,
    member,
    monday,
    moved,
    office_change,
    pattern,
    placed,
    request,
    rhythm_plan,
    skipped,
)

SYNC = meeting("sync", ["ana", "bram"], title="Team sync", per_week=2)
DESIGN = meeting("design", ["ana", "bram"], minutes=55, title="Design session", where="office")
BASE = request([member("ana"), member("bram")], [SYNC, DESIGN], weeks=3)
SYNC_MON, SYNC_THU = pattern(SYNC, "mon", "10:00"), pattern(SYNC, "thu", "10:00")
DESIGN_TUE = pattern(DESIGN, "tue", "13:00")
SLOTS = (SYNC_MON, SYNC_THU, DESIGN_TUE)
FACTS: Mapping[str, CalendarFacts] = {
    "ana": calendar(locations={day("tue", 2): "home"}),
    "bram": calendar(off=[day("thu", 1), day("thu", 2), day("fri", 2)]),
}
SYNC_MOVED = moved(SYNC_THU, 1, "fri", "10:30", "bram is off on Thursday")
DESIGN_MOVED = moved(DESIGN_TUE, 2, "mon", "13:00", "ana works from home on Tuesday")
SYNC_SKIPPED = skipped(SYNC_THU, 2, "bram is off Thursday and Friday")
ANA_IN_WED = office_change("ana", 2, ["mon", "wed"], "ana's calendar says home on Tuesday")
EXCEPTIONS = (SYNC_MOVED, DESIGN_MOVED, SYNC_SKIPPED, ANA_IN_WED)


def weeks(*exceptions: PatternException, asked: TeamRequest = BASE, **changes: Any) -> Plan:
    """The base rhythm plan, with `exceptions` instead of the base ones when any are given."""
    return rhythm_plan(asked, SLOTS, exceptions or EXCEPTIONS, facts=FACTS, **changes)


def check(plan: Plan, asked: TeamRequest = BASE) -> list[Violation]:
    return validate(asked, FACTS, plan)


def only(violations: list[Violation], rule: str, *named: str) -> None:
    """Exactly one violation, of `rule`, whose message names everything in `named`."""
    assert [v.rule for v in violations] == [rule], violations
    assert all(word in violations[0].message for word in named), violations[0].message


def test_the_three_week_rhythm_is_valid() -> None:
    plan = weeks()
    assert len(plan.meetings) == 8 and [u.occurrence for u in plan.unplaced] == [6]
    assert plan.metrics["meetings_requested"] == 9
    assert check(plan) == []


# rhythm_pattern


def test_a_slot_ending_as_meeting_hours_end_passes() -> None:
    late = pattern(DESIGN, "tue", "14:00")
    plan = rhythm_plan(BASE, (SYNC_MON, SYNC_THU, late),
                       (SYNC_MOVED, SYNC_SKIPPED, moved(late, 2, "mon", "14:00"), ANA_IN_WED),
                       facts=FACTS)
    assert check(plan) == []


def test_a_slot_of_the_wrong_length_is_named() -> None:
    plan = weeks()
    assert plan.rhythm is not None
    long_sync = replace(SYNC_MON, end=at("mon", "10:55").time())
    rhythm = replace(plan.rhythm, meetings=(long_sync, SYNC_THU, DESIGN_TUE))
    only(check(replace(plan, rhythm=rhythm)), "rhythm_pattern",
         "sync every Monday at 10:00 (Team sync)", "55 minutes", "not 25")


def test_a_plan_over_weeks_without_its_rhythm_is_named() -> None:
    only(check(replace(weeks(), rhythm=None, exceptions=())), "rhythm_pattern", "3 weeks",
         "no rhythm")


def test_a_slot_for_a_one_off_meeting_is_named() -> None:
    one_off = meeting("intro", ["ana"], title="Intro", recurring=False)
    asked = replace(BASE, meetings=(*BASE.meetings, one_off))
    plan = rhythm_plan(asked, (*SLOTS, pattern(one_off, "fri", "11:00")), EXCEPTIONS, facts=FACTS)
    only(check(plan, asked), "rhythm_pattern", "intro every Friday", "one-off")


# rhythm_exceptions


def test_a_one_off_meeting_at_a_different_time_each_week_needs_no_exception() -> None:
    one_off = meeting("intro", ["ana"], title="Intro", recurring=False)
    asked = replace(BASE, meetings=(*BASE.meetings, one_off))
    meetings = [placed(one_off, 1, "mon", "11:00", where="office"),
                placed(one_off, 2, "thu", "14:00", week=1),
                placed(one_off, 3, "fri", "11:30", week=2)]
    assert check(weeks(asked=asked, one_offs=meetings), asked) == []


def test_a_missing_skipped_exception_is_named() -> None:
    plan = weeks()
    only(check(replace(plan, exceptions=(SYNC_MOVED, DESIGN_MOVED, ANA_IN_WED))),
         "rhythm_exceptions", "sync (Team sync) on Thu 17 Dec 10:00", "no exception")


def test_a_missing_moved_exception_is_named_once() -> None:
    plan = weeks()
    only(check(replace(plan, exceptions=(DESIGN_MOVED, SYNC_SKIPPED, ANA_IN_WED))),
         "rhythm_exceptions", "sync (Team sync) on Thu 10 Dec 10:00", "sync#4", "Fri 11 Dec",
         "no exception says it moved")


def test_a_wrong_moved_to_is_named() -> None:
    plan = weeks()
    wrong = replace(SYNC_MOVED, moved_to=at("fri", "11:00", week=1))
    only(check(replace(plan, exceptions=(wrong, DESIGN_MOVED, SYNC_SKIPPED, ANA_IN_WED))),
         "rhythm_exceptions", "moved to Fri 11 Dec 11:00", "sync#4 (Team sync) on Fri 11 Dec 10:30")


def test_an_exception_for_a_week_that_keeps_the_rhythm_is_named() -> None:
    plan = weeks()
    extra = skipped(SYNC_MON, 0)
    only(check(replace(plan, exceptions=(*plan.exceptions, extra))), "rhythm_exceptions",
         "sync (Team sync) on Mon 30 Nov 10:00 keeps the rhythm")


def test_an_exception_the_calendars_forced_must_say_so() -> None:
    plan = weeks()
    unsaid = replace(SYNC_MOVED, forced_by_calendar=False)
    only(check(replace(plan, exceptions=(unsaid, DESIGN_MOVED, SYNC_SKIPPED, ANA_IN_WED))),
         "rhythm_exceptions", "sync (Team sync) on Thu 10 Dec 10:00", "Bram is off on Thu 10 Dec",
         "does not say the calendars forced it")


def test_an_exception_claimed_forced_where_the_calendars_are_free_is_named() -> None:
    facts = {**FACTS, "bram": calendar(off=[day("thu", 2), day("fri", 2)])}  # back on 10 Dec
    plan = rhythm_plan(BASE, SLOTS, EXCEPTIONS, facts=facts)
    only(validate(BASE, facts, plan), "rhythm_exceptions", "sync (Team sync) on Thu 10 Dec 10:00",
         "forced by the calendars, yet they leave that time free")


def test_office_days_differing_without_an_exception_are_named() -> None:
    plan = weeks()
    only(check(replace(plan, exceptions=EXCEPTIONS[:3])), "rhythm_exceptions",
         "Ana's office days in the week of Mon 14 Dec", "Wed 16 Dec", "(Mon, Tue)")


def test_an_office_exception_with_other_days_than_the_plan_is_named() -> None:
    plan = weeks()
    wrong = office_change("ana", 2, ["mon", "thu"])
    only(check(replace(plan, exceptions=(*EXCEPTIONS[:3], wrong))), "rhythm_exceptions",
         "the exception says Mon 14 Dec, Thu 17 Dec", "the plan Mon 14 Dec, Wed 16 Dec")


def test_an_exception_for_a_week_outside_the_plan_is_named() -> None:
    plan = weeks()
    later = skipped(SYNC_MON, 3)
    only(check(replace(plan, exceptions=(*EXCEPTIONS, later))), "rhythm_exceptions",
         "week of Mon 21 Dec", "not the Monday of a planned week")


# the weekly rules, week by week


def test_a_one_off_placed_twice_in_one_week_and_not_in_another_is_named() -> None:
    one_off = meeting("intro", ["ana"], title="Intro", recurring=False)
    asked = replace(BASE, meetings=(*BASE.meetings, one_off))
    meetings = [placed(one_off, 1, "thu", "11:00"), placed(one_off, 2, "fri", "11:00"),
                placed(one_off, 3, "fri", "11:30", week=2)]
    only(check(weeks(asked=asked, one_offs=meetings), asked), "one_occurrence_per_day",
         "intro (Intro) is placed 2 times in the week of Mon 30 Nov", "once a week")


def test_one_office_day_in_a_later_week_is_named() -> None:
    only(check(weeks(*EXCEPTIONS[:3], office_change("ana", 2, ["mon"]))),
         "office_days_per_member", "Ana is at the office 1 day(s) in the week of Mon 14 Dec")


FOCUSED = replace(BASE, rules=Rules(focus=Focus(minutes=120, blocks_per_week=1)))


def test_a_focus_block_each_week_or_one_dated_unplaced_passes() -> None:
    blocks = [focus(m, "wed", week=w) for m in ("ana", "bram") for w in (0, 1)]
    why = MissingBlock("focus", "ana", "no two free hours that week", monday(2))
    plan = weeks(asked=FOCUSED, focus=[*blocks, focus("bram", "wed", week=2)],
                 unplaced_blocks=[why])
    assert check(plan, FOCUSED) == []


def test_a_week_without_its_focus_block_is_named() -> None:
    blocks = [focus(m, "wed", week=w) for m in ("ana", "bram") for w in (0, 1)]
    plan = weeks(asked=FOCUSED, focus=[*blocks, focus("bram", "wed", week=2)])
    only(check(plan, FOCUSED), "focus_blocks", "Ana has 0 focus block(s)", "week of Mon 14 Dec")


def test_a_plan_for_fewer_weeks_than_asked_is_named() -> None:
    only(check(replace(weeks(), weeks=2)), "plan_header", "2 week(s)", "asks for 3")


def test_meetings_requested_counts_every_week() -> None:
    plan = weeks()
    wrong = replace(plan, metrics={**plan.metrics, "meetings_requested": 3})
    only(check(wrong), "metrics", "meetings_requested is 3", "gives 9")


def test_a_rhythm_on_a_one_week_plan_is_named() -> None:
    one_week = replace(BASE, weeks=1)
    only(check(rhythm_plan(one_week, SLOTS), one_week), "rhythm_pattern", "one-week plan")


def test_an_exception_for_a_one_off_meeting_is_named() -> None:
    one_off = meeting("intro", ["ana"], title="Intro", recurring=False)
    asked = replace(BASE, meetings=(*BASE.meetings, one_off))
    meetings = [placed(one_off, n + 1, "fri", "11:00", week=n) for n in range(3)]
    plan = weeks(asked=asked, one_offs=meetings)
    stray = skipped(pattern(one_off, "thu", "11:00"), 1, "ana is busy")
    only(check(replace(plan, exceptions=(*plan.exceptions, stray)), asked), "rhythm_exceptions",
         "exception for intro", "one-off")


# replan_changes


def test_a_re_plans_changes_with_times_and_reasons_pass() -> None:
    changes = (Change("moved", "sync", "bram is off", at("thu", "10:00"), at("fri", "10:30")),
               Change("removed", "design", "no longer asked for", before=at("tue", "13:00")))
    assert check(replace(weeks(), changes=changes)) == []


def test_a_change_that_names_neither_a_meeting_nor_a_block_is_named() -> None:
    change = Change("moved", None, "bram is off", at("thu", "12:00"), at("thu", "12:30"), member="bram")
    only(check(replace(weeks(), changes=(change,))), "replan_changes", "moved change of something",
         "names a meeting, or a member's lunch or focus block")


def test_a_move_without_its_new_time_is_named() -> None:
    change = Change("moved", "sync", "bram is off", before=at("thu", "10:00"))
    only(check(replace(weeks(), changes=(change,))), "replan_changes", "moved change of sync",
         "no time after")

"""A rhythm over several weeks exported as recurring series, read back as a calendar app would.

The plan: three weeks from Mon 30 Nov; a team sync every Monday and Thursday at 10:00 and a
design session at the office every Tuesday at 13:00. Week 1: the Thursday sync moves to
Friday 10:30. Week 2: the Thursday sync is skipped. A one-off intro is on Friday of week 1.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar, Event

from connectors.ics.export import member_calendar
from scheduler.domain import PatternException, Plan
from tests.factories import (
    WEEK,
    at,
    meeting,
    member,
    moved,
    office_change,
    pattern,
    placed,
    request,
    rhythm_plan,
    skipped,
)

AMS = ZoneInfo("Europe/Amsterdam")
SYNC = meeting("sync", ["ana", "bram"], title="Team sync", per_week=2)
DESIGN = meeting("design", ["ana", "bram"], minutes=55, title="Design session", where="office")
INTRO = meeting("intro", ["ana", "cas"], title="Intro", recurring=False)
TEAM = request([member("ana"), member("bram"), member("cas")], [SYNC, DESIGN, INTRO], weeks=3)
SYNC_MON, SYNC_THU = pattern(SYNC, "mon", "10:00"), pattern(SYNC, "thu", "10:00")
DESIGN_TUE = pattern(DESIGN, "tue", "13:00")
SERIES_UIDS = {f"{name}.2026-11-30.platform@rhythm" for name in ("sync-mon", "sync-thu", "design-tue")}


def three_weeks(*more: PatternException) -> Plan:
    exceptions = (moved(SYNC_THU, 1, "fri", "10:30", "bram is off on Thursday"),
                  skipped(SYNC_THU, 2, "bram is off Thursday and Friday"), *more)
    return rhythm_plan(TEAM, (SYNC_MON, SYNC_THU, DESIGN_TUE), exceptions,
                       one_offs=[placed(INTRO, 1, "fri", "11:00", week=1)])


def calendar_of(member_id: str, plan: Plan | None = None) -> Calendar:
    return Calendar.from_ical(member_calendar(plan or three_weeks(), TEAM, member_id))


def occurrences(calendar: Calendar, category: str = "Meeting") -> list[Event]:
    start = datetime.combine(WEEK, datetime.min.time(), AMS)
    found = recurring_ical_events.of(calendar).between(start, start + timedelta(weeks=3))
    return sorted((e for e in found if e.categories == [category]), key=lambda e: e.start)


def masters(calendar: Calendar) -> list[Event]:
    return [e for e in calendar.walk("VEVENT") if "RRULE" in e]


def test_the_occurrences_read_back_are_the_plans_meetings() -> None:
    plan = three_weeks()
    for member_id in ("ana", "bram", "cas"):
        wanted = sorted((m.start, m.end, m.title) for m in plan.meetings
                        if member_id in m.attendees)
        got = [(e.start, e.end, str(e["SUMMARY"])) for e in occurrences(calendar_of(member_id))]
        assert got == wanted, member_id


def test_each_slot_is_one_weekly_series_with_one_uid_in_every_file() -> None:
    for member_id in ("ana", "bram"):
        series = masters(calendar_of(member_id))
        assert {str(e["UID"]) for e in series} == SERIES_UIDS
        assert {e["RRULE"].to_ical() for e in series} == {b"FREQ=WEEKLY;COUNT=3"}
    uids = {str(e["UID"]) for e in occurrences(calendar_of("ana")) if e["SUMMARY"] == "Team sync"}
    assert uids == {"sync-mon.2026-11-30.platform@rhythm", "sync-thu.2026-11-30.platform@rhythm"}


def test_the_series_starts_at_the_slot_in_the_first_week_in_the_team_zone() -> None:
    raw = member_calendar(three_weeks(), TEAM, "ana").decode()
    assert "DTSTART;TZID=Europe/Amsterdam:20261203T100000\r\n" in raw
    assert "RRULE:FREQ=WEEKLY;COUNT=3\r\n" in raw


def test_a_skipped_week_is_an_exdate_and_absent() -> None:
    raw = member_calendar(three_weeks(), TEAM, "bram").decode()
    assert "EXDATE;TZID=Europe/Amsterdam:20261217T100000\r\n" in raw
    thursdays = [e.start for e in occurrences(calendar_of("bram")) if e.start.weekday() == 3]
    assert thursdays == [at("thu", "10:00")]


def test_a_moved_week_is_an_override_at_the_moved_time() -> None:
    [override] = [e for e in calendar_of("ana").walk("VEVENT") if "RECURRENCE-ID" in e]
    assert str(override["UID"]) == "sync-thu.2026-11-30.platform@rhythm"
    assert override["RECURRENCE-ID"].dt == at("thu", "10:00", week=1)
    assert (override.start, override.end) == (at("fri", "10:30", week=1), at("fri", "10:55", week=1))
    week1 = [e.start for e in occurrences(calendar_of("ana")) if e["SUMMARY"] == "Team sync"]
    assert at("fri", "10:30", week=1) in week1 and at("thu", "10:00", week=1) not in week1


def test_a_week_held_otherwise_gets_an_override_at_the_same_time() -> None:
    # Week 1: ana works at the office Tue and Wed, so Monday's sync is hybrid that week only.
    plan = three_weeks(office_change("ana", 1, ["tue", "wed"]))
    mondays = [e for e in occurrences(calendar_of("bram", plan)) if e.start.weekday() == 0
               and e["SUMMARY"] == "Team sync"]
    assert [str(e["LOCATION"]) for e in mondays] == ["Office", "Office and online", "Office"]
    overrides = [e for e in calendar_of("bram", plan).walk("VEVENT") if "RECURRENCE-ID" in e]
    assert at("mon", "10:00", week=1) in [e["RECURRENCE-ID"].dt for e in overrides]


def test_one_offs_lunch_focus_and_office_days_stay_single_events() -> None:
    calendar = calendar_of("ana")
    [intro] = [e for e in calendar.walk("VEVENT") if e["SUMMARY"] == "Intro"]
    assert "RRULE" not in intro and str(intro["UID"]) == "intro-1.2026-11-30.platform@rhythm"
    office = [e for e in calendar.walk("VEVENT") if e["SUMMARY"] == "Office day"]
    assert len(office) == 6 and all("RRULE" not in e for e in office)
    lunches = occurrences(calendar, "Lunch")
    assert len(lunches) == 15 and len({str(e["UID"]) for e in lunches}) == 15


def test_the_master_comes_before_its_overrides() -> None:
    events = [e for e in calendar_of("ana").walk("VEVENT") if "sync-thu" in str(e["UID"])]
    assert ["RRULE" in e for e in events] == [True, False]


def test_reversed_components_read_the_same() -> None:
    # RFC 5545 sets no order: an app may meet the override before its master.
    calendar = calendar_of("ana")
    reversed_calendar = Calendar.from_ical(calendar.to_ical())
    reversed_calendar.subcomponents.reverse()
    assert [(e.start, e.end) for e in occurrences(reversed_calendar)] == [
        (e.start, e.end) for e in occurrences(calendar)]


def test_a_re_export_gives_identical_bytes() -> None:
    for member_id in ("ana", "bram", "cas"):
        assert member_calendar(three_weeks(), TEAM, member_id) == member_calendar(
            three_weeks(), TEAM, member_id)


def test_a_calendar_over_weeks_is_named_for_them() -> None:
    assert calendar_of("cas")["X-WR-CALNAME"] == "platform 3 weeks from 2026-11-30 — Cas"


def test_a_slot_skipped_every_week_exports_no_series() -> None:
    plan = three_weeks(skipped(DESIGN_TUE, 0), skipped(DESIGN_TUE, 1), skipped(DESIGN_TUE, 2))
    calendar = calendar_of("ana", plan)
    assert "design-tue.2026-11-30.platform@rhythm" not in {str(e["UID"]) for e in masters(calendar)}
    assert [e for e in occurrences(calendar) if e["SUMMARY"] == "Design session"] == []


def test_a_first_week_off_the_rhythm_still_starts_the_series_at_the_slot() -> None:
    plan = rhythm_plan(TEAM, (SYNC_MON, SYNC_THU, DESIGN_TUE),
                       (skipped(SYNC_MON, 0), moved(DESIGN_TUE, 0, "mon", "13:00")))
    calendar = calendar_of("bram", plan)
    starts = {str(e["UID"]).split(".")[0]: e.start for e in masters(calendar)}
    assert starts == {"sync-mon": at("mon", "10:00"), "sync-thu": at("thu", "10:00"),
                      "design-tue": at("tue", "13:00")}
    wanted = sorted((m.start, m.end) for m in plan.meetings if "bram" in m.attendees)
    assert [(e.start, e.end) for e in occurrences(calendar)] == wanted

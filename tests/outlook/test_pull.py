"""Reading a member's week from Outlook, as `rhythm plan` does for `outlook:` calendars."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import sign_in
from .reading import WEST, at, hours, read
from .standin import StandIn


def test_busy_time_in_the_team_zone_whatever_zone_the_event_was_made_in(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    standin.add_event(
        "ana@example.com", subject="Dentist", start=at("2026-12-01", "09:00"), end=at("2026-12-01", "10:00")
    )
    standin.add_event(
        "ana@example.com",
        subject="Call with Seattle",
        start=at("2026-12-02", "07:00", "Pacific Standard Time"),
        end=at("2026-12-02", "08:00", "Pacific Standard Time"),
    )
    standin.add_event(
        "ana@example.com",
        subject="Kolkata review",
        start=at("2026-12-03", "15:30", "Asia/Kolkata"),
        end=at("2026-12-03", "16:30", "Asia/Kolkata"),
    )
    facts = read("outlook:ana@example.com")
    assert hours(facts) == ["Tue 01 09:00-10:00", "Wed 02 16:00-17:00", "Thu 03 11:00-12:00"]
    assert all(i.start.utcoffset().total_seconds() == 3600 for i in facts.busy)


def test_free_and_cancelled_events_do_not_block_but_tentative_ones_do(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    for subject, show_as, hour in (
        ("Gym", "free", "08"),
        ("Maybe", "tentative", "11"),
        ("Sync", "busy", "14"),
    ):
        standin.add_event(
            "ana@example.com",
            subject=subject,
            showAs=show_as,
            start=at("2026-12-01", f"{hour}:00"),
            end=at("2026-12-01", f"{hour}:30"),
        )
    invitation = standin.add_event(
        "bram@example.com",
        subject="Old",
        start=at("2026-12-02", "10:00"),
        end=at("2026-12-02", "11:00"),
        attendees=[{"emailAddress": {"address": "ana@example.com"}, "type": "required"}],
    )
    standin.delete_event("bram@example.com", invitation["id"])  # ana's copy now says "Canceled: Old"
    assert hours(read("outlook:ana@example.com")) == ["Tue 01 11:00-11:30", "Tue 01 14:00-14:30"]


def test_tentative_events_can_be_read_as_free(standin: StandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    sign_in(standin, "ana@example.com")
    standin.add_event(
        "ana@example.com",
        subject="Maybe",
        showAs="tentative",
        start=at("2026-12-01", "11:00"),
        end=at("2026-12-01", "12:00"),
    )
    monkeypatch.setenv("RHYTHM_TENTATIVE_BUSY", "false")
    assert read("outlook:ana@example.com").busy == ()


def test_a_weekly_series_blocks_every_occurrence_at_its_local_time_across_daylight_saving(
    standin: StandIn,
) -> None:
    sign_in(standin, "ana@example.com")
    series = standin.add_event(
        "ana@example.com",
        subject="Choir",
        start=at("2026-09-01", "09:00"),
        end=at("2026-09-01", "10:00"),
        recurrence={
            "pattern": {
                "type": "weekly",
                "interval": 1,
                "daysOfWeek": ["tuesday", "thursday"],
                "firstDayOfWeek": "sunday",
            },
            "range": {"type": "noEnd", "startDate": "2026-09-01", "recurrenceTimeZone": WEST},
        },
    )
    standin.delete_occurrence("ana@example.com", series["id"], "2026-12-03")
    assert hours(read("outlook:ana@example.com")) == ["Tue 01 09:00-10:00"]


def test_all_day_out_of_office_is_a_day_off_and_working_elsewhere_is_a_home_day(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    standin.add_event(
        "ana@example.com",
        subject="Holiday",
        showAs="oof",
        isAllDay=True,
        start=at("2026-12-03", "00:00"),
        end=at("2026-12-05", "00:00"),
    )
    standin.add_event(
        "ana@example.com",
        subject="Working elsewhere",
        showAs="workingElsewhere",
        isAllDay=True,
        start=at("2026-12-01", "00:00"),
        end=at("2026-12-02", "00:00"),
    )
    standin.add_event(
        "ana@example.com",
        subject="Conference",
        isAllDay=True,
        start=at("2026-11-30", "00:00", "UTC"),
        end=at("2026-12-01", "00:00", "UTC"),
    )
    standin.add_event(  # a free all-day note saying where she works, as in ICS calendars
        "ana@example.com",
        subject="In the office",
        showAs="free",
        isAllDay=True,
        start=at("2026-12-02", "00:00"),
        end=at("2026-12-03", "00:00"),
    )
    facts = read("outlook:ana@example.com")
    assert facts.off_days == {date(2026, 12, 3), date(2026, 12, 4)}
    assert facts.locations == {date(2026, 12, 1): "home", date(2026, 12, 2): "office"}
    assert hours(facts) == ["Mon 30 00:00-00:00"]  # the busy all-day conference: the whole Monday


def test_every_page_of_a_busy_week_is_read(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    for day in range(1, 5):
        for hour in range(8, 16):
            standin.add_event(
                "ana@example.com",
                subject=f"Slot {hour}",
                start=at(f"2026-12-0{day}", f"{hour:02}:00"),
                end=at(f"2026-12-0{day}", f"{hour:02}:30"),
            )
    facts = read("outlook:ana@example.com")
    assert len(facts.busy) == 32
    pages = standin.requests("GET", "calendarView")
    assert len(pages) == 4  # 32 events, at most 10 a page: Graph's nextLink followed three times


def test_the_hybrid_work_plan_fixes_locations_and_time_off(standin: StandIn) -> None:
    sign_in(standin, "ana@example.com")
    standin.plan_work(
        "ana@example.com",
        {
            "id": "a",
            "workLocationType": "office",
            "start": at("2026-11-30", "09:00"),
            "end": at("2026-11-30", "17:00"),
        },
        {
            "id": "b",
            "workLocationType": "remote",
            "start": at("2026-12-01", "09:00"),
            "end": at("2026-12-01", "17:00"),
        },
        {
            "id": "c",
            "workLocationType": "timeOff",
            "start": at("2026-12-02", "00:00"),
            "end": at("2026-12-03", "00:00"),
            "timeOffDetails": {"subject": "Day off", "isAllDay": True},
        },
        {
            "id": "d",
            "workLocationType": "office",
            "start": at("2026-12-03", "09:00"),
            "end": at("2026-12-03", "13:00"),
        },
        {
            "id": "e",
            "workLocationType": "timeOff",
            "start": at("2026-12-03", "13:00"),
            "end": at("2026-12-03", "17:00"),
        },
    )
    # The plan says office on Monday: it wins over a "working elsewhere" event that day.
    standin.add_event(
        "ana@example.com",
        subject="Elsewhere",
        showAs="workingElsewhere",
        isAllDay=True,
        start=at("2026-11-30", "00:00"),
        end=at("2026-12-01", "00:00"),
    )
    facts = read("outlook:ana@example.com")
    assert facts.locations == {
        date(2026, 11, 30): "office",
        date(2026, 12, 1): "home",
        date(2026, 12, 3): "office",
    }
    assert facts.off_days == {date(2026, 12, 2)}
    assert hours(facts) == ["Thu 03 13:00-17:00"]

"""The exported calendars, read back the way a calendar app would read them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from icalendar import Calendar, Event

from connectors.ics.export import member_calendar, write_member_calendars
from scheduler.domain import Block, MeetingRequest, Member, PlacedMeeting, Plan, TeamRequest

AMS = ZoneInfo("Europe/Amsterdam")
CET = timezone(timedelta(hours=1))  # how a plan read from JSON carries its times
WEEK = date(2026, 11, 30)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A time in the planned week: day 0 is Monday 30 November."""
    return datetime(2026, 11, 30, hour, minute, tzinfo=CET) + timedelta(days=day)


def team() -> TeamRequest:
    members = (
        Member("ana", "Ana de Vries", "Europe/Amsterdam", email="ana@example.com"),
        Member("bram", "Bram Bakker", "Europe/Amsterdam", email="bram@example.com"),
        Member("cas", "Cas Jansen", "Europe/Amsterdam"),
        Member("dewi", "Dewi Smit", "Europe/Amsterdam"),
    )
    meetings = (
        MeetingRequest("sync", "Team sync", 25, ("ana", "bram", "cas"), per_week=2),
        MeetingRequest("design", "Design session", 55, ("ana", "bram"), ("cas",), where="office"),
    )
    return TeamRequest("platform", "Europe/Amsterdam", WEEK, members, meetings)


def plan() -> Plan:
    meetings = (
        PlacedMeeting("sync#1", "sync", "Team sync", at(0, 10), at(0, 10, 25),
                      ("ana", "bram", "cas"), where="hybrid"),
        # Given in UTC: the export must still show 10:30 Amsterdam time.
        PlacedMeeting("sync#2", "sync", "Team sync", at(3, 9, 30).astimezone(UTC),
                      at(3, 9, 55).astimezone(UTC), ("ana", "bram", "cas"), where="online"),
        PlacedMeeting("design#1", "design", "Design session", at(1, 11), at(1, 11, 55),
                      ("ana", "bram"), ("cas",), where="office"),
    )
    return Plan(
        "platform", WEEK, "Europe/Amsterdam", "optimal", meetings,
        lunches=(Block("ana", at(0, 12), at(0, 12, 30)), Block("bram", at(0, 12, 30), at(0, 13))),
        focus=(Block("ana", at(2, 9), at(2, 11)), Block("ana", at(2, 13), at(2, 15))),
        office_days={"ana": (WEEK, WEEK + timedelta(days=1)), "bram": (WEEK + timedelta(days=1),)},
    )


def calendar_of(member_id: str) -> Calendar:
    return Calendar.from_ical(member_calendar(plan(), team(), member_id))


def events_of(member_id: str) -> list[Event]:
    start = datetime(2026, 11, 30, tzinfo=AMS)
    return recurring_ical_events.of(calendar_of(member_id)).between(start, start + timedelta(7))


def named(events: list[Event], summary: str) -> list[Event]:
    return sorted((e for e in events if e["SUMMARY"] == summary), key=lambda e: str(e["UID"]))


def test_calendar_is_named_published_and_carries_the_team_zone() -> None:
    calendar = calendar_of("ana")
    assert calendar["VERSION"] == "2.0"
    assert "rhythm" in calendar["PRODID"]
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "platform week of 2026-11-30 — Ana de Vries"
    assert calendar["X-WR-TIMEZONE"] == "Europe/Amsterdam"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_meetings_are_at_local_times_with_the_team_tzid() -> None:
    syncs = named(events_of("ana"), "Team sync")
    assert [e.start for e in syncs] == [datetime(2026, 11, 30, 10, tzinfo=AMS),
                                        datetime(2026, 12, 3, 9, 30, tzinfo=AMS)]
    raw = member_calendar(plan(), team(), "ana").decode()
    assert "DTSTART;TZID=Europe/Amsterdam:20261203T093000\r\n" in raw
    assert "DTEND;TZID=Europe/Amsterdam:20261203T095500\r\n" in raw


def test_member_sees_only_the_meetings_they_attend() -> None:
    assert events_of("dewi") == []
    assert len(named(events_of("cas"), "Design session")) == 1  # optional still attends


def test_same_plan_exports_the_same_bytes() -> None:
    for member in team().members:
        assert member_calendar(plan(), team(), member.id) == member_calendar(
            plan(), team(), member.id)


def test_one_meeting_has_one_uid_in_every_attendees_calendar() -> None:
    uids = {m: {str(e["UID"]) for e in named(events_of(m), "Design session")}
            for m in ("ana", "bram", "cas")}
    assert uids["ana"] == uids["bram"] == uids["cas"] == {"design-1.2026-11-30.platform@rhythm"}


def test_meetings_are_busy_meetings_with_organizer_and_roles() -> None:
    design = named(events_of("cas"), "Design session")[0]
    assert design.categories == ["Meeting"]
    assert design["TRANSP"] == "OPAQUE"
    assert design["SEQUENCE"] == 0
    assert design["ORGANIZER"] == "mailto:rhythm@platform.invalid"
    roles = {str(a): (a.params["CN"], a.params["ROLE"], a.params["PARTSTAT"])
             for a in design["ATTENDEE"]}
    assert roles == {
        "mailto:ana@example.com": ("Ana de Vries", "REQ-PARTICIPANT", "NEEDS-ACTION"),
        "mailto:bram@example.com": ("Bram Bakker", "REQ-PARTICIPANT", "NEEDS-ACTION"),
        "mailto:cas@platform.invalid": ("Cas Jansen", "OPT-PARTICIPANT", "NEEDS-ACTION"),
    }


def test_location_says_office_online_or_hybrid() -> None:
    events = events_of("ana")
    assert named(events, "Design session")[0]["LOCATION"] == "Office"
    first, second = named(events, "Team sync")
    assert second["LOCATION"] == "Online"
    assert "Hybrid" in first["DESCRIPTION"]
    assert "Online: Bram Bakker, Cas Jansen" in first["DESCRIPTION"]


def test_office_days_are_all_day_free_events_at_the_office() -> None:
    office = named(events_of("ana"), "Office day")
    assert [e.start for e in office] == [date(2026, 11, 30), date(2026, 12, 1)]
    assert [e.end for e in office] == [date(2026, 12, 1), date(2026, 12, 2)]
    for event in office:
        assert event["TRANSP"] == "TRANSPARENT"
        assert event["X-MICROSOFT-CDO-BUSYSTATUS"] == "FREE"
        assert event["LOCATION"] == "Office"
        assert event.categories == ["Office day"]
    assert str(office[0]["UID"]) == "office.ana.2026-11-30.platform@rhythm"


def test_lunch_and_focus_block_the_calendar() -> None:
    events = events_of("ana")
    lunch = named(events, "Lunch")
    assert [(e.start, e.end) for e in lunch] == [(at(0, 12), at(0, 12, 30))]
    assert lunch[0].categories == ["Lunch"]
    focus = named(events, "Focus time")
    assert [str(e["UID"]) for e in focus] == ["focus.ana.2026-12-02-1.platform@rhythm",
                                              "focus.ana.2026-12-02-2.platform@rhythm"]
    assert {e.categories[0] for e in focus} == {"Focus"}
    assert {e["TRANSP"] for e in lunch + focus} == {"OPAQUE"}


def test_member_with_nothing_planned_gets_a_valid_empty_calendar() -> None:
    calendar = calendar_of("dewi")
    assert calendar.walk("VEVENT") == []
    assert calendar["X-WR-TIMEZONE"] == "Europe/Amsterdam"
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_lines_are_crlf_and_folded() -> None:
    raw = member_calendar(plan(), team(), "cas")
    lines = raw.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2:] == [b"END:VCALENDAR", b""]
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_unknown_member_is_refused() -> None:
    with pytest.raises(KeyError):
        member_calendar(plan(), team(), "zoe")


def test_writes_one_file_per_member_into_a_new_folder(tmp_path: Path) -> None:
    out = tmp_path / "ics" / "week"
    paths = write_member_calendars(plan(), team(), out)
    assert [p.name for p in paths] == ["ana.ics", "bram.ics", "cas.ics", "dewi.ics"]
    assert paths[0].read_bytes() == member_calendar(plan(), team(), "ana")


def test_odd_ids_are_made_safe_for_files_uids_and_addresses(tmp_path: Path) -> None:
    request = TeamRequest("Platform Team", "Europe/Amsterdam", WEEK,
                          (Member("ana b/x", "Ana", "Europe/Amsterdam"),))
    odd = Plan("Platform Team", WEEK, "Europe/Amsterdam", "optimal",
               (PlacedMeeting("1:1#1", "1:1", "One to one", at(0, 10), at(0, 10, 25),
                              ("ana b/x",)),))
    [path] = write_member_calendars(odd, request, tmp_path)
    assert path.parent == tmp_path and path.name == "ana+20b+2Fx.ics"
    [event] = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert str(event["UID"]) == "1+3A1-1.2026-11-30.Platform+20Team@rhythm"
    assert event["ATTENDEE"] == "mailto:ana+20b+2Fx@platform-team.invalid"

"""Reading a member's week from a real Radicale: what the planner learns, and clear errors."""

from __future__ import annotations

import re
import socket
from dataclasses import replace
from pathlib import Path

import pytest

from connectors import ReadingContext
from connectors.caldav.address import parse_address
from connectors.caldav.client import Collection as CalDAVCollection
from connectors.caldav.pull import joined
from connectors.ics.read import read_ics
from connectors.sources import read_calendar_ref
from scheduler.domain import CalendarFacts
from scheduler.errors import CalendarError
from tests.factories import TZ, WEEK, at, day, interval

from .conftest import Collection, Radicale

FIXTURES = Path(__file__).parent / "fixtures"
CONTEXT = ReadingContext(WEEK, TZ)


def stored(calendar: Collection, *names: str) -> None:
    for name in names:
        calendar.put(f"{name}.ics", (FIXTURES / f"{name}.ics").read_text())


def read(calendar: Collection) -> CalendarFacts:
    return read_calendar_ref(calendar.address, CONTEXT)


def test_a_recurring_standup_is_expanded_without_its_exdate_and_with_moved_occurrences(
    logged_in: Radicale, calendar: Collection
):
    stored(calendar, "standup_daily_with_exdate_and_moved_occurrences")
    assert read(calendar).busy == (
        interval("mon", "09:30", "09:45"), interval("mon", "14:00", "14:15"),
        interval("tue", "09:30", "09:45"),
        interval("thu", "11:00", "11:15"),  # Wednesday's is cancelled, Thursday's moved
        interval("fri", "09:30", "09:45"),
    )


def test_an_occurrence_moved_into_the_week_from_a_series_that_ended_still_blocks(
    logged_in: Radicale, calendar: Collection
):
    stored(calendar, "series_ended_last_week_with_its_last_occurrence_moved_into_this_week")
    assert read(calendar).busy == (interval("tue", "15:00", "16:00"),)


def test_an_all_day_out_of_office_makes_the_day_off(logged_in: Radicale, calendar: Collection):
    stored(calendar, "out_of_office_all_day_friday")
    assert read(calendar) == CalendarFacts(off_days=frozenset({day("fri")}))


def test_a_one_day_office_event_wins_over_a_working_from_home_week(
    logged_in: Radicale, calendar: Collection
):
    stored(calendar, "working_from_home_all_week", "office_day_thursday")
    locations = read(calendar).locations
    assert locations == {day("mon"): "home", day("tue"): "home", day("wed"): "home",
                         day("thu"): "office", day("fri"): "home"}


def test_free_events_and_next_weeks_meetings_do_not_block(logged_in: Radicale, calendar: Collection):
    stored(calendar, "free_hour_tuesday", "meeting_next_week")
    assert read(calendar) == CalendarFacts()


def test_the_week_reads_as_the_same_events_in_one_ics_file_do(logged_in: Radicale, calendar: Collection):
    names = [p.stem for p in sorted(FIXTURES.glob("*.ics"))]
    stored(calendar, *names)
    as_files = CalendarFacts()
    for name in names:
        text = (FIXTURES / f"{name}.ics").read_text()
        as_files = as_files.merged(read_ics(text, source=name, week=WEEK, timezone=TZ))
    from_caldav = read(calendar)
    by_start = sorted(as_files.busy, key=lambda i: (i.start, i.end))
    assert list(from_caldav.busy) == by_start and from_caldav.off_days == as_files.off_days
    assert from_caldav.locations[day("thu")] == "office" and len(from_caldav.busy) == 6


BROKEN = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//rhythm tests//CalDAV//EN\r
BEGIN:VEVENT\r
UID:backwards@tests.invalid\r
DTSTAMP:20261101T080000Z\r
DTSTART:20261201T110000Z\r
DTEND:20261201T100000Z\r
SUMMARY:Ends before it starts\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_an_event_that_does_not_read_is_named_with_its_own_line(logged_in: Radicale, calendar: Collection):
    stored(calendar, "out_of_office_all_day_friday")
    calendar.put("backwards.ics", BROKEN)
    as_stored = calendar.resources()["backwards.ics"].splitlines()  # the server rewrites it
    line = next(n for n, text in enumerate(as_stored, 1) if text.startswith("DTEND"))
    with pytest.raises(CalendarError, match=rf"^{re.escape(calendar.address)}backwards.ics, "
                                            rf"line {line}: event 'backwards@tests.invalid' ends"):
        read_calendar_ref(calendar.address, replace(CONTEXT, strict=True))


NEGATIVE = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example//EN\r
BEGIN:VEVENT\r
UID:negative@example.com\r
DTSTAMP:20261101T090000Z\r
DTSTART:20261201T100000Z\r
DURATION:-PT1H\r
SUMMARY:Private interview\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_one_unreadable_event_is_skipped_with_a_warning_naming_its_resource_and_line(
    logged_in: Radicale, calendar: Collection
):
    stored(calendar, "out_of_office_all_day_friday")
    calendar.put("negative.ics", NEGATIVE)  # the server keeps it; rhythm cannot read it
    as_stored = calendar.resources()["negative.ics"].splitlines()
    line = next(n for n, text in enumerate(as_stored, 1) if text.startswith("DURATION"))
    facts = read(calendar)
    assert facts.off_days == frozenset({day("fri")})  # the good resource is read
    assert facts.busy == ()
    assert [(w.source, w.line, w.uid, w.skipped) for w in facts.warnings] == [
        (f"{calendar.address}negative.ics", line, "negative@example.com", True)]
    assert "Private interview" not in str(facts.warnings[0])


def test_an_event_ending_before_it_starts_is_read_swapped_with_a_warning(
    logged_in: Radicale, calendar: Collection
):
    calendar.put("backwards.ics", BROKEN)
    facts = read(calendar)
    assert facts.busy == (interval("tue", "11:00", "12:00"),)
    assert [(w.uid, w.skipped) for w in facts.warnings] == [("backwards@tests.invalid", False)]


def test_joining_resources_keeps_each_line_whole_and_each_time_zone_once():
    standup = (FIXTURES / "standup_daily_with_exdate_and_moved_occurrences.ics").read_text()
    described = standup.replace("SUMMARY:Standup\n", "SUMMARY:Standup\nDESCRIPTION:one\u2028two\n")
    text = joined([described, standup.replace("standup-2026@", "other@")])
    assert text.count("BEGIN:VTIMEZONE") == 1 and text.count("BEGIN:VEVENT") == 6
    assert "DESCRIPTION:one\u2028two\r\n" in text


def test_an_empty_calendar_says_nothing(logged_in: Radicale, calendar: Collection):
    assert read(calendar) == CalendarFacts()


def test_a_wrong_password_names_the_calendar_and_never_shows_the_password(
    radicale: Radicale, calendar: Collection, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("RHYTHM_CALDAV_USERNAME", radicale.username)
    monkeypatch.setenv("RHYTHM_CALDAV_PASSWORD", "not-the-password-xyz")
    monkeypatch.setenv("RHYTHM_CALDAV_HOSTS", radicale.plain_http_host)
    with pytest.raises(CalendarError) as error:
        read(calendar)
    message = str(error.value)
    assert message.startswith(calendar.address) and "HTTP 401" in message
    assert "'rhythm'" in message and "RHYTHM_CALDAV_USERNAME" in message
    assert "not-the-password-xyz" not in message and radicale.password not in message


def test_without_credentials_the_error_says_where_they_come_from(calendar: Collection):
    with pytest.raises(CalendarError, match=r"HTTP 401 Unauthorized\); rhythm has no account for 127.0.0.1: "
                                            r"a ~/.netrc entry for it, or RHYTHM_CALDAV_USERNAME and "
                                            r"RHYTHM_CALDAV_PASSWORD with 127.0.0.1 named in "
                                            r"RHYTHM_CALDAV_HOSTS"):
        read(calendar)


def test_credentials_come_from_the_netrc_entry_of_the_host(
    radicale: Radicale, calendar: Collection, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    stored(calendar, "out_of_office_all_day_friday")
    netrc = tmp_path / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login {radicale.username} password {radicale.password}\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    monkeypatch.setenv("RHYTHM_CALDAV_HOSTS", radicale.plain_http_host)  # http: allowed by name
    assert read(calendar).off_days == {day("fri")}


def test_a_missing_collection_is_a_404_naming_the_address(logged_in: Radicale):
    address = f"caldav:{logged_in.url}ana/no-such-calendar/"
    with pytest.raises(CalendarError, match=r"no-such-calendar/: no calendar at this address \(HTTP 404"):
        read_calendar_ref(address, CONTEXT)


def test_a_folder_of_calendars_is_not_read_as_a_free_week(logged_in: Radicale, calendar: Collection):
    folder = calendar.address.rstrip("/").rpartition("/")[0] + "/"
    with pytest.raises(CalendarError, match=r"ana/: this address is not a calendar collection"):
        read_calendar_ref(folder, CONTEXT)


def test_an_unreachable_server_is_named_without_a_traceback(logged_in: Radicale):
    from .conftest import _free_port

    address = f"caldav:http://127.0.0.1:{_free_port()}/ana/work/"
    with pytest.raises(CalendarError, match=r"/ana/work/: cannot reach the CalDAV server \(.+\)"):
        read_calendar_ref(address, CONTEXT)


def test_a_server_that_never_answers_times_out_with_a_clear_error():
    with socket.socket() as silent:  # accepts connections into its backlog, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        address = parse_address(f"caldav:http://127.0.0.1:{silent.getsockname()[1]}/ana/work/")
        with pytest.raises(CalendarError, match=r"did not answer within 0.5 seconds"):
            CalDAVCollection(address, timeout=0.5).events_between(at("mon", "00:00"), at("sun", "00:00"))


@pytest.mark.parametrize(("address", "problem"), [
    ("caldav:https://ana:hunter2@dav.example.com/ana/work/", "credentials never go in a calendar address"),
    ("caldav:ftp://dav.example.com/ana/", "http:// or https:// URL"),
    ("caldav:dav.example.com/ana/", "http:// or https:// URL"),
    ("caldav:https://dav.example.com/ana/?token=1", "no ?query"),
])
def test_a_bad_address_is_refused_before_anything_is_sent(address: str, problem: str):
    with pytest.raises(CalendarError, match=re.escape(problem)) as error:
        read_calendar_ref(address, CONTEXT)
    assert "hunter2" not in str(error.value) and "token" not in str(error.value)


def test_a_username_without_a_password_is_named(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("RHYTHM_CALDAV_USERNAME", "ana")
    with pytest.raises(CalendarError, match="RHYTHM_CALDAV_USERNAME is set but RHYTHM_CALDAV_PASSWORD"):
        read_calendar_ref("caldav:http://127.0.0.1:9/ana/work/", CONTEXT)

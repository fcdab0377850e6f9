"""Reading real calendar exports (tests/fixtures/ics, one file per case, named after it).

Every test runs twice: on the file as written and with its components reversed, since
RFC 5545 sets no order (VTIMEZONE after the events, an override before its series).
Busy times are checked the way a person would: as wall-clock times in the team's zone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from connectors.ics.read import read_ics
from scheduler.domain import CalendarFacts
from scheduler.errors import CalendarError

FIXTURES = Path(__file__).parent / "fixtures" / "ics"
EXAMPLES = Path(__file__).parents[1] / "examples" / "calendars"
AMSTERDAM = "Europe/Amsterdam"
WEEK = date(2026, 11, 30)
Read = Callable[..., CalendarFacts]


def reverse_components(text: str) -> str:
    """The same calendar with its top-level components (events, zones) in reverse order."""
    lines = text.splitlines()
    if not lines or lines[0] != "BEGIN:VCALENDAR" or lines[-1] != "END:VCALENDAR":
        return text  # not one whole calendar: nothing to reorder
    header: list[str] = []
    blocks: list[list[str]] = []
    depth = 0
    for line in lines[1:-1]:
        if depth == 0 and not line.startswith("BEGIN:"):
            header.append(line)
            continue
        if depth == 0:
            blocks.append([])
        blocks[-1].append(line)
        depth += line.startswith("BEGIN:") - line.startswith("END:")
    body = [line for block in reversed(blocks) for line in block]
    return "\r\n".join([lines[0], *header, *body, lines[-1]]) + "\r\n"


def fixture_text(name: str, order: str) -> str:
    path = EXAMPLES / name if name in EXAMPLE_NAMES else FIXTURES / name
    text = path.read_bytes().decode()
    return reverse_components(text) if order == "reversed" else text


EXAMPLE_NAMES = {p.name for p in EXAMPLES.glob("*.ics")}


@pytest.fixture(params=["as written", "reversed"])
def read(request: pytest.FixtureRequest) -> Read:
    def read_fixture(
        name: str, *, week: date = WEEK, timezone: str = AMSTERDAM, days: int = 7
    ) -> CalendarFacts:
        text = fixture_text(name, request.param)
        return read_ics(text, source=name, week=week, timezone=timezone, days=days)

    return read_fixture


def busy(facts: CalendarFacts, timezone: str = AMSTERDAM) -> list[str]:
    """Busy intervals as wall-clock times in the team's zone: 'Mon 30 Nov 10:30-11:30'."""
    assert all(i.start.tzinfo == ZoneInfo(timezone) for i in facts.busy)
    shown = []
    for interval in facts.busy:
        start, end = interval.start, interval.end
        end_format = "%H:%M" if end.date() == start.date() else "%a %d %b %H:%M"
        shown.append(f"{start:%a %d %b %H:%M}-{end.strftime(end_format)}")
    return shown


def days(*isodates: str) -> set[date]:
    return {date.fromisoformat(d) for d in isodates}


# The example calendars, week 2026-11-30


def test_ana_client_call_and_dentist_are_busy_and_the_free_newsletter_is_not(read: Read) -> None:
    assert busy(read("ana.ics")) == ["Mon 30 Nov 10:30-11:30", "Thu 03 Dec 14:00-15:00"]


def test_bram_board_meeting_on_thursday_is_exdated(read: Read) -> None:
    assert busy(read("bram.ics")) == ["Mon 30 Nov 13:00-14:00"]


def test_bram_is_off_on_friday(read: Read) -> None:
    assert read("bram.ics").off_days == days("2026-12-04")


def test_cas_stand_up_moved_to_tuesday_afternoon_and_review_cancelled(read: Read) -> None:
    assert busy(read("cas.ics")) == [
        "Mon 30 Nov 10:00-10:30",
        "Tue 01 Dec 14:00-15:00",
        "Wed 02 Dec 10:00-10:30",
        "Thu 03 Dec 10:00-10:30",
        "Fri 04 Dec 10:00-10:30",
    ]


def test_dewi_is_at_the_office_on_thursday_which_is_not_busy(read: Read) -> None:
    facts = read("dewi.ics")
    assert facts.locations == {date(2026, 12, 3): "office"}
    assert "Thu" not in " ".join(busy(facts))


def test_dewi_training_given_by_duration_is_monday_14_to_16(read: Read) -> None:
    assert busy(read("dewi.ics")) == ["Mon 30 Nov 14:00-16:00"]


def test_femke_school_pick_up_in_an_iana_zone_without_vtimezone(read: Read) -> None:
    assert busy(read("femke.ics")) == ["Tue 01 Dec 14:30-15:30", "Fri 04 Dec 14:30-15:30"]


# Recurrence


def test_recurring_exdate_override(read: Read) -> None:
    # Mon 09:30 moved to 16:00, Wed excluded, Fri as the series says.
    facts = read("recurring_exdate_override.ics")
    assert busy(facts) == ["Mon 30 Nov 16:00-16:30", "Fri 04 Dec 09:30-10:00"]


def test_recurring_rdate_adds_an_occurrence(read: Read) -> None:
    facts = read("recurring_rdate.ics")
    assert busy(facts) == ["Tue 01 Dec 11:00-12:00", "Thu 03 Dec 11:00-12:00"]


def test_recurring_occurrence_cancelled_frees_that_day_only(read: Read) -> None:
    assert busy(read("recurring_occurrence_cancelled.ics")) == [
        "Mon 30 Nov 09:15-09:30",
        "Tue 01 Dec 09:15-09:30",
        "Thu 03 Dec 09:15-09:30",
        "Fri 04 Dec 09:15-09:30",
    ]


# Busy, free, tentative, cancelled


def test_cancelled_and_transparent_events_are_not_busy(read: Read) -> None:
    assert busy(read("cancelled_and_transparent.ics")) == ["Thu 03 Dec 15:00-16:00"]


def test_tentative_events_are_busy(read: Read) -> None:
    facts = read("tentative.ics")
    assert busy(facts) == ["Tue 01 Dec 15:00-16:00", "Wed 02 Dec 11:00-11:30"]


def test_overlapping_and_back_to_back_events_merge(read: Read) -> None:
    facts = read("overlapping_events_merge.ics")
    assert busy(facts) == ["Mon 30 Nov 09:00-11:30", "Mon 30 Nov 13:00-14:00"]


def test_duration_instead_of_dtend_and_an_event_without_end_is_not_busy(read: Read) -> None:
    facts = read("duration_instead_of_dtend.ics")
    assert busy(facts) == ["Mon 30 Nov 09:00-09:45", "Tue 01 Dec 14:00-15:30"]


def test_events_across_the_week_boundary_are_clipped(read: Read) -> None:
    facts = read("spans_week_boundary.ics")
    assert busy(facts) == ["Mon 30 Nov 00:00-02:00", "Sun 06 Dec 23:00-Mon 07 Dec 00:00"]


def test_a_shorter_window_reads_only_its_days(read: Read) -> None:
    assert read("all_day_oof.ics", days=2).off_days == days("2026-11-30", "2026-12-01")


# All-day events: days off, whole busy days, office and home days


def test_all_day_oof_single_and_multi_day_are_days_off(read: Read) -> None:
    facts = read("all_day_oof.ics")
    assert facts.off_days == days(
        "2026-11-30", "2026-12-01", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06"
    )
    assert facts.busy == ()


def test_timed_oof_is_busy_time_not_a_day_off(read: Read) -> None:
    facts = read("timed_oof.ics")
    assert (busy(facts), facts.off_days) == (["Wed 02 Dec 13:00-15:00"], frozenset())


def test_all_day_titled_out_of_office_is_a_day_off_not_an_office_day(read: Read) -> None:
    facts = read("out_of_office_title.ics")
    assert (facts.off_days, facts.locations) == (days("2026-12-04"), {})


def test_opaque_all_day_events_block_the_day_and_transparent_ones_do_not(read: Read) -> None:
    assert busy(read("all_day_busy_and_free.ics")) == [
        "Tue 01 Dec 00:00-Wed 02 Dec 00:00",
        "Thu 03 Dec 00:00-Sat 05 Dec 00:00",
    ]


def test_working_elsewhere_at_the_office_every_tuesday_and_thursday(read: Read) -> None:
    facts = read("working_elsewhere_office.ics")
    assert facts.locations == {date(2026, 12, 1): "office", date(2026, 12, 3): "office"}
    assert facts.busy == ()


def test_working_elsewhere_without_a_place_is_home_and_timed_is_busy(read: Read) -> None:
    facts = read("working_elsewhere_without_place.ics")
    assert facts.locations == {date(2026, 12, 3): "home"}
    assert busy(facts) == ["Fri 04 Dec 10:00-12:00"]


def test_location_in_summary_home(read: Read) -> None:
    facts = read("location_in_summary_home.ics")
    assert facts.locations == dict.fromkeys(days("2026-11-30", "2026-12-02", "2026-12-04"), "home")
    assert facts.busy == ()


def test_location_in_summary_or_location_office(read: Read) -> None:
    facts = read("location_in_summary_office.ics")
    assert facts.locations == {date(2026, 12, 1): "office", date(2026, 12, 3): "office"}


def test_location_conflict_the_shorter_event_wins(read: Read) -> None:
    facts = read("location_conflict_shortest_wins.ics")
    assert facts.locations[date(2026, 12, 2)] == "office"
    assert {facts.locations[d] for d in days("2026-11-30", "2026-12-01", "2026-12-04")} == {"home"}


# Time zones


def test_utc_times(read: Read) -> None:
    facts = read("utc_times.ics")
    assert busy(facts) == ["Tue 01 Dec 10:00-11:00", "Fri 04 Dec 00:00-01:30"]


def test_floating_times_are_in_the_team_zone(read: Read) -> None:
    assert busy(read("floating_times.ics")) == ["Wed 02 Dec 09:30-10:30"]
    ny = read("floating_times.ics", timezone="America/New_York")
    assert busy(ny, "America/New_York") == ["Wed 02 Dec 09:30-10:30"]


def test_floating_times_are_in_the_calendars_x_wr_timezone(read: Read) -> None:
    assert busy(read("floating_times_x_wr_timezone.ics")) == ["Wed 02 Dec 15:00-16:00"]


def test_iana_tzid_without_vtimezone(read: Read) -> None:
    facts = read("iana_tzid_without_vtimezone.ics")
    assert busy(facts) == ["Tue 01 Dec 10:00-11:00", "Thu 03 Dec 09:00-10:00"]


def test_outlook_windows_zone_with_its_vtimezone(read: Read) -> None:
    assert busy(read("outlook_windows_zone.ics")) == ["Wed 02 Dec 15:00-16:00"]


def test_outlook_windows_zone_without_vtimezone(read: Read) -> None:
    facts = read("outlook_windows_zone_without_vtimezone.ics")
    assert busy(facts) == ["Mon 30 Nov 11:00-12:00", "Tue 01 Dec 10:00-10:30"]


def test_outlook_display_name_zone_defined_by_its_vtimezone(read: Read) -> None:
    assert busy(read("outlook_display_name_zone.ics")) == ["Tue 01 Dec 10:00-11:00"]


def test_globally_unique_tzid_from_evolution(read: Read) -> None:
    assert busy(read("globally_unique_tzid.ics")) == ["Tue 01 Dec 10:00-11:00"]


def test_google_x_wr_timezone_keeps_a_summer_utc_series_at_10_local(read: Read) -> None:
    facts = read("google_x_wr_timezone.ics")
    assert busy(facts) == ["Mon 30 Nov 10:00-10:30", "Thu 03 Dec 14:00-15:00"]


@pytest.mark.parametrize(
    ("week", "amsterdam"),
    [("2026-10-19", "15:00-15:30"), ("2026-10-26", "14:00-14:30"), ("2026-11-30", "15:00-15:30")],
    ids=["both on summer time", "only New York on summer time", "both on winter time"],
)
def test_member_in_new_york(read: Read, week: str, amsterdam: str) -> None:
    facts = read("member_in_new_york.ics", week=date.fromisoformat(week))
    assert {b.split(" ", 3)[3] for b in busy(facts)} == {amsterdam}
    assert len(facts.busy) == 5


def test_dst_week_europe_daily_event_stays_at_eight_local(read: Read) -> None:
    facts = read("dst_week_europe.ics", week=date(2026, 10, 19))
    shown = busy(facts)
    assert "Sat 24 Oct 08:00-08:30" in shown
    assert "Sun 25 Oct 08:00-08:30" in shown
    weekend = [f"{i.start:%a %H:%M%z}" for i in facts.busy if i.start.day in (24, 25)]
    assert weekend == ["Sat 08:00+0200", "Sat 23:00+0200", "Sun 08:00+0100", "Sun 10:00+0100"]


def test_dst_week_europe_the_night_of_the_change_lasts_seven_hours(read: Read) -> None:
    facts = read("dst_week_europe.ics", week=date(2026, 10, 19))
    night = next(i for i in facts.busy if i.start.hour == 23)
    assert busy(CalendarFacts(busy=(night,))) == ["Sat 24 Oct 23:00-Sun 25 Oct 05:00"]
    # Same-zone subtraction in Python is wall-clock; the hour gained shows in UTC.
    assert night.end.astimezone(UTC) - night.start.astimezone(UTC) == timedelta(hours=7)


def test_dst_week_europe_utc_event_on_the_change_day(read: Read) -> None:
    facts = read("dst_week_europe.ics", week=date(2026, 10, 19))
    assert "Sun 25 Oct 10:00-11:00" in busy(facts)


def test_dst_week_us_sunday_moves_an_hour_later_in_amsterdam(read: Read) -> None:
    shown = busy(read("dst_week_us.ics", week=date(2026, 10, 26)))
    assert shown[5:] == ["Sat 31 Oct 14:00-14:30", "Sun 01 Nov 15:00-15:30"]


def test_dst_week_us_read_in_new_york_stays_at_nine(read: Read) -> None:
    facts = read("dst_week_us.ics", week=date(2026, 10, 26), timezone="America/New_York")
    assert {b.split(" ", 3)[3] for b in busy(facts, "America/New_York")} == {"09:00-09:30"}


# Broken calendars: a CalendarError naming the file, the problem and the line to look at

MALFORMED = [
    ("malformed_not_icalendar.ics", "not an iCalendar file", "<!DOCTYPE html>"),
    ("malformed_no_vcalendar.ics", "should start with BEGIN:VCALENDAR", "BEGIN:VEVENT"),
    ("malformed_cut_off.ics", "is never closed (is the file cut off?)", "SUMM"),
    ("malformed_mismatched_end.ics", "END:VTODO closes BEGIN:VEVENT", "END:VTODO"),
    ("malformed_bad_dtstart.ics", "DTSTART of event 'bad-dtstart@example.com' cannot be read", "DTSTART"),
    ("malformed_unknown_tzid.ics", "time zone 'Mars/Olympus_Mons'", "DTSTART"),
    ("malformed_unknown_x_wr_timezone.ics", "'Europe/Atlantis' is not a known", "X-WR-TIMEZONE"),
    ("malformed_dtend_before_dtstart.ics", "event 'backwards@example.com' ends (DTEND", "DTEND"),
    ("malformed_negative_duration.ics", "has a negative DURATION", "DURATION"),
    ("malformed_bad_rrule.ics", "RRULE of event 'fortnightly@example.com' cannot be read", "RRULE"),
    ("malformed_no_dtstart.ics", "event 'no-start@example.com' has no DTSTART", "BEGIN:VEVENT"),
]


@pytest.mark.parametrize("order", ["as written", "reversed"])
@pytest.mark.parametrize(
    ("name", "problem", "line_starts"), MALFORMED, ids=[name for name, _, _ in MALFORMED]
)
def test_malformed_calendar_names_file_problem_and_line(
    name: str, problem: str, line_starts: str, order: str
) -> None:
    text = fixture_text(name, order)
    with pytest.raises(CalendarError) as raised:
        read_ics(text, source=f"calendars/{name}", week=WEEK, timezone=AMSTERDAM, strict=True)
    error = raised.value
    assert str(error).startswith(f"calendars/{name}, line {error.line}: ")
    assert problem in str(error)
    assert text.splitlines()[error.line - 1].startswith(line_starts)


def test_empty_calendar() -> None:
    with pytest.raises(CalendarError, match=r"^empty.ics: the calendar is empty$"):
        read_ics(b"", source="empty.ics", week=WEEK, timezone=AMSTERDAM)


# Files as they come: bytes, encodings, sloppy exporters, several calendars


def test_text_continued_without_folding_space_is_tolerated(read: Read) -> None:
    assert busy(read("broken_folding_in_description.ics")) == ["Tue 01 Dec 13:00-14:00"]


def test_two_calendars_in_one_file_are_both_read(read: Read) -> None:
    facts = read("two_calendars_in_one_file.ics")
    assert busy(facts) == ["Tue 01 Dec 10:00-11:00", "Wed 02 Dec 14:00-15:00"]


def test_bytes_with_a_byte_order_mark_read_like_text() -> None:
    data = b"\xef\xbb\xbf" + (EXAMPLES / "ana.ics").read_bytes()
    facts = read_ics(data, source="ana.ics", week=WEEK, timezone=AMSTERDAM)
    assert busy(facts) == ["Mon 30 Nov 10:30-11:30", "Thu 03 Dec 14:00-15:00"]


def test_windows_1252_bytes_are_read() -> None:
    text = fixture_text("timed_oof.ics", "as written").replace("Doctor's", "Caf\u00e9")
    facts = read_ics(text.encode("cp1252"), source="x.ics", week=WEEK, timezone=AMSTERDAM)
    assert busy(facts) == ["Wed 02 Dec 13:00-15:00"]


# RFC 5545 sets no order: every fixture reads the same with its components reversed

ALL_FIXTURES = sorted(p.name for p in FIXTURES.glob("*.ics"))


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_components_reversed_read_the_same(name: str) -> None:
    def outcome(order: str) -> CalendarFacts | str:
        try:
            text = fixture_text(name, order)
            return read_ics(text, source=name, week=WEEK, timezone=AMSTERDAM, strict=True)
        except CalendarError:
            return "CalendarError"  # what it says is checked above, line by line

    assert outcome("reversed") == outcome("as written")


def test_reversing_puts_the_override_first_and_the_vtimezone_last() -> None:
    text = fixture_text("recurring_exdate_override.ics", "reversed")
    assert text.index("RECURRENCE-ID") < text.index("EXDATE") < text.index("BEGIN:VTIMEZONE")

"""Real-world quirks, one small calendar each: read the way calendar apps read them, each
read-past part a warning naming file, line and UID (never the title); strict, refused.

The four crashes of the mutation run (issue 15) are here too: a repeated DTSTART,
DTSTART;VALUE=DATE:P1D, a VCALENDAR inside a VEVENT and RRULE:FREQ=MINUTELY;INTERVAL=0.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from connectors.ics.read import read_ics
from scheduler.domain import CalendarFacts
from scheduler.errors import CalendarError

QUIRKS = Path(__file__).parent / "fixtures" / "ics" / "quirks"
WEEK = date(2026, 11, 30)
AMSTERDAM = "Europe/Amsterdam"
GOOD = "Wed 02 Dec 10:00-11:00"  # the well-formed event beside each broken one


def read(name: str, *, week: date = WEEK, timezone: str = AMSTERDAM, strict: bool = False) -> CalendarFacts:
    return read_ics((QUIRKS / name).read_bytes(), source=name, week=week, timezone=timezone, strict=strict)


def busy(facts: CalendarFacts) -> list[str]:
    return [f"{i.start:%a %d %b %H:%M}-{i.end:%H:%M}" for i in facts.busy]


def warned(facts: CalendarFacts) -> list[tuple[int | None, str | None, bool]]:
    return [(w.line, w.uid, w.skipped) for w in facts.warnings]


def refused_at(name: str, **kwargs: object) -> tuple[int | None, str]:
    with pytest.raises(CalendarError) as raised:
        read(name, strict=True, **kwargs)  # type: ignore[arg-type]
    return raised.value.line, str(raised.value)


def test_google_dtend_before_dtstart_is_read_from_the_earlier_time() -> None:
    facts = read("google_dtend_before_dtstart.ics")
    assert busy(facts) == ["Tue 01 Dec 10:00-11:00"]
    assert warned(facts) == [(8, "backwards@google.com", False)]
    assert refused_at("google_dtend_before_dtstart.ics")[0] == 8


def test_outlook_display_name_without_vtimezone_is_read_in_its_city_zone_with_summer_time() -> None:
    facts = read("outlook_display_name_without_vtimezone.ics", week=date(2026, 6, 29), timezone="UTC")
    assert busy(facts) == ["Wed 01 Jul 08:00-09:00"]  # 10:00 in Amsterdam in summer, not UTC+1
    assert warned(facts) == [(7, "display@outlook.com", False)]
    assert "read in Europe/Amsterdam" in facts.warnings[0].message


def test_outlook_western_central_europe_is_read_as_floating_like_calendar_apps() -> None:
    facts = read("outlook_western_central_europe.ics")
    assert busy(facts) == ["Tue 01 Dec 16:00-16:30"]
    assert warned(facts) == [(7, "wce@outlook.com", False)]
    assert "time zone 'Western/Central Europe'" in refused_at("outlook_western_central_europe.ics")[1]


def test_custom_tzid_is_resolved_from_its_vtimezone_without_a_warning() -> None:
    facts = read("custom_tzid_with_vtimezone.ics", timezone="UTC")
    assert (busy(facts), facts.warnings) == (["Tue 01 Dec 13:00-14:00"], ())


def test_custom_tzid_without_vtimezone_is_read_at_the_offset_its_name_states() -> None:
    facts = read("custom_tzid_with_offset_no_vtimezone.ics", timezone="UTC")
    assert busy(facts) == ["Tue 01 Dec 09:30-10:30"]
    assert warned(facts) == [(7, "offset@example.com", False)]
    assert "UTC+5:30" in facts.warnings[0].message


@pytest.mark.parametrize(("name", "line"), [("typo_end_vtood.ics", 7), ("typo_end_vcalendard.ics", 11)])
def test_a_typo_in_a_closing_line_closes_what_is_open(name: str, line: int) -> None:
    facts = read(name)
    assert busy(facts) == [GOOD]
    assert warned(facts) == [(line, None, True)]
    assert refused_at(name)[0] == line


def test_stray_lines_after_end_vcalendar_are_left_out() -> None:
    facts = read("stray_lines_after_end_vcalendar.ics")
    assert busy(facts) == [GOOD]
    assert [w.line for w in facts.warnings] == [12, 13]
    assert refused_at("stray_lines_after_end_vcalendar.ics")[0] == 12


def test_vtimezone_with_an_impossible_offset_is_skipped_and_the_events_read() -> None:
    facts = read("vtimezone_with_impossible_offset.ics")
    assert busy(facts) == [GOOD]
    assert warned(facts) == [(4, None, True)]
    assert "Offset must be less than 24 hours" in refused_at("vtimezone_with_impossible_offset.ics")[1]


# The four crashes and the hang of the mutation run: now a warning, or strict a CalendarError


def test_repeated_dtstart_skips_the_event() -> None:
    facts = read("repeated_dtstart.ics")
    assert busy(facts) == [GOOD]
    assert warned(facts) == [(7, "twice@example.com", True)]
    assert refused_at("repeated_dtstart.ics") == (
        7, "repeated_dtstart.ics, line 7: DTSTART of event 'twice@example.com' appears 2 times")


def test_dtstart_value_date_with_a_duration_skips_the_event() -> None:
    facts = read("dtstart_value_date_duration.ics")
    assert busy(facts) == [GOOD]
    assert warned(facts) == [(7, "p1d@example.com", True)]
    assert refused_at("dtstart_value_date_duration.ics")[0] == 7


def test_vcalendar_nested_in_a_vevent_is_left_out_and_the_event_read() -> None:
    facts = read("vcalendar_nested_in_vevent.ics")
    assert busy(facts) == ["Tue 01 Dec 10:00-11:00", GOOD]  # the inner event's 13:00 is not read
    assert warned(facts) == [(8, None, True)]
    assert "BEGIN:VCALENDAR inside BEGIN:VEVENT" in refused_at("vcalendar_nested_in_vevent.ics")[1]


def test_rrule_minutely_interval_zero_skips_the_event_instead_of_hanging() -> None:
    facts = read("rrule_minutely_interval_zero.ics")
    assert busy(facts) == [GOOD]
    assert warned(facts) == [(9, "zero@example.com", True)]
    assert "INTERVAL=0" in refused_at("rrule_minutely_interval_zero.ics")[1]


def test_rrule_every_minute_since_1970_is_skipped_instead_of_walked() -> None:
    facts = read("rrule_minutely_since_1970.ics")
    assert busy(facts) == [GOOD]
    assert warned(facts) == [(9, "everyminute@example.com", True)]


def test_warnings_never_carry_the_title() -> None:
    for path in sorted(QUIRKS.glob("*.ics")):
        facts = read(path.name, week=date(2026, 6, 29) if "display_name" in path.name else WEEK)
        assert all("Private title" not in str(w) for w in facts.warnings), path.name


def test_a_text_that_is_not_a_calendar_is_still_refused() -> None:
    with pytest.raises(CalendarError, match="not an iCalendar file"):
        read_ics("<!DOCTYPE html><html>", source="page.html", week=WEEK, timezone=AMSTERDAM)
    with pytest.raises(CalendarError, match="not an iCalendar file"):
        read_ics("BEGIN:VCALENDAR\nthis is not ical\n", source="x.ics", week=WEEK, timezone=AMSTERDAM)


def test_busy_times_are_in_the_team_zone() -> None:
    facts = read("google_dtend_before_dtstart.ics")
    assert all(i.start.tzinfo == ZoneInfo(AMSTERDAM) for i in facts.busy)


# Found by bench.fuzz_ics


def test_a_minutely_rule_on_an_event_ending_decades_before_it_starts_is_skipped_not_walked() -> None:
    text = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:long@example.com\r\n"
            "DTSTART:20261201\r\nDTEND:19700101T000100Z\r\nRRULE:FREQ=MINUTELY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    facts = read_ics(text, source="x.ics", week=WEEK, timezone=AMSTERDAM)
    assert [(w.line, w.uid, w.skipped) for w in facts.warnings] == [(7, "long@example.com", True)]


def test_an_x_wr_timezone_naming_a_tzdata_folder_is_an_unknown_zone() -> None:
    text = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:Europe/\r\nBEGIN:VEVENT\r\nUID:a@example.com\r\n"
            "DTSTART:20261201T100000\r\nDTEND:20261201T110000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    facts = read_ics(text, source="x.ics", week=WEEK, timezone=AMSTERDAM)
    assert busy(facts) == ["Tue 01 Dec 10:00-11:00"]  # read in the team's zone
    assert [w.line for w in facts.warnings] == [3]

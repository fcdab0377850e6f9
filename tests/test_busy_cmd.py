"""`rhythm busy`: what the planner reads from one calendar, as a person checks it."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from cli.main import main
from tests.test_sources import serving

CALENDARS = Path(__file__).parents[1] / "examples" / "calendars"
FIXTURES = Path(__file__).parent / "fixtures" / "ics"


def busy(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["busy", *args])
    out, err = capsys.readouterr()
    return code, out, err


def week_in_amsterdam(calendar: Path, *more: str) -> list[str]:
    return [str(calendar), "--week", "2026-11-30", "--timezone", "Europe/Amsterdam", *more]


def test_listing_groups_the_week_by_day(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = busy(capsys, *week_in_amsterdam(CALENDARS / "dewi.ics"))
    assert code == 0
    assert out.splitlines()[1:] == [
        "Mon 30 Nov  14:00-16:00 busy",
        "Tue  1 Dec  free",
        "Wed  2 Dec  free",
        "Thu  3 Dec  at the office",
        "Fri  4 Dec  free",
        "Sat  5 Dec  free",
        "Sun  6 Dec  free",
    ]


def test_listing_shows_days_off_and_several_busy_times_a_day(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = busy(capsys, *week_in_amsterdam(FIXTURES / "overlapping_events_merge.ics"))
    assert out.splitlines()[1:3] == ["Mon 30 Nov  09:00-11:30 busy", "            13:00-14:00 busy"]
    _, out, _ = busy(capsys, str(CALENDARS / "bram.ics"), "--week", "2026-11-30")
    assert "Fri  4 Dec  day off" in out.splitlines()


def test_busy_time_across_midnight_shows_as_24_00(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = busy(capsys, *week_in_amsterdam(FIXTURES / "all_day_busy_and_free.ics"))
    assert "Tue  1 Dec  00:00-24:00 busy" in out.splitlines()


def test_json_prints_exactly_busy_off_days_and_locations(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = busy(capsys, *week_in_amsterdam(CALENDARS / "dewi.ics", "--json"))
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "busy": [{"start": "2026-11-30T14:00:00+01:00", "end": "2026-11-30T16:00:00+01:00"}],
        "off_days": [],
        "locations": {"2026-12-03": "office"},
        "warnings": [],
    }


@pytest.mark.parametrize(
    ("calendar", "header_ends"),
    [
        ("cas.ics", "times in Europe/Amsterdam (the calendar's zone, from its X-WR-TIMEZONE)"),
        ("bram.ics", "times in Europe/Berlin (the calendar's zone, from its only VTIMEZONE)"),
        ("femke.ics", "times in Europe/Amsterdam (the calendar's zone, from the only TZID its events use)"),
        ("dewi.ics", "times in UTC (the calendar states no zone of its own)"),
    ],
)
def test_default_zone_is_the_calendars_own_and_the_listing_says_which(
    capsys: pytest.CaptureFixture[str], calendar: str, header_ends: str
) -> None:
    _, out, _ = busy(capsys, str(CALENDARS / calendar), "--week", "2026-11-30")
    assert out.splitlines()[0].endswith(header_ends)


def test_json_with_a_default_zone_says_which_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, err = busy(capsys, str(CALENDARS / "dewi.ics"), "--week", "2026-11-30", "--json")
    assert json.loads(out)["busy"][0]["start"] == "2026-11-30T13:00:00+00:00"
    assert err == "rhythm busy: times in UTC (the calendar states no zone of its own)\n"


def test_windows_zone_name_is_accepted_for_timezone(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = busy(
        capsys, str(CALENDARS / "ana.ics"), "--week", "2026-11-30", "--timezone", "Eastern Standard Time"
    )
    assert "times in America/New_York" in out.splitlines()[0]
    assert "Mon 30 Nov  04:30-05:30 busy" in out.splitlines()


def test_calendar_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO((CALENDARS / "cas.ics").read_bytes()))
    monkeypatch.setattr(sys, "stdin", stdin)
    _, out, _ = busy(capsys, "-", "--week", "2026-11-30")
    assert out.splitlines()[0].startswith("standard input: week of Mon 30 Nov 2026")
    assert "Tue  1 Dec  14:00-15:00 busy" in out.splitlines()


def test_calendar_from_a_feed(capsys: pytest.CaptureFixture[str]) -> None:
    with serving({"/ana.ics": (200, (CALENDARS / "ana.ics").read_bytes(), 0.0)}) as base:
        _, out, _ = busy(capsys, f"{base}/ana.ics", "--week", "2026-11-30")
    assert out.splitlines()[1] == "Mon 30 Nov  10:30-11:30 busy"


def test_calendar_file_relative_to_the_working_directory(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "me.ics").write_bytes((CALENDARS / "ana.ics").read_bytes())
    monkeypatch.chdir(tmp_path)
    _, out, _ = busy(capsys, "me.ics", "--week", "2026-11-30")
    assert out.startswith("me.ics: week of Mon 30 Nov 2026")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--week", "2026-12-01"],
            "--week: 2026-12-01 is a Tuesday; give the Monday of the week: 2026-11-30",
        ),
        (["--week", "next week"], "--week: 'next week' is not a date like 2026-11-30"),
        (
            ["--week", "2026-11-30", "--timezone", "Mars/Olympus"],
            "--timezone: 'Mars/Olympus' is not a time zone; give an IANA name such as Europe/Amsterdam",
        ),
    ],
)
def test_bad_arguments_are_refused_clearly(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = busy(capsys, str(CALENDARS / "ana.ics"), *args)
    assert (code, out, err) == (2, "", f"rhythm busy: {message}\n")


def test_a_broken_calendar_is_refused_with_file_and_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    code, _, err = busy(capsys, "malformed_unknown_tzid.ics", "--week", "2026-11-30", "--strict")
    assert code == 2
    assert err.startswith("rhythm busy: malformed_unknown_tzid.ics, line 7: DTSTART of event")


def test_an_unknown_zone_is_read_as_floating_with_a_warning_by_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    code, out, err = busy(capsys, "malformed_unknown_tzid.ics", "--week", "2026-11-30",
                          "--timezone", "Europe/Amsterdam", "--json")
    shown = json.loads(out)
    assert (code, err) == (0, "")
    assert [(w["line"], w["uid"]) for w in shown["warnings"]] == [(7, "unknown-zone@example.com")]
    assert "read as a time without a zone" in shown["warnings"][0]["message"]
    assert shown["busy"] == [{"start": "2026-12-01T10:00:00+01:00", "end": "2026-12-01T11:00:00+01:00"}]


def test_a_missing_file_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = busy(capsys, str(tmp_path / "nope.ics"), "--week", "2026-11-30")
    assert (code, err) == (
        2,
        f"rhythm busy: {tmp_path / 'nope.ics'}: cannot read the calendar: No such file or directory\n",
    )


def test_an_outlook_address_without_an_app_registration_says_what_is_missing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RHYTHM_CLIENT_ID", raising=False)
    code, _, err = busy(capsys, "outlook:me", "--week", "2026-11-30")
    assert code == 2 and err.startswith("rhythm busy: outlook:me: RHYTHM_CLIENT_ID is not set")

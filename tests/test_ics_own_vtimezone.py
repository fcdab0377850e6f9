"""A calendar's own VTIMEZONE governs its TZID (issue 20.1).

The fixture is an Outlook export whose block named `GMT Standard Time` defines central
European time: RFC 5545 reads its events one hour earlier than the Windows table's London
would. `rhythm busy` and a plan must agree with icalendar's own expansion of the file, run
in a fresh process: icalendar keeps zones process-wide, so a look-up of the name before the
block is parsed (earlier in the process, or an event before the VTIMEZONE in the same file)
answers London. rhythm reads the block in either order (RFC 5545 sets none).
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from connectors.ics.read import read_ics
from tests.test_cli import rhythm
from tests.test_ics_read import reverse_components

FIXTURE = Path(__file__).parent / "fixtures" / "ics" / "vtimezone_governs_its_windows_tzid.ics"
WEEK, ZONE = "2026-12-07", "Europe/Amsterdam"
ICALENDAR_EXPANSION = """
import json, sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo
import icalendar, recurring_ical_events
zone = ZoneInfo(sys.argv[2])
start = datetime.fromisoformat(sys.argv[3]).replace(tzinfo=zone)
calendar = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
events = recurring_ical_events.of(calendar).between(start, start + timedelta(days=7))
print(json.dumps(sorted([e["DTSTART"].dt.astimezone(zone).isoformat(),
                         e["DTEND"].dt.astimezone(zone).isoformat()] for e in events)))
"""


def icalendar_busy(path: Path) -> list[list[str]]:
    done = subprocess.run([sys.executable, "-c", ICALENDAR_EXPANSION, str(path), ZONE, WEEK],
                          capture_output=True, text=True, check=True, timeout=60)
    return json.loads(done.stdout)


def overlaps(start: str, end: str, busy: list[list[str]]) -> bool:
    a, b = datetime.fromisoformat(start), datetime.fromisoformat(end)
    return any(a < datetime.fromisoformat(e) and datetime.fromisoformat(s) < b for s, e in busy)


@pytest.mark.parametrize("order", ["as written", "reversed"])
def test_a_calendars_own_vtimezone_governs_its_tzid_in_rhythm_busy_as_in_icalendar(
        order: str, tmp_path: Path) -> None:
    path = tmp_path / FIXTURE.name
    text = FIXTURE.read_bytes().decode()
    path.write_text(reverse_components(text) if order == "reversed" else text)
    done = rhythm("busy", str(path), "--week", WEEK, "--timezone", ZONE, "--json")
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    expected = icalendar_busy(FIXTURE)  # the block first, as Outlook writes it
    assert [[b["start"], b["end"]] for b in shown["busy"]] == expected
    assert expected[0] == ["2026-12-07T12:00:00+01:00", "2026-12-07T12:30:00+01:00"]  # not 13:00 (London)


def test_a_calendars_own_vtimezone_governs_its_tzid_and_the_plan_keeps_clear_of_it(tmp_path: Path) -> None:
    (tmp_path / "ana.ics").write_bytes(FIXTURE.read_bytes())
    request = {
        "version": 1, "team": "own-zones", "timezone": ZONE, "week": WEEK,
        "rules": {"meeting_hours": {"start": "10:00", "end": "15:00"}, "meetingless_days": [],
                  "lunch": {"start": "12:00", "end": "13:00", "minutes": 30}},
        "members": [{"id": "ana", "name": "Ana", "calendars": ["ana.ics"]}, {"id": "bram", "name": "Bram"}],
        "meetings": [{"id": "sync", "title": "Sync", "minutes": 55, "attendees": "all", "per_week": 5}],
    }
    (tmp_path / "request.json").write_text(json.dumps(request))
    done = rhythm("plan", str(tmp_path / "request.json"), "--json", "--time-limit", "10")
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    busy = icalendar_busy(FIXTURE)
    lunches = [(b["start"], b["end"]) for b in plan["lunches"] if b["member"] == "ana"]
    meetings = [(m["start"], m["end"]) for m in plan["meetings"] if "ana" in m["attendees"]]
    assert len(lunches) == 5 and len(meetings) == 5
    assert not [block for block in lunches + meetings if overlaps(*block, busy)]
    # The stand-up is 12:00-12:30 on ana's own definition: her lunch follows it.
    assert lunches[0] == ("2026-12-07T12:30:00+01:00", "2026-12-07T13:00:00+01:00")
    (warning,) = plan["calendar_warnings"]["ana"]
    assert (warning["line"], warning["skipped"]) == (6, False)


def test_a_calendars_own_vtimezone_that_disagrees_with_its_name_is_a_warning_naming_file_line_and_tzid(
) -> None:
    facts = read_ics(FIXTURE.read_bytes(), source="outlook.ics", week=date(2026, 12, 7), timezone=ZONE)
    (warning,) = facts.warnings  # W. Europe Standard Time's block agrees with its name: no warning
    assert str(warning).startswith("outlook.ics, line 6: VTIMEZONE 'GMT Standard Time' gives other UTC "
                                   "offsets than the time zone of that name (Europe/London)")
    assert not warning.skipped


def test_a_windows_tzid_without_its_vtimezone_still_reads_through_the_windows_table() -> None:
    text = FIXTURE.read_bytes().decode()
    without = text[:text.index("BEGIN:VTIMEZONE")] + text[text.rindex("END:VTIMEZONE") + 15:]
    facts = read_ics(without, source="x", week=date(2026, 12, 7), timezone=ZONE)
    assert facts.warnings == ()
    assert facts.busy[0].start.isoformat() == "2026-12-07T13:00:00+01:00"  # London, as the name says


def calendar_with_block(block: str, start: str, rule: str = "") -> str:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tests//EN\r\n" + block
            + f"BEGIN:VEVENT\r\nUID:weekly@example.org\r\nDTSTART;TZID=Europe/Berlin:{start}\r\n"
            f"DURATION:PT1H\r\n{rule}END:VEVENT\r\nEND:VCALENDAR\r\n")


# What iCalcreator and Apple write: only the changes around the events, none repeating.
CHANGES_2018_TO_2020 = (
    "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n"
    "BEGIN:STANDARD\r\nDTSTART:20181028T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
    "RDATE:20191027T030000\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:20190331T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
    "RDATE:20200329T020000\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n")


@pytest.mark.parametrize("week, start", [("2026-11-30", "20190107T100000"),
                                         ("2018-06-04", "20180604T100000")])
def test_where_a_calendars_own_vtimezone_says_nothing_the_zone_of_its_name_is_read(
        week: str, start: str) -> None:
    text = calendar_with_block(CHANGES_2018_TO_2020, start, "RRULE:FREQ=WEEKLY\r\n")
    facts = read_ics(text, source="x", week=date.fromisoformat(week), timezone=ZONE)
    # After its last change (dateutil would keep summer time on) and before its first: Berlin.
    assert facts.busy[0].start.strftime("%H:%M") == "10:00" and facts.warnings == ()


def test_a_calendars_own_vtimezone_governs_an_iana_name_too_with_a_warning() -> None:
    block = ("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
             "TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\nRRULE:FREQ=YEARLY\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n")
    facts = read_ics(calendar_with_block(block, "20261201T100000"), source="x", week=date(2026, 11, 30),
                     timezone=ZONE)
    assert facts.busy[0].start.strftime("%H:%M") == "11:00"  # 10:00 UTC, as the block says
    (warning,) = facts.warnings
    assert warning.line == 5 and "'Europe/Berlin' gives other UTC offsets" in warning.message

"""`rhythm plan` with a member's calendar holding one broken event: the week is planned
from everything else, and the plan says whose calendar had warnings (`calendar_warnings`)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from connectors.sources import read_team_calendars
from scheduler.plan.plan_json import plan_from_json
from scheduler.request import read_request
from scheduler.validate import validate
from tests.test_cli import EXAMPLES, rhythm

BROKEN = (
    "BEGIN:VEVENT\r\nUID:broken-1@example.com\r\nDTSTART:20261201T100000Z\r\n"
    "DTSTART:20261201T110000Z\r\nDTEND:20261201T120000Z\r\nSUMMARY:Secret appraisal\r\nEND:VEVENT\r\n"
)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    ana = tmp_path / "examples" / "calendars" / "ana.ics"
    text = ana.read_text()
    ana.write_text(text.replace("END:VCALENDAR", BROKEN + "END:VCALENDAR"))
    return tmp_path / "examples" / "platform-week.json"


def broken_line(example: Path) -> int:
    lines = (example.parent / "calendars" / "ana.ics").read_text().splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line == "DTSTART:20261201T100000Z")


def test_plan_is_made_and_names_the_member_whose_calendar_had_a_broken_event(example: Path) -> None:
    done = rhythm("plan", str(example), "--json", "--time-limit", "5")
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert list(document["calendar_warnings"]) == ["ana"]
    (warning,) = document["calendar_warnings"]["ana"]
    expected = (broken_line(example), "broken-1@example.com", True)
    assert (warning["line"], warning["uid"], warning["skipped"]) == expected
    assert warning["source"].endswith("ana.ics")
    assert "Secret" not in done.stdout and "Secret" not in done.stderr
    assert "warning: Ana de Vries's calendar" in done.stderr  # named as the manager knows her
    plan = plan_from_json(document)  # the schema accepts the addition, and it reads back
    assert plan.calendar_warnings["ana"][0].uid == "broken-1@example.com"
    request = read_request(str(example))
    assert validate(request, read_team_calendars(request), plan) == []  # ana's other events hold


def test_plan_without_warnings_has_no_calendar_warnings_field(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    done = rhythm("plan", str(tmp_path / "examples" / "platform-week.json"), "--json", "--time-limit", "5")
    assert done.returncode == 0, done.stderr
    assert "calendar_warnings" not in json.loads(done.stdout)


def test_strict_plan_refuses_the_calendar_at_the_broken_line(example: Path, tmp_path: Path) -> None:
    done = rhythm("plan", str(example), "--strict", "--out", str(tmp_path / "plan.json"))
    assert done.returncode == 2
    line = broken_line(example)
    assert f"ana.ics, line {line}: DTSTART of event 'broken-1@example.com' appears 2" in done.stderr
    assert not (tmp_path / "plan.json").exists()

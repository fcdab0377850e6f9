"""End to end through the installed `rhythm` command, as a user runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest

from connectors.sources import read_team_calendars
from scheduler.plan.plan_json import plan_from_json
from scheduler.request import read_request
from scheduler.validate import validate

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# The console script that `pip install` put beside this interpreter: what a user runs.
RHYTHM = str(Path(sys.executable).parent / "rhythm")


def rhythm(*args: str, stdin: str | None = None, cwd: Path | None = None,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [RHYTHM, *args], input=stdin, capture_output=True, text=True,
        cwd=cwd, timeout=120, check=False, env=env,
    )


@pytest.fixture
def example(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    return tmp_path / "examples" / "platform-week.json"


def test_plan_prints_the_week_writes_the_plan_and_one_calendar_per_member(example: Path, tmp_path: Path):
    done = rhythm("plan", str(example), "--out", str(tmp_path / "plan.json"), "--ics", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "Ana de Vries" in done.stdout and "Team sync" in done.stdout
    assert "  Mon 30 Nov  office" in done.stdout
    request = read_request(str(example))
    plan = plan_from_json(json.loads((tmp_path / "plan.json").read_text()))
    assert validate(request, read_team_calendars(request), plan) == []
    assert plan.status == "optimal" and plan.metrics["meetings_placed"] == 7
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["ana.ics", "bram.ics", "cas.ics", "dewi.ics", "eva.ics", "femke.ics"]
    ana = icalendar.Calendar.from_ical((tmp_path / "out" / "ana.ics").read_bytes())
    assert any(str(e.get("SUMMARY")) == "Team sync" for e in ana.walk("VEVENT"))


def test_check_accepts_the_plan_that_plan_wrote(example: Path, tmp_path: Path):
    assert rhythm("plan", str(example), "--out", str(tmp_path / "plan.json")).returncode == 0
    done = rhythm("check", str(example), str(tmp_path / "plan.json"))
    assert done.returncode == 0 and "valid" in done.stdout


def test_check_lists_what_a_hand_edit_broke(example: Path, tmp_path: Path):
    assert rhythm("plan", str(example), "--out", str(tmp_path / "plan.json")).returncode == 0
    document = json.loads((tmp_path / "plan.json").read_text())
    sync = next(m for m in document["meetings"] if m["request"] == "sync")
    sync["start"], sync["end"] = "2026-12-02T10:00:00+01:00", "2026-12-02T10:25:00+01:00"
    (tmp_path / "plan.json").write_text(json.dumps(document))
    done = rhythm("check", str(example), str(tmp_path / "plan.json"))
    assert done.returncode == 1
    assert "meetingless_days" in done.stdout and "Wed 2 Dec" in done.stdout


def test_plan_reads_the_request_from_standard_input(example: Path):
    done = rhythm("plan", "-", "--json", stdin=example.read_text(), cwd=example.parent)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["metrics"]["meetings_requested"] == 7


def test_a_bad_request_names_the_field_and_shows_no_traceback(example: Path, tmp_path: Path):
    document = json.loads(example.read_text())
    document["meetings"][3]["minutes"] = 30
    (tmp_path / "plan.json").write_text("{}")
    done = rhythm("plan", "-", "--out", str(tmp_path / "plan.json"), stdin=json.dumps(document),
                  cwd=example.parent)
    assert done.returncode == 2
    assert "meetings[3].minutes: 30 is not an allowed length (25, 55)" in done.stderr
    assert "Traceback" not in done.stderr
    assert (tmp_path / "plan.json").read_text() == "{}"  # a failed plan keeps the old one


def test_contradictory_rules_are_refused_in_words(example: Path):
    document = json.loads(example.read_text())
    document["rules"]["office_days"] = {"min": 6, "max": 6}
    done = rhythm("plan", "-", stdin=json.dumps(document), cwd=example.parent)
    assert done.returncode == 2 and "office_days" in done.stderr and "Traceback" not in done.stderr


def test_a_malformed_calendar_names_the_file(example: Path):
    (example.parent / "calendars" / "ana.ics").write_text("BEGIN:VCALENDAR\nthis is not ical\n")
    done = rhythm("plan", str(example))
    assert done.returncode == 2 and "ana.ics" in done.stderr and "Traceback" not in done.stderr


def test_what_cannot_be_placed_is_listed_with_a_reason(example: Path, tmp_path: Path):
    document = json.loads(example.read_text())
    document["meetings"].append({"id": "offsite", "title": "Offsite", "minutes": 55,
                                 "attendees": ["bram"], "per_week": 4, "where": "office"})
    request_file = example.parent / "more.json"
    request_file.write_text(json.dumps(document))
    done = rhythm("plan", str(request_file), "--out", str(tmp_path / "plan.json"))
    assert done.returncode == 0, done.stderr
    plan = json.loads((tmp_path / "plan.json").read_text())
    offsite = [u for u in plan["unplaced"] if u["request"] == "offsite"]
    assert offsite and all(u["reason"] for u in offsite)
    assert "Offsite" in done.stdout


def test_a_short_time_limit_still_gives_a_valid_plan(example: Path, tmp_path: Path):
    done = rhythm("plan", str(example), "--time-limit", "0.5", "--out", str(tmp_path / "plan.json"))
    assert done.returncode == 0, done.stderr
    assert json.loads((tmp_path / "plan.json").read_text())["status"] in ("optimal", "feasible")
    assert rhythm("check", str(example), str(tmp_path / "plan.json")).returncode == 0


def test_verbose_says_where_the_time_went_step_by_step(example: Path):
    done = rhythm("--verbose", "plan", str(example))
    assert done.returncode == 0, done.stderr
    summary = next(line for line in done.stderr.splitlines() if "time per step:" in line)
    steps = [step.split()[:-1] for step in summary.split("time per step: ")[1].split("; ")[0].split(", ")]
    assert steps[:2] == [["model"], ["first", "plan"]] and steps[-1] == ["plan"]
    assert ["stage", "1", "optimal"] in steps

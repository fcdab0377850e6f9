"""Requests a careless or hostile client sends: each is a message naming the field, never a
traceback, from the library, the `rhythm plan` command and (in tests/web) the API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from scheduler.errors import RequestError
from scheduler.request import parse_request

RHYTHM = str(Path(sys.executable).parent / "rhythm")
WORKDAYS = ["mon", "tue", "wed", "thu", "fri"]


def small_request(**rules: Any) -> dict[str, Any]:
    return {
        "version": 1, "team": "platform", "timezone": "Europe/Amsterdam", "week": "2026-11-30",
        "rules": rules,
        "members": [{"id": "ana"}, {"id": "bram", "timezone": "America/New_York",
                                     "working_hours": {"start": "12:30", "end": "20:30"}}],
        "meetings": [{"id": "sync", "minutes": 25, "attendees": "all"}],
    }


def problems(data: object) -> dict[str, str]:
    with pytest.raises(RequestError) as raised:
        parse_request(data)
    return {p.path: p.message for p in raised.value.problems}


def rhythm_plan(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "request.json"
    path.write_text(text)
    return subprocess.run([RHYTHM, "plan", str(path)], capture_output=True, text=True, timeout=120,
                          check=False)


def test_meetingless_days_on_every_workday_name_the_rule() -> None:
    found = problems(small_request(meetingless_days=WORKDAYS))  # the meeting leaves out per_week
    assert list(found) == ["rules.meetingless_days"]
    assert "covers every workday" in found["rules.meetingless_days"]


def test_per_week_left_out_counts_as_one() -> None:
    data = small_request(meetingless_days=["mon", "tue", "wed", "thu"])
    data["meetings"].append({"id": "retro", "minutes": 55, "attendees": "all", "per_week": 2})
    assert problems(data) == {"meetings[1].per_week": "2 is more than the 1 days with meetings "
                                                      "(workdays that are not meetingless_days)"}


def test_a_request_nested_too_deeply_names_where() -> None:
    data = small_request()
    deep: list[Any] = []
    data["rules"]["workdays"] = deep
    for _ in range(2000):
        deep.append([])
        deep = deep[0]
    found = problems(data)
    (path,) = found
    assert path.startswith("rules.workdays[0][0]") and "nested deeper than 32 levels" in found[path]


def test_a_lunch_outside_working_hours_is_refused() -> None:
    found = problems(small_request(lunch={"start": "20:00", "end": "21:00", "minutes": 30}))
    assert list(found) == ["members[0].working_hours"]  # bram's 12:30-20:30 holds 20:00-20:30
    assert found["members[0].working_hours"] == (
        "09:00-17:00 (the default) leaves 0 minutes of the lunch window 20:00-21:00 (rules.lunch, "
        "on this member's own clock) for a 30-minute lunch")


def test_a_member_in_another_zone_is_judged_on_their_own_clock() -> None:
    # 11:30-12:30 is inside ana's 09:00-17:00, and before bram's 12:30-20:30 in New York.
    found = problems(small_request(lunch={"start": "11:30", "end": "12:30", "minutes": 30}))
    assert list(found) == ["members[1].working_hours"]
    assert found["members[1].working_hours"].startswith("12:30-20:30 leaves 0 minutes")
    # Half an hour of overlap (12:30-13:00 for bram) holds a 30-minute lunch, not a 45-minute one.
    parse_request(small_request(lunch={"start": "12:00", "end": "13:00", "minutes": 30}))
    found = problems(small_request(lunch={"start": "12:00", "end": "13:00", "minutes": 45}))
    assert found["members[1].working_hours"].startswith("12:30-20:30 leaves 30 minutes")


@pytest.mark.parametrize("text, path, words", [
    ("[" * 100000, "request.json", "nested too deeply"),
    (json.dumps(small_request(meetingless_days=WORKDAYS)), "rules.meetingless_days", "covers every workday"),
    (json.dumps(small_request(lunch={"start": "20:00", "end": "21:00"})), "members[0].working_hours",
     "lunch window 20:00-21:00"),
])
def test_rhythm_plan_answers_exit_2_with_the_message(tmp_path: Path, text: str, path: str,
                                                     words: str) -> None:
    done = rhythm_plan(tmp_path, text)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and path in done.stderr and words in done.stderr
    assert done.stdout == ""

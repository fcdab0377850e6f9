"""Values valid JSON may carry that Python cannot take as they come (issue 22.15): each is a
message naming the field, from the library and from `rhythm plan -` (exit 2), never a
traceback. tests/web/test_attacks_input.py sends the same through the API."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scheduler.errors import RequestError
from scheduler.request import parse_request
from scheduler.request.decode import decode_json

from .test_hostile_requests import small_request

RHYTHM = str(Path(sys.executable).parent / "rhythm")
ONE_LINE = "must be one line of text, without line breaks or other control characters"


def with_field(path: tuple[str | int, ...], value: object) -> str:
    data = small_request()
    place = data
    for part in path[:-1]:
        place = place[part]
    place[path[-1]] = value
    return json.dumps(data)


LONG_NUMBER = with_field(("meetings", 0, "minutes"), 0).replace('"minutes": 0', '"minutes": ' + "9" * 5000)

# The JSON text, the field it names, words of the message.
HOSTILE = {
    "a 5000-digit integer": (LONG_NUMBER, "meetings[0].minutes", "is a number of 5000 digits"),
    "a 5000-digit negative integer in an unknown field": (
        LONG_NUMBER.replace('"minutes": 9', '"minutes": 25, "extra": -9'), "meetings[0].extra",
        "is a number of 5000 digits"),
    "a time with a trailing newline": (
        with_field(("members", 1, "working_hours", "start"), "10:00\n"), "members[1].working_hours.start",
        'expected a time as HH:MM, got "10:00\\n"'),
    "a date with a trailing newline": (with_field(("week",), "2026-11-30\n"), "week",
                                       "expected a date as YYYY-MM-DD"),
    "a lone surrogate in a meeting id": (with_field(("meetings", 0, "id"), "\ud800"), "meetings[0].id",
                                        "holds \\ud800, half of a UTF-16 surrogate pair"),
    "a lone surrogate in a field's name": (
        with_field(("rules", "\udc00x"), 1), "rules.\\udc00x", "this field's name holds \\udc00"),
    "a newline in the team's name": (with_field(("team",), "platform\nX-Injected: 1"), "team", ONE_LINE),
    "a newline in a member's name": (with_field(("members", 0, "name"), "Ana\nde Vries"),
                                     "members[0].name", ONE_LINE),
    "a NUL in a member id": (with_field(("members", 1, "id"), "bram\u0000"), "members[1].id", ONE_LINE),
    "a line separator in a meeting title": (with_field(("meetings", 0, "title"), "Sync\u2028now"),
                                            "meetings[0].title", ONE_LINE),
    "a newline in an e-mail address": (with_field(("members", 0, "email"), "ana@example.com\nBcc: x@y.z"),
                                       "members[0].email", ONE_LINE),
}


def problems(text: str) -> dict[str, str]:
    with pytest.raises(RequestError) as raised:
        parse_request(decode_json(text, "request body"))
    return {p.path: p.message for p in raised.value.problems}


@pytest.mark.parametrize("case", HOSTILE)
def test_each_hostile_value_names_its_field(case: str) -> None:
    text, path, words = HOSTILE[case]
    found = problems(text)
    assert list(found) == [path] and words in found[path]


@pytest.mark.parametrize("case", ["a 5000-digit integer", "a time with a trailing newline",
                                  "a lone surrogate in a meeting id", "a newline in the team's name"])
def test_rhythm_plan_from_standard_input_exits_2_naming_the_field(case: str) -> None:
    text, path, words = HOSTILE[case]
    done = subprocess.run([RHYTHM, "plan", "-"], input=text.encode(), capture_output=True,
                          timeout=120, check=False)
    stderr = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in stderr
    assert f"{path}: " in stderr and words in stderr and done.stdout == b""


def test_standard_input_that_is_not_utf8_is_a_message() -> None:
    done = subprocess.run([RHYTHM, "plan", "-"], input=b'{"team": "\xff"}', capture_output=True,
                          timeout=120, check=False)
    assert done.returncode == 2
    assert done.stderr.decode() == "rhythm plan: standard input: is not UTF-8 text\n"


def test_numbers_and_text_a_request_may_hold_still_read() -> None:
    data = json.loads(with_field(("members", 0, "name"), "Zoë 🙂 O'Neill — ünïcode"))
    data["meetings"][0]["minutes"] = 25
    request = parse_request(decode_json(json.dumps(data), "request body"))
    assert request.members[0].name == "Zoë 🙂 O'Neill — ünïcode"


@pytest.mark.parametrize("name", ["", "   "])
def test_a_one_to_one_with_a_member_without_a_name_prints_its_table(name: str) -> None:
    """Found by tests/test_fuzz_requests.py: the table looked up a blank name's first word.
    A blank name reads as the member's id."""
    data = json.loads(with_field(("members", 0, "name"), name))
    data["members"][1] = {"id": "bram"}
    done = subprocess.run([RHYTHM, "plan", "-", "--time-limit", "5"], input=json.dumps(data).encode(),
                          capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert "\nana: " in done.stdout.decode() and "sync" in done.stdout.decode()


def rhythm_org_plan(tmp_path: Path, team_file: bytes) -> subprocess.CompletedProcess[bytes]:
    """`rhythm org plan` of an organisation of one team, whose request file holds `team_file`."""
    (tmp_path / "platform.json").write_bytes(team_file)
    org = {"version": 1, "organisation": "acme", "timezone": "Europe/Amsterdam", "week": "2026-11-30",
           "buildings": [{"id": "utrecht", "desks": 10}],
           "teams": [{"building": "utrecht", "request": "platform.json"}]}
    (tmp_path / "org.json").write_text(json.dumps(org))
    return subprocess.run([RHYTHM, "org", "plan", str(tmp_path / "org.json"), "--out",
                           str(tmp_path / "a" / "out")], capture_output=True, timeout=120, check=False)


@pytest.mark.parametrize("content, words", [
    (LONG_NUMBER.encode(), "meetings[0].minutes: is a number of 5000 digits"),
    (b'{"team": "\xff"}', "platform.json: is not UTF-8 text"),
])
def test_a_team_file_of_an_organisation_names_what_cannot_be_read(tmp_path: Path, content: bytes,
                                                                   words: str) -> None:
    done = rhythm_org_plan(tmp_path, content)
    stderr = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in stderr and words in stderr, stderr


@pytest.mark.parametrize("team", ["../../outside", "plat/form", ".hidden"])
def test_an_organisations_team_name_cannot_write_outside_the_out_folder(tmp_path: Path, team: str) -> None:
    """`rhythm org plan --out` names files after the teams: teams/<team>.plan.json."""
    done = rhythm_org_plan(tmp_path, with_field(("team",), team).encode())
    assert done.returncode == 2, done.stderr.decode()
    assert f"teams[0].request.team: {team!r} names the team's files in --out" in done.stderr.decode()
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["org.json", "platform.json"]

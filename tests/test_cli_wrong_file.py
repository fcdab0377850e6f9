"""A command handed the wrong kind of file says what the file is and which command takes it,
naming the file; a file of the right kind that breaks its schema names the file on each line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.main import main
from tests.organisation.factories import plan as plan_document
from tests.organisation.factories import team
from tests.test_cli import EXAMPLES, rhythm

REQUEST = str(EXAMPLES / "platform-week.json")
CALENDAR = str(EXAMPLES / "calendars" / "ana.ics")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    """An organisation request, a plan and an organisation's summary, each in its own file."""
    org = {"version": 1, "organisation": "acme", "timezone": "Europe/Amsterdam", "week": "2026-11-30",
           "buildings": [{"id": "utrecht", "desks": 10}],
           "teams": [{"building": "utrecht", "request": team("data", ["cas", "dewi"])}]}
    summary = {"version": 1, "organisation": "acme", "week": "2026-11-30", "master": {},
               "buildings": [], "affinities": [], "teams": [], "errors": [], "affinity_days": 0}
    written = {"org": org, "plan": plan_document("data", {"cas": ["2026-11-30"]}), "summary": summary}
    for name, document in written.items():
        (tmp_path / f"{name}.json").write_text(json.dumps(document))
    return {name: str(tmp_path / f"{name}.json") for name in written}


def run(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


def test_plan_on_an_organisation_request_points_to_org_plan(files):
    done = rhythm("plan", files["org"])
    assert done.returncode == 2
    assert done.stderr == (f"rhythm plan: {files['org']} is an organisation request, not a team request: "
                           f"plan it with `rhythm org plan {files['org']} --out DIR`\n")


def test_org_plan_on_a_team_request_points_to_plan(capsys, tmp_path):
    code, err = run(capsys, "org", "plan", REQUEST, "--out", str(tmp_path / "out"))
    assert code == 2
    assert err == (f"rhythm org plan: {REQUEST} is a team request, not an organisation request: "
                   f"plan it with `rhythm plan {REQUEST}`\n")
    assert not (tmp_path / "out").exists()


def test_a_broken_organisation_request_is_told_in_words_not_json_schema(capsys, files, tmp_path):
    document = json.loads(Path(files["org"]).read_text())
    del document["organisation"]
    document["buildings"][0]["desks"] = "ten"
    Path(files["org"]).write_text(json.dumps(document))
    code, err = run(capsys, "org", "plan", files["org"], "--out", str(tmp_path / "out"))
    assert code == 2
    assert err == (f"rhythm org plan: {files['org']}: organisation: missing\n"
                   f"{files['org']}: buildings[0].desks: expected a whole number, got \"ten\"\n")


def test_check_with_the_plan_and_the_request_swapped_says_so(capsys, files):
    code, err = run(capsys, "check", files["plan"], REQUEST)
    assert code == 2
    assert err == (f"rhythm check: {files['plan']} is a plan and {REQUEST} a team request: the request "
                   f"comes first: `rhythm check {REQUEST} {files['plan']}`\n")


def test_check_names_the_file_of_a_broken_plan(capsys, files):
    document = json.loads(Path(files["plan"]).read_text())
    document["colour"] = "blue"
    document["status"] = "great"
    Path(files["plan"]).write_text(json.dumps(document))
    code, err = run(capsys, "check", REQUEST, files["plan"])
    assert code == 2
    assert err.splitlines() == [
        f"rhythm check: {files['plan']}: status: \"great\" is not one of optimal, feasible, infeasible",
        f"{files['plan']}: colour: unknown field"]


def test_a_broken_team_request_names_its_file(capsys, tmp_path):
    document = json.loads(Path(REQUEST).read_text())
    document["meetings"][3]["minutes"] = 30
    (tmp_path / "team.json").write_text(json.dumps(document))
    code, err = run(capsys, "plan", str(tmp_path / "team.json"))
    assert code == 2
    assert f"{tmp_path / 'team.json'}: meetings[3].minutes: 30 is not an allowed length (25, 55)" in err


def test_plan_on_a_calendar_points_to_busy(capsys):
    code, err = run(capsys, "plan", CALENDAR)
    assert code == 2
    assert err == (f"rhythm plan: {CALENDAR} is a calendar (iCalendar), not a team request: see what rhythm "
                   f"reads in it with `rhythm busy {CALENDAR} --week MONDAY`, or list it in a member's "
                   "calendars in a team request\n")


def test_busy_on_a_team_request_points_to_plan(capsys):
    code, err = run(capsys, "busy", REQUEST, "--week", "2026-11-30")
    assert code == 2
    assert err == (f"rhythm busy: {REQUEST} is a team request, not a calendar (iCalendar): "
                   f"plan it with `rhythm plan {REQUEST}`\n")


@pytest.mark.parametrize("command", [
    ["report", REQUEST, "--out", "unused"],
    ["sync", REQUEST, "--member", "ana", "--to", "outlook:me"],
    ["plan", REQUEST, "--current", REQUEST],
    ["check", REQUEST, REQUEST],
])
def test_commands_that_take_a_plan_point_a_team_request_to_plan(capsys, command):
    code, err = run(capsys, *command)
    assert code == 2
    assert f": {REQUEST} is a team request, not a plan: plan it with `rhythm plan {REQUEST}`\n" in err


def test_plan_on_an_organisation_summary_points_to_org_check(capsys, files):
    code, err = run(capsys, "plan", files["summary"])
    assert code == 2
    assert err == (f"rhythm plan: {files['summary']} is an organisation's summary (from `rhythm org plan`), "
                   "not a team request: check its folder with `rhythm org check ORG DIR`\n")


def test_org_check_on_a_file_not_its_folder_says_so(capsys, files):
    code, err = run(capsys, "org", "check", files["org"], files["plan"])
    assert code == 2
    assert err == f"rhythm org check: {files['plan']}: not a folder `rhythm org plan --out` wrote " \
                  "(it has no summary.json)\n"


def test_plan_from_standard_input_names_it():
    done = rhythm("plan", "-", stdin=json.dumps({"version": 1, "organisation": "acme", "teams": []}))
    assert done.returncode == 2
    assert done.stderr == ("rhythm plan: standard input is an organisation request, not a team request: "
                           "plan it with `rhythm org plan FILE --out DIR`\n")

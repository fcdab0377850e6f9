"""`rhythm org plan` and `rhythm org check` end to end on a generated organisation."""

from __future__ import annotations

import json
import re
from datetime import datetime

from icalendar import Calendar

from bench.generate_org import generate_org, write_org
from cli.main import main


def test_org_plan_writes_checked_plans_and_coffee_dates_in_both_calendars(tmp_path, capsys):
    org_file = write_org(tmp_path / "org", *generate_org(40, 2, 5))
    out, history = tmp_path / "out", f"sqlite:///{tmp_path / 'history.db'}"
    args = ["org", "plan", str(org_file), "--out", str(out), "--workers", "1", "--ics", "--history", history]
    assert main([*args, "--master-time-limit", "3"]) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert all(d["people"] <= b["desks"] for b in summary["buildings"] for d in b["days"])
    # Each step of the run has its seconds, so a slow run shows where its time went.
    assert {"calendars", "master and teams", "summary", "coffee", "check"} <= set(summary["seconds"])
    assert {t["team"] for t in summary["teams"]} == {
        p.name.split(".")[0] for p in (out / "teams").glob("*.plan.json")
    }
    coffee = json.loads((out / "coffee.json").read_text())
    assert coffee["round"] and coffee["pairs"]
    console = capsys.readouterr().out
    # Desks per building and day as "Mon 30 Nov 82/84", under a header saying what they are.
    assert "Desks used per building and day (people/desks" in console
    first = summary["buildings"][0]
    assert f"Mon 30 Nov {first['days'][0]['people']}/{first['desks']}" in console
    meetings = summary["meetings"]
    assert meetings["placed"] == sum(t["meetings_placed"] for t in summary["teams"])
    assert meetings["alone"] == sum(t["alone_meetings_placed"] for t in summary["teams"])
    assert (f"Meetings placed: {meetings['placed']} of {meetings['requested']} requested, "
            f"{meetings['alone']} when each team plans alone") in console
    left = summary["coffee"]["left_out"]
    assert f"{len(left)} without a date" in console
    assert all(f"{e['name']} ({e['team']}): {e['reason']}" in console for e in left[:10])
    pair = coffee["pairs"][0]
    for person in pair["people"]:
        team = next(t for t in summary["teams"] if (out / "ics" / t["team"] / f"{person}.ics").exists())[
            "team"
        ]
        calendar = Calendar.from_ical((out / "ics" / team / f"{person}.ics").read_bytes())
        starts = [e.decoded("dtstart") for e in calendar.walk("VEVENT") if "Coffee with" in str(e["summary"])]
        assert starts == [datetime.fromisoformat(pair["start"])]
    capsys.readouterr()
    assert main(["org", "check", str(org_file), str(out), "--history", history]) == 0
    assert (
        main(
            [
                "check",
                str(out / "teams" / f"{pair['teams'][0]}.request.json"),
                str(out / "teams" / f"{pair['teams'][0]}.plan.json"),
            ]
        )
        == 0
    )


def test_org_check_names_a_broken_capacity(tmp_path, capsys):
    org_file = write_org(tmp_path / "org", *generate_org(30, 1, 3))
    out, history = tmp_path / "out", f"sqlite:///{tmp_path / 'history.db'}"
    assert (
        main(
            [
                "org",
                "plan",
                str(org_file),
                "--out",
                str(out),
                "--workers",
                "1",
                "--no-alone",
                "--master-time-limit",
                "3",
                "--history",
                history,
            ]
        )
        == 0
    )
    document = json.loads(org_file.read_text())
    document["buildings"][0]["desks"] = 2  # a building shrunk after planning
    org_file.write_text(json.dumps(document))
    capsys.readouterr()
    assert main(["org", "check", str(org_file), str(out), "--history", history]) == 1
    # Whichever days the master chose (the coffee stage decides among equally good ones).
    building = document["buildings"][0]["id"]
    day = r"\w{3} \d\d \w{3}"
    assert re.search(rf"- building_capacity: {building} on {day}: \d+ people, more than its 2 desks",
                     capsys.readouterr().out)


def test_a_broken_org_request_names_the_field(tmp_path, capsys):
    org_file = write_org(tmp_path / "org", *generate_org(30, 1, 3))
    document = json.loads(org_file.read_text())
    document["teams"][0]["building"] = "nowhere"
    document["buildings"][0]["desks"] = 0
    org_file.write_text(json.dumps(document))
    assert main(["org", "plan", str(org_file), "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err
    assert f"{org_file}: buildings[0].desks: must be at least 1, got 0" in error
    assert not (tmp_path / "out").exists()


def test_a_team_that_cannot_be_planned_stops_the_organisation_and_writes_nothing(tmp_path, capsys):
    from .factories import team

    stuck = team("stuck", ["ana", "bram"])
    stuck["rules"]["office_capacity"] = 1
    for member in stuck["members"]:
        member["office"] = {"always": ["tue"]}
    document = {
        "version": 1,
        "organisation": "acme",
        "timezone": "Europe/Amsterdam",
        "week": "2026-11-30",
        "buildings": [{"id": "utrecht", "desks": 10}],
        "teams": [
            {"building": "utrecht", "request": stuck},
            {"building": "utrecht", "request": team("data", ["cas", "dewi"])},
        ],
    }
    org_file = tmp_path / "org.json"
    org_file.write_text(json.dumps(document))
    out = tmp_path / "out"
    args = ["org", "plan", str(org_file), "--out", str(out), "--workers", "1", "--master-time-limit", "2"]
    assert main([*args, "--history", f"sqlite:///{tmp_path / 'h.db'}"]) == 2
    error = capsys.readouterr().err
    # The master sees it before any team solve: the count names the team, day and capacity.
    assert (
        "team stuck on tue: 2 of its people must be at the office (office.always or their "
        "calendar), more than its office_capacity of 1" in error
    )
    assert not out.exists()

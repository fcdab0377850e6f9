"""The organisation summary `rhythm org plan` prints names its days by weekday and its week by
number, in Dutch and in English: never "11-30", which a Dutch reader takes for day 11 of month 30.
A Dutch planner reads all of it in Dutch: headers, reasons and the coffee round."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

import i18n
from cli.org_cmd import render_summary

from ..test_cli import rhythm
from .factories import WEEK, team

SUMMARY = {
    "organisation": "acme", "week": "2026-11-30", "teams": [{"team": "platform"}, {"team": "data"}],
    "buildings": [{"id": "utrecht", "desks": 40, "days": [
        {"date": "2026-11-30", "people": 31}, {"date": "2026-12-01", "people": 12}]}],
    "affinities": [{"shares": True}], "affinity_days": 2, "errors": [],
}


@pytest.mark.parametrize(("language", "title", "days"), [
    ("nl", "acme, week 49 (ma 30 nov 2026): 2 teams in 1 gebouwen", ["ma 30 nov 31/40", "di 01 dec 12/40"]),
    ("en", "acme, week 49 (Mon 30 Nov 2026): 2 teams in 1 buildings",
     ["Mon 30 Nov 31/40", "Tue 01 Dec 12/40"]),
])
def test_the_summary_names_weekdays_and_week_numbers(language, title, days):
    with i18n.use(language):
        text = render_summary(SUMMARY)
    assert text.splitlines()[0] == title
    spaced = " ".join(text.split())
    assert all(day in spaced for day in days)
    assert "11-30" not in text


def small_org(folder: Path) -> Path:
    """Two teams at utrecht, one of them a newcomer alone (no buddy), and a team at amsterdam
    the platform team should share days with: every kind of reason the summary writes."""
    platform = team("platform", ["ana", "bram", "cas"])
    platform["members"][0]["starts"] = "2026-11-16"
    solo = team("solo", ["zoe"], meetings=[])
    solo["members"][0]["starts"] = "2026-11-23"
    document = {
        "version": 1, "organisation": "acme", "timezone": "Europe/Amsterdam", "week": WEEK,
        "buildings": [{"id": "utrecht", "desks": 100}, {"id": "amsterdam", "desks": 50}],
        "teams": [{"building": "utrecht", "request": platform}, {"building": "utrecht", "request": solo},
                  {"building": "amsterdam", "request": team("data", ["eva", "femke"])}],
        "affinities": [{"teams": ["platform", "data"], "weight": 2}],
        "onboarding": {"weeks": 6, "office_days": 3},
        "coffee": {"minutes": 25, "every_weeks": 1, "members": "all"},
    }
    folder.mkdir()
    (folder / "org.json").write_text(json.dumps(document))
    return folder / "org.json"


@pytest.mark.parametrize("how", ["--lang", "LANG"])
def test_a_dutch_planner_reads_the_whole_summary_in_dutch(how, tmp_path):
    """`rhythm org plan` in Dutch: the console's headers, the newcomer without a buddy, the
    coffee reasons and the affinity's reason in summary.json; the contract's names stay."""
    out = tmp_path / "out"
    args = ["org", "plan", str(small_org(tmp_path / "org")), "--out", str(out), "--workers", "1",
            "--no-alone", "--master-time-limit", "3", "--history", f"sqlite:///{tmp_path / 'h.db'}"]
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    if how == "--lang":
        done = rhythm("--lang", "nl", *args, env=env)
    else:
        done = rhythm(*args, env={**env, "LANG": "nl_NL.UTF-8"})
    assert done.returncode == 0, done.stderr
    console = done.stdout
    assert "Bezette bureaus per gebouw en dag (mensen/bureaus; levendig: 50-85% van de bureaus" in console
    assert "Overleggen ingepland:" in console and "(geen aparte planning om mee te vergelijken" in console
    assert "Nieuwkomers: 2, 1 zonder buddy" in console
    assert "Zoe (solo): niemand anders in het team kan op die dagen komen" in console
    assert re.search(r"Eva \(data\): niemand van een ander team is in amsterdam op hun kantoordagen "
                     r"\((ma|di|wo|do|vr) ", console), console
    summary = json.loads((out / "summary.json").read_text())
    (affinity,) = summary["affinities"]
    assert affinity["reason"] == "in verschillende gebouwen (amsterdam, utrecht)"
    for english in ("Desks used", "Meetings placed", "Coffee:", "nobody", "without a date", "Newcomers"):
        assert english not in console


def test_the_team_plans_made_in_other_processes_give_their_reasons_in_dutch(tmp_path):
    """The team solves run in a pool of fresh processes (or on Celery workers): a meeting that
    does not fit is still explained in the language the organisation was planned in."""
    tight = team("tight", ["ana", "bram"], meetings=[
        {"id": "sync", "title": "sync", "minutes": 25, "attendees": "all", "per_week": 4},
        {"id": "review", "title": "review", "minutes": 25, "attendees": "all"}])
    tight["rules"]["meeting_hours"] = {"start": "10:00", "end": "10:30"}
    document = {"version": 1, "organisation": "acme", "timezone": "Europe/Amsterdam", "week": WEEK,
                "buildings": [{"id": "utrecht", "desks": 10}],
                "teams": [{"building": "utrecht", "request": tight},
                          {"building": "utrecht", "request": team("data", ["cas", "dewi"])}]}
    org_file = tmp_path / "org.json"
    org_file.write_text(json.dumps(document))
    out = tmp_path / "out"
    history = f"sqlite:///{tmp_path / 'h.db'}"
    done = rhythm("--lang", "nl", "org", "plan", str(org_file), "--out", str(out), "--workers", "2",
                  "--no-alone", "--master-time-limit", "3", "--history", history)
    assert done.returncode == 0, done.stderr
    (unplaced,) = json.loads((out / "teams" / "tight.plan.json").read_text())["unplaced"]
    assert unplaced["reason"] == ("elke vrije tijd van 25 minuten die Ana en Bram delen, is bezet door "
                                  "ander overleg (sync)")


def test_rhythm_org_check_names_a_broken_rule_in_dutch(tmp_path):
    org_file, out = small_org(tmp_path / "org"), tmp_path / "out"
    history = f"sqlite:///{tmp_path / 'h.db'}"
    planned = rhythm("org", "plan", str(org_file), "--out", str(out), "--workers", "1", "--no-alone",
                     "--master-time-limit", "3", "--history", history)
    assert planned.returncode == 0, planned.stderr
    document = json.loads(org_file.read_text())
    document["buildings"][0]["desks"] = 1  # utrecht shrunk after planning
    org_file.write_text(json.dumps(document))
    checked = rhythm("org", "check", str(org_file), str(out), "--history", history, "--lang", "nl")
    assert checked.returncode == 1, checked.stderr
    # The rule's name stays the contract's; the day is written the Dutch way.
    assert re.search(r"- building_capacity: utrecht op (ma|di|wo|do|vr) \d\d (nov|dec): \d+ mensen, meer dan "
                     r"de 1 bureaus \(de meesten van ", checked.stdout), checked.stdout
    assert "gebroken regel(s) van de organisatie" in checked.stdout

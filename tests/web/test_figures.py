"""One plan, the same figures wherever a person reads them: the terminal after `rhythm plan`,
the web plan page and `rhythm report` (issue 20.5); and a day off reads "day off" in each of
them and on the employee's own week (issue 20.4)."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from cli.table import render_week
from scheduler.plan.plan_json import plan_from_json
from scheduler.request import parse_request
from store.models import Member, StoredPlan
from web.db import sessions

from .helpers import plan_week, signup

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
RHYTHM = str(Path(sys.executable).parent / "rhythm")  # the console script a user runs
BLOCKS = ("meetings", "lunches", "focus", "office_days")


def rhythm(*args: str, cwd: Path) -> str:
    done = subprocess.run([RHYTHM, *args], capture_output=True, text=True, cwd=cwd, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def summary_row(page: str, name: str) -> list[str]:
    """The cells of the "In figures" row that starts with `name`."""
    row = re.search(rf"<th[^>]*>{re.escape(name)}</th>(.*?)</tr>", page, re.S)
    assert row, name
    return [html.unescape(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]


def test_one_definition_of_each_figure_everywhere(app: Flask, manager: FlaskClient, example_team: int,
                                                  tmp_path: Path) -> None:
    web = plan_week(manager, example_team).get_data(as_text=True)
    with sessions(app)() as db:
        stored = json.loads(db.query(StoredPlan).filter_by(team_id=example_team).one().plan_json)
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    printed = rhythm("plan", "examples/platform-week.json", "--out", "plan.json", cwd=tmp_path)
    planned = json.loads((tmp_path / "plan.json").read_text())
    assert {k: planned[k] for k in BLOCKS} == {k: stored[k] for k in BLOCKS}  # the same plan
    rhythm("report", "plan.json", "--request", "examples/platform-week.json", "--baseline",
           "--out", "report", cwd=tmp_path)
    report = (tmp_path / "report" / "index.html").read_text()

    (in_terminal,) = re.findall(r"Focus time \(free stretches of 2 h or more, days off left out\): "
                                r"(\d+ h \d\d) for the team\.", printed)
    [on_the_web] = summary_row(web, "Focus time (free stretches of 2 h or more)")
    [in_the_report, by_hand] = summary_row(report, "Focus time (free stretches of 2 h or more)")
    assert in_terminal == on_the_web == in_the_report
    # Calendar busy time and Bram's Friday off are out of it: the plan states both.
    assert stored["days_off"] == {"bram": ["2026-12-04"]} and stored["busy"]["eva"]
    assert re.fullmatch(r"\d+ h \d\d", in_terminal)
    assert summary_row(web, "Time in meetings (all members)") == [summary_row(report, "Time in meetings "
                                                                              "(all members)")[0]]
    # Beside the week by hand, the report says in one sentence what the plan traded focus for.
    trade = re.search(r'<p class="trade" id="focus-trade">(.*?)</p>', report, re.S)
    assert trade and "less focus time here than by hand" in html.unescape(trade.group(1))
    assert by_hand != in_the_report


def test_a_day_off_is_a_day_off_on_the_web(app: Flask, manager: FlaskClient, example_team: int) -> None:
    page = plan_week(manager, example_team).get_data(as_text=True)
    bram = re.search(r'<th scope="row">Bram Jansen</th>(.*?)</tr>', page, re.S)
    assert bram
    cells = re.findall(r'<td class="([^"]+)">\s*<span class="place">([^<]+)</span>', bram.group(1))
    assert cells[-1] == ("day-off", "Day off")  # Friday: not "Home" with no lunch
    assert "Lunch for bram" not in page
    employee = app.test_client()
    signup(employee, "bram@example.com", "Bram")
    with sessions(app)() as db:
        member = db.query(Member).filter_by(team_id=example_team, key="bram").one()
        stored = db.query(StoredPlan).filter_by(team_id=example_team).one()
        plan = plan_from_json(json.loads(stored.plan_json))
        request = parse_request(json.loads(stored.request_json))
    week = employee.get(f"/me/{member.id}?week=2026-W49").get_data(as_text=True)
    assert '<span class="place">Day off</span>' in week
    assert re.search(r'<th scope="row">Days off</th><td>1</td>', week)
    # Bram's focus time leaves Friday out: the figure the terminal prints for him, from the same plan.
    mine = re.search(r'<td id="my-focus">([^<]+)</td>', week)
    assert mine and f"focus {mine.group(1)}, 1 day off" in render_week(plan, request)

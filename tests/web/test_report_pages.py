"""The pictures of the week in the app: the plan page's charts, planned against what happened,
and an employee's own figures, which never carry a colleague's data."""

from __future__ import annotations

import base64
import re

from flask import Flask
from flask.testing import FlaskClient

from store.models import Member
from web.db import sessions

from .helpers import plan_week, post, signup

OTHERS = ("Bram Jansen", "Cas Bakker", "Dewi Visser", "Eva Smit", "Femke Mulder")


def svgs(page: str) -> list[str]:
    found = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
    return [base64.b64decode(b).decode() for b in found]


def test_the_plan_page_carries_every_chart_with_its_numbers(manager: FlaskClient, example_team: int) -> None:
    page = plan_week(manager, example_team).get_data(as_text=True)
    for title in ("Office occupancy per day", "Who meets whom at the office", "Meeting load per member",
                  "Meeting load per day", "Focus hours and fragmentation"):
        assert f"<h2>{title}</h2>" in page
    pictures = svgs(page)
    assert len(pictures) == 5 and all(p.startswith("<svg") and "<script" not in p for p in pictures)
    assert 'alt="People at the office per day' in page
    assert page.count("<tr><th scope=\"row\">") >= 6 * 2  # a row per member in the load and focus tables


def test_planned_against_what_happened(manager: FlaskClient, example_team: int) -> None:
    plan_page = plan_week(manager, example_team)
    action = re.search(r'action="(/teams/\d+/plans/\d+/actual)"', plan_page.get_data(as_text=True))
    assert action
    page = post(manager, action.group(1)).get_data(as_text=True)
    assert "<h2>Meetings held at their planned time</h2>" in page
    assert "<h2>Office days: planned and stated</h2>" in page
    # The example calendars hold none of the planned meetings: nothing shows as held there.
    assert re.search(r"0 of \d+ meetings held at their planned time", page)


def test_my_week_figures_are_mine_only(app: Flask, manager: FlaskClient, example_team: int) -> None:
    plan_week(manager, example_team)
    ana = app.test_client()
    signup(ana, "ana@example.com", "Ana")
    with sessions(app)() as db:
        member = db.query(Member).filter_by(team_id=example_team, key="ana").one()
    page = ana.get(f"/me/{member.id}").get_data(as_text=True)
    assert "My week in figures" in page
    (picture,) = svgs(page)
    assert "Ana de Vries" in picture
    assert not any(name in page or name in picture for name in OTHERS)

"""The pictures of the week in the app: the plan page's charts, planned against what happened,
and an employee's own figures, which never carry a colleague's data."""

from __future__ import annotations

import base64
import html
import io
import re
from datetime import date, datetime

from flask import Flask
from flask.testing import FlaskClient

from store.models import Member
from web.db import sessions
from web.stored import member_ics

from .helpers import add_meeting, add_member, create_team, member_form, plan_week, post, signup

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


def what_happened(app: Flask, manager: FlaskClient, plan_page: str, now: str) -> str:
    """The "Planned against what happened" page, judged as of `now`."""
    action = re.search(r'action="(/teams/\d+/plans/\d+/actual)"', plan_page)
    assert action
    app.config["NOW"] = datetime.fromisoformat(now)
    return html.unescape(post(manager, action.group(1)).get_data(as_text=True))


def test_planned_against_what_happened_on_a_plan_nobody_received(app: Flask, manager: FlaskClient,
                                                                 example_team: int) -> None:
    # The example calendars hold none of the plan's events: nobody imported or synced it.
    page = what_happened(app, manager, plan_week(manager, example_team).get_data(as_text=True),
                         "2026-12-07T00:00:00+01:00")
    assert ("The members never received this plan: none of its events (by the UID of its .ics "
            "download or the key of a sync) is in their calendars, so nothing is judged.") in page
    assert "<h2>Meetings held at their planned time</h2>" not in page and "0 of" not in page


def test_planned_against_what_happened_judges_received_plans_on_days_that_are_over(
        app: Flask, manager: FlaskClient) -> None:
    team = create_team(manager)
    for key in ("ana", "bram"):
        add_member(manager, team, key)
    add_meeting(manager, team, "sync")
    plan_page = plan_week(manager, team).get_data(as_text=True)
    with sessions(app)() as db:  # each imported their .ics download; the manager uploads it
        downloads = {m.id: (m.key, member_ics(db, m, date(2026, 11, 30)))
                     for m in db.query(Member).filter_by(team_id=team)}
    for member_id, (key, text) in downloads.items():
        saved = post(manager, f"/teams/{team}/members/{member_id}",
                     member_form(key, ics=(io.BytesIO(text), f"{key}.ics")))
        assert saved.status_code == 302, saved.get_data(as_text=True)[:2000]

    page = what_happened(app, manager, plan_page, "2026-12-07T00:00:00+01:00")
    assert ("1 of 1 meetings held at their planned time · 0 moved · 0 not found, judged on the "
            "workdays from Mon 30 Nov to Fri 04 Dec.") in page
    assert "<h2>Meetings held at their planned time</h2>" in page and "Not judged" not in page

    page = what_happened(app, manager, plan_page, "2026-11-30T23:00:00+01:00")
    assert ("No day of this plan is over yet: each day is judged once it is over, the first after "
            "Mon 30 Nov.") in page
    assert "<h2>Meetings held at their planned time</h2>" not in page


def test_my_week_figures_are_mine_only(app: Flask, manager: FlaskClient, example_team: int) -> None:
    plan_week(manager, example_team)
    ana = app.test_client()
    signup(ana, "ana@example.com", "Ana")
    with sessions(app)() as db:
        member = db.query(Member).filter_by(team_id=example_team, key="ana").one()
    page = ana.get(f"/me/{member.id}?week=2026-W49").get_data(as_text=True)
    assert "My week in figures" in page
    (picture,) = svgs(page)
    assert "Ana de Vries" in picture
    # Colleagues at the office on my days are shown by design (issue 24); my figures are mine only.
    figures = page[page.index('id="my-figures"'):]
    figures = figures[:figures.index("</section>")]
    assert not any(name in figures or name in picture for name in OTHERS)

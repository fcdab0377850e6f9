"""An employee's own week: the page, the .ics download, the subscription URL, Outlook sync."""

from __future__ import annotations

import html
import re
from datetime import datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar

from store.models import CalendarToken, Member
from web.db import sessions

from .helpers import plan_week, post, signup


@pytest.fixture
def ana(app: Flask, manager: FlaskClient, example_team: int) -> tuple[FlaskClient, int]:
    """Ana's own client, signed up (and confirmed) with the address her manager entered; and
    her member number. It is Tuesday of the example's week (2026-11-30): "this week" for her."""
    app.config["NOW"] = datetime.fromisoformat("2026-12-01T09:00:00+01:00")
    client = app.test_client()
    signup(client, "ana@example.com", "Ana")
    with sessions(app)() as db:
        member = db.query(Member).filter_by(team_id=example_team, key="ana").one()
    return client, member.id


def test_before_a_plan_the_week_says_so(ana: tuple[FlaskClient, int]) -> None:
    client, member = ana
    assert "has no plan of this week with you in it yet" in client.get(f"/me/{member}").get_data(as_text=True)
    empty = Calendar.from_ical(client.get(f"/me/{member}/week.ics").data)
    assert not empty.walk("VEVENT")


def test_my_week_shows_my_blocks_only(manager: FlaskClient, example_team: int,
                                      ana: tuple[FlaskClient, int]) -> None:
    plan_week(manager, example_team)
    client, member = ana
    home = client.get("/").get_data(as_text=True)
    assert f'href="/me/{member}"' in home
    page = html.unescape(client.get(f"/me/{member}").get_data(as_text=True))
    assert '<th scope="row">Ana de Vries</th>' in page
    assert "Bram Jansen</th>" not in page
    assert "Team sync" in page and "Design session" in page and "Ops review" not in page


def test_my_week_downloads_as_ics(manager: FlaskClient, example_team: int,
                                  ana: tuple[FlaskClient, int]) -> None:
    plan_week(manager, example_team)
    client, member = ana
    response = client.get(f"/me/{member}/week.ics")
    assert response.mimetype == "text/calendar"
    assert response.headers["Content-Disposition"] == 'attachment; filename="platform-ana.ics"'
    events = Calendar.from_ical(response.data).walk("VEVENT")
    titles = {str(e["SUMMARY"]) for e in events}
    assert {"Team sync", "Sprint planning", "Design session", "Lunch", "Office day"} <= titles
    assert "Ops review" not in titles  # not Ana's meeting
    lunches = [e for e in events if str(e["SUMMARY"]) == "Lunch"]
    assert len(lunches) == 5


def test_the_subscription_url_works_without_sign_in_and_rotates(
        app: Flask, manager: FlaskClient, example_team: int, ana: tuple[FlaskClient, int]) -> None:
    plan_week(manager, example_team)
    client, member = ana
    page = post(client, f"/me/{member}/subscription").get_data(as_text=True)
    webcal = re.search(r'href="(webcal://[^"]+)"', page).group(1)  # type: ignore[union-attr]
    token = re.search(r"/calendars/([^/]+)\.ics$", webcal).group(1)  # type: ignore[union-attr]
    feed = app.test_client().get(f"/calendars/{token}.ics")  # a calendar app: no cookies
    assert feed.status_code == 200 and b"SUMMARY:Team sync" in feed.data
    with sessions(app)() as db:
        stored = db.query(CalendarToken).one()
        assert token not in stored.digest and len(stored.digest) == 64  # only its SHA-256
    page = post(client, f"/me/{member}/subscription").get_data(as_text=True)
    new = re.search(r"/calendars/([^/\"]+)\.ics", page).group(1)  # type: ignore[union-attr]
    assert app.test_client().get(f"/calendars/{token}.ics").status_code == 404
    assert app.test_client().get(f"/calendars/{new}.ics").status_code == 200


def test_an_unknown_subscription_is_not_found(client: FlaskClient) -> None:
    assert client.get("/calendars/made-up.ics").status_code == 404


def test_sync_says_clearly_when_outlook_is_not_connected(
        manager: FlaskClient, example_team: int, ana: tuple[FlaskClient, int]) -> None:
    plan_week(manager, example_team)
    client, member = ana
    page = html.unescape(client.get(f"/me/{member}/sync").get_data(as_text=True))
    assert "Outlook isn't connected. Connect your Microsoft account (on your account page)" in page
    applied = html.unescape(post(client, f"/me/{member}/sync").get_data(as_text=True))
    assert "Outlook isn't connected" in applied and "Done." not in applied


def test_my_week_shows_who_of_the_team_is_at_the_office_on_my_office_days(
        manager: FlaskClient, example_team: int, ana: tuple[FlaskClient, int]) -> None:
    plan_page = html.unescape(plan_week(manager, example_team).get_data(as_text=True))
    client, member = ana
    page = html.unescape(client.get(f"/me/{member}").get_data(as_text=True))
    section = re.search(r'<section class="card" id="office-company">(.*?)</section>', page, re.S)
    assert section, page
    days = re.findall(r"<strong>(\w{3} \d\d \w{3})</strong>: ([^<]+)</li>", section.group(1))
    assert days  # Ana has office days in the example week
    for day, people in days:
        # The plan page's overlap for that day counts Ana and the others named here.
        count = re.search(rf"{day}</strong>.*?(\d+) at the office", plan_page, re.S)
        assert count, day
        named = [] if people == "nobody else of the team" else people.split(", ")
        assert int(count.group(1)) == len(named) + 1
        assert "Ana de Vries" not in named

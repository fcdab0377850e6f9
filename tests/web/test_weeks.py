"""Plans per week: each team-week has its current plan, "my week" picks a week, the feed holds
a rolling window of weeks with stable UIDs and name, and a week in the past (or a typo'd
year) is not planned by accident. The clock is the app's `NOW`."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar

from store.models import Member
from web.db import sessions

from .helpers import plan_week, post, signup, text

TUESDAY = datetime.fromisoformat("2026-12-01T09:00:00+01:00")  # week 49, from Monday 30 November


@pytest.fixture
def team(app: Flask, small_team: int) -> int:
    """The small team (Ana and Bram, one sync a week); it is Tuesday of week 49."""
    app.config["NOW"] = TUESDAY
    return small_team


def ana(app: Flask, team: int) -> tuple[FlaskClient, int]:
    client = app.test_client()
    signup(client, "ana@example.com", "Ana")
    with sessions(app)() as db:
        return client, db.query(Member).filter_by(team_id=team, key="ana").one().id


def feed_of(app: Flask, client: FlaskClient, member: int) -> Calendar:
    page = text(post(client, f"/me/{member}/subscription"))
    token = re.search(r"/calendars/([^/\"]+)\.ics", page).group(1)  # type: ignore[union-attr]
    return Calendar.from_ical(app.test_client().get(f"/calendars/{token}.ics").data)


def test_a_week_that_has_ended_needs_the_box_ticked(manager: FlaskClient, team: int) -> None:
    page = text(post(manager, f"/teams/{team}/plans", {"week": "2026-11-23"}, follow_redirects=True))
    assert "The week of 23 November 2026 has already ended; tick" in page
    assert "Week 48" not in page  # nothing planned
    assert "Week of Monday 23 November 2026" in text(plan_week(manager, team, "2026-11-23"))  # ticked


def test_a_typo_in_the_year_is_refused_even_when_confirmed(app: Flask, manager: FlaskClient,
                                                           team: int) -> None:
    app.config["PLAN_WEEKS_AWAY"] = 53  # the service's own setting
    page = text(post(manager, f"/teams/{team}/plans", {"week": "2019-01-07", "past": "y"},
                     follow_redirects=True))
    assert "7 January 2019 is more than a year from this week (30 November 2026); check the year." in page
    assert "Week 2," not in page


def test_planning_a_week_twice_replaces_its_plan_and_keeps_one_line(app: Flask, manager: FlaskClient,
                                                                    team: int) -> None:
    first = text(plan_week(manager, team, "2026-12-07"))
    again = text(plan_week(manager, team, "2026-12-07"))
    assert "Week of Monday 7 December 2026" in first and "Week of Monday 7 December 2026" in again
    plan_week(manager, team, "2026-11-30")
    page = text(manager.get(f"/teams/{team}"))
    lines = re.findall(r'<li class="planned-week">(.*?)</li>', page, re.S)
    assert len(lines) == 2  # one line per week, the newest week first
    assert "Week 50, from Mon 7 Dec" in lines[0] and ", 2 times" in lines[0]
    assert "Week 49, from Mon 30 Nov" in lines[1] and "times" not in lines[1]
    assert re.search(r"planned \w{3} \d{1,2} \w{3} \d\d:\d\d CET", lines[0])  # in the team's zone, not UTC


def test_my_week_is_this_week_and_a_later_plan_does_not_replace_it(app: Flask, manager: FlaskClient,
                                                                   team: int) -> None:
    plan_week(manager, team, "2026-11-30")
    plan_week(manager, team, "2026-12-07")  # planned ahead: next week's plan, this week stays
    client, member = ana(app, team)
    page = text(client.get(f"/me/{member}"))
    assert "Week 49, 30 Nov to 6 Dec 2026 (this week)" in page
    assert "Week of Monday 30 November 2026" in page
    assert "← Week 48" in page and "Week 50 →" in page
    later = text(client.get(f"/me/{member}?week=2026-W50"))
    assert "Week 50, 7 Dec to 13 Dec 2026" in later and "Week of Monday 7 December 2026" in later
    empty = text(client.get(f"/me/{member}?week=2026-W51"))
    assert "has no plan of this week with you in it yet" in empty
    wrong = text(client.get(f"/me/{member}?week=soon"))
    assert "'soon' is not a week (write it as 2026-W50); showing this week." in wrong
    ics = Calendar.from_ical(client.get(f"/me/{member}/week.ics?week=2026-W50").data)
    assert {e.decoded("DTSTART").isocalendar().week for e in ics.walk("VEVENT")} == {50}


def test_the_feed_holds_two_weeks_back_and_four_ahead_with_stable_uids(app: Flask, manager: FlaskClient,
                                                                       team: int) -> None:
    for week in ("2026-11-09", "2026-11-30", "2026-12-28", "2027-01-04"):
        plan_week(manager, team, week)
    client, member = ana(app, team)
    feed = feed_of(app, client, member)
    weeks = {e.decoded("DTSTART").isocalendar().week for e in feed.walk("VEVENT")}
    assert weeks == {49, 53}  # week 46 is three weeks back, week 1 of 2027 five ahead
    uids = {str(e["UID"]) for e in feed.walk("VEVENT")}
    name = str(feed["X-WR-CALNAME"])
    assert name == "rhythm: small, Ana"
    plan_week(manager, team, "2026-12-07")  # a new week joins the window
    app.config["NOW"] = datetime.fromisoformat("2026-12-08T09:00:00+01:00")  # a week on
    moved = feed_of(app, client, member)
    assert str(moved["X-WR-CALNAME"]) == name
    assert {e.decoded("DTSTART").isocalendar().week for e in moved.walk("VEVENT")} == {49, 50, 53, 1}
    assert uids <= {str(e["UID"]) for e in moved.walk("VEVENT")}  # the same events, the same UIDs

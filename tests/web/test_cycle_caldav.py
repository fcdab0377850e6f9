"""The weekly cycle writes the new plan into the CalDAV calendar of a member who opted in: a
real Radicale on loopback, the server's CalDAV credentials for that host."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import update

from store.models import Member, Team
from tests.caldav.conftest import Collection, Radicale, calendar, logged_in, radicale
from web.cycle import tick
from web.db import sessions

from .helpers import post, signup

__all__ = ["calendar", "logged_in", "radicale"]  # the CalDAV fixtures, shared with tests/caldav


def test_friday_syncs_the_new_week_into_the_caldav_calendar_of_who_opted_in(
        app: Flask, manager: FlaskClient, example_team: int, logged_in: Radicale,
        calendar: Collection) -> None:
    ana = app.test_client()
    signup(ana, "ana@example.com", "Ana")
    with sessions(app)() as db:
        member = db.query(Member).filter_by(team_id=example_team, key="ana").one()
        member.calendar_address, member.ics_text = calendar.address, None  # her calendar is on CalDAV
        db.execute(update(Team).where(Team.id == example_team).values(created_at=datetime(2026, 11, 20)))
        db.commit()
        member_id = member.id
    assert post(ana, f"/me/{member_id}/choices", {"auto_sync": "y"}).status_code == 302
    assert calendar.events() == []
    tick(app, datetime(2026, 11, 27, 14, 0, tzinfo=ZoneInfo("Europe/Amsterdam")))  # plans 30 November
    titles = [str(e["SUMMARY"]) for e in calendar.events()]
    assert titles.count("Lunch") == 5 and "Team sync" in titles and "Office day" in titles

"""One calendar that cannot be read does not stop a team: its member is planned from their
last known calendar (under 7 days old) or as "availability unknown", with a warning beside
their name and a note on the plan; only more than half the team not read stops the plan, and
the error names the people. Feeds come from a scripted server on loopback."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from scheduler.plan.plan_json import plan_from_json
from store.models import CalendarSnapshot, Member, StoredPlan
from web.db import sessions

from .conftest import make_app
from .helpers import add_meeting, add_member, create_team, plan_week, post, signup
from .loopback import Reply, Scripted, scripted_server

DENTIST = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:d@test\r\n"
           b"DTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Amsterdam:20261201T090000\r\n"
           b"DTEND;TZID=Europe/Amsterdam:20261201T170000\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n"
           b"END:VCALENDAR\r\n")
EMPTY = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n"


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, migrated_sqlite: Path) -> Iterator[Flask]:
    monkeypatch.setenv("RHYTHM_DATA_DIR", str(tmp_path / "data"))
    yield from make_app(tmp_path, migrated_sqlite, ALLOWED_FEED_HOSTS=["localhost"])


@pytest.fixture
def feeds() -> Iterator[Scripted]:
    with scripted_server({"/ana.ics": Reply(body=DENTIST), "/bram.ics": Reply(body=EMPTY),
                          "/cas.ics": Reply(body=EMPTY)}) as server:
        yield server


@pytest.fixture
def team(manager: FlaskClient, feeds: Scripted) -> int:
    """Ana, Bram and Cas, each with a feed; one sync a week."""
    team = create_team(manager, "small")
    for key in ("ana", "bram", "cas"):
        added = add_member(manager, team, key, calendar_address=feeds.url(f"/{key}.ics"))
        assert added.status_code == 302, added.get_data(as_text=True)[:2000]
    add_meeting(manager, team, "sync", title="Sync")
    return team


def page_of(response: object) -> str:
    return html.unescape(response.get_data(as_text=True))  # type: ignore[attr-defined]


def latest(app: Flask, team: int) -> StoredPlan:
    with sessions(app)() as db:
        found = db.query(StoredPlan).filter_by(team_id=team).order_by(StoredPlan.id.desc()).first()
        assert found is not None
        return found


def test_a_feed_away_plans_its_member_from_the_last_reading_with_a_warning(
        app: Flask, manager: FlaskClient, feeds: Scripted, team: int) -> None:
    plan_week(manager, team)
    feeds.replies["/ana.ics"] = Reply(503, b"down for maintenance")
    page = page_of(plan_week(manager, team))
    assert re.search(r"Ana: the calendar http://localhost:\d+/ana\.ics could not be read \(.+\); planned "
                     r"from the calendar as last read on \w{3} \d\d \w{3} \d\d:\d\d UTC", page), page
    row = re.search(r'<th scope="row">Ana(.*?)</th>', page, re.S)
    assert row and "⚠ calendar not read: planned from the calendar as read on" in row.group(1)
    assert "members[" not in page
    plan = plan_from_json(json.loads(latest(app, team).plan_json))
    assert plan.busy is not None and plan.busy["ana"]  # the dentist, from the last reading, still holds
    assert all(m.start.day != 1 for m in plan.meetings)


def test_a_feed_never_read_plans_its_member_as_availability_unknown(
        app: Flask, manager: FlaskClient, feeds: Scripted, team: int) -> None:
    feeds.replies["/cas.ics"] = Reply(404, b"gone")
    page = page_of(plan_week(manager, team))
    assert "Cas: the calendar" in page
    assert "availability unknown, planned from the rules and working hours only" in page
    assert "Week of Monday 30 November 2026" in page
    team_page = page_of(manager.get(f"/teams/{team}"))
    assert "calendar warning" in team_page  # beside Cas on the team page too


def test_more_than_half_the_team_not_read_stops_the_plan_and_names_them(
        app: Flask, manager: FlaskClient, feeds: Scripted, team: int) -> None:
    feeds.replies["/ana.ics"] = Reply(500, b"")
    feeds.replies["/bram.ics"] = Reply(404, b"")
    page = page_of(plan_week(manager, team))
    assert "2 of 3 members' calendars cannot be read, more than half the team" in page
    assert "Ana (http://localhost:" in page and "Bram (http://localhost:" in page
    with sessions(app)() as db:
        assert db.query(StoredPlan).count() == 0
        assert db.query(Member).count() == 3


def test_erasing_my_calendar_data_erases_the_last_reading_too(
        app: Flask, manager: FlaskClient, team: int) -> None:
    plan_week(manager, team)
    ana = app.test_client()
    signup(ana, "ana@example.com", "Ana")
    with sessions(app)() as db:
        member = db.query(Member).filter_by(team_id=team, key="ana").one().id
        assert db.get(CalendarSnapshot, member) is not None
    assert post(ana, f"/me/{member}/data/erase", {"confirmed": "yes"}).status_code == 302
    with sessions(app)() as db:
        assert db.get(CalendarSnapshot, member) is None
        assert db.query(CalendarSnapshot).count() == 2  # Bram's and Cas's stay

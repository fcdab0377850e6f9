"""An organisation planned in the web app reads its members' calendar feeds, as each team's
own plan does: through the guarded path, from a real HTTP server on 127.0.0.1 (allowed by
name, as an administrator allows an intranet host), and never from an address the server
must not reach."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from store.models import Member
from web.db import sessions
from web.team_request import next_monday

from .conftest import make_app
from .helpers import add_meeting, add_member, create_team, post, signup
from .test_feed_guard import feed_server
from .test_org_planning import wait_until_planned


def holiday_week() -> bytes:
    """Ana's feed: an all-day "Vakantie" on every weekday of the week the organisation plans."""
    monday = next_monday("Europe/Amsterdam")
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:off-{n}@example.com\r\nDTSTAMP:20261101T000000Z\r\n"
        f"DTSTART;VALUE=DATE:{(monday + timedelta(n)):%Y%m%d}\r\n"
        f"DTEND;VALUE=DATE:{(monday + timedelta(n + 1)):%Y%m%d}\r\nSUMMARY:Vakantie\r\nEND:VEVENT\r\n"
        for n in range(5)
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n".encode()


@pytest.fixture
def allowing_localhost(tmp_path: Path, migrated_sqlite: Path) -> Iterator[Flask]:
    yield from make_app(tmp_path, migrated_sqlite, ALLOWED_FEED_HOSTS=["localhost"])


def organisation_of(client: FlaskClient) -> int:
    """Mia's team of Ana and Bram in an organisation `acme` with one building of 5 desks."""
    signup(client, "mia@example.com", "Mia")
    team = create_team(client, "small")
    assert add_member(client, team, "ana").status_code == 302
    assert add_member(client, team, "bram").status_code == 302
    add_meeting(client, team, "sync", title="Sync")
    made = post(client, "/org/new", {"name": "acme", "buildings": "utrecht 5", f"building-{team}": "utrecht"})
    assert made.status_code == 302
    return team


def give_ana(app: Flask, address: str) -> None:
    """Stored as it was accepted once (an address allowed then, or a host that moved since)."""
    with sessions(app)() as db:
        db.query(Member).filter_by(key="ana").one().calendar_address = address
        db.commit()


def test_a_members_feed_is_read_for_the_organisations_week(allowing_localhost: Flask) -> None:
    app, client = allowing_localhost, allowing_localhost.test_client()
    organisation_of(client)
    with feed_server(holiday_week()) as (port, asked):
        give_ana(app, f"http://localhost:{port}/cal.ics")
        assert post(client, "/org/acme/plan").status_code == 302
        org = wait_until_planned(app, "acme")
    assert (org.status, org.error) == ("done", None)
    assert asked == ["/cal.ics"]  # once, by the web app: the team solves read its copy
    page = client.get("/org/acme").get_data(as_text=True)
    people = [int(n) for n in re.findall(r'<span class="occupancy">(\d+)</span>/5', page)]
    # Ana is on holiday all week by her feed: only Bram comes, on his office days.
    assert len(people) == 5 and max(people) == 1, people


def test_a_feed_on_a_forbidden_address_stops_the_plan_naming_the_member(app: Flask) -> None:
    client = app.test_client()
    organisation_of(client)
    with feed_server(holiday_week()) as (port, asked):
        give_ana(app, f"http://127.0.0.1:{port}/cal.ics")
        assert post(client, "/org/acme/plan").status_code == 302
        org = wait_until_planned(app, "acme")
    assert org.status == "failed"
    assert org.error.startswith(
        f"team small, Ana: the calendar feed http://127.0.0.1:{port}/cal.ics could not be read for the "
        "organisation's week: 127.0.0.1 is a loopback address"), org.error
    assert asked == []  # the server never connected
    assert "127.0.0.1 is a loopback address" in client.get("/org/acme").get_data(as_text=True)

"""A team's request naming another team's collection on the service's CalDAV server (issue 22,
from the first session): the server's account reaches every collection there, so a team may
name only the collections the operator granted it (`rhythm caldav grant`), at the door and
again when the job reads. Against Radicale on loopback with logins."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator

import pytest
from flask import Flask

from cli.main import main
from store.models import Job, Team
from tests.caldav.conftest import Radicale
from web.caldav_access import REFUSED
from web.db import sessions
from web.solving import run_job

from .helpers import add_member, create_team, errors_next_to, signup
from .test_api import bearer, example_request, team_token, wait_for
from .test_attacks_fetch import DENTIST_TUESDAY_10_TO_12, radicale_app

__all__ = ["radicale_app"]


@pytest.fixture
def granted(radicale_app: tuple[Flask, Radicale], monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> Iterator[tuple[Flask, Radicale, str]]:
    """Team "platform" with its own folder /platform/ on Radicale granted by the operator,
    through the command line on the app's database; and its API token."""
    app, radicale = radicale_app
    token = team_token(app, "platform")
    monkeypatch.setenv("DATABASE_URL", app.config["DATABASE_URL"])
    assert main(["caldav", "grant", "--team", "platform", radicale.url + "platform"]) == 0
    assert capsys.readouterr().out.endswith(f": {radicale.url}platform/\n")
    yield app, radicale, token


def plan_with(app: Flask, token: str, address: str) -> tuple[int, dict]:
    request = example_request()
    request["members"][1]["calendars"] = [address]
    answer = app.test_client().post("/api/v1/plans", json=request, headers=bearer(token))
    return answer.status_code, answer.json


def test_a_granted_collection_is_read_with_the_account(granted: tuple[Flask, Radicale, str]) -> None:
    app, radicale, token = granted
    calendar = radicale.new_calendar("platform")
    calendar.put("dentist.ics", DENTIST_TUESDAY_10_TO_12)
    status, answer = plan_with(app, token, calendar.address)
    assert status == 202, answer
    assert wait_for(app.test_client(), answer["url"], token)["status"] == "done"


@pytest.mark.parametrize("path", ["{other}", "platform/../{other}", "platform/%2e%2e/{other}", "platformx/"])
def test_another_teams_collection_is_refused_at_the_door(granted: tuple[Flask, Radicale, str],
                                                         path: str) -> None:
    app, radicale, token = granted
    other = radicale.new_calendar("finance").url.removeprefix(radicale.url)
    status, answer = plan_with(app, token, "caldav:" + radicale.url + path.format(other=other))
    assert status == 400
    assert answer["errors"] == [{"path": "members[1].calendars[0]", "message": REFUSED}]


def test_a_team_without_grants_names_no_collection_on_that_server(
        radicale_app: tuple[Flask, Radicale]) -> None:
    app, radicale = radicale_app
    status, answer = plan_with(app, team_token(app, "platform"), radicale.new_calendar("platform").address)
    assert status == 400 and answer["errors"][0]["message"] == REFUSED


def test_a_grant_revoked_before_the_job_reads_is_refused_then(
        granted: tuple[Flask, Radicale, str], capsys: pytest.CaptureFixture[str]) -> None:
    app, radicale, _ = granted
    calendar = radicale.new_calendar("platform")
    request = example_request()
    request["members"][1]["calendars"] = [calendar.address]
    with sessions(app)() as db:  # accepted at the door while granted, queued
        team = db.query(Team).filter_by(name="platform").one()
        db.add(Job(id="queued-job", team_id=team.id, kind="api", status="queued",
                   request_json=json.dumps(request), options={}))
        db.commit()
    assert main(["caldav", "revoke", "--team", "platform", radicale.url + "platform/"]) == 0
    assert main(["caldav", "list", "--team", "platform"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("revoked from platform")
    run_job(app, "queued-job")
    with sessions(app)() as db:
        job = db.get(Job, "queued-job")
        assert job is not None and job.status == "failed" and REFUSED in (job.error or "")


def test_the_member_form_refuses_another_teams_collection(granted: tuple[Flask, Radicale, str]) -> None:
    app, radicale, _ = granted
    manager = app.test_client()
    signup(manager, "mia@example.com", "Mia Manager")
    team = create_team(manager, "finance")  # granted nothing
    other = radicale.new_calendar("platform")
    page = add_member(manager, team, "ana", calendar_address=other.address)
    assert page.status_code == 200
    assert errors_next_to(html.unescape(page.get_data(as_text=True)), "calendar_address") == [REFUSED]

"""The HTTP API, the same tests twice: on SQLite with solves in the web process, and on
PostgreSQL with solves in a real Celery worker fed through Redis."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from connectors.sources import read_team_calendars
from scheduler.plan.plan_json import plan_from_json
from scheduler.request import parse_request
from scheduler.validate import validate
from store.models import ApiToken, Member, MicrosoftIdentity, Team, User
from web.db import sessions
from web.secret_tokens import new_api_token

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def example_request() -> dict[str, Any]:
    """examples/platform-week.json with its calendars inline, as an API client sends it."""
    data = json.loads((EXAMPLES / "platform-week.json").read_text())
    for member in data["members"]:
        member["calendars"] = [{"ics": (EXAMPLES / ref).read_text()} for ref in member.get("calendars", [])]
    return data


def team_token(app: Flask, name: str) -> str:
    with sessions(app)() as db:
        user = User(email=f"{name}@example.com", name=name, password_hash="x")
        db.add(user)
        db.flush()
        team = Team(name=name, timezone="Europe/Amsterdam", manager_id=user.id, rules={})
        db.add(team)
        db.commit()
        return new_api_token(db, team, "test")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def wait_for(client: FlaskClient, url: str, token: str, timeout: float = 90) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = client.get(url, headers=bearer(token))
        assert answer.status_code == 200, answer.get_data(as_text=True)
        if answer.json["status"] in ("done", "failed"):
            return answer.json  # type: ignore[no-any-return]
        time.sleep(0.1)
    raise AssertionError(f"job {url} not finished within {timeout} s")


@pytest.fixture
def api(any_app: Flask) -> tuple[FlaskClient, str]:
    return any_app.test_client(), team_token(any_app, "platform")


def test_a_request_is_planned_in_the_background(api: tuple[FlaskClient, str]) -> None:
    client, token = api
    request = example_request()
    answer = client.post("/api/v1/plans", json=request, headers=bearer(token))
    assert answer.status_code == 202
    location = answer.headers["Location"]
    assert location.startswith("/api/v1/jobs/") and answer.json["status"] == "queued"
    job = wait_for(client, location, token)
    assert job["status"] == "done", job
    plan = plan_from_json(job["plan"])  # the v1 plan, as the contract writes it
    assert plan.team == "platform" and str(plan.week) == "2026-11-30"
    checked = parse_request(request)
    assert validate(checked, read_team_calendars(checked), plan) == []


def test_bad_requests_name_the_field(api: tuple[FlaskClient, str]) -> None:
    client, token = api
    request = example_request()
    request["meetings"][3]["minutes"] = 30
    request["members"][0]["calendars"] = ["calendars/ana.ics"]
    answer = client.post("/api/v1/plans", json=request, headers=bearer(token))
    assert answer.status_code == 400
    errors = {e["path"]: e["message"] for e in answer.json["errors"]}
    assert errors["meetings[3].minutes"] == "30 is not an allowed length (25, 55)"
    assert "file path" in errors["members[0].calendars[0]"]


@pytest.mark.parametrize("body, content_type", [
    ("not json", "application/json"), ("[1, 2]", "application/json"), ("{}", "text/plain")])
def test_a_body_that_is_not_a_json_object_is_refused(api: tuple[FlaskClient, str], body: str,
                                                      content_type: str) -> None:
    client, token = api
    answer = client.post("/api/v1/plans", data=body, content_type=content_type, headers=bearer(token))
    assert answer.status_code == 400
    assert "send the v1 request as a JSON object" in answer.json["errors"][0]["message"]


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer not-a-token", "Basic dXNlcjpwYXNz"])
def test_calls_without_a_valid_token_are_refused(api: tuple[FlaskClient, str], header: str | None) -> None:
    client, _ = api
    headers = {"Authorization": header} if header else {}
    for answer in (client.post("/api/v1/plans", json=example_request(), headers=headers),
                   client.get("/api/v1/jobs/anything", headers=headers)):
        assert answer.status_code == 401
        assert answer.headers["WWW-Authenticate"].startswith("Bearer")
        assert answer.json["errors"][0]["path"] == "Authorization"


def test_another_teams_job_is_not_found(any_app: Flask, api: tuple[FlaskClient, str]) -> None:
    client, token = api
    other = team_token(any_app, "other")
    location = client.post("/api/v1/plans", json=example_request(), headers=bearer(token)).headers["Location"]
    answer = client.get(location, headers=bearer(other))
    assert answer.status_code == 404 and answer.json["errors"][0]["message"] == "no such job for this team"
    wait_for(client, location, token)


def test_a_revoked_token_stops_working(any_app: Flask, api: tuple[FlaskClient, str]) -> None:
    client, token = api
    with sessions(any_app)() as db:
        db.query(ApiToken).delete()
        db.commit()
    assert client.post("/api/v1/plans", json=example_request(), headers=bearer(token)).status_code == 401


def test_too_large_requests_are_refused(any_app: Flask, api: tuple[FlaskClient, str]) -> None:
    client, token = api
    any_app.config["MAX_CONTENT_LENGTH"] = 1000
    answer = client.post("/api/v1/plans", json=example_request(), headers=bearer(token))
    assert answer.status_code == 413 and answer.json["errors"][0]["message"].startswith("That is too large")


def test_request_size_is_bounded(any_app: Flask, api: tuple[FlaskClient, str]) -> None:
    client, token = api
    any_app.config["MAX_MEETINGS"] = 3
    answer = client.post("/api/v1/plans", json=example_request(), headers=bearer(token))
    assert answer.status_code == 400
    assert answer.json["errors"] == [{"path": "meetings", "message": "at most 3 meetings per request"}]
    any_app.config["MAX_MEETINGS"] = 500
    answer = client.post("/api/v1/plans?time_limit=3600", json=example_request(), headers=bearer(token))
    assert answer.json["errors"][0]["path"] == "time_limit"


def test_solves_are_rate_limited_per_team(any_app: Flask, api: tuple[FlaskClient, str]) -> None:
    client, token = api
    any_app.config["SOLVES_PER_MINUTE"] = 2
    answers = [client.post("/api/v1/plans", json=example_request(), headers=bearer(token)) for _ in range(3)]
    assert [a.status_code for a in answers] == [202, 202, 429]
    assert 1 <= int(answers[2].headers["Retry-After"]) <= 61
    other = team_token(any_app, "other")  # another team has its own allowance
    assert client.post("/api/v1/plans", json=example_request(), headers=bearer(other)).status_code == 202
    for answer in answers[:2]:
        wait_for(client, answer.headers["Location"], token)


def connected_member(app: Flask, team_name: str, key: str, mailbox: str) -> None:
    """A member of the team whose account connected Microsoft (as `mailbox`), without the
    tokens being kept here (they were deleted, or the key that encrypts them changed)."""
    with sessions(app)() as db:
        team = db.query(Team).filter_by(name=team_name).one()
        user = User(email=None, name=key)
        db.add(MicrosoftIdentity(user=user, tenant_id=str(uuid.uuid4()), object_id=str(uuid.uuid4()),
                                 mailbox=mailbox))
        db.flush()
        db.add(Member(team_id=team.id, key=key, name=key, user_id=user.id))
        db.commit()


def test_a_failing_job_reports_its_error_and_stores_no_plan(any_app: Flask,
                                                            api: tuple[FlaskClient, str]) -> None:
    client, token = api
    request = example_request()
    # An unreadable inline calendar is refused at the door (test_calendar_privacy.py); the
    # Outlook calendar of a member who connected it passes the door, and fails only when the
    # job reads it: its sign-in is no longer kept (or, in the worker, no RHYTHM_CLIENT_ID).
    connected_member(any_app, "platform", "ana", "ana@example.com")
    request["members"][0]["calendars"] = ["outlook:ana@example.com"]
    answer = client.post("/api/v1/plans", json=request, headers=bearer(token))
    job = wait_for(client, answer.headers["Location"], token)
    assert job["status"] == "failed" and "plan" not in job
    assert job["errors"][0]["path"] == "members[0].calendars[0]"


def test_the_openapi_description_references_the_published_schemas(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.1")
    post = document["paths"]["/api/v1/plans"]["post"]
    schema = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert schema == "/api/v1/schemas/request.v1.json"
    assert set(post["responses"]) >= {"202", "400", "401", "413", "429"}
    published = client.get(schema).json
    assert published["title"] == "rhythm plan request, version 1"
    assert client.get("/api/v1/schemas/plan.v1.json").status_code == 200


def test_warnings_of_a_plan_from_a_stored_inline_calendar_cite_the_clients_lines(
        api: tuple[FlaskClient, str]) -> None:
    client, token = api
    request = example_request()
    ana = request["members"][0]["calendars"][0]["ics"]
    broken = ("BEGIN:VEVENT\r\nUID:appraisal@example.com\r\nSUMMARY:Secret appraisal\r\n"
              "DTSTART:20261202T090000Z\r\nDTSTART:20261202T100000Z\r\nEND:VEVENT\r\n")
    request["members"][0]["calendars"][0]["ics"] = ana.replace("END:VCALENDAR", broken + "END:VCALENDAR")
    lines = request["members"][0]["calendars"][0]["ics"].splitlines()
    begin = max(number for number, line in enumerate(lines, start=1) if line == "BEGIN:VEVENT")
    answer = client.post("/api/v1/plans", json=request, headers=bearer(token))
    assert answer.status_code == 202, answer.json
    done = wait_for(client, answer.headers["Location"], token)
    (warning,) = done["plan"]["calendar_warnings"]["ana"]
    where = ("members[0].calendars[0] (inline)", begin + 3, None)  # the client's line, no stored UID
    assert (warning["source"], warning["line"], warning["uid"]) == where
    assert warning["message"] == f"DTSTART of the event on line {begin} appears 2 times"

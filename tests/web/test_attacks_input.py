"""Issue 22, item 15 ("Remaining 500s"): the hostile values that once got a 500, kept as
tests. Each is a 400 naming the field (API) or an error next to the field (forms); names
stored before the door refused line breaks still download; a 500 never logs a feed's token."""

from __future__ import annotations

import logging
import os
import re
from datetime import datetime

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from icalendar import Calendar

from store.models import Member, Team
from web.db import sessions
from web.solving import UNEXPECTED

from ..fuzz_requests import hostile_requests
from ..test_hostile_values import HOSTILE
from .helpers import PASSWORD, add_member, create_team, errors_next_to, plan_week, post, signup
from .test_api import bearer, team_token, wait_for


@pytest.mark.parametrize("case", HOSTILE)
def test_the_api_answers_400_naming_the_field(app: Flask, case: str) -> None:
    text, path, words = HOSTILE[case]
    answer = app.test_client().post("/api/v1/plans", data=text.encode(), content_type="application/json",
                                    headers=bearer(team_token(app, "platform")))
    assert answer.status_code == 400
    (error,) = answer.json["errors"]
    assert error["path"] == path and words in error["message"]


@pytest.mark.parametrize("form, field", [
    ({"name": "platform\nX-Injected: 1"}, "name"),
])
def test_a_team_name_on_two_lines_is_refused(manager: FlaskClient, form: dict[str, str], field: str) -> None:
    page = post(manager, "/teams/new", {"timezone": "Europe/Amsterdam", **form})
    assert page.status_code == 200
    assert errors_next_to(page.get_data(as_text=True), field) == ["Use one line, without line breaks."]


@pytest.mark.parametrize("fields, field, message", [
    ({"name": "Zoë\nX"}, "name", "Use one line, without line breaks."),
    ({"email": "zoe@example.com\n"}, "email", "Enter an email address like ana@example.com."),
])
def test_a_member_on_two_lines_is_refused(manager: FlaskClient, fields: dict[str, str], field: str,
                                          message: str) -> None:
    team = create_team(manager)
    page = add_member(manager, team, "zoe", **fields)
    assert page.status_code == 200 and message in errors_next_to(page.get_data(as_text=True), field)


def test_a_member_key_with_a_trailing_newline_is_refused(manager: FlaskClient) -> None:
    team = create_team(manager)
    page = add_member(manager, team, "zoe\n")
    assert page.status_code == 200 and errors_next_to(page.get_data(as_text=True), "key")


def test_names_stored_on_two_lines_still_download_and_feed(app: Flask, manager: FlaskClient,
                                                           example_team: int) -> None:
    """Rows written before the door refused line breaks: the .ics, its file name and the feed."""
    app.config["NOW"] = datetime.fromisoformat("2026-12-01T09:00:00+01:00")  # the example's week is this week
    plan_week(manager, example_team)
    ana = app.test_client()
    signup(ana, "ana@example.com", "Ana")
    with sessions(app)() as db:
        db.get(Team, example_team).name = 'plat"form\r\nX-Evil: 1'  # type: ignore[union-attr]
        member = db.query(Member).filter_by(team_id=example_team, key="ana").one()
        member.name = "Ana\nde Vries"
        member_id = member.id
        db.commit()
    download = ana.get(f"/me/{member_id}/week.ics")
    assert download.status_code == 200
    assert download.headers["Content-Disposition"] == 'attachment; filename="plat-form-X-Evil-1-ana.ics"'
    assert Calendar.from_ical(download.data).walk("VEVENT")
    page = post(ana, f"/me/{member_id}/subscription").get_data(as_text=True)
    token = re.search(r"/calendars/([^/\"]+)\.ics", page).group(1)  # type: ignore[union-attr]
    feed = app.test_client().get(f"/calendars/{token}.ics")
    assert feed.status_code == 200 and Calendar.from_ical(feed.data).walk("VEVENT")
    data = ana.get(f"/me/{member_id}/data")
    assert data.status_code == 200 and data.json["name"] == "Ana\nde Vries"


def test_an_unexpected_error_logs_the_route_not_the_feeds_token(
        app: Flask, manager: FlaskClient, example_team: int, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    ana = app.test_client()
    signup(ana, "ana@example.com", "Ana")
    with sessions(app)() as db:
        member_id = db.query(Member).filter_by(team_id=example_team, key="ana").one().id
    page = post(ana, f"/me/{member_id}/subscription").get_data(as_text=True)
    token = re.search(r"/calendars/([^/\"]+)\.ics", page).group(1)  # type: ignore[union-attr]

    def broken(*_: object) -> bytes:
        raise RuntimeError("a bug")

    monkeypatch.setattr("web.views.calendars.member_feed", broken)
    with caplog.at_level(logging.ERROR):
        assert app.test_client().get(f"/calendars/{token}.ics").status_code == 500
    assert "unexpected error on GET /calendars/<token>.ics" in caplog.text
    assert token not in caplog.text


@pytest.mark.parametrize("target", ["/%0a", "/teams%0d%0a"])
def test_sign_in_with_a_next_ending_in_a_newline_goes_home(client: FlaskClient, target: str) -> None:
    signup(client, "ana@example.com", "Ana")
    post(client, "/auth/signout")
    answer = post(client, f"/auth/signin?next={target}", {"email": "ana@example.com", "password": PASSWORD})
    assert answer.status_code == 302 and answer.headers["Location"] == "/"


API_BUDGET = int(os.environ.get("RHYTHM_FUZZ_EXAMPLES_API", "25"))  # more for a long run


@settings(max_examples=API_BUDGET, derandomize=API_BUDGET == 25, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=hostile_requests())
def test_the_api_never_answers_500_to_a_fuzzed_request(app: Flask, text: str) -> None:
    """The fuzz of tests/test_fuzz_requests.py through the API: a 400 naming fields, or a job
    that plans or fails with its reason, never a 500 or a job that fails "unexpectedly"."""
    app.config["SOLVES_PER_MINUTE"] = 10**6
    if "fuzz token" not in app.config:  # one team for the whole run: Hypothesis reuses the app
        app.config["fuzz token"] = team_token(app, "fuzz")
    client, token = app.test_client(), app.config["fuzz token"]
    answer = client.post("/api/v1/plans", data=text.encode("utf-8", "surrogatepass"),
                         content_type="application/json", headers=bearer(token))
    assert answer.status_code in (202, 400), answer.get_data(as_text=True)
    if answer.status_code == 400:
        assert all(error["message"] for error in answer.json["errors"])
        return
    job = wait_for(client, answer.headers["Location"], token)
    assert job["status"] == "done" or UNEXPECTED not in job["errors"][0]["message"], job

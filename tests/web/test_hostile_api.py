"""What a hostile or careless API client sends: a 400 naming the field, never a 500."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from .test_api import bearer, example_request, team_token


@pytest.fixture
def api(app: Flask) -> tuple[FlaskClient, str]:
    return app.test_client(), team_token(app, "platform")


def test_a_deeply_nested_body_is_a_400(api: tuple[FlaskClient, str]) -> None:
    client, token = api
    answer = client.post("/api/v1/plans", data="[" * 100000, content_type="application/json",
                         headers=bearer(token))
    assert answer.status_code == 400
    message = ("send the v1 request as a JSON object (Content-Type: application/json); request body: "
               "is nested too deeply to read (a v1 request has at most 32 levels)")
    assert answer.json["errors"] == [{"path": "request body", "message": message}]


def test_meetingless_days_on_every_workday_is_a_400(api: tuple[FlaskClient, str]) -> None:
    client, token = api
    request = example_request()
    request["rules"]["meetingless_days"] = ["mon", "tue", "wed", "thu", "fri"]
    request["rules"].pop("workdays", None)
    for meeting in request["meetings"]:
        meeting.pop("per_week", None)
    answer = client.post("/api/v1/plans", json=request, headers=bearer(token))
    assert answer.status_code == 400
    assert [e["path"] for e in answer.json["errors"]] == ["rules.meetingless_days"]


def test_a_lunch_outside_working_hours_is_a_400(api: tuple[FlaskClient, str]) -> None:
    client, token = api
    request = example_request()
    request["rules"]["lunch"] = {"start": "20:00", "end": "21:00", "minutes": 30}
    answer = client.post("/api/v1/plans", json=request, headers=bearer(token))
    assert answer.status_code == 400
    paths = {e["path"] for e in answer.json["errors"]}
    assert paths == {f"members[{i}].working_hours" for i in range(len(request["members"]))}

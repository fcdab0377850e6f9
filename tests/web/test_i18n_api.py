"""The request's problems are in the catalogue, so the web pages show them in Dutch; the API's
JSON errors stay English whatever the client's Accept-Language (issue 25: its clients are
programs, and the field paths and messages are part of its contract)."""

from __future__ import annotations

from flask import Flask

import i18n
from web.team_request import problems_of

from .test_api import bearer, example_request, team_token


def test_the_api_answers_in_english_to_a_dutch_client(app: Flask) -> None:
    client, token = app.test_client(), team_token(app, "api-nl")
    request = example_request()
    request["meetings"][3]["minutes"] = 30
    answer = client.post("/api/v1/plans", json=request,
                         headers={**bearer(token), "Accept-Language": "nl-NL,nl;q=0.9"})
    assert answer.status_code == 400
    errors = {e["path"]: e["message"] for e in answer.json["errors"]}
    assert errors["meetings[3].minutes"] == "30 is not an allowed length (25, 55)"


def test_the_request_checks_speak_dutch_and_keep_the_field_path() -> None:
    request = example_request()
    request["meetings"][3]["minutes"] = 30
    request["week"] = "2026-12-08"
    with i18n.use("nl"):
        found = {str(p.path): p.message for p in problems_of(request)}
    assert found["meetings[3].minutes"] == "30 is geen toegestane lengte (25, 55)"
    assert found["week"] == "2026-12-08 is een dinsdag, geen maandag"


def test_a_stored_job_error_is_shown_in_the_readers_language() -> None:
    from web.language import translated

    with i18n.use("nl"):
        assert translated("cancelled; stored plans are unchanged") == (
            "geannuleerd; opgeslagen plannen zijn niet veranderd")
        assert translated("the solver stopped at 50% of its budget") == (
            "the solver stopped at 50% of its budget")  # not in the catalogue: as it is
        assert translated(None) is None

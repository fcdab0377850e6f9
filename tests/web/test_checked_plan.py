"""A web plan job never stores a plan the spec rejects, and says so in the words the command
line and the organisation use (`scheduler.solve.checked`, tests/test_checked_plan.py)."""

from __future__ import annotations

import pytest
from flask import Flask

from store.models import StoredPlan
from tests.test_checked_plan import REJECTED, WITHOUT_LUNCH
from web.db import sessions

from .test_api import bearer, example_request, team_token, wait_for


def test_a_web_job_stores_no_plan_the_spec_rejects(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("web.solving.RULES", WITHOUT_LUNCH)  # solved in this process's pool
    client, token = app.test_client(), team_token(app, "platform")
    answer = client.post("/api/v1/plans", json=example_request(), headers=bearer(token))
    job = wait_for(client, answer.headers["Location"], token)
    assert job["status"] == "failed" and "plan" not in job
    assert job["errors"][0]["message"].startswith(REJECTED)
    with sessions(app)() as db:
        assert db.query(StoredPlan).count() == 0

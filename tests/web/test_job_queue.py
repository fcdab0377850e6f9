"""Who plans next and what a lost worker leaves (issues 22.13 and 22.14): a free planner takes
the job of the team with the fewest running, each account has a quota, and a job whose lease
ran out is failed so the team can plan again; with a real Celery worker on Redis killed by
SIGKILL mid-solve too."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from store.models import Job, Team, utcnow
from web.db import sessions
from web.leases import EXPIRED, cancel, claim_next

from .conftest import make_app
from .helpers import post
from .services import REDIS, _wait_until_ready, empty_tables, postgres_app_config, require
from .silent import silent_server
from .test_api import bearer, example_request, team_token, wait_for


def add_job(app: Flask, team: str, status: str = "queued", age: float = 0, **fields: object) -> str:
    with sessions(app)() as db:
        team_id = db.query(Team).filter_by(name=team).one().id
        fields.setdefault("options", {})
        job = Job(id=uuid.uuid4().hex, team_id=team_id, kind="api", status=status, request_json="{}",
                  created_at=utcnow() - timedelta(seconds=age), **fields)
        db.add(job)
        db.commit()
        return job.id


def test_a_free_planner_takes_the_team_with_fewest_jobs_running(app: Flask) -> None:
    team_token(app, "busy")
    team_token(app, "quiet")
    add_job(app, "busy", "running", age=100, lease_until=utcnow() + timedelta(minutes=1))
    waiting = [add_job(app, "busy", age=90 - n) for n in range(5)]  # a hundred API calls, say
    quiet = add_job(app, "quiet", age=1)  # the newest of all
    with sessions(app)() as db:
        first = claim_next(db, app.config)
        second = claim_next(db, app.config)
        assert first is not None and second is not None
        assert (first.id, second.id) == (quiet, waiting[0])
        assert first.status == "running" and first.limit_seconds == 5.0 + 30.0
        assert first.lease_until is not None and first.lease_until > utcnow()


def test_an_account_has_a_quota_of_jobs_at_once_and_seconds_a_day(app: Flask) -> None:
    client, token = app.test_client(), team_token(app, "platform")
    app.config.update(JOBS_AT_ONCE=1, SOLVE_SECONDS_PER_DAY=600)
    busy = add_job(app, "platform", "running", lease_until=utcnow() + timedelta(minutes=1))
    answer = client.post("/api/v1/plans", json=example_request(), headers=bearer(token))
    assert answer.status_code == 429
    message = answer.json["errors"][0]["message"]
    assert "already have 1 plans waiting or being made (at most 1 at once)" in message
    with sessions(app)() as db:
        job = db.get(Job, busy)
        assert job is not None
        job.status, job.started_at, job.finished_at = "done", utcnow() - timedelta(minutes=30), utcnow()
        db.commit()
    answer = client.post("/api/v1/plans", json=example_request(), headers=bearer(token))
    assert answer.status_code == 429
    assert "used their 600 s of planning for today" in answer.json["errors"][0]["message"]
    app.config["QUOTA_EXEMPT"] = ["platform@example.com"]  # the operator lifts it
    assert client.post("/api/v1/plans", json=example_request(), headers=bearer(token)).status_code == 202


def test_a_plan_whose_lease_ran_out_fails_and_the_team_plans_again(
        app: Flask, manager: FlaskClient, example_team: int) -> None:
    stuck = _web_job(app, example_team, lease_until=utcnow() - timedelta(seconds=1))
    page = manager.get(f"/teams/{example_team}/jobs/{stuck}").get_data(as_text=True)
    assert "The plan failed" in page and "its worker was lost" in page
    again = post(manager, f"/teams/{example_team}/plans", {"week": "2026-11-30", "past": "y"})
    assert stuck not in again.headers["Location"]
    assert re.fullmatch(rf"/teams/{example_team}/(plans/\d+|jobs/\w+)", again.headers["Location"])


def _web_job(app: Flask, team_id: int, **fields: object) -> str:
    with sessions(app)() as db:
        job = Job(id=uuid.uuid4().hex, team_id=team_id, kind="web", status="running", request_json="{}",
                  options={}, **fields)
        db.add(job)
        db.commit()
        return job.id


@pytest.fixture
def own_worker(postgres_url: str, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """A `rhythm worker` of this test's own, with a 2 s lease, that the test may kill."""
    require("127.0.0.1", 6379, "Redis")
    queue = f"rhythm-kill-{uuid.uuid4().hex[:12]}"
    log = tmp_path / "worker.log"
    env = {**os.environ, "DATABASE_URL": postgres_url, "CELERY_BROKER_URL": REDIS,
           "RHYTHM_CELERY_QUEUE": queue, "RHYTHM_DATA_DIR": str(tmp_path), "RHYTHM_WEB_SECRET": "test only",
           "RHYTHM_JOB_LEASE_SECONDS": "2", "RHYTHM_ALLOWED_FEED_HOSTS": "localhost"}
    with log.open("wb") as out:
        worker = subprocess.Popen([sys.executable, "-m", "cli.main", "worker"], env=env, stdout=out,
                                  stderr=subprocess.STDOUT, cwd=Path(__file__).resolve().parents[2])
    try:
        _wait_until_ready(worker, log)
        yield worker, queue
    finally:
        if worker.poll() is None:
            worker.kill()
        worker.wait(timeout=15)


def test_a_celery_worker_killed_mid_solve_leaves_a_failed_job_not_a_running_one(
        postgres_url: str, own_worker: tuple[subprocess.Popen[bytes], str], tmp_path: Path) -> None:
    worker, queue = own_worker
    empty_tables(postgres_url)
    config = {**postgres_app_config(postgres_url, queue), "ALLOWED_FEED_HOSTS": ["localhost"],
              "JOB_LEASE_SECONDS": 2.0, "JOBS_AT_ONCE": 1}
    with contextmanager(make_app)(tmp_path, None, **config) as app:
        client, token = app.test_client(), team_token(app, "platform")
        with silent_server() as silent:
            request = example_request()
            request["members"][0]["calendars"] = [silent.url()]
            answer = client.post("/api/v1/plans", json=request, headers=bearer(token))
            location = answer.headers["Location"]
            assert silent.opened.wait(60)  # the worker's solve is reading the calendar
            running = client.get(location, headers=bearer(token)).json
            assert running["status"] == "running", running
            blocked = client.post("/api/v1/plans", json=example_request(), headers=bearer(token))
            assert blocked.status_code == 429  # one at a time: the team waits for this one
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=15)
            assert silent.dropped.wait(15)  # its solve process went with it
        deadline = time.monotonic() + 30
        while (job := client.get(location, headers=bearer(token)).json)["status"] == "running":
            assert time.monotonic() < deadline, "the job of a killed worker stays running"
            time.sleep(0.2)
        assert job["status"] == "failed" and job["errors"][0]["message"] == EXPIRED
        again = client.post("/api/v1/plans", json=example_request(), headers=bearer(token))
        assert again.status_code == 202, json.dumps(again.json)


def test_a_plan_cancelled_on_a_celery_worker_stops_its_solve_and_the_worker_goes_on(
        postgres_url: str, own_worker: tuple[subprocess.Popen[bytes], str], tmp_path: Path) -> None:
    worker, queue = own_worker
    empty_tables(postgres_url)
    config = {**postgres_app_config(postgres_url, queue), "ALLOWED_FEED_HOSTS": ["localhost"]}
    with contextmanager(make_app)(tmp_path, None, **config) as app:
        client, token = app.test_client(), team_token(app, "platform")
        with silent_server() as silent:
            request = example_request()
            request["members"][0]["calendars"] = [silent.url()]
            location = client.post("/api/v1/plans", json=request, headers=bearer(token)).headers["Location"]
            assert silent.opened.wait(60)
            with sessions(app)() as db:
                job = db.get(Job, location.rsplit("/", 1)[1])
                assert job is not None and cancel(db, job)
            assert silent.dropped.wait(10)  # the worker killed the job's process
        assert client.get(location, headers=bearer(token)).json["status"] == "cancelled"
        answer = client.post("/api/v1/plans", json=example_request(), headers=bearer(token))
        assert wait_for(client, answer.headers["Location"], token)["status"] == "done"
        assert worker.poll() is None


def test_a_job_of_the_weekly_cycle_is_left_to_the_cycle(app: Flask) -> None:
    """The cycle stores its job and runs it itself: a queue message must not take it in between,
    unless the cycle left it waiting (its scheduler stopped)."""
    team_token(app, "platform")
    fresh = add_job(app, "platform", options={"cycle": True})
    with sessions(app)() as db:
        assert claim_next(db, app.config) is None
        claimed = claim_next(db, app.config, only=fresh)
        assert claimed is not None and claimed.id == fresh
    left = add_job(app, "platform", age=120, options={"cycle": True})
    with sessions(app)() as db:
        claimed = claim_next(db, app.config)
        assert claimed is not None and claimed.id == left

"""Plan jobs are bounded (issue 22.13) and can be cancelled (issue 24): the job's process is
killed at its deadline, past its memory, or when the manager cancels; stored plans stay."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from store.models import Member, StoredPlan
from web.db import sessions
from web.solve_process import Cancelled, JobStopped, run_bounded

from .helpers import plan_week, post
from .silent import silent_server
from .test_api import bearer, example_request, team_token, wait_for


def allocate(mib: int) -> int:
    return len(bytearray(mib * 1024 * 1024))


def sleep_after_saying_who(path: str) -> None:
    Path(path).write_text(str(os.getpid()))
    time.sleep(120)


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def started_pid(path: Path) -> int:
    deadline = time.monotonic() + 30
    while not path.exists() or not path.read_text():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return int(path.read_text())


def test_a_job_past_its_memory_limit_fails_with_a_clear_message() -> None:
    assert run_bounded(allocate, (64,), seconds=60, memory_mb=1024, still_wanted=lambda: True) == 64 << 20
    with pytest.raises(JobStopped, match="more than the 1024 MiB of memory this server allows a plan"):
        run_bounded(allocate, (2048,), seconds=60, memory_mb=1024, still_wanted=lambda: True)


def test_a_job_past_its_deadline_is_killed(tmp_path: Path) -> None:
    said = tmp_path / "pid"
    started = time.monotonic()
    with pytest.raises(JobStopped, match="longer than its limit of 2 s"):
        run_bounded(sleep_after_saying_who, (str(said),), seconds=2, memory_mb=0, still_wanted=lambda: True)
    assert time.monotonic() - started < 15
    assert gone(started_pid(said))


def test_a_job_nobody_wants_any_more_is_killed(tmp_path: Path) -> None:
    said = tmp_path / "pid"
    with pytest.raises(Cancelled):
        run_bounded(sleep_after_saying_who, (str(said),), seconds=60, memory_mb=0,
                    still_wanted=lambda: not said.exists(), every=0.2)
    assert gone(started_pid(said))


def test_feeds_share_the_jobs_one_deadline(app: Flask) -> None:
    """Three feeds that never answer: 20 s each one after the other before, now the job's 3 s."""
    app.config.update(ALLOWED_FEED_HOSTS=["localhost"], SOLVE_TIME_LIMIT=1.0, JOB_READ_SECONDS=2.0)
    client, token = app.test_client(), team_token(app, "platform")
    with silent_server() as silent:
        request = example_request()
        for member in request["members"][:3]:
            member["calendars"] = [silent.url(f"/{member['id']}.ics")]
        started = time.monotonic()
        answer = client.post("/api/v1/plans", json=request, headers=bearer(token))
        job = wait_for(client, answer.headers["Location"], token)
    assert time.monotonic() - started < 20
    assert job["status"] == "failed"
    assert re.search(r"(ran out of its 3 s|longer than its limit of 3 s)", job["errors"][0]["message"]), job


def test_a_cancelled_plan_stops_its_solve_and_keeps_the_stored_plans(
        app: Flask, manager: FlaskClient, example_team: int) -> None:
    plan_week(manager, example_team)
    with sessions(app)() as db:
        stored = [p.id for p in db.query(StoredPlan).filter_by(team_id=example_team)]
    app.config.update(ALLOWED_FEED_HOSTS=["localhost"], PLAN_WAIT_SECONDS=0)
    with silent_server() as silent:
        with sessions(app)() as db:
            member = db.query(Member).filter_by(team_id=example_team).first()
            assert member is not None
            member.calendar_address = silent.url()
            db.commit()
        started = post(manager, f"/teams/{example_team}/plans", {"week": "2026-11-30", "past": "y"})
        job_url = started.headers["Location"]
        assert silent.opened.wait(60)  # the job's process is reading the calendar
        page = manager.get(job_url).get_data(as_text=True)
        shown = r'<span class="elapsed">[\d.]+ s</span> of at most\s+<span class="limit">35 s</span>'
        assert re.search(shown, page), page
        assert f'action="{job_url}/cancel"' in page
        cancelled = post(manager, f"{job_url}/cancel")
        assert cancelled.headers["Location"] == job_url
        assert silent.dropped.wait(10)  # its process was killed, and its connection with it
    page = manager.get(job_url).get_data(as_text=True)
    assert "The plan was cancelled" in page and "Stored plans and calendars are unchanged" in page
    with sessions(app)() as db:
        assert [p.id for p in db.query(StoredPlan).filter_by(team_id=example_team)] == stored


def test_an_api_client_cancels_its_job(app: Flask) -> None:
    app.config.update(ALLOWED_FEED_HOSTS=["localhost"])
    client, token = app.test_client(), team_token(app, "platform")
    other = team_token(app, "other")
    with silent_server() as silent:
        request = example_request()
        request["members"][0]["calendars"] = [silent.url()]
        location = client.post("/api/v1/plans", json=request, headers=bearer(token)).headers["Location"]
        assert silent.opened.wait(60)
        assert client.delete(location, headers=bearer(other)).status_code == 404  # not theirs
        answer = client.delete(location, headers=bearer(token))
        assert answer.status_code == 200 and answer.json["status"] == "cancelled"
        assert answer.json["errors"][0]["message"] == "cancelled; stored plans are unchanged"
        assert silent.dropped.wait(10)
    assert client.get(location, headers=bearer(token)).json["status"] == "cancelled"

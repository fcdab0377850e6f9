"""Issue 22, item 16: erase and export cover everything of a person (calendar warnings in
stored plans and job results, coffee pairs, people sent only through the API), job payloads
go after the retention period, and the SQLite file is the owner's alone (0600)."""

from __future__ import annotations

import io
import json
import os
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import text

from organisation.history import store_round
from scheduler.errors import RhythmError
from store.engine import make_engine
from store.models import CoffeePair, Job, Member, StoredPlan, Team, utcnow
from web.db import sessions
from web.retention import retention_days

from .conftest import make_app
from .helpers import add_member, create_team, plan_week, post, signup
from .test_api import bearer, team_token, wait_for
from .test_calendar_warnings import CALENDAR

WARNING = "DTSTART of the event on line 11 appears 2 times"


def api_request() -> dict[str, object]:
    return {"version": 1, "team": "api-only", "timezone": "Europe/Amsterdam", "week": "2026-11-30",
            "members": [{"id": "ana", "name": "Ana Hidden", "email": "ana.hidden@example.com",
                         "calendars": [{"ics": CALENDAR.decode()}]}, {"id": "bram"}],
            "meetings": [{"id": "sync", "minutes": 25, "attendees": "all"}]}


def job_rows(app: Flask) -> list[str]:
    with sessions(app)() as db:
        return [f"{job.request_json} {job.result_json} {job.error}" for job in db.query(Job)]


def test_a_person_sent_only_through_the_api_is_exported_and_erased(app: Flask) -> None:
    client, token = app.test_client(), team_token(app, "api-only")
    answer = client.post("/api/v1/plans", json=api_request(), headers=bearer(token))
    assert answer.status_code == 202, answer.json
    job = wait_for(client, answer.headers["Location"], token)
    assert job["status"] == "done" and WARNING in json.dumps(job["plan"]["calendar_warnings"]["ana"])

    exported = client.get("/api/v1/members/ana/data", headers=bearer(token))
    assert exported.status_code == 200  # was 404: no member row, only jobs
    (row,) = exported.json["stored_requests_and_plans"]
    assert row["request"]["name"] == "Ana Hidden" and "calendars" in row["request"]
    assert WARNING in json.dumps(row["plan"]["calendar_warnings"]) and "busy" in row["plan"]

    erased = client.delete("/api/v1/members/ana/data", headers=bearer(token))
    assert erased.status_code == 200 and erased.json["stored_requests_changed"] == 1
    (stored,) = job_rows(app)
    for trace in ("Ana Hidden", "ana.hidden@example.com", "DTSTART", "BEGIN:VEVENT", WARNING):
        assert trace not in stored, trace
    plan = wait_for(client, answer.headers["Location"], token)["plan"]
    assert "ana" not in plan.get("calendar_warnings", {}) and "ana" not in plan["busy"]
    assert {"id": "ana", "name": "ana"} in plan["members"]  # still in the plan, by id only
    assert client.get("/api/v1/members/nobody/data", headers=bearer(token)).status_code == 404
    assert client.delete("/api/v1/members/nobody/data", headers=bearer(token)).status_code == 404


def test_another_team_cannot_reach_a_person_sent_through_the_api(app: Flask) -> None:
    client, token = app.test_client(), team_token(app, "api-only")
    answer = client.post("/api/v1/plans", json=api_request(), headers=bearer(token))
    wait_for(client, answer.headers["Location"], token)
    other = team_token(app, "other")
    assert client.get("/api/v1/members/ana/data", headers=bearer(other)).status_code == 404
    assert client.delete("/api/v1/members/ana/data", headers=bearer(other)).status_code == 404
    assert "Ana Hidden" in job_rows(app)[0]


def test_erasing_a_member_takes_their_calendar_warnings_and_coffee_pairs(app: Flask) -> None:
    manager = app.test_client()
    signup(manager, "manager@example.com", "Manager")
    team = create_team(manager)
    add_member(manager, team, "ana", name="Ana Visser", ics=(io.BytesIO(CALENDAR), "ana.ics"))
    add_member(manager, team, "bram")
    assert "The plan failed" not in plan_week(manager, team).get_data(as_text=True)
    with sessions(app)() as db:
        store_round(db, "acme", date(2026, 11, 30), [{
            "people": ["ana", "zoe"], "names": ["Ana Visser", "Zoë"], "building": "HQ",
            "start": "2026-12-01T10:00:00+01:00", "end": "2026-12-01T10:30:00+01:00"}],
            {"ana": "ana@example.com", "zoe": "zoe@example.com"})
        db.commit()
        member_id = db.query(Member).filter_by(key="ana").one().id
        rows = [row.plan_json for row in db.query(StoredPlan)] + [row.result_json for row in db.query(Job)]
        assert all(WARNING in row for row in rows)  # the plan and its job, before
    ana = app.test_client()
    signup(ana, "ana@example.com", "Ana")
    exported = ana.get(f"/me/{member_id}/data").json
    assert exported["coffee_pairs"] == [{"organisation": "acme", "week": "2026-11-30", "with": "Zoë",
                                         "building": "HQ", "start": "2026-12-01T09:00:00+00:00",
                                         "end": "2026-12-01T09:30:00+00:00"}]
    assert len(exported["stored_requests_and_plans"]) == 2  # the job and the plan it stored
    assert exported["calendar_as_last_read"]["facts"]  # kept for a week its source is away

    assert post(ana, f"/me/{member_id}/data/erase", {"confirmed": "yes"}).status_code == 302
    with sessions(app)() as db:
        rows = [row.plan_json for row in db.query(StoredPlan)] + [row.result_json for row in db.query(Job)]
        assert not any(WARNING in row for row in rows)
        pair = db.query(CoffeePair).one()
        assert (pair.name_a, pair.email_a) == ("ana", None)
        assert (pair.name_b, pair.email_b) == ("Zoë", "zoe@example.com")  # Zoë's stays hers
    after = ana.get(f"/me/{member_id}/data").json
    assert after["coffee_pairs"] == [] and after["calendar_as_last_read"] is None


def test_job_payloads_go_after_the_retention_period(tmp_path: Path, migrated_sqlite: Path) -> None:
    made = make_app(tmp_path, migrated_sqlite, JOB_RETENTION_DAYS="30")
    app = next(made)
    token = team_token(app, "platform")
    with sessions(app)() as db:
        team = db.query(Team).one()
        now = utcnow()
        for name, ended in (("old", now - timedelta(days=31)), ("recent", now - timedelta(days=29))):
            db.add(Job(id=name, team_id=team.id, kind="api", status="done", request_json='{"members": []}',
                       result_json="{}", created_at=ended, finished_at=ended))
        db.add(Job(id="stuck", team_id=team.id, kind="api", status="running", request_json="{}",
                   created_at=now - timedelta(days=40)))
        db.commit()
    client = app.test_client()  # the next request purges
    assert client.get("/api/v1/jobs/old", headers=bearer(token)).status_code == 404
    assert client.get("/api/v1/jobs/stuck", headers=bearer(token)).status_code == 404
    assert client.get("/api/v1/jobs/recent", headers=bearer(token)).status_code == 200
    next(made, None)  # the app's queue and engine closed


@pytest.mark.parametrize("raw", ["0", "-1", "thirty", ""])
def test_a_retention_that_is_not_a_number_of_days_names_the_setting(raw: str) -> None:
    with pytest.raises(RhythmError, match="RHYTHM_JOB_RETENTION_DAYS"):
        retention_days(raw)
    assert retention_days("0.5") == 0.5


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_sqlite_file_and_its_wal_are_the_owners_alone(tmp_path: Path) -> None:
    old = os.umask(0o022)  # the usual umask: files 0644 unless made otherwise
    try:
        path = tmp_path / "rhythm.db"
        engine = make_engine(f"sqlite:///{path}")
        with engine.connect() as connection:
            connection.execute(text("CREATE TABLE t (x)"))
            connection.execute(text("INSERT INTO t VALUES (1)"))
            connection.commit()
            wal = path.with_name("rhythm.db-wal")
            assert wal.exists()
            assert (mode(path), mode(wal), mode(path.with_name("rhythm.db-shm"))) == (0o600, 0o600, 0o600)
        engine.dispose()
        made_before = tmp_path / "before.db"  # a file from an earlier version, world-readable
        made_before.write_bytes(path.read_bytes())
        made_before.chmod(0o644)
        make_engine(f"sqlite:///{made_before}").dispose()
        assert mode(made_before) == 0o600
    finally:
        os.umask(old)


def test_the_web_apps_own_database_is_0600(app: Flask) -> None:
    """A copy of a migrated template, as `rhythm serve` finds a file made by an older version."""
    assert mode(Path(app.config["DATABASE_URL"].removeprefix("sqlite:///"))) == 0o600

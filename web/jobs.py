"""Plan jobs: stored first, then handed to a queue that solves them in the background.

Two queues, one interface: a small thread pool in the web process (the embedded default)
or Celery workers behind Redis (scale-out). Either way the job row is the truth a page or
an API client polls; the queue only carries the job's id.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any, Protocol

from flask import Flask, current_app
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from i18n import N_
from store.models import Job, SolveEvent, Team, utcnow

log = logging.getLogger("rhythm.web.jobs")
EXTENSION = "rhythm.queue"
WINDOW = timedelta(minutes=1)
POLL_SECONDS = 0.03  # how often a request waiting for its job looks at the job's row


class SolveQueue(Protocol):
    def submit(self, job_id: str) -> None: ...

    def shutdown(self) -> None: ...


class ThreadQueue:
    """Solves inside this process, a few at a time; jobs die with the process (see `recover`)."""

    def __init__(self, app: Flask, threads: int) -> None:
        from .solve_process import warm_up

        self.app = app
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="rhythm-solve")
        warm_up()

    def submit(self, job_id: str) -> None:
        from .solving import run_job

        self.pool.submit(run_job, self.app, job_id)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class CeleryQueue:
    """Sends the job id to Celery workers (`rhythm worker`), on the app's queue."""

    def __init__(self, app: Flask) -> None:
        from .celery_setup import celery_init_app

        self.celery = celery_init_app(app)
        self.queue = app.config["CELERY_QUEUE"]

    def shutdown(self) -> None:
        pass  # the workers are other processes

    def submit(self, job_id: str) -> None:
        self.celery.send_task("rhythm.solve", args=[job_id], queue=self.queue)


def init_app(app: Flask) -> None:
    kind = app.config["SOLVE_QUEUE"]
    queue: SolveQueue = CeleryQueue(app) if kind == "celery" else ThreadQueue(
        app, app.config["SOLVE_THREADS"])
    app.extensions[EXTENSION] = queue


def queue_of(app: Flask) -> SolveQueue:
    queue: SolveQueue = app.extensions[EXTENSION]
    return queue


def retry_after(db: Session, team: Team) -> int | None:
    """Seconds until the team may solve again, or None: then the solve is counted now."""
    limit = current_app.config["SOLVES_PER_MINUTE"]
    since = utcnow() - WINDOW
    db.execute(delete(SolveEvent).where(SolveEvent.team_id == team.id, SolveEvent.at < since))
    recent = db.scalars(select(SolveEvent.at).where(SolveEvent.team_id == team.id)
                        .order_by(SolveEvent.at)).all()
    if len(recent) >= limit:
        return max(1, int((recent[0] + WINDOW - utcnow()).total_seconds()) + 1)
    db.add(SolveEvent(team_id=team.id))
    return None


def start_job(db: Session, team: Team, kind: str, request: dict[str, Any],
              options: dict[str, Any]) -> Job:
    """Store the job, commit, then queue it: a worker never looks for a job not yet saved."""
    job = Job(id=uuid.uuid4().hex, team_id=team.id, kind=kind, status="queued",
              request_json=json.dumps(request), options=options)
    db.add(job)
    db.commit()
    queue_of(current_app._get_current_object()).submit(job.id)  # type: ignore[attr-defined]
    return job


def wait_briefly(db: Session, job_id: str, seconds: float) -> Job:
    """The job once it has ended, or as it is after `seconds` (expired leases failed first)."""
    from .leases import expire

    deadline = time.monotonic() + seconds
    while True:
        expire(db)
        job = db.get(Job, job_id, populate_existing=True)
        assert job is not None  # the caller found it
        if job.status not in ("queued", "running") or time.monotonic() >= deadline:
            return job
        db.rollback()  # a fresh snapshot next time round (PostgreSQL, SQLite alike)
        time.sleep(POLL_SECONDS)


def elapsed(job: Job) -> float:
    """Seconds the job has been solved (so far), 0 while it waits."""
    if job.started_at is None:
        return 0.0
    return max(0.0, ((job.finished_at or utcnow()) - job.started_at).total_seconds())


def recover(db: Session) -> int:
    """On start of the embedded server: jobs a stopped process was solving will never finish."""
    result = db.execute(update(Job).where(Job.status.in_(("queued", "running"))).values(
        status="failed", error=N_("the server restarted before this plan finished; plan again"),
        finished_at=utcnow()))
    db.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]

"""How long job payloads are kept: a job's request (calendars included) and result go
`RHYTHM_JOB_RETENTION_DAYS` days (default 30) after it ended, or after it was made if it never
ended. Stored plans are the team's record and stay (a member erases their part of them).

The service purges as it runs: each web process, at the first request and then at most every
ten minutes, deletes the jobs past their time, in one statement (`purge`), so the embedded
server and a scale-out behind Celery keep to the same promise without a scheduler.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from flask import Flask
from sqlalchemy import delete, func
from sqlalchemy.orm import Session

from scheduler.errors import RhythmError
from store.models import Job, utcnow

from .db import sessions

EXTENSION = "rhythm.retention"
EVERY_SECONDS = 600.0


def retention_days(raw: object) -> float:
    """The setting as days, or a RhythmError naming it."""
    try:
        days = float(str(raw))
    except ValueError:
        days = -1.0
    if not 0 < days < 100_000:
        raise RhythmError(f"RHYTHM_JOB_RETENTION_DAYS: {raw!r} is not a number of days above 0")
    return days


def purge(db: Session, keep: timedelta) -> int:
    """Delete the jobs that ended (or began, if they never ended) more than `keep` ago."""
    cutoff = utcnow() - keep
    result = db.execute(delete(Job).where(func.coalesce(Job.finished_at, Job.created_at) < cutoff))
    db.commit()
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def init_app(app: Flask) -> None:
    keep = timedelta(days=retention_days(app.config["JOB_RETENTION_DAYS"]))
    state = {"due": 0.0}
    lock = threading.Lock()

    @app.before_request
    def purge_when_due() -> None:
        now = time.monotonic()
        if now < state["due"] or not lock.acquire(blocking=False):
            return
        try:
            state["due"] = now + EVERY_SECONDS
            with sessions(app)() as db:
                purge(db, keep)
        finally:
            lock.release()

    app.extensions[EXTENSION] = keep

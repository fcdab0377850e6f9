"""Which job a free planner takes, and how a job that lost its planner is noticed.

Fair: each queue message (Celery) or pool task (the thread queue) only says "a job is
waiting"; the planner then takes, of the teams with jobs waiting, the one with the fewest
jobs running, and of those the one waiting longest. One team's hundred API calls wait
behind each other, not in front of every other team.

Leased: a job being solved carries `lease_until`, renewed every second by whoever solves it
(`renew`). A worker killed mid-solve (SIGKILL, a lost machine) renews nothing; once its
lease has run out, `expire` fails the job, and the team can plan again. Any planner and
any page that looks at jobs expires them, so no extra process has to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from i18n import N_
from store.models import Job, utcnow

CYCLE_GRACE = timedelta(minutes=1)
EXPIRED = ("the planner working on this plan stopped (its worker was lost) before the plan was "
           "ready; stored plans are unchanged; plan again")


def claim_next(db: Session, config: Mapping[str, Any], only: str | None = None) -> Job | None:
    """Mark the fairest waiting job running, with its lease and limit; None if none waits.
    `only`: that job, if it still waits (the weekly cycle runs its own job itself)."""
    from .solving import time_limit_of

    expire(db)
    for _ in range(10):  # another planner may take the chosen job first
        running = dict(db.execute(select(Job.team_id, func.count()).where(Job.status == "running")
                                  .group_by(Job.team_id)).all())
        queued = Job.status == "queued"
        if only is not None:
            queued = queued & (Job.id == only)
        rows = db.execute(select(Job.id, Job.team_id, Job.created_at, Job.options).where(queued)
                          .order_by(Job.created_at, Job.id)).all()
        # The weekly cycle runs its own jobs (web/cycle.py) right after storing them: a queue
        # message takes one only if it was left waiting (its scheduler stopped in between).
        left = utcnow() - CYCLE_GRACE
        rows = [row for row in rows if only is not None or not (row.options or {}).get("cycle")
                or row.created_at < left]
        if not rows:
            return None
        first: dict[int, Any] = {}
        for row in rows:
            first.setdefault(row.team_id, row)
        chosen = min(first.values(), key=lambda row: (running.get(row.team_id, 0), row.created_at))
        job = db.get(Job, chosen.id)
        if job is None:
            continue
        now, lease = utcnow(), timedelta(seconds=config["JOB_LEASE_SECONDS"])
        taken = db.execute(update(Job).where(Job.id == job.id, Job.status == "queued").values(
            status="running", started_at=now, lease_until=now + lease,
            limit_seconds=time_limit_of(job.options, config)))
        db.commit()
        if taken.rowcount:  # type: ignore[attr-defined]
            db.refresh(job)
            return job
    return None


def renew(factory: Callable[[], Session], job_id: str, seconds: float) -> bool:
    """Extend the job's lease; False when it is no longer running (cancelled, or expired)."""
    with factory() as db:
        now = utcnow()
        renewed = db.execute(update(Job).where(Job.id == job_id, Job.status == "running")
                             .values(lease_until=now + timedelta(seconds=seconds)))
        db.commit()
        return bool(renewed.rowcount)  # type: ignore[attr-defined]


def expire(db: Session) -> int:
    """Fail every running job whose lease has run out; how many."""
    now = utcnow()
    expired = db.execute(update(Job).where(Job.status == "running", Job.lease_until < now)
                         .values(status="failed", error=EXPIRED, finished_at=now))
    db.commit()
    return int(expired.rowcount or 0)  # type: ignore[attr-defined]


def cancel(db: Session, job: Job) -> bool:
    """Cancel a waiting or running job (its solve process is killed at its next lease renewal)."""
    cancelled = db.execute(update(Job).where(Job.id == job.id, Job.status.in_(("queued", "running")))
                           .values(status="cancelled", error=N_("cancelled; stored plans are unchanged"),
                                   finished_at=utcnow()))
    db.commit()
    return bool(cancelled.rowcount)  # type: ignore[attr-defined]

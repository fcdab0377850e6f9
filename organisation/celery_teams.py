"""Team solves on Celery workers: `rhythm org plan --celery` sends one `rhythm.org_team` task
per team to the queue the `rhythm worker`s consume (Redis) and reads each plan back from the
result backend (the same Redis). Both sides of the task live here: the worker's Celery app
(`web/celery_app.py`) takes it from `register_team_solves`, so the task's name, its
arguments and where its result goes have one home."""

from __future__ import annotations

import os
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from i18n import _
from scheduler.errors import RhythmError

from .teams import Jobs, Runner, TeamJob, TeamResult, solve_team

if TYPE_CHECKING:
    from celery import Celery

TASK = "rhythm.org_team"
RESULT_TIMEOUT = 600.0  # seconds for the whole organisation's teams to come back
RESULT_EXPIRES = 3600  # seconds a plan waits in Redis for `rhythm org plan` to read it


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    """The worker's side: one team's solve, as JSON both ways."""
    return asdict(solve_team(TeamJob(**job)))


def register_team_solves(celery: Celery) -> None:
    """The worker's Celery app solves teams too, and sends each plan back through the broker."""
    celery.conf.update(result_backend=celery.conf.broker_url, result_expires=RESULT_EXPIRES)
    celery.task(name=TASK, ignore_result=False)(run_job)


def on_celery(broker: str | None = None, queue: str | None = None) -> Runner:
    broker = broker or os.environ.get("CELERY_BROKER_URL")
    if not broker:
        raise RhythmError(_("--celery needs CELERY_BROKER_URL (Redis) and `rhythm worker`s on it"))
    queue = queue or os.environ.get("RHYTHM_CELERY_QUEUE", "rhythm")
    from celery import Celery

    client = Celery("rhythm-org", broker=broker, backend=broker)

    def run(jobs: Jobs) -> list[TeamResult]:
        sent = []
        try:
            for job in jobs:  # each building's teams go to the workers as its master is solved
                sent.append(client.send_task(TASK, args=[asdict(job)], queue=queue))
            return [TeamResult(**result.get(timeout=RESULT_TIMEOUT)) for result in sent]
        finally:
            for result in sent:
                result.forget()

    return run

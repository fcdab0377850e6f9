"""Celery on a Flask app, the way Flask's own Celery example does it: tasks run inside the
app's context, and the Celery instance lives on `app.extensions`, not in a module global.
The web's own task is `rhythm.solve`; the worker (`celery_app.py`) adds the organisation's."""

from __future__ import annotations

from typing import Any

from celery import Celery, Task
from flask import Flask


def celery_init_app(app: Flask) -> Celery:
    class FlaskTask(Task):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            with app.app_context():
                return self.run(*args, **kwargs)

    celery: Celery = Celery(app.name, task_cls=FlaskTask)
    celery.conf.update(
        broker_url=app.config["CELERY_BROKER_URL"],
        task_default_queue=app.config["CELERY_QUEUE"],
        task_ignore_result=True,  # the job row holds the outcome
        task_acks_late=True,  # a worker that dies mid-solve leaves the message for another
        worker_prefetch_multiplier=1,  # solves are long: do not hoard them
        broker_connection_retry_on_startup=True,
    )

    # The weekly cycle (web/cycle.py) looks at the clock every minute on the workers'
    # beat (`rhythm worker --beat`, one per deployment); claims keep a second beat harmless.
    celery.conf.beat_schedule = {"rhythm-weekly-cycle": {"task": "rhythm.cycle", "schedule": 60.0}}

    @celery.task(name="rhythm.cycle")
    def cycle() -> None:
        from datetime import UTC, datetime

        from .cycle import tick

        tick(app, datetime.now(UTC))

    @celery.task(name="rhythm.solve")
    def solve(job_id: str) -> None:
        from .solving import run_job

        run_job(app, job_id)  # the fairest waiting job, not necessarily this one (web/leases.py)

    app.extensions["celery"] = celery
    return celery

"""The module Celery's command line loads: `celery -A web.celery_app worker` (or `rhythm worker`).

It builds the app from the environment (`DATABASE_URL`, `CELERY_BROKER_URL`) like a web
process does, so a worker stores plans in the same database.
"""

from __future__ import annotations

from celery import Celery

from web import create_app

flask_app = create_app({"SOLVE_QUEUE": "celery"})
app: Celery = flask_app.extensions["celery"]

"""The module Celery's command line loads: `celery -A web.celery_app worker` (or `rhythm worker`).

It builds the app from the environment (`DATABASE_URL`, `CELERY_BROKER_URL`) like a web
process does, so a worker stores plans in the same database. The same workers solve the
organisation's teams (`rhythm org plan --celery`): the organisation layer registers its own
task on the worker's app (`register_team_solves`); the web application sends and runs only
its own, `rhythm.solve`.
"""

from __future__ import annotations

from celery import Celery

from organisation.celery_teams import register_team_solves
from web import create_app
from web.solve_process import warm_up

flask_app = create_app({"SOLVE_QUEUE": "celery"})
app: Celery = flask_app.extensions["celery"]
register_team_solves(app)
warm_up()  # the solve processes' forkserver, started with the worker rather than by its first job

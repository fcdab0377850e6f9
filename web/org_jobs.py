"""Planning an organisation from the web app: its stored definition (planners, buildings,
teams) becomes an organisation request for next week, planned in the background by
`organisation.run.plan_and_store`, the same as `rhythm org plan`. The team solves go to the
Celery workers when a broker is configured (`rhythm.org_team`), else run in this thread; the
organisation row says queued, running, done or failed (with the reason in words).

Members' uploaded calendars travel inline; their calendar feeds are read once, here, through
the guarded path (`org_feeds.py`) and travel on as inline copies. Outlook and CalDAV
addresses are read only for each team's own plan (with the member's own sign-in or the
team's grant), which the page says.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

from flask import Flask
from sqlalchemy.orm import Session

import i18n
from i18n import N_, _
from scheduler.errors import RhythmError
from store.models import Organisation, Team, User, utcnow

from .db import sessions
from .org_feeds import is_feed, read_feeds
from .team_request import next_monday, team_request

log = logging.getLogger("rhythm.web.org")
EXTENSION = "rhythm.org_queue"
UNEXPECTED = N_("the organisation planner failed unexpectedly; the details are in the server's log")
# The organisation's status, shown translated on its page (`_(definition.status)`).
STATUSES = (N_("new"), N_("queued"), N_("running"), N_("done"), N_("failed"))
MASTER_SECONDS = 10.0
TEAM_SECONDS = 2.0


def submit(app: Flask, organisation_id: int, language: str | None = None) -> None:
    """Plan the organisation in the background, one organisation at a time per web process.
    Why it could not be planned is stored in `language`: the planner's who asked for it."""
    pool = app.extensions.get(EXTENSION)
    if pool is None:
        pool = app.extensions[EXTENSION] = ThreadPoolExecutor(1, thread_name_prefix="rhythm-org")
    pool.submit(run_org_plan, app, organisation_id, language)


def org_document(db: Session, org: Organisation, week: date) -> dict[str, Any]:
    """The organisation request for `week`, from the stored definition and the teams as they are."""
    teams = []
    for entry in org.teams:
        team = db.get(Team, entry["team_id"])
        if team is None:
            continue  # deleted since: the organisation plans without it
        request = team_request(team, week)
        for member in request["members"]:
            inline = [c for c in member.get("calendars", []) if isinstance(c, dict) or is_feed(c)]
            member.pop("calendars", None)
            if inline:
                member["calendars"] = inline
        manager = db.get(User, team.manager_id)
        managers = [manager.confirmed_email] if manager and manager.confirmed_email else []
        teams.append({"building": entry["building"], "request": request, "managers": managers})
    return {
        "version": 1,
        "organisation": org.name,
        "timezone": org.timezone,
        "week": week.isoformat(),
        "buildings": org.buildings,
        "teams": teams,
        "planners": org.planners,
        "coffee": {"minutes": 25, "every_weeks": 1, "members": "all"},
    }


def run_org_plan(app: Flask, organisation_id: int, language: str | None = None) -> None:
    # A worker thread starts in no request's language: the planner's is passed along.
    with i18n.use(language):
        _plan(app, organisation_id)


def _plan(app: Flask, organisation_id: int) -> None:
    from organisation.history import open_history
    from organisation.request import parse_org
    from organisation.run import plan_and_store

    with sessions(app)() as db:
        org = db.get(Organisation, organisation_id)
        if org is None or org.status != "queued":
            return
        org.status, org.error = "running", None
        db.commit()
        document = org_document(db, org, next_monday(org.timezone))
    try:
        request = parse_org(read_feeds(document, app.config))
        plan_and_store(request, _runner(app), open_history(app.config["DATABASE_URL"]),
                       master_time_limit=MASTER_SECONDS, team_time_limit=TEAM_SECONDS, alone=True)
    except RhythmError as error:
        _finish(app, organisation_id, "failed", str(error))
    except Exception:
        log.exception("organisation %s failed", organisation_id)
        _finish(app, organisation_id, "failed", _(UNEXPECTED))
    else:
        _finish(app, organisation_id, "done", None)


def _runner(app: Flask) -> Any:
    from organisation.teams import in_process_pool

    if app.config["SOLVE_QUEUE"] == "celery":
        from organisation.celery_teams import on_celery

        return on_celery(app.config["CELERY_BROKER_URL"], app.config["CELERY_QUEUE"])
    return in_process_pool(1)


def _finish(app: Flask, organisation_id: int, status: str, error: str | None) -> None:
    with sessions(app)() as db:
        org = db.get(Organisation, organisation_id)
        if org is not None:
            org.status, org.error, org.planned_at = status, error, utcnow()
            db.commit()

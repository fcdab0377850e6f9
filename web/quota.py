"""The self-service quota: what one account's teams may ask of the planners together.

Anyone can sign up and make teams, so per-team limits alone let one person with many teams
(or many API tokens) fill every planner. An account's teams together may have
`JOBS_AT_ONCE` jobs waiting or running, and `SOLVE_SECONDS_PER_DAY` seconds of solving
in the last 24 hours. The operator lifts the quota for named addresses (`RHYTHM_QUOTA_EXEMPT`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from i18n import _
from store.models import Job, Team, User, utcnow


def quota_refusal(db: Session, team: Team, config: Mapping[str, Any]) -> str | None:
    """Why the team's account may not start another job now, or None."""
    manager = db.get(User, team.manager_id)
    if manager is not None and manager.email and manager.email.lower() in config["QUOTA_EXEMPT"]:
        return None
    teams = select(Team.id).where(Team.manager_id == team.manager_id).scalar_subquery()
    mine = select(Job).where(Job.team_id.in_(teams))
    at_once = len(db.scalars(mine.where(Job.status.in_(("queued", "running")))).all())
    if at_once >= config["JOBS_AT_ONCE"]:
        return _("your teams already have %(count)d plans waiting or being made (at most %(most)d at once); "
                 "try again when one is ready", count=at_once, most=config["JOBS_AT_ONCE"])
    since = utcnow() - timedelta(days=1)
    spent = sum(((job.finished_at or utcnow()) - job.started_at).total_seconds()
                for job in db.scalars(mine.where(Job.started_at >= since)).all() if job.started_at)
    if spent >= config["SOLVE_SECONDS_PER_DAY"]:
        seconds = f"{config['SOLVE_SECONDS_PER_DAY']:g}"
        return _("your teams have used their %(seconds)s s of planning for today (the last 24 hours); "
                 "try again later", seconds=seconds)
    return None

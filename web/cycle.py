"""The weekly cycle: at a moment each team chose (default Friday 14:00 in its zone) the service
plans the team's coming weeks by itself, re-reading every calendar, as a calm re-plan of the
week's current plan (or of last week's, carried on a week), stores the plan and tells the team.

`tick(app, now)` does whatever is due at `now`; the embedded server calls it from a thread
(`CycleThread`), the scale-out set-up from Celery beat (`rhythm.cycle`, celery_setup.py). Both
may run at once: each run is claimed by inserting its `CycleRun` row, whose unique key
(team, week, moment) lets one process win, so a team-week is never planned twice for one
moment, whatever restarts. Only the latest moment is caught up after a restart; a week already
under way is re-planned from `now` on (`freeze_hours` around now holds), never its past.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import Flask
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from scheduler.domain import WEEKDAYS
from scheduler.plan.carry import carried
from scheduler.plan.plan_json import plan_from_json, plan_to_json
from store.models import CycleRun, Job, Pin, Team, TeamCycle, utcnow

from .clock import monday_of
from .db import sessions
from .stored import current_plan
from .team_request import problems_of, team_request

log = logging.getLogger("rhythm.web.cycle")
INTERVAL = 60.0  # seconds between the embedded scheduler's looks at the clock


@dataclass(frozen=True)
class Due:
    team_id: int
    week: date
    moment: datetime  # aware, the cycle's moment the run belongs to


def cycle_of(db: Session, team: Team) -> TeamCycle:
    """The team's cycle settings, the defaults when it never set them (not stored)."""
    found = db.get(TeamCycle, team.id)
    return found or TeamCycle(team_id=team.id, enabled=True, weekday="fri", at="14:00", weeks_ahead=1,
                              updated_at=team.created_at)


def last_moment(cycle: TeamCycle, timezone: str, now: datetime) -> datetime:
    """The latest moment of the cycle at or before `now`, in the team's zone."""
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    hour, minute = map(int, cycle.at.split(":"))
    day = monday_of(local.date()) + timedelta(days=WEEKDAYS.index(cycle.weekday))
    moment = datetime.combine(day, time(hour, minute), zone)
    if moment > local:
        moment = datetime.combine(day - timedelta(weeks=1), time(hour, minute), zone)
    return moment


def next_moment(cycle: TeamCycle, timezone: str, now: datetime) -> datetime:
    """When the cycle plans next, for the team page."""
    last = last_moment(cycle, timezone, now)
    return datetime.combine(last.date() + timedelta(weeks=1), last.timetz().replace(tzinfo=None),
                            ZoneInfo(timezone))


def due(db: Session, now: datetime) -> Iterator[Due]:
    """Every team-week whose latest moment has come and that has no run for it yet."""
    for team in db.scalars(select(Team).order_by(Team.id)):
        cycle = cycle_of(db, team)
        if not cycle.enabled:
            continue
        moment = last_moment(cycle, team.timezone, now)
        naive = _naive(moment)
        if naive < max(team.created_at, cycle.updated_at):
            continue  # due before the team (or its cycle as it is now) existed: not caught up
        first = monday_of(moment.date()) + timedelta(weeks=1)
        for ahead in range(cycle.weeks_ahead):
            week = first + timedelta(weeks=ahead)
            if week + timedelta(weeks=1) <= now.astimezone(ZoneInfo(team.timezone)).date():
                continue  # the week has ended since: nothing left to plan
            claimed = db.scalar(select(CycleRun.id).where(CycleRun.team_id == team.id, CycleRun.week == week,
                                                          CycleRun.due == naive))
            if claimed is None:
                yield Due(team.id, week, moment)


def tick(app: Flask, now: datetime) -> list[int]:
    """Run what is due at `now` (aware); the ids of the runs this process made."""
    with sessions(app)() as db:
        todo = list(due(db, now))
    done = []
    for item in todo:
        run_id = claim(app, item)
        if run_id is not None:
            run(app, run_id, now)
            done.append(run_id)
    return done


def claim(app: Flask, item: Due) -> int | None:
    """The run's row, or None when another process claimed it first."""
    with sessions(app)() as db:
        row = CycleRun(team_id=item.team_id, week=item.week, due=_naive(item.moment), status="running")
        db.add(row)
        try:
            db.commit()
        except IntegrityError:
            db.rollback()
            return None
        return row.id


def run(app: Flask, run_id: int, now: datetime) -> None:
    """Plan the run's week: the stored request of today's team, solved like "Plan next week"."""
    from .solving import run_job  # the solve and its imports only where a run happens

    with sessions(app)() as db:
        row = db.get(CycleRun, run_id)
        team = db.get(Team, row.team_id) if row is not None else None
        if row is None or team is None:
            return
        job = _job(db, team, row.week, now)
        if isinstance(job, str):
            row.status, row.error, row.finished_at = "skipped", job, utcnow()
            db.commit()
            return
        row.job_id = job.id
        db.commit()
        job_id = job.id
    try:
        run_job(app, job_id, only=True)
    finally:
        with sessions(app)() as db:
            row, ran = db.get(CycleRun, run_id), db.get(Job, job_id)
            assert row is not None and ran is not None
            row.status = "done" if ran.status == "done" else "failed"
            row.error, row.finished_at = ran.error, utcnow()
            db.commit()
    after_run(app, run_id)


def after_run(app: Flask, run_id: int) -> None:
    """What follows a planned week: telling the team (notify.py) and syncing who opted in."""
    hooks = app.extensions.get("rhythm.after_cycle", [])
    for hook in hooks:
        try:
            hook(app, run_id)
        except Exception:  # one failing hook (an SMTP server away) leaves the plan and the others
            log.exception("after the cycle's run %s", run_id)


def _job(db: Session, team: Team, week: date, now: datetime) -> Job | str:
    """The stored job of the week's plan, or why the team cannot be planned."""
    request = team_request(team, week)
    problems = problems_of(request, allow_no_members=False)
    if problems:
        return "the team is not ready to plan: " + "; ".join(map(str, problems))
    pins = [{"request": p.meeting.key, "weekday": p.weekday, "start": p.start}
            for p in db.scalars(select(Pin).where(Pin.team_id == team.id)).all()]
    options: dict[str, object] = {"pins": pins, "cycle": True}
    in_use = current_plan(db, team.id, week)
    before = None if in_use else current_plan(db, team.id, week - timedelta(weeks=1))
    if in_use is not None:
        options["current"] = json.loads(in_use.plan_json)
    elif before is not None:  # a new week: last week's plan carried on, so the rhythm holds
        options["current"] = plan_to_json(carried(plan_from_json(json.loads(before.plan_json))))
    if week <= monday_of(now.astimezone(ZoneInfo(team.timezone)).date()):
        options["now"] = now.isoformat()  # under way: only from now on
    job = Job(id=uuid.uuid4().hex, team_id=team.id, kind="web", status="queued",
              request_json=json.dumps(request), options=options)
    db.add(job)
    return job


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


class CycleThread(threading.Thread):
    """The embedded scheduler inside `rhythm serve`: looks at the clock every minute."""

    def __init__(self, app: Flask, interval: float = INTERVAL) -> None:
        super().__init__(name="rhythm-cycle", daemon=True)
        self.app, self.interval, self.stopped = app, interval, threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                tick(self.app, datetime.now(UTC))
            except Exception:  # a database away for a minute: try again at the next look
                log.exception("the weekly cycle's look at the clock failed")
            self.stopped.wait(self.interval)

    def stop(self) -> None:
        self.stopped.set()

"""Running one plan job, in a pool thread or a Celery worker: take the next job fairly, solve
it in a process of its own (`solve_process.py`) under the job's one deadline and a memory
limit, renewing the job's lease meanwhile, check the plan against the spec, and store either
the plan or the error, never half of it. A cancelled job's process is killed and nothing stored.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from flask import Flask
from sqlalchemy.orm import Session

import i18n
from connectors.budget import job_budget
from connectors.sources import NotRead, read_team_calendars, read_team_tolerant
from constraints import RULES
from constraints.pins import Pinned, keep_pinned, pinned_in_use, pins_that_fit
from scheduler.domain import CalendarFacts, Plan, TeamRequest
from scheduler.errors import PlanError, RhythmError
from scheduler.model.rule import Rule
from scheduler.plan.plan_json import plan_from_json, plan_to_json
from scheduler.request import parse_request
from scheduler.solve import RulesContradiction, SolveSettings, plan_checked
from store.models import Job, StoredPlan, utcnow

from .caldav_access import team_collections
from .db import sessions
from .leases import claim_next, renew
from .outlook_access import team_mailboxes, team_readers
from .snapshots import keep, last_known
from .solve_process import Cancelled, run_bounded

log = logging.getLogger("rhythm.web.solving")
UNEXPECTED = "the planner failed unexpectedly; the details are in the server's log"
# What the solve process needs of the app's settings (the app itself stays here).
CHILD_SETTINGS = ("SOLVE_TIME_LIMIT", "MAX_TIME_LIMIT", "SOLVE_WORKERS", "ALLOWED_FEED_HOSTS",
                  "FEED_MAX_BYTES", "FEED_MAX_REDIRECTS", "FEED_TIMEOUT")


def run_job(app: Flask, job_id: str | None = None, *, only: bool = False) -> None:
    """Solve the next job fairly (`leases.claim_next`); `job_id` only says one was queued,
    unless `only`: then that job or none."""
    factory = sessions(app)
    with factory() as db:
        job = claim_next(db, app.config, job_id if only else None)
        if job is None:
            return  # taken already (a redelivered Celery message), cancelled, or gone with its team
        job_id, limit = job.id, job.limit_seconds or time_limit_of(job.options, app.config)
        data, options = json.loads(job.request_json), dict(job.options)
        mailboxes = team_mailboxes(db, job.team_id)  # as the team's members are connected now
        collections = team_collections(db, job.team_id)  # as granted now
        team_id, moment = job.team_id, app.config.get("NOW") or datetime.now(UTC)
        tolerant = _tolerant(db, job, data, moment)
    settings = {key: app.config[key] for key in CHILD_SETTINGS}
    try:
        plan_json, notes, read = run_bounded(
            solve_json, (data, options, settings, mailboxes, RULES, limit, dict(os.environ), tolerant,
                         collections),
            seconds=limit, memory_mb=app.config["SOLVE_MEMORY_MB"],
            still_wanted=lambda: renew(factory, job_id, app.config["JOB_LEASE_SECONDS"]))
        plan = plan_from_json(plan_json)
        if tolerant is not None:  # what was read now is the next plan's "last known"
            with factory() as db, db.begin():
                keep(db, team_id, plan.week, read, moment)
    except Cancelled:
        log.info("plan job %s was cancelled; its solve was stopped", job_id)
    except RhythmError as error:
        _finish(app, job_id, error=str(error))
    except Exception:
        log.exception("plan job %s failed", job_id)
        _finish(app, job_id, error=UNEXPECTED)
    else:
        _finish(app, job_id, plan=plan, notes=notes)


def time_limit_of(options: Mapping[str, Any], config: Mapping[str, Any]) -> float:
    """The job's one deadline, in seconds: the solve's time limit and the time to read calendars."""
    return solve_limit(options, config) + float(config["JOB_READ_SECONDS"])


def solve_limit(options: Mapping[str, Any], config: Mapping[str, Any]) -> float:
    return min(float(options.get("time_limit") or config["SOLVE_TIME_LIMIT"]), config["MAX_TIME_LIMIT"])


def solve_json(data: Any, options: Mapping[str, Any], config: Mapping[str, Any],
               mailboxes: Mapping[str, tuple[str, str]], rules: tuple[Rule, ...], seconds: float,
               environ: Mapping[str, str], tolerant: Tolerant | None = None,
               collections: Sequence[str] = (),
               ) -> tuple[dict[str, Any], list[str], dict[str, CalendarFacts]]:
    """`solve` in the job's process, under the job's deadline: the plan as v1 JSON, the notes,
    and (read `tolerant`ly) the calendars read now, for the parent to keep."""
    os.environ.clear()
    os.environ.update(environ)  # the forkserver's environment is the one it started with
    with job_budget(seconds), i18n.use(options.get("language")):  # the team's language, if given
        plan, notes = solve(data, options, config, mailboxes, rules, tolerant, collections)
    return plan_to_json(plan), notes, tolerant.read if tolerant else {}


@dataclass
class Tolerant:
    """Reading a team's calendars tolerantly: what was last known, and what was read now."""

    known: dict[str, tuple[CalendarFacts, str]]
    read: dict[str, CalendarFacts] = field(default_factory=dict)


def _tolerant(db: Session, job: Job, data: Any, moment: datetime) -> Tolerant | None:
    """A team's plan: one source away does not stop it (web/snapshots.py); the API stays strict."""
    try:
        week = date.fromisoformat(data["week"])
    except (TypeError, KeyError, ValueError):
        return None  # the request's own checks say what is wrong with it
    return Tolerant(last_known(db, job.team_id, week, moment)) if job.kind == "web" else None


def solve(data: Any, options: Mapping[str, Any], config: Mapping[str, Any],
          mailboxes: Mapping[str, tuple[str, str]],
          rules: tuple[Rule, ...] = RULES, tolerant: Tolerant | None = None,
          collections: Sequence[str] = ()) -> tuple[Plan, list[str]]:
    """The checked plan for a v1 request, with a note for each pin that could not hold (and,
    read `tolerant`ly, each calendar that could not be read); `outlook:` addresses are read
    only from `mailboxes` (outlook_access.py), `caldav:` ones on the server's account only in
    `collections` (caldav_access.py)."""
    request = parse_request(data)  # base_dir None: file paths are refused here too
    readers, missed = team_readers(config, mailboxes, collections), list[NotRead]()
    if tolerant is None:
        facts = read_team_calendars(request, readers=readers)
    else:
        facts, missed = read_team_tolerant(request, readers=readers, last_known=tolerant.known)
        unread = {m.member for m in missed}
        tolerant.read.update({k: v for k, v in facts.items() if k not in unread})
    pins = [Pinned(**p) for p in options.get("pins", [])]
    keys, notes = pins_that_fit(request, facts, pins)
    known = tolerant.known if tolerant else {}
    notes = [*(f"{m.name}: the calendar {m.source} could not be read ({m.problem}); " + (
        "planned from the calendar as last read " + known[m.member][1] if m.member in known
        else "availability unknown, planned from the rules and working hours only") for m in missed), *notes]
    settings = SolveSettings(time_limit=solve_limit(options, config), workers=config["SOLVE_WORKERS"])
    current = plan_in_use(options.get("current"), request)
    # A week under way (the weekly cycle) is re-planned from now on, its past kept as it was.
    now = datetime.fromisoformat(options["now"]) if options.get("now") else None
    try:
        plan = plan_checked(request, facts, (*rules, keep_pinned(keys)), settings,
                            current=current and pinned_in_use(current, pins), now=now)
    except RulesContradiction:
        if not keys:
            raise
        # Pins are the manager's wish, not a rule: a week they make impossible is planned free.
        plan = plan_checked(request, facts, rules, settings, current=current, now=now)
        notes.append(i18n.gettext("The pinned meetings cannot all keep their times with this week's rules "
                                  "and calendars, so the week was planned without pins."))
    return plan, notes


def plan_in_use(stored: Any, request: TeamRequest) -> Plan | None:
    """The week's last plan, to re-plan from; None for a team renamed since (the engine
    refuses another team's plan) or a stored plan the format no longer reads."""
    if stored is None:
        return None
    try:
        plan = plan_from_json(stored)
    except PlanError:
        log.warning("the stored plan of %s for %s does not read; planned afresh", request.team, request.week)
        return None
    return plan if plan.team == request.team and plan.week == request.week else None


def _finish(app: Flask, job_id: str, *, plan: Plan | None = None, notes: list[str] | None = None,
            error: str | None = None) -> None:
    with sessions(app)() as db, db.begin():
        job = db.get(Job, job_id, with_for_update=True)
        if job is None or job.status != "running":
            return  # cancelled, or failed when its lease ran out: what the page says stays
        job.finished_at = utcnow()
        if plan is None:
            job.status, job.error = "failed", error
            return
        job.result_json = json.dumps(plan_to_json(plan))
        if job.kind == "web":
            stored = StoredPlan(team_id=job.team_id, week=plan.week, plan_json=job.result_json,
                                request_json=job.request_json, notes=notes or [])
            db.add(stored)
            db.flush()
            job.plan_id = stored.id
        job.status = "done"

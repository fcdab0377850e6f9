"""Running one plan job, in a pool thread or a Celery worker: take the next job fairly, solve
it in a process of its own (`solve_process.py`) under the job's one deadline and a memory
limit, renewing the job's lease meanwhile, check the plan against the spec, and store either
the plan or the error, never half of it. A cancelled job's process is killed and nothing stored.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

import i18n
from connectors.budget import job_budget
from connectors.sources import read_team_calendars
from constraints import RULES
from constraints.pins import Pinned, keep_pinned, pinned_in_use, pins_that_fit
from scheduler.domain import Plan, TeamRequest
from scheduler.errors import PlanError, RhythmError
from scheduler.model.rule import Rule
from scheduler.plan.plan_json import plan_from_json, plan_to_json
from scheduler.request import parse_request
from scheduler.solve import RulesContradiction, SolveSettings, plan_checked
from store.models import Job, StoredPlan, utcnow

from .db import sessions
from .leases import claim_next, renew
from .outlook_access import team_mailboxes, team_readers
from .solve_process import Cancelled, run_bounded

log = logging.getLogger("rhythm.web.solving")
UNEXPECTED = "the planner failed unexpectedly; the details are in the server's log"
# What the solve process needs of the app's settings (the app itself stays here).
CHILD_SETTINGS = ("SOLVE_TIME_LIMIT", "MAX_TIME_LIMIT", "SOLVE_WORKERS", "ALLOWED_FEED_HOSTS",
                  "FEED_MAX_BYTES", "FEED_MAX_REDIRECTS", "FEED_TIMEOUT")


def run_job(app: Flask, job_id: str | None = None) -> None:
    """Solve the next job fairly (`leases.claim_next`); `job_id` only says one was queued."""
    factory = sessions(app)
    with factory() as db:
        job = claim_next(db, app.config)
        if job is None:
            return  # taken already (a redelivered Celery message), cancelled, or gone with its team
        job_id, limit = job.id, job.limit_seconds or time_limit_of(job.options, app.config)
        data, options = json.loads(job.request_json), dict(job.options)
        mailboxes = team_mailboxes(db, job.team_id)  # as the team's members are connected now
    settings = {key: app.config[key] for key in CHILD_SETTINGS}
    try:
        plan_json, notes = run_bounded(
            solve_json, (data, options, settings, mailboxes, RULES, limit, dict(os.environ)),
            seconds=limit, memory_mb=app.config["SOLVE_MEMORY_MB"],
            still_wanted=lambda: renew(factory, job_id, app.config["JOB_LEASE_SECONDS"]))
    except Cancelled:
        log.info("plan job %s was cancelled; its solve was stopped", job_id)
    except RhythmError as error:
        _finish(app, job_id, error=str(error))
    except Exception:
        log.exception("plan job %s failed", job_id)
        _finish(app, job_id, error=UNEXPECTED)
    else:
        _finish(app, job_id, plan=plan_from_json(plan_json), notes=notes)


def time_limit_of(options: Mapping[str, Any], config: Mapping[str, Any]) -> float:
    """The job's one deadline, in seconds: the solve's time limit and the time to read calendars."""
    return solve_limit(options, config) + float(config["JOB_READ_SECONDS"])


def solve_limit(options: Mapping[str, Any], config: Mapping[str, Any]) -> float:
    return min(float(options.get("time_limit") or config["SOLVE_TIME_LIMIT"]), config["MAX_TIME_LIMIT"])


def solve_json(data: Any, options: Mapping[str, Any], config: Mapping[str, Any],
               mailboxes: Mapping[str, tuple[str, str]], rules: tuple[Rule, ...], seconds: float,
               environ: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """`solve` in the job's process, under the job's deadline: the plan as v1 JSON, the notes."""
    os.environ.clear()
    os.environ.update(environ)  # the forkserver's environment is the one it started with
    with job_budget(seconds), i18n.use(options.get("language")):  # the team's language, if given
        plan, notes = solve(data, options, config, mailboxes, rules)
    return plan_to_json(plan), notes


def solve(data: Any, options: Mapping[str, Any], config: Mapping[str, Any],
          mailboxes: Mapping[str, tuple[str, str]],
          rules: tuple[Rule, ...] = RULES) -> tuple[Plan, list[str]]:
    """The checked plan for a v1 request, with a note for each pin that could not hold;
    `outlook:` addresses are read only from `mailboxes` (outlook_access.py)."""
    request = parse_request(data)  # base_dir None: file paths are refused here too
    facts = read_team_calendars(request, readers=team_readers(config, mailboxes))
    pins = [Pinned(**p) for p in options.get("pins", [])]
    keys, notes = pins_that_fit(request, facts, pins)
    settings = SolveSettings(time_limit=solve_limit(options, config), workers=config["SOLVE_WORKERS"])
    current = plan_in_use(options.get("current"), request)
    try:
        plan = plan_checked(request, facts, (*rules, keep_pinned(keys)), settings,
                            current=current and pinned_in_use(current, pins))
    except RulesContradiction:
        if not keys:
            raise
        # Pins are the manager's wish, not a rule: a week they make impossible is planned free.
        plan = plan_checked(request, facts, rules, settings, current=current)
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

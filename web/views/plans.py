"""Planning a team's week in the background, following the job, and reading the plan."""

from __future__ import annotations

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from connectors.sources import NOT_READ
from i18n import formats
from report.counts import calendars_of, missing_blocks
from scheduler.domain import WEEKDAYS, Plan
from scheduler.plan.plan_json import plan_from_json
from scheduler.request import parse_request
from scheduler.request.size import size_problem
from store.models import Job, Meeting, Pin, StoredPlan, Team

from ..changes import plan_changes
from ..clock import this_monday
from ..db import get_db
from ..forms import required
from ..forms.plan import EmptyForm, PinForm, PlanForm
from ..grid import week_grid
from ..jobs import elapsed, retry_after, start_job, wait_briefly
from ..leases import cancel, expire
from ..quota import quota_refusal
from ..security import in_team, team_manager
from ..team_request import problems_of, team_request
from .report import data_uri, plan_report

bp = Blueprint("plans", __name__, url_prefix="/teams/<int:team_id>")


@bp.post("/plans")
@team_manager
def start(team: Team) -> Response:
    """Queue a plan of the chosen week (next week by default) and show its progress."""
    form = PlanForm()
    far = timedelta(weeks=current_app.config["PLAN_WEEKS_AWAY"])
    if not (form.validate_on_submit() and form.check_when(this_monday(team.timezone), far)):
        flash("; ".join(form.week.errors) or _("The form expired; try again."), "error")
        return redirect(url_for("teams.show", team_id=team.id))
    db = get_db()
    request = team_request(team, required(form.week))
    problems = problems_of(request, allow_no_members=False)
    if not problems:
        too_big = size_problem(parse_request(request), current_app.config["MAX_MODEL_CHOICES"])
        problems = [too_big] if too_big else []
    if problems:
        flash(_("The team is not ready to plan: %(problems)s", problems="; ".join(map(str, problems))),
              "error")
        return redirect(url_for("teams.show", team_id=team.id))
    expire(db)  # a plan whose worker was lost no longer holds the team up
    running = db.scalars(select(Job).where(Job.team_id == team.id, Job.kind == "web",
                                           Job.status.in_(("queued", "running")))).first()
    if running is not None:  # one plan at a time per team: a second press follows the first
        flash(_("A plan of this team is already being made."), "info")
        return redirect(url_for("plans.job", team_id=team.id, job_id=running.id))
    wait = retry_after(db, team)
    refused = quota_refusal(db, team, current_app.config) if wait is None else None
    if wait is not None or refused is not None:
        db.rollback()
        flash(refused.capitalize() + "." if refused else
              _("This team planned many times in the last minute; try again in %(wait)s s.", wait=wait),
              "error")
        return redirect(url_for("teams.show", team_id=team.id))
    pins = [{"request": p.meeting.key, "weekday": p.weekday, "start": p.start}
            for p in db.scalars(select(Pin).where(Pin.team_id == team.id)).all()]
    # The plan's reasons and notes are written in the team's language: the team reads them.
    options: dict[str, object] = {"pins": pins, "language": team.language}
    in_use = db.scalars(select(StoredPlan).where(StoredPlan.team_id == team.id,
                                                 StoredPlan.week == form.week.data)
                        .order_by(StoredPlan.id.desc()).limit(1)).first()
    if in_use is not None:  # the week again: re-planned from its last plan, only what must move moves
        options["current"] = json.loads(in_use.plan_json)
    job = start_job(db, team, "web", request, options)
    # A fast solve (the example team's takes a tenth of a second) is waited for here, so the
    # answer is the plan itself; a slow one gets its progress page, which reloads.
    found = wait_briefly(db, job.id, current_app.config["PLAN_WAIT_SECONDS"])
    if found.status == "done" and found.plan_id is not None:
        return redirect(url_for("plans.show", team_id=team.id, plan_id=found.plan_id))
    return redirect(url_for("plans.job", team_id=team.id, job_id=job.id))


@bp.get("/jobs/<job_id>")
@team_manager
def job(team: Team, job_id: str) -> str | Response:
    """The job's progress, elapsed against its limit; the page reloads itself until the plan is ready."""
    found = get_db().get(Job, job_id)
    if found is None or found.team_id != team.id:
        abort(404)
    return _follow(team, found.id)


@bp.post("/jobs/<job_id>/cancel")
@team_manager
def cancel_job(team: Team, job_id: str) -> Response:
    """Stop a plan being made: its solve is killed, stored plans stay as they were."""
    db = get_db()
    found = db.get(Job, job_id)
    if found is None or found.team_id != team.id:
        abort(404)
    if EmptyForm().validate_on_submit() and cancel(db, found):
        flash(_("The plan was cancelled; stored plans are unchanged."), "success")
    return redirect(url_for("plans.job", team_id=team.id, job_id=found.id))


def _follow(team: Team, job_id: str) -> str | Response:
    """The plan page as soon as the job is done (waiting a little for it), else its progress."""
    db = get_db()
    # A second at most: the page reloads every second, and waits hold a request thread.
    found = wait_briefly(db, job_id, min(1.0, current_app.config["PLAN_WAIT_SECONDS"]))
    if found.status == "done" and found.plan_id is not None:
        return redirect(url_for("plans.show", team_id=team.id, plan_id=found.plan_id))
    ahead = 0
    if found.status == "queued":
        ahead = len(db.scalars(select(Job.id).where(Job.status == "running")).all())
    return render_template("plans/job.html", team=team, job=found, elapsed=elapsed(found), ahead=ahead)


@bp.get("/plans/<int:plan_id>")
@team_manager
def show(team: Team, plan_id: int) -> str:
    """The planned week: the grid, office overlap, what is unplaced and what changed."""
    db = get_db()
    stored: StoredPlan = in_team(team, StoredPlan, plan_id)
    plan = plan_from_json(json.loads(stored.plan_json))
    request = parse_request(json.loads(stored.request_json))
    before = db.scalars(select(StoredPlan).where(StoredPlan.team_id == team.id,
                                                 StoredPlan.week == stored.week, StoredPlan.id < stored.id)
                        .order_by(StoredPlan.id.desc()).limit(1)).first()
    changes = plan_changes(plan_from_json(json.loads(before.plan_json)) if before else None, plan)
    by_slot = {(p.meeting.key, p.weekday, p.start): p for p in
               db.scalars(select(Pin).where(Pin.team_id == team.id)).all()}
    pins = {m.id: by_slot.get((m.request, WEEKDAYS[m.start.weekday()], f"{m.start:%H:%M}"))
            for m in plan.meetings}
    titles = {m.id: m.title for m in request.meetings}
    missing = missing_blocks(plan, calendars_of(plan, request))  # none on a day off
    return render_template("plans/show.html", team=team, stored=stored, plan=plan, missing=missing,
                           grid=week_grid(plan, request), changes=changes, before=before, pins=pins,
                           titles=titles, pin_form=PinForm(), plan_form=PlanForm(week=plan.week),
                           ended=plan.week < this_monday(team.timezone), unread=_not_read(plan),
                           report=plan_report(stored), data_uri=data_uri, actual_form=EmptyForm())


def _not_read(plan: Plan) -> dict[str, str]:
    """Member id -> what stood in for a calendar that could not be read, for beside their name."""
    return {member: "calendar not read: " + w.message.split("; ", 1)[-1]
            for member, found in plan.calendar_warnings.items() for w in found if NOT_READ in w.message}


@bp.post("/plans/<int:plan_id>/pins")
@team_manager
def pin(team: Team, plan_id: int) -> Response:
    """Pin one meeting of this plan at its weekday and time, for every re-plan."""
    db = get_db()
    stored: StoredPlan = in_team(team, StoredPlan, plan_id)
    form = PinForm()
    plan = plan_from_json(json.loads(stored.plan_json))
    placed = next((m for m in plan.meetings if m.id == form.occurrence.data), None)
    meeting = placed and db.scalar(select(Meeting).where(Meeting.team_id == team.id,
                                                         Meeting.key == placed.request))
    if form.validate_on_submit() and placed and meeting:
        local = placed.start.astimezone(ZoneInfo(plan.timezone))
        weekday = WEEKDAYS[local.weekday()]
        existing = db.scalar(select(Pin).where(Pin.meeting_id == meeting.id, Pin.weekday == weekday))
        if existing is None:
            db.add(Pin(team_id=team.id, meeting_id=meeting.id, weekday=weekday, start=f"{local:%H:%M}"))
        else:
            existing.start = f"{local:%H:%M}"
        db.commit()
        flash(_("%(title)s is pinned to %(day)s %(time)s; plan again to keep it there.", title=meeting.title,
                day=formats.weekday(weekday, "abbreviated"), time=formats.clock(local)), "success")
    else:
        flash(_("That meeting is not in this plan."), "error")
    return redirect(url_for("plans.show", team_id=team.id, plan_id=stored.id))


@bp.post("/pins/<int:pin_id>/delete")
@team_manager
def unpin(team: Team, pin_id: int) -> Response:
    """Let a pinned meeting move again."""
    found: Pin = in_team(team, Pin, pin_id)
    if EmptyForm().validate_on_submit():
        get_db().delete(found)
        get_db().commit()
        flash(_("Unpinned; the next plan may move it."), "success")
    return redirect(url_for("teams.show", team_id=team.id))

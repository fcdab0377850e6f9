"""A manager's teams: create one, see it whole, and set its rules in one form."""

from __future__ import annotations

from datetime import UTC
from zoneinfo import ZoneInfo

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from store.models import ApiToken, Job, Pin, Team

from ..clock import now
from ..cycle import cycle_of, next_moment
from ..db import get_db
from ..forms import apply_problems, has_errors, required
from ..forms.plan import PlanForm
from ..forms.team import DEFAULT_RULES, RULE_FIELDS, RulesForm, TeamForm
from ..linking import team_access
from ..security import login_required, team_manager
from ..stored import calendar_warnings, planned_weeks
from ..team_request import next_monday, problems_of, team_request

bp = Blueprint("teams", __name__, url_prefix="/teams")


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create() -> str | Response:
    """Start a team: a name and a time zone; the rules start at the contract's defaults."""
    form = TeamForm()
    if form.validate_on_submit():
        team = Team(name=required(form.name).strip(), timezone=required(form.timezone).strip(),
                    manager_id=g.user.id, rules=dict(DEFAULT_RULES))
        db = get_db()
        db.add(team)
        db.commit()
        flash(_("Team %(name)s created. Add its members next.", name=team.name), "success")
        return redirect(url_for("teams.show", team_id=team.id))
    return render_template("teams/new.html", form=form)


@bp.get("/<int:team_id>")
@team_manager
def show(team: Team) -> str:
    """The team: members, meetings, rules, pins, plans and API tokens."""
    db = get_db()
    plans = planned_weeks(db, team.id)
    failed = db.scalars(select(Job).where(Job.team_id == team.id, Job.kind == "web")
                        .order_by(Job.created_at.desc()).limit(1)).first()
    pins = db.scalars(select(Pin).where(Pin.team_id == team.id).order_by(Pin.id)).all()
    tokens = db.scalars(select(ApiToken).where(ApiToken.team_id == team.id).order_by(ApiToken.id)).all()
    form = PlanForm(week=next_monday(team.timezone))
    cycle = cycle_of(db, team)
    return render_template("teams/show.html", team=team, plans=plans, last_job=failed, pins=pins,
                           tokens=tokens, plan_form=form, warnings=calendar_warnings(db, team.id),
                           access=team_access(db, team), zone=ZoneInfo(team.timezone), utc=UTC,
                           cycle=cycle, next_run=next_moment(cycle, team.timezone, now()))


@bp.route("/<int:team_id>/rules", methods=["GET", "POST"])
@team_manager
def rules(team: Team) -> str | Response:
    """All of the team's rules in one form, checked against the whole team before saving."""
    form = RulesForm()
    if not form.is_submitted():
        form.fill(team.rules)
        form.language.data = team.language
    else:
        valid = form.validate()  # every field's own checks, then the team's, in one answer:
        # a field that failed its own check stands in with the stored value, so the team's
        # checks (a lunch window ending before it starts) show beside it (issue 24.6).
        own = {f.name: list(f.errors) for f in form if f.errors}
        draft = team_request(team, next_monday(team.timezone), rules=form.rules(fallback=team.rules))
        apply_problems(form, problems_of(draft), RULE_FIELDS, prefix="rules")
        for name, errors in own.items():
            form[name].errors = errors  # its own message only: the stored value is not what was typed
        if valid and not has_errors(form):
            team.rules = form.rules()
            team.language = form.language.data
            get_db().commit()
            flash(_("Rules saved."), "success")
            return redirect(url_for("teams.show", team_id=team.id))
    return render_template("teams/rules.html", team=team, form=form)

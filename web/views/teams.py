"""A manager's teams: create one, see it whole, and set its rules in one form."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

from store.models import ApiToken, Job, Pin, StoredPlan, Team

from ..db import get_db
from ..forms import apply_problems, has_errors, required
from ..forms.plan import PlanForm
from ..forms.team import DEFAULT_RULES, RULE_FIELDS, RulesForm, TeamForm
from ..linking import team_access
from ..security import login_required, team_manager
from ..stored import calendar_warnings
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
    plans = db.scalars(select(StoredPlan).where(StoredPlan.team_id == team.id)
                       .order_by(StoredPlan.id.desc()).limit(5)).all()
    failed = db.scalars(select(Job).where(Job.team_id == team.id, Job.kind == "web")
                        .order_by(Job.created_at.desc()).limit(1)).first()
    pins = db.scalars(select(Pin).where(Pin.team_id == team.id).order_by(Pin.id)).all()
    tokens = db.scalars(select(ApiToken).where(ApiToken.team_id == team.id).order_by(ApiToken.id)).all()
    form = PlanForm(week=next_monday(team.timezone))
    return render_template("teams/show.html", team=team, plans=plans, last_job=failed, pins=pins,
                           tokens=tokens, plan_form=form, warnings=calendar_warnings(db, team.id),
                           access=team_access(db, team))


@bp.route("/<int:team_id>/rules", methods=["GET", "POST"])
@team_manager
def rules(team: Team) -> str | Response:
    """All of the team's rules in one form, checked against the whole team before saving."""
    form = RulesForm()
    if not form.is_submitted():
        form.fill(team.rules)
        form.language.data = team.language
    elif form.validate():
        draft = team_request(team, next_monday(team.timezone), rules=form.rules())
        apply_problems(form, problems_of(draft), RULE_FIELDS, prefix="rules")
        if not has_errors(form):
            team.rules = form.rules()
            team.language = form.language.data
            get_db().commit()
            flash(_("Rules saved."), "success")
            return redirect(url_for("teams.show", team_id=team.id))
    return render_template("teams/rules.html", team=team, form=form)

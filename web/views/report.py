"""The report's charts on the web: the plan page, what happened after the week, and an
employee's own figures. Charts are `<img>`s of SVG data URIs (the CSP allows `img-src data:`;
an image runs no script), with the text alternative and the numbers as a table beside them."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from functools import lru_cache

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from connectors.received import read_what_happened
from report.actual import compare
from report.build import Report, build_report
from report.charts_actual import actual_charts, judged_sentences
from report.charts_week import week_grid
from report.draw import Chart
from report.figures import Figures, figures_of
from scheduler.domain import Plan, TeamRequest
from scheduler.errors import RhythmError
from scheduler.plan.plan_json import plan_from_json
from scheduler.request import parse_request
from store.models import StoredPlan, Team

from ..caldav_access import team_collections
from ..db import get_db
from ..forms.plan import EmptyForm
from ..outlook_access import team_mailboxes, team_readers
from ..security import in_team, team_manager
from ..team_request import team_request

bp = Blueprint("report", __name__, url_prefix="/teams/<int:team_id>")


def data_uri(chart: Chart) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(chart.svg.encode()).decode()


@lru_cache(maxsize=32)
def _plan_report(plan_id: int, plan_json: str, request_json: str) -> Report:
    # A stored plan never changes: its figures are counted and its charts drawn once per process
    # (the id keys it). Drawing shares no state, so requests draw at once.
    return build_report(plan_from_json(json.loads(plan_json)), parse_request(json.loads(request_json)))


def plan_report(stored: StoredPlan) -> Report:
    return _plan_report(stored.id, stored.plan_json, stored.request_json)


def own_figures(plan: Plan, request: TeamRequest, member_key: str) -> tuple[Figures, Chart]:
    """An employee's figures and week chart: counted from their own blocks only."""
    figures = figures_of(plan, request, label=_("my week"), only=member_key)
    return figures, week_grid(figures)


@bp.post("/plans/<int:plan_id>/actual")
@team_manager
def actual(team: Team, plan_id: int) -> str | Response:
    """Read the members' calendars again (through the guarded path, as plan jobs do) and show
    what of the plan was kept, on the days that are over."""
    stored: StoredPlan = in_team(team, StoredPlan, plan_id)
    back = redirect(url_for("plans.show", team_id=team.id, plan_id=stored.id))
    if not EmptyForm().validate_on_submit():
        flash(_("The form expired; try again."), "error")
        return back
    plan = plan_from_json(json.loads(stored.plan_json))
    try:
        # The calendars as the team has them now (an upload replaced since is read as it is).
        request = parse_request(team_request(team, plan.week) | {"weeks": plan.weeks})
        readers = team_readers(current_app.config, team_mailboxes(get_db(), team.id),
                               team_collections(get_db(), team.id))
        facts = read_what_happened(plan, request, readers=readers)
    except RhythmError as error:
        flash(_("The calendars could not be read: %(error)s", error=error), "error")
        return back
    found = compare(plan, request, facts, now=current_app.config["NOW"] or datetime.now(UTC))
    charts = actual_charts(found, plan.timezone)
    return render_template("plans/actual.html", team=team, stored=stored, plan=plan, charts=charts,
                           said=judged_sentences(found), data_uri=data_uri)

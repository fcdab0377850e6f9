"""Planners make an organisation from the web app's teams and buildings, and plan it.

Anyone signed in with a confirmed address may make one: they become its planner and choose,
for each team they manage, the building it works from. Only its planners plan it (404 to
anyone else, so its existence does not leak); the plan runs in the background
(`web/org_jobs.py`) and its page shows the status, then the result."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from flask import Blueprint, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.wrappers import Response

import i18n
from store.models import Organisation, Team

from .. import org_jobs
from ..db import get_db
from ..security import login_required

bp = Blueprint("org_planning", __name__, url_prefix="/org")

NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
MOST_DESKS = 100_000
ZONE = "Europe/Amsterdam"


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new() -> Any:
    """Make an organisation of one's own teams: its name, buildings with desks, and each team's building."""
    teams = get_db().scalars(select(Team).where(Team.manager_id == g.user.id).order_by(Team.name)).all()
    if request.method == "GET":
        return render_template("organisation/new.html", teams=teams, form={}, problems=[])
    form = request.form
    problems, org = read_form(form, teams)
    if g.user.confirmed_email is None:
        problems.append(_("confirm your address first: an organisation's planners are known by it"))
    if org is not None and get_db().scalar(select(Organisation).where(Organisation.name == org.name)):
        problems.append("name: " + _("%(name)r is taken; choose another", name=org.name))
    if problems or org is None:
        return render_template("organisation/new.html", teams=teams, form=form, problems=problems), 400
    org.planners = [g.user.confirmed_email]
    get_db().add(org)
    get_db().commit()
    flash(_("Organisation %(name)s made. Plan it when its teams are ready.", name=org.name), "info")
    return redirect(url_for("organisation.show", organisation=org.name))


@bp.post("/<organisation>/plan")
@login_required
def plan(organisation: str) -> Response:
    """Plan the organisation's next week in the background (its planners only)."""
    org = planned_by_me(organisation)
    if org.status in ("queued", "running"):
        flash(_("This organisation is being planned already."), "info")
    else:
        org.status, org.error = "queued", None
        get_db().commit()
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        org_jobs.submit(app, org.id, i18n.current())
        flash(_("Planning the organisation's next week: this page shows the result when it is done."), "info")
    return redirect(url_for("organisation.show", organisation=organisation))


def planned_by_me(organisation: str) -> Organisation:
    """The organisation, if the signed-in person is one of its planners; else 404."""
    org = get_db().scalar(select(Organisation).where(Organisation.name == organisation))
    email = g.user.confirmed_email
    if org is None or email is None or email not in org.planners:
        abort(404)
    return org


def read_form(form: Any, teams: Sequence[Team]) -> tuple[list[str], Organisation | None]:
    """The organisation the form describes, or the problems, each naming its field."""
    problems: list[str] = []
    name = form.get("name", "").strip().lower()
    if not NAME.fullmatch(name):
        problems.append("name: " + _("1 to 64 lower-case letters, digits or dashes, "
                                      "starting with a letter or digit"))
    buildings: dict[str, int] = {}
    for number, line in enumerate(form.get("buildings", "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split()
        where = _("buildings line %(number)d", number=number) + ": "
        if len(parts) != 2 or not NAME.fullmatch(parts[0].lower()) or not parts[1].isdigit():
            problems.append(where + _("write a building and its desks, as 'utrecht 84'"))
            continue
        desks = int(parts[1])
        if not 1 <= desks <= MOST_DESKS:
            problems.append(where + _("desks must be 1 to %(most)s", most=MOST_DESKS))
        buildings[parts[0].lower()] = desks
    if not buildings:
        problems.append("buildings: " + _("name at least one building with its desks"))
    chosen = []
    for team in teams:
        building = form.get(f"building-{team.id}", "").strip().lower()
        if not building:
            continue
        if building not in buildings:
            problems.append(f"team {team.name}: "
                            + _("building %(building)r is not one of the buildings above", building=building))
        chosen.append({"team_id": team.id, "building": building})
    if not chosen:
        problems.append("teams: " + _("give at least one of your teams a building"))
    if problems:
        return problems, None
    org = Organisation(name=name, timezone=teams[0].timezone if teams else ZONE, planners=[],
                       buildings=[{"id": b, "desks": d} for b, d in buildings.items()], teams=chosen,
                       status="new")
    return [], org

"""The team's weekly cycle: when the service plans its coming weeks by itself."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from i18n import formats
from store.models import Team, TeamCycle, utcnow

from ..clock import now
from ..cycle import cycle_of, next_moment
from ..db import get_db
from ..forms.cycle import CycleForm
from ..security import team_manager

bp = Blueprint("cycle", __name__, url_prefix="/teams/<int:team_id>/cycle")


@bp.route("", methods=["GET", "POST"])
@team_manager
def edit(team: Team) -> str | Response:
    """When and how far ahead the team's weeks are planned without anyone pressing a button."""
    db = get_db()
    cycle = cycle_of(db, team)
    form = CycleForm()
    if not form.is_submitted():
        form.enabled.data, form.weekday.data = cycle.enabled, cycle.weekday
        form.weeks_ahead.data = cycle.weeks_ahead
        form.at.data = datetime.strptime(cycle.at, "%H:%M").time()
    elif form.validate():
        if db.get(TeamCycle, team.id) is None:
            db.add(cycle)
        cycle.enabled, cycle.weekday = form.enabled.data, form.weekday.data
        cycle.at, cycle.weeks_ahead = f"{form.at.data:%H:%M}", int(form.weeks_ahead.data or 1)
        cycle.updated_at = utcnow()  # moments before now are not caught up
        db.commit()
        when = next_moment(cycle, team.timezone, now())
        flash(_("Saved. The next plan is made on %(day)s at %(time)s (%(zone)s).", day=formats.long_day(when),
                time=formats.clock(when), zone=team.timezone) if cycle.enabled
              else _("Saved. The team's weeks are planned only when you press the button."), "success")
        return redirect(url_for("teams.show", team_id=team.id))
    return render_template("teams/cycle.html", team=team, form=form)

"""An employee's own week: the plan's blocks for them, as a page, a download and a feed."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request, url_for
from flask_babel import gettext as _

from store.models import CalendarToken, Member

from ..db import get_db
from ..downloads import attachment
from ..forms.plan import EmptyForm
from ..grid import week_grid
from ..secret_tokens import new_calendar_token
from ..security import own_member
from ..stored import latest_plan, member_ics
from .organisation import coffee_dates
from .report import data_uri, own_figures

bp = Blueprint("week", __name__, url_prefix="/me/<int:member_id>")


@bp.get("")
@own_member
def show(member: Member) -> str:
    """My week: meetings, lunch, focus and office days from the team's latest plan."""
    db = get_db()
    found = latest_plan(db, member.team_id)
    grid = mine = None
    if found and member.key in {m.id for m in found[2].members}:
        grid = week_grid(found[1], found[2], only=member.key)
        mine = own_figures(found[1], found[2], member.key)  # their own blocks, nobody else's
    subscribed = db.query(CalendarToken).filter_by(member_id=member.id).one_or_none()
    coffee = coffee_dates(member, found[1].week, found[1].timezone) if found else []
    return render_template("week/show.html", member=member, found=found, grid=grid, mine=mine,
                           data_uri=data_uri, subscribed=subscribed, form=EmptyForm(), coffee=coffee)


@bp.get("/week.ics")
@own_member
def download(member: Member) -> Response:
    """My week as an .ics file for any calendar app."""
    return Response(member_ics(get_db(), member), mimetype="text/calendar",
                    headers=attachment(member.team.name, member.key, suffix=".ics"))


@bp.post("/subscription")
@own_member
def subscribe(member: Member) -> str | tuple[str, int]:
    """Make (or replace) my subscription URL; it is shown once, the old one stops working."""
    if not EmptyForm().validate_on_submit():
        return render_template("errors/400.html", reason=_("The form expired; go back and try again.")), 400
    token = new_calendar_token(get_db(), member)
    https = url_for("calendars.feed", token=token, _external=True)
    webcal = "webcal://" + https.split("://", 1)[1]
    return render_template("week/subscribed.html", member=member, webcal=webcal, https=https,
                           secure=request.is_secure)

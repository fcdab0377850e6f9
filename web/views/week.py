"""An employee's own week: the plan's blocks for them, as a page, a download and a feed."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as WerkzeugResponse

from scheduler.domain import Plan
from store.models import CalendarToken, Member

from ..clock import iso_label, picked_week, this_monday
from ..db import get_db
from ..downloads import attachment
from ..forms.plan import ChoicesForm, EmptyForm
from ..grid import week_grid
from ..secret_tokens import new_calendar_token
from ..security import own_member
from ..stored import member_ics, week_plan
from .organisation import coffee_dates
from .report import data_uri, own_figures

bp = Blueprint("week", __name__, url_prefix="/me/<int:member_id>")


@bp.get("")
@own_member
def show(member: Member) -> str:
    """My week (this week unless another is picked): meetings, lunch, focus and office days
    from the week's current plan."""
    db = get_db()
    week, problem = picked_week(request.args.get("week"), member.team.timezone)
    if problem:
        flash(problem, "error")
    found = week_plan(db, member.team_id, week)
    grid = mine = None
    together: list[tuple[date, list[str]]] = []
    if found and member.key in {m.id for m in found[2].members}:
        grid = week_grid(found[1], found[2], only=member.key)
        mine = own_figures(found[1], found[2], member.key)  # their own blocks, nobody else's
        together = office_company(found[1], member.key)
    subscribed = db.query(CalendarToken).filter_by(member_id=member.id).one_or_none()
    coffee = coffee_dates(member, found[1].week, found[1].timezone) if found else []
    return render_template("week/show.html", member=member, found=found, grid=grid, mine=mine,
                           data_uri=data_uri, subscribed=subscribed, form=EmptyForm(), coffee=coffee,
                           choices=ChoicesForm(notify=member.notify, auto_sync=member.auto_sync),
                           picker=_picker(week, this_monday(member.team.timezone)), together=together)


def office_company(plan: Plan, key: str) -> list[tuple[date, list[str]]]:
    """Each of the member's office days with who else of the team is at the office then."""
    names = {p.id: p.name for p in plan.members}
    return [(day, sorted(names.get(other, other) for other, days in plan.office_days.items()
                         if other != key and day in days))
            for day in sorted(plan.office_days.get(key, ()))]


def _picker(week: date, today: date) -> dict[str, object]:
    """The week shown and its neighbours, labelled with ISO week numbers."""
    weeks = {"previous": week - timedelta(weeks=1), "next": week + timedelta(weeks=1)}
    return {"week": week, "label": iso_label(week), "this": week == today, "today": today,
            "iso": f"{week.isocalendar().year}-W{week.isocalendar().week:02d}",
            **{k: (f"{d.isocalendar().year}-W{d.isocalendar().week:02d}", f"Week {d.isocalendar().week}")
               for k, d in weeks.items()}}


@bp.get("/week.ics")
@own_member
def download(member: Member) -> Response:
    """My week (the picked one, this week by default) as an .ics file for any calendar app."""
    week, _ = picked_week(request.args.get("week"), member.team.timezone)
    return Response(member_ics(get_db(), member, week), mimetype="text/calendar",
                    headers=attachment(member.team.name, member.key, suffix=".ics"))


@bp.post("/choices")
@own_member
def choices(member: Member) -> WerkzeugResponse | tuple[str, int]:
    """Turn the e-mails about new plans (and syncing each new plan to Outlook) on or off."""
    form = ChoicesForm()
    if not form.validate_on_submit():
        return render_template("errors/400.html", reason=_("The form expired; go back and try again.")), 400
    member.notify, member.auto_sync = form.notify.data, form.auto_sync.data
    get_db().commit()
    flash(_("Saved: you get an e-mail when your team's week is planned or re-planned.") if member.notify
          else _("Saved: no more e-mails about new plans."), "success")
    return redirect(url_for("week.show", member_id=member.id))


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

"""A member's own data (GDPR): everything stored about them as one JSON download, and erasing
their calendar data: the uploaded calendar, the calendar address, the subscription token, and
their calendars and busy times inside the team's stored plans and jobs. The member stays in the
team (meetings name them); a manager removes them from the team page.

The web pages are the member's own (`own_member`); the API (`/api/v1/members/<id>/data`) lets
a team's manager answer a member's request with the team's token.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, flash, g, jsonify, redirect, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import CalendarToken, Job, Member, StoredPlan

from ..confirm import confirmation_page
from ..db import get_db
from ..errors import api_error
from ..linking import accounts_of
from ..microsoft import outlook_connected
from ..security import own_member
from ..stored import member_ics
from .api import bp as api_bp

bp = Blueprint("my_data", __name__, url_prefix="/me/<int:member_id>/data")


def export(db: Session, member: Member) -> dict[str, Any]:
    """What rhythm keeps about the member, as they would check it."""
    subscribed = db.scalar(select(CalendarToken).where(CalendarToken.member_id == member.id)) is not None
    accounts = accounts_of(db, member)
    return {
        "team": member.team.name, "id": member.key, "name": member.name, "email": member.email,
        "timezone": member.timezone, "working_hours": {"start": member.work_start, "end": member.work_end},
        "office": {"never": list(member.office_never), "always": list(member.office_always)},
        "calendar_address": member.calendar_address,
        "uploaded_calendar": {"file": member.ics_name, "ics": member.ics_text} if member.ics_text else None,
        "calendar_subscription": subscribed,
        # The Outlook sign-in belongs to the account (kept encrypted), not to this team: shown, not erased.
        "outlook_connected": any(outlook_connected(account) for account in accounts),
        "planned_week_ics": member_ics(db, member).decode("utf-8"),
    }


def erase(db: Session, member: Member) -> int:
    """Erase the member's calendar data everywhere it is kept; the number of stored requests changed."""
    member.ics_text = member.ics_name = member.calendar_address = None
    for token in db.scalars(select(CalendarToken).where(CalendarToken.member_id == member.id)):
        db.delete(token)
    changed = 0
    for model in (StoredPlan, Job):
        for row in db.scalars(select(model).where(model.team_id == member.team_id)):
            scrubbed = _without_calendars(row.request_json, member.key)
            if scrubbed != row.request_json:
                row.request_json, changed = scrubbed, changed + 1
    # A plan states the busy time and days off it was made around (for its figures).
    for row in db.scalars(select(StoredPlan).where(StoredPlan.team_id == member.team_id)):
        row.plan_json = _plan_without_calendars(row.plan_json, member.key)
    for job in db.scalars(select(Job).where(Job.team_id == member.team_id, Job.result_json.is_not(None))):
        job.result_json = _plan_without_calendars(job.result_json or "", member.key)
    db.commit()
    return changed


def _without_calendars(text: str, key: str) -> str:
    data = json.loads(text)
    found = False
    for entry in data.get("members", []):
        if entry.get("id") == key and ("calendars" in entry or "busy" in entry):
            entry.pop("calendars", None)
            entry.pop("busy", None)
            found = True
    return json.dumps(data) if found else text


def _plan_without_calendars(text: str, key: str) -> str:
    data = json.loads(text)
    found = [part for part in ("busy", "days_off") if key in (data.get(part) or {})]
    for part in found:
        del data[part][key]
    return json.dumps(data) if found else text


@bp.get("")
@own_member
def download(member: Member) -> Response:
    """My data as JSON."""
    answer = jsonify(export(get_db(), member))
    answer.headers["Content-Disposition"] = f'attachment; filename="rhythm-{member.key}-data.json"'
    return answer


@bp.route("/erase", methods=["GET", "POST"])
@own_member
def erase_mine(member: Member) -> str | Response:
    """Erase my calendar data (asked on a confirmation page)."""
    page = confirmation_page(
        title=_("Erase your calendar data?"), button=_("Erase my calendar data"),
        cancel=url_for("week.show", member_id=member.id),
        text=_("Your uploaded calendar, your calendar address, your subscription URL and your "
               "calendars inside the team's stored plans are deleted. This cannot be undone."))
    if page is not None:
        return page
    erase(get_db(), member)
    flash(_("Your calendar data is erased: the uploaded calendar, the calendar address, the "
            "subscription and your calendars in stored plans."), "success")
    return redirect(url_for("week.show", member_id=member.id))


@api_bp.get("/members/<key>/data")
def api_export(key: str) -> Response | tuple[Response, int]:
    member = _team_member(key)
    return jsonify(export(get_db(), member)) if member else api_error(404, "no such member in this team")


@api_bp.delete("/members/<key>/data")
def api_erase(key: str) -> Response | tuple[Response, int]:
    member = _team_member(key)
    if member is None:
        return api_error(404, "no such member in this team")
    return jsonify({"erased": True, "stored_requests_changed": erase(get_db(), member)})


def _team_member(key: str) -> Member | None:
    return get_db().scalar(select(Member).where(Member.team_id == g.api_team.id, Member.key == key))

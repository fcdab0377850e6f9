"""A member's own data (GDPR): everything stored about them as one JSON download, and erasing
their calendar data: the uploaded calendar, the calendar address, the subscription token, and
their calendars, busy times and calendar warnings inside the team's stored plans and jobs, and
their name and address in coffee pairs (`web/personal_data.py` finds them). The member stays in
the team (meetings name them); a manager removes them from the team page.

The web pages are the member's own (`own_member`); the API (`/api/v1/members/<id>/data`) lets
a team's manager answer a member's request with the team's token, also for a person only ever
sent through the API, who lives in job rows alone: erasing them also takes their name and
address from those rows.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, flash, g, jsonify, redirect, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response

from store.models import CalendarSnapshot, CalendarToken, Member

from .. import personal_data
from ..clock import this_monday
from ..confirm import confirmation_page
from ..db import get_db
from ..downloads import attachment
from ..errors import api_error
from ..linking import accounts_of
from ..microsoft import outlook_connected
from ..security import own_member
from ..stored import member_feed
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
        "planned_week_ics": member_feed(db, member, this_monday(member.team.timezone)).decode("utf-8"),
        "calendar_as_last_read": _last_read(db, member),
        **_stored(db, member.team_id, member.key, member.email),
    }


def export_sent(db: Session, team_id: int, key: str) -> dict[str, Any]:
    """What rhythm keeps of a person only ever sent through the API: the job rows."""
    return {"id": key, **_stored(db, team_id, key, None)}


def _last_read(db: Session, member: Member) -> dict[str, Any] | None:
    """The planning facts kept for a week their source cannot be read (web/snapshots.py)."""
    found = db.get(CalendarSnapshot, member.id)
    return {"read_at": found.read_at.isoformat(), "facts": json.loads(found.facts_json)} if found else None


def _stored(db: Session, team_id: int, key: str, email: str | None) -> dict[str, Any]:
    return {"stored_requests_and_plans": personal_data.stored_rows(db, team_id, key),
            "coffee_pairs": personal_data.coffee_pairs(db, personal_data.emails_of(db, team_id, key, email))}


def erase(db: Session, member: Member) -> int:
    """Erase the member's calendar data everywhere it is kept; the number of stored rows changed."""
    emails = personal_data.emails_of(db, member.team_id, member.key, member.email)
    member.ics_text = member.ics_name = member.calendar_address = None
    for token in db.scalars(select(CalendarToken).where(CalendarToken.member_id == member.id)):
        db.delete(token)
    changed = personal_data.erase(db, member.team_id, member.key, emails, identity=False)
    db.commit()
    return changed


def erase_sent(db: Session, team_id: int, key: str) -> int:
    """Erase a person only ever sent through the API: calendars, name and address, everywhere."""
    emails = personal_data.emails_of(db, team_id, key)
    changed = personal_data.erase(db, team_id, key, emails, identity=True)
    db.commit()
    return changed


@bp.get("")
@own_member
def download(member: Member) -> Response:
    """My data as JSON."""
    answer = jsonify(export(get_db(), member))
    answer.headers.update(attachment("rhythm", member.key, "data", suffix=".json"))
    return answer


@bp.route("/erase", methods=["GET", "POST"])
@own_member
def erase_mine(member: Member) -> str | Response:
    """Erase my calendar data (asked on a confirmation page)."""
    page = confirmation_page(
        title=_("Erase your calendar data?"), button=_("Erase my calendar data"),
        cancel=url_for("week.show", member_id=member.id),
        text=_("Your uploaded calendar, your calendar address, your subscription URL, your "
               "calendars inside the team's stored plans and your name in coffee pairs are deleted. "
               "This cannot be undone."))
    if page is not None:
        return page
    erase(get_db(), member)
    flash(_("Your calendar data is erased: the uploaded calendar, the calendar address, the "
            "subscription and your calendars in stored plans."), "success")
    return redirect(url_for("week.show", member_id=member.id))


@api_bp.get("/members/<key>/data")
def api_export(key: str) -> Response | tuple[Response, int]:
    db, team_id = get_db(), g.api_team.id
    member = _team_member(key)
    if member is not None:
        return jsonify(export(db, member))
    if personal_data.is_known(db, team_id, key):  # sent through the API only
        return jsonify(export_sent(db, team_id, key))
    return api_error(404, "no such member in this team")


@api_bp.delete("/members/<key>/data")
def api_erase(key: str) -> Response | tuple[Response, int]:
    db, team_id = get_db(), g.api_team.id
    member = _team_member(key)
    if member is not None:
        changed = erase(db, member)
    elif personal_data.is_known(db, team_id, key):
        changed = erase_sent(db, team_id, key)
    else:
        return api_error(404, "no such member in this team")
    return jsonify({"erased": True, "stored_requests_changed": changed})


def _team_member(key: str) -> Member | None:
    return get_db().scalar(select(Member).where(Member.team_id == g.api_team.id, Member.key == key))

"""Calendar subscriptions: `webcal://host/calendars/<secret>.ics`, no sign-in (calendar apps
cannot sign in); the secret in the URL is the key, and only its digest is stored."""

from __future__ import annotations

from flask import Blueprint, Response, abort
from sqlalchemy import select

from store.models import CalendarToken, Member

from ..clock import this_monday
from ..db import get_db
from ..secret_tokens import digest
from ..stored import member_feed

bp = Blueprint("calendars", __name__, url_prefix="/calendars")


@bp.get("/<token>.ics")
def feed(token: str) -> Response:
    """The member's weeks, two back and four ahead, for calendar apps that poll a feed."""
    db = get_db()
    found = db.scalar(select(CalendarToken).where(CalendarToken.digest == digest(token)))
    if found is None:
        abort(404)
    member = db.get(Member, found.member_id)
    assert member is not None  # the token row goes with its member
    return Response(member_feed(db, member, this_monday(member.team.timezone)), mimetype="text/calendar",
                    headers={"Cache-Control": "private, max-age=300"})

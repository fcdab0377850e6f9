"""The organisation page: building occupancy per day against desks, and the affinity map
(which teams share office days), from the summary `rhythm org plan` stored. It shows counts
and team names only, never a person's week, and only to the organisation's planners and its
teams' managers (the addresses its request names, `viewers`), signed in with that address
confirmed; to anyone else it does not exist (404)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, g, render_template
from sqlalchemy import or_, select

from i18n import formats
from store.models import CoffeePair, Member, Organisation, OrgWeek

from ..db import get_db
from ..security import login_required

bp = Blueprint("organisation", __name__, url_prefix="/org")


@bp.get("")
@login_required
def index() -> str:
    """Every organisation with a planned week one may see, and those one plans."""
    weeks = get_db().scalars(select(OrgWeek).order_by(OrgWeek.organisation, OrgWeek.week.desc())).all()
    latest: dict[str, OrgWeek] = {}
    for week in weeks:
        latest.setdefault(week.organisation, week)
    mine = [o.name for o in _planned_by_me() if o.name not in latest]
    return render_template("organisation/index.html", weeks=[w for w in latest.values() if _may_see(w)],
                           unplanned=mine)


@bp.get("/<organisation>")
@login_required
def show(organisation: str) -> str:
    """The organisation's latest planned week: desks per building and day, meetings against
    planning alone, affinity pairs, coffee; to its planners also its status and "plan"."""
    stored = get_db().scalars(select(OrgWeek).where(OrgWeek.organisation == organisation)
                              .order_by(OrgWeek.week.desc()).limit(1)).first()
    definition = next((o for o in _planned_by_me() if o.name == organisation), None)
    if definition is None and (stored is None or not _may_see(stored)):
        abort(404)
    summary: dict[str, Any] | None = json.loads(stored.summary_json) if stored else None
    first = summary["buildings"][0] if summary and summary["buildings"] else {"days": []}
    days = [date.fromisoformat(d["date"]) for d in first["days"]]
    return render_template("organisation/show.html", summary=summary, week=stored.week if stored else None,
                           days=days, stored=stored, definition=definition, name=organisation)


def _planned_by_me() -> list[Organisation]:
    email = g.user.confirmed_email
    if email is None:
        return []
    return [o for o in get_db().scalars(select(Organisation)).all() if email in (o.planners or [])]


def _may_see(stored: OrgWeek) -> bool:
    """Whether the signed-in person plans this organisation or manages one of its teams, as
    its latest planned week says."""
    email = g.user.confirmed_email
    return email is not None and email in (stored.viewers or [])


def coffee_dates(member: Member, week: date, timezone: str) -> list[dict[str, Any]]:
    """The member's coffee dates in the week, for "my week" (matched by e-mail address), with
    the times in the plan's zone."""
    if not member.email:
        return []
    email = member.email.lower()
    rows = get_db().scalars(select(CoffeePair).where(CoffeePair.week == week, or_(
        CoffeePair.email_a == email, CoffeePair.email_b == email))).all()
    zone = ZoneInfo(timezone)
    return [{"with": row.name_b if row.email_a == email else row.name_a, "building": row.building,
             "when": f"{formats.day(_local(row.start, zone), padded=True)} "
                     f"{formats.span(_local(row.start, zone), _local(row.end, zone))}"}
            for row in rows]


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.replace(tzinfo=UTC).astimezone(zone)

"""Reading stored plans back: the plan and the request it answers, as domain values."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

import i18n
from connectors.ics.export import member_calendar
from scheduler.domain import CalendarWarning, Plan, TeamRequest
from scheduler.plan.plan_json import plan_from_json
from scheduler.request import parse_request
from store.models import Member, StoredPlan

EMPTY_CALENDAR = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rhythm//Hybrid team week planner//EN\r\n"
                  b"X-WR-CALNAME:rhythm (no plan yet)\r\nEND:VCALENDAR\r\n")


def latest_plan(db: Session, team_id: int) -> tuple[StoredPlan, Plan, TeamRequest] | None:
    stored = _latest(db, team_id)
    if stored is None:
        return None
    request = parse_request(json.loads(stored.request_json))
    return stored, plan_from_json(json.loads(stored.plan_json)), request


def calendar_warnings(db: Session, team_id: int) -> dict[str, tuple[CalendarWarning, ...]]:
    """Member key -> what the latest plan's reading of their calendars skipped or guessed."""
    stored = _latest(db, team_id)  # the plan only: its request is not needed here
    return dict(plan_from_json(json.loads(stored.plan_json)).calendar_warnings) if stored else {}


def _latest(db: Session, team_id: int) -> StoredPlan | None:
    return db.scalars(select(StoredPlan).where(StoredPlan.team_id == team_id)
                      .order_by(StoredPlan.id.desc()).limit(1)).first()


def member_ics(db: Session, member: Member) -> bytes:
    """The member's latest planned week as iCalendar; an empty calendar before the first plan."""
    found = latest_plan(db, member.team_id)
    if found is None:
        return EMPTY_CALENDAR
    _, plan, request = found
    if member.key not in {m.id for m in request.members}:  # added after the last plan
        return EMPTY_CALENDAR
    with i18n.use(member.team.language):  # what the team shares is in the team's language
        return member_calendar(plan, request, member.key)

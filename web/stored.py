"""Reading stored plans back: the plan and the request it answers, as domain values."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import i18n
from connectors.ics.export import member_calendar
from connectors.ics.window import window_calendar
from scheduler.domain import CalendarWarning, Plan, TeamRequest
from scheduler.plan.plan_json import plan_from_json
from scheduler.request import parse_request
from store.models import Member, StoredPlan

FEED_BEFORE, FEED_AHEAD = timedelta(weeks=2), timedelta(weeks=4)
EMPTY_CALENDAR = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rhythm//Hybrid team week planner//EN\r\n"
                  b"X-WR-CALNAME:rhythm (no plan yet)\r\nEND:VCALENDAR\r\n")


def week_plan(db: Session, team_id: int, week: date) -> tuple[StoredPlan, Plan, TeamRequest] | None:
    """The week's current plan (its newest; the older ones stay as its history)."""
    stored = current_plan(db, team_id, week)
    return None if stored is None else read(stored)


def read(stored: StoredPlan) -> tuple[StoredPlan, Plan, TeamRequest]:
    request = parse_request(json.loads(stored.request_json))
    return stored, plan_from_json(json.loads(stored.plan_json)), request


def current_plan(db: Session, team_id: int, week: date) -> StoredPlan | None:
    return db.scalars(select(StoredPlan).where(StoredPlan.team_id == team_id, StoredPlan.week == week)
                      .order_by(StoredPlan.id.desc()).limit(1)).first()


def planned_weeks(db: Session, team_id: int, limit: int = 8) -> list[tuple[StoredPlan, int]]:
    """The newest weeks planned, one line each: the week's current plan and how many times
    the week was planned."""
    newest = (select(StoredPlan.week, func.max(StoredPlan.id).label("id"), func.count().label("times"))
              .where(StoredPlan.team_id == team_id).group_by(StoredPlan.week).subquery())
    rows = db.execute(select(StoredPlan, newest.c.times).join(newest, StoredPlan.id == newest.c.id)
                      .order_by(StoredPlan.week.desc()).limit(limit))
    return [(stored, int(times)) for stored, times in rows]


def current_plans(db: Session, team_id: int, first: date, last: date) -> list[StoredPlan]:
    """The current plan of every planned week from `first` to `last` (Mondays), by week."""
    newest = (select(StoredPlan.week, func.max(StoredPlan.id).label("id"))
              .where(StoredPlan.team_id == team_id, StoredPlan.week >= first, StoredPlan.week <= last)
              .group_by(StoredPlan.week).subquery())
    return list(db.scalars(select(StoredPlan).join(newest, StoredPlan.id == newest.c.id)
                           .order_by(StoredPlan.week)))


def calendar_warnings(db: Session, team_id: int) -> dict[str, tuple[CalendarWarning, ...]]:
    """Member key -> what the latest plan's reading of their calendars skipped or guessed."""
    stored = _latest(db, team_id)  # the plan only: its request is not needed here
    return dict(plan_from_json(json.loads(stored.plan_json)).calendar_warnings) if stored else {}


def _latest(db: Session, team_id: int) -> StoredPlan | None:
    return db.scalars(select(StoredPlan).where(StoredPlan.team_id == team_id)
                      .order_by(StoredPlan.id.desc()).limit(1)).first()


def member_ics(db: Session, member: Member, week: date) -> bytes:
    """The member's week as iCalendar; an empty calendar when the week has no plan with them."""
    found = week_plan(db, member.team_id, week)
    if found is None:
        return EMPTY_CALENDAR
    _, plan, request = found
    if member.key not in {m.id for m in request.members}:  # added after the week's plan
        return EMPTY_CALENDAR
    with i18n.use(member.team.language):  # what the team shares is in the team's language
        return member_calendar(plan, request, member.key)


def member_feed(db: Session, member: Member, this_week: date) -> bytes:
    """The subscription: the current plan of each week from two weeks back to four ahead, in
    one calendar whose name never changes (calendar apps show it as the calendar's name)."""
    first, last = this_week - FEED_BEFORE, this_week + FEED_AHEAD
    weeks = [(plan, request) for _, plan, request in map(read, current_plans(db, member.team_id, first, last))
             if member.key in {m.id for m in request.members}]
    with i18n.use(member.team.language):  # what the team shares is in the team's language
        return window_calendar(weeks, member.key, f"rhythm: {member.team.name}, {member.name}")

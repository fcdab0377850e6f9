"""Telling the team about a week the cycle planned: one e-mail to each member who has not
turned it off, when a new week is planned or a re-plan moves someone's blocks. Each message
says what moved and why, the member's own changes first, then the rest of the team's; a
re-plan that moved nothing sends nothing. It goes out over the service's SMTP settings
(`notify.mail`, through `web/mail.py`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask
from sqlalchemy import select

from i18n import formats, gettext, use
from scheduler.domain import Change, PlacedMeeting, Plan
from scheduler.plan.plan_json import plan_from_json
from store.models import CycleRun, StoredPlan, Team

from .clock import iso_label
from .db import sessions
from .mail import send


@dataclass(frozen=True)
class Line:
    concerns: frozenset[str]  # member ids whose blocks these are
    text: str


def change_lines(plan: Plan) -> list[Line]:
    """Each change of a re-plan as a sentence with its reason, and whom it concerns."""
    zone = ZoneInfo(plan.timezone)
    names = {p.id: p.name for p in plan.members}
    meetings = {m.request: m for m in plan.meetings}
    return [Line(_concerns(change, plan), _sentence(change, zone, names, meetings))
            for change in plan.changes]


def _concerns(change: Change, plan: Plan) -> frozenset[str]:
    if change.member:
        return frozenset({change.member})
    return frozenset(person for m in plan.meetings if m.request == change.request
                     for person in (*m.attendees, *m.optional))


def _sentence(change: Change, zone: ZoneInfo, names: dict[str, str],
              meetings: dict[str, PlacedMeeting]) -> str:
    def when(moment: datetime | None) -> str:
        return _moment(moment.astimezone(zone)) if moment else "?"

    what: str
    if change.block:
        block = {"lunch": gettext("Lunch"), "focus": gettext("Focus time")}.get(change.block, change.block)
        who = names.get(change.member or "", change.member)
        what = gettext("%(name)s's %(block)s", name=who, block=block)
    else:
        meeting = meetings.get(change.request or "")
        what = meeting.title if meeting is not None else str(change.request)
    if change.kind == "moved":
        return gettext("%(what)s moved from %(before)s to %(after)s: %(reason)s", what=what,
                       before=when(change.before), after=when(change.after), reason=change.reason)
    if change.kind == "added":
        return gettext("%(what)s added on %(after)s: %(reason)s", what=what, after=when(change.after),
                       reason=change.reason)
    return gettext("%(what)s on %(before)s dropped: %(reason)s", what=what, before=when(change.before),
                   reason=change.reason)


def _moment(moment: datetime) -> str:
    """`ma 14 dec 09:30`, `Mon 14 Dec 09:30`: the day the language's way, the time 24-hour."""
    return f"{formats.day(moment.date(), padded=True)} {formats.clock(moment)}"


def own_week(plan: Plan, member: str) -> Iterator[str]:
    zone = ZoneInfo(plan.timezone)
    days = plan.office_days.get(member, ())
    yield gettext("At the office: %(days)s",
                  days=", ".join(formats.day(d, padded=True) for d in days) or gettext("no day"))
    for m in sorted(plan.meetings, key=lambda m: m.start):
        if member in m.attendees or member in m.optional:
            yield f"{m.title}: {_moment(m.start.astimezone(zone))}-{formats.clock(m.end.astimezone(zone))}"


def tell_team(app: Flask, run_id: int) -> int:
    """Mail the members about the run's plan; how many messages went out."""
    with sessions(app)() as db:
        run = db.get(CycleRun, run_id)
        team = db.get(Team, run.team_id) if run is not None else None
        if run is None or team is None or run.status != "done":
            return 0
        history = db.scalars(select(StoredPlan).where(StoredPlan.team_id == team.id,
                                                      StoredPlan.week == run.week)
                             .order_by(StoredPlan.id.desc()).limit(2)).all()
        plan = plan_from_json(json.loads(history[0].plan_json))
        new_week = len(history) == 1
        lines = change_lines(plan)
        if not new_week and not lines:
            return 0  # a re-plan that moved nothing: nothing to tell
        people = [(m.id, m.key, m.name, m.email) for m in team.members if m.email and m.notify]
        team_name, base, language = team.name, app.config["BASE_URL"] or "", team.language
    sent = 0
    with app.app_context(), use(language):  # the team's language: the lines and the label too
        lines = change_lines(plan)
        for member_id, key, name, email in people:
            mine = [line.text for line in lines if key in line.concerns]
            others = [line.text for line in lines if key not in line.concerns]
            problem = send(email, "planned", limited=False, language=language, name=name, team=team_name,
                           label=iso_label(plan.week), new_week=new_week, mine=mine, others=others,
                           week=list(own_week(plan, key)),
                           url=f"{base}/me/{member_id}?week={plan.week.isoformat()}")
            sent += problem is None
    return sent


def register(app: Flask) -> None:
    """Mail after each run of the cycle."""
    app.extensions.setdefault("rhythm.after_cycle", []).append(tell_team)


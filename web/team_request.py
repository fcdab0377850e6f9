"""A stored team as the v1 request: what the forms check before saving and what a plan job
solves. Uploaded calendars travel inline, as API clients send them, so a job needs nothing
but its request.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from scheduler.errors import Problem, RequestError
from scheduler.request import parse_request
from store.models import Meeting, Member, Team

Json = dict[str, Any]


def next_monday(timezone: str, today: date | None = None) -> date:
    """The Monday after today in the team's zone: the week "Plan next week" plans."""
    today = today or datetime.now(ZoneInfo(timezone)).date()
    return today + timedelta(days=7 - today.weekday())


def member_json(member: Member) -> Json:
    data: Json = {"id": member.key, "name": member.name,
                  "working_hours": {"start": member.work_start, "end": member.work_end}}
    if member.email:
        data["email"] = member.email
    if member.timezone:
        data["timezone"] = member.timezone
    calendars: list[Any] = [member.calendar_address] if member.calendar_address else []
    if member.ics_text:
        calendars.append({"ics": member.ics_text})
    if calendars:
        data["calendars"] = calendars
    if member.office_never or member.office_always:
        data["office"] = {"never": list(member.office_never), "always": list(member.office_always)}
    return data


def meeting_json(meeting: Meeting) -> Json:
    return {"id": meeting.key, "title": meeting.title, "minutes": meeting.minutes,
            "attendees": meeting.attendees, "optional": list(meeting.optional),
            "per_week": meeting.per_week, "where": meeting.where}


def team_request(team: Team, week: date, *, rules: Json | None = None,
                 members: list[Json] | None = None, meetings: list[Json] | None = None,
                 name: str | None = None, timezone: str | None = None) -> Json:
    """The team's v1 request for `week`; keyword parts replace the stored ones (a form's draft)."""
    return {
        "version": 1,
        "team": name if name is not None else team.name,
        "timezone": timezone if timezone is not None else team.timezone,
        "week": week.isoformat(),
        "rules": {k: v for k, v in (rules if rules is not None else team.rules).items() if v is not None},
        "members": members if members is not None else [member_json(m) for m in team.members],
        "meetings": meetings if meetings is not None else [meeting_json(m) for m in team.meetings],
    }


def problems_of(data: Json, *, allow_no_members: bool = True) -> list[Problem]:
    """What `parse_request` finds wrong; a team still without members is not wrong yet."""
    try:
        parse_request(data)
    except RequestError as error:
        return [p for p in error.problems if not (allow_no_members and p.path == "members"
                                                   and not data["members"])]
    return []


def replaced(items: list[Json], index: int | None, item: Json) -> tuple[list[Json], int]:
    """The list with `item` at `index` (None: added at the end), and where it now is."""
    items = list(items)
    if index is None:
        items.append(item)
        return items, len(items) - 1
    items[index] = item
    return items, index

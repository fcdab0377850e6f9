"""The data work migrations leave pending (`store/pending.py`), done with today's connectors.

`calendar-facts-v2` (migration 0005): every stored calendar (uploads, and the inline calendars
of stored requests and jobs) rebuilt by the reduction new uploads get at the door
(`connectors/ics/minimise.py`), so no word of a calendar stored before stays in the database.
SQLite overwrites what it replaces (`secure_delete`), so the old text does not linger in the
file's free pages. A calendar that no longer reads is replaced by an empty one.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from connectors.ics.minimise import minimise_ics, minimise_request
from connectors.timezones import zone_named
from scheduler.errors import CalendarError
from store.models import Job, Member, StoredPlan, Team
from store.pending import Handler

EMPTY = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rhythm//planning facts only//EN\r\nEND:VCALENDAR\r\n"
LABEL = "calendar uploaded earlier"


def calendar_facts_v2(db: Session) -> None:
    if db.get_bind().dialect.name == "sqlite":
        db.execute(text("PRAGMA secure_delete = ON"))
    for member, timezone in db.execute(select(Member, Team.timezone).join(Team, Team.id == Member.team_id)
                                       .where(Member.ics_text.is_not(None))).all():
        if (ics := member.ics_text) is not None:  # always: the query reads only those
            member.ics_text = _calendar(ics, timezone, LABEL)
    for row in [*db.scalars(select(StoredPlan)), *db.scalars(select(Job))]:
        row.request_json = _request(row.request_json)


HANDLERS: dict[str, Handler] = {"calendar-facts-v2": calendar_facts_v2}


def _calendar(ics: str, timezone: str, label: str | None) -> str:
    zone = timezone if zone_named(timezone) is not None else "UTC"
    today = datetime.now(ZoneInfo(zone)).date()
    week = today + timedelta(days=7 - today.weekday())
    try:
        return minimise_ics(ics, "stored calendar", week=week, timezone=zone, label=label)
    except CalendarError:
        return EMPTY


def _request(stored: str) -> str:
    data: Any = json.loads(stored)
    try:
        return json.dumps(minimise_request(data))
    except CalendarError:  # one no longer reads: it is emptied, the others rebuilt
        pass
    for member in data.get("members", []) if isinstance(data, dict) else []:
        calendars = member.get("calendars", []) if isinstance(member, dict) else []
        for j, ref in enumerate(calendars):
            if isinstance(ref, dict) and isinstance(ref.get("ics"), str):
                calendars[j] = {"ics": _calendar(ref["ics"], str(data.get("timezone", "UTC")), None)}
    return json.dumps(data)

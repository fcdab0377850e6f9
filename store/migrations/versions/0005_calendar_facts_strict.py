"""Stored calendars rebuilt from planning facts only, and uploads no longer named by their file

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 09:00:00

Migration 0002 filtered stored calendars by property name, which left words in them: events
nested in a VTIMEZONE or an unknown component (their titles, attendees and UIDs), the text of
VTIMEZONE properties, property parameters, RRULE X-parts, free-text STATUS and busy-status
values (issue 20.2); the example team's calendars were stored whole. Uploaded calendars
(`members.ics_text`) and the inline calendars of stored requests (`plans.request_json`,
`jobs.request_json`) are rebuilt by `connectors.ics.minimise` as new ones are at the door, and
an upload's file name (`members.ics_name`, the user's words) becomes a neutral label. The
lines of the files these copies came from are not known any more: later warnings give none.
A calendar that no longer reads is replaced by an empty one. The downgrade changes nothing.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

from connectors.ics.minimise import minimise_ics, minimise_request
from connectors.timezones import zone_named
from scheduler.errors import CalendarError

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

EMPTY = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rhythm//planning facts only//EN\r\nEND:VCALENDAR\r\n"
LABEL = "calendar uploaded earlier"


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        # Overwrite what is replaced, so the old text does not linger in the file's free pages.
        connection.exec_driver_sql("PRAGMA secure_delete = ON")
    members = sa.table("members", sa.column("id", sa.Integer), sa.column("team_id", sa.Integer),
                       sa.column("ics_text", sa.Text), sa.column("ics_name", sa.String))
    teams = sa.table("teams", sa.column("id", sa.Integer), sa.column("timezone", sa.String))
    rows = connection.execute(sa.select(members.c.id, members.c.ics_text, teams.c.timezone)
                              .join(teams, teams.c.id == members.c.team_id)
                              .where(members.c.ics_text.is_not(None))).all()
    for row in rows:
        connection.execute(members.update().where(members.c.id == row.id)
                           .values(ics_text=_calendar(row.ics_text, row.timezone), ics_name=LABEL))
    for name, key in (("plans", sa.Integer), ("jobs", sa.String)):
        table = sa.table(name, sa.column("id", key), sa.column("request_json", sa.Text))
        for row in connection.execute(sa.select(table.c.id, table.c.request_json)).all():
            connection.execute(table.update().where(table.c.id == row.id)
                               .values(request_json=_request(row.request_json)))


def downgrade() -> None:
    pass  # what was dropped is gone


def _calendar(text: str, timezone: str, label: str | None = LABEL) -> str:
    zone = timezone if zone_named(timezone) is not None else "UTC"
    today = datetime.now(ZoneInfo(zone)).date()
    week = today + timedelta(days=7 - today.weekday())
    try:
        return minimise_ics(text, "stored calendar", week=week, timezone=zone, label=label)
    except CalendarError:
        return EMPTY


def _request(text: str) -> str:
    data = json.loads(text)
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

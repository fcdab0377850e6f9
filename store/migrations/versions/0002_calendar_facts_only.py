"""Calendars stored as planning facts only: titles, descriptions, places and attendees dropped

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 03:58:00

Uploaded calendars (`members.ics_text`) and the inline calendars inside stored requests
(`plans.request_json`, `jobs.request_json`) are reduced by `connectors.ics.minimise`, as
new ones are at the door. A calendar that no longer reads is replaced by an empty one: it
could not be planned from anyway. There is no way back: the downgrade changes nothing.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from connectors.ics.minimise import minimise_ics, minimise_request
from scheduler.errors import CalendarError

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

EMPTY = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rhythm//planning facts only//EN\r\nEND:VCALENDAR\r\n"


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        # Overwrite what is replaced, so the old text does not linger in the file's free pages.
        connection.exec_driver_sql("PRAGMA secure_delete = ON")
    members = sa.table("members", sa.column("id", sa.Integer), sa.column("ics_text", sa.Text))
    for row in connection.execute(sa.select(members.c.id, members.c.ics_text)
                                  .where(members.c.ics_text.is_not(None))):
        connection.execute(members.update().where(members.c.id == row.id)
                           .values(ics_text=_calendar(row.ics_text)))
    for name, key in (("plans", sa.Integer), ("jobs", sa.String)):
        table = sa.table(name, sa.column("id", key), sa.column("request_json", sa.Text))
        for row in connection.execute(sa.select(table.c.id, table.c.request_json)):
            connection.execute(table.update().where(table.c.id == row.id)
                               .values(request_json=_request(row.request_json)))


def downgrade() -> None:
    pass  # what was dropped is gone


def _calendar(text: str) -> str:
    try:
        return minimise_ics(text, "stored calendar")
    except CalendarError:
        return EMPTY


def _request(text: str) -> str:
    data = json.loads(text)
    for member in data.get("members", []) if isinstance(data, dict) else []:
        calendars = member.get("calendars", []) if isinstance(member, dict) else []
        for j, ref in enumerate(calendars):
            if isinstance(ref, dict) and isinstance(ref.get("ics"), str):
                calendars[j] = {"ics": _calendar(ref["ics"])}
    return json.dumps(minimise_request(data))

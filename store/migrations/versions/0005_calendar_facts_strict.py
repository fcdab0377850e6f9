"""Stored calendars rebuilt from planning facts only, and uploads no longer named by their file

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 09:00:00

Migration 0002 filtered stored calendars by property name, which left words in them: events
nested in a VTIMEZONE or an unknown component (their titles, attendees and UIDs), the text of
VTIMEZONE properties, property parameters, RRULE X-parts, free-text STATUS and busy-status
values (issue 20.2); the example team's calendars were stored whole. An upload's file name
(`members.ics_name`, the user's words) becomes a neutral label here. Rebuilding the calendars
(`members.ics_text`, the inline calendars of `plans.request_json` and `jobs.request_json`)
takes the reader of today, which a migration may not import: this one leaves the pending task
`calendar-facts-v2` (`store/pending.py`), which `web/maintenance.py` runs right after the
upgrade, in the same start of `rhythm serve`. The downgrade changes nothing.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

LABEL = "calendar uploaded earlier"


def upgrade() -> None:
    tasks = op.create_table("pending_tasks", sa.Column("name", sa.String(80), primary_key=True))
    op.bulk_insert(tasks, [{"name": "calendar-facts-v2"}])
    members = sa.table("members", sa.column("ics_text", sa.Text), sa.column("ics_name", sa.String))
    op.execute(members.update().where(members.c.ics_text.is_not(None)).values(ics_name=LABEL))


def downgrade() -> None:
    op.drop_table("pending_tasks")  # the calendars rebuilt stay rebuilt: what was dropped is gone

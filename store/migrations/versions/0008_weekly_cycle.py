"""The weekly cycle: when each team's coming weeks are planned, the claim of each run, the
members' choices (e-mails about new plans, syncing them), and each member's calendars as
last read (for a week their source cannot be read)

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-07 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "team_cycles",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("weekday", sa.String(length=3), nullable=False),
        sa.Column("at", sa.String(length=5), nullable=False),
        sa.Column("weeks_ahead", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("team_id"),
    )
    op.create_table(
        "cycle_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("due", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("job_id", sa.String(length=32), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "week", "due"),
    )
    with op.batch_alter_table("cycle_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cycle_runs_team_id"), ["team_id"], unique=False)
    op.create_table(
        "calendar_snapshots",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=False),
        sa.Column("facts_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("member_id"),
    )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("notify", sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column("auto_sync", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_column("auto_sync")
        batch_op.drop_column("notify")
    op.drop_table("calendar_snapshots")
    op.drop_table("cycle_runs")
    op.drop_table("team_cycles")

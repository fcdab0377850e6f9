"""Plan jobs carry a lease and their time budget

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 14:30:00

A job is solved by whoever holds its lease (`jobs.lease_until`, renewed every few seconds
while the solve runs); a worker killed mid-solve stops renewing it, and the job is failed once
it has expired, so the team can plan again (issue 22.14). `started_at` and `limit_seconds`
let the job page show the time spent against the job's one deadline; `cancelled` is a status.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("started_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("lease_until", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("limit_seconds", sa.Float(), nullable=True))
        batch.create_index("ix_jobs_status", ["status"])


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_index("ix_jobs_status")
        batch.drop_column("limit_seconds")
        batch.drop_column("lease_until")
        batch.drop_column("started_at")

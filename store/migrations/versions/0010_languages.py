"""Languages: an account's own (None: the browser's Accept-Language) and a team's, for what
the team shares (calendar block titles, e-mails to the team)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 14:30:00

Teams planned before this had English calendar blocks: they keep English until a manager
chooses otherwise.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as users:
        users.add_column(sa.Column("language", sa.String(8), nullable=True))
    with op.batch_alter_table("teams") as teams:
        teams.add_column(sa.Column("language", sa.String(8), nullable=False, server_default="en"))


def downgrade() -> None:
    with op.batch_alter_table("teams") as teams:
        teams.drop_column("language")
    with op.batch_alter_table("users") as users:
        users.drop_column("language")

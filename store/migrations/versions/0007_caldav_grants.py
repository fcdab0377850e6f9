"""CalDAV collections granted to teams (issue 22: no team names another's collection)

Revision ID: 0007
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('caldav_grants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('collection', sa.String(length=2000), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('team_id', 'collection')
    )
    with op.batch_alter_table('caldav_grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_caldav_grants_team_id'), ['team_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('caldav_grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_caldav_grants_team_id'))
    op.drop_table('caldav_grants')

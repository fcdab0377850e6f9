"""Organisation weeks and coffee pairs (the history of coffee rounds)

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('org_weeks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation', sa.String(length=100), nullable=False),
    sa.Column('week', sa.Date(), nullable=False),
    sa.Column('summary_json', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('organisation', 'week')
    )
    with op.batch_alter_table('org_weeks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_org_weeks_organisation'), ['organisation'], unique=False)
    op.create_table('coffee_pairs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation', sa.String(length=100), nullable=False),
    sa.Column('week', sa.Date(), nullable=False),
    sa.Column('person_a', sa.String(length=64), nullable=False),
    sa.Column('person_b', sa.String(length=64), nullable=False),
    sa.Column('email_a', sa.String(length=254), nullable=True),
    sa.Column('email_b', sa.String(length=254), nullable=True),
    sa.Column('name_a', sa.String(length=200), nullable=False),
    sa.Column('name_b', sa.String(length=200), nullable=False),
    sa.Column('building', sa.String(length=100), nullable=False),
    sa.Column('start', sa.DateTime(), nullable=False),
    sa.Column('end', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('coffee_pairs', schema=None) as batch_op:
        batch_op.create_index('coffee_pairs_round', ['organisation', 'week'], unique=False)
        batch_op.create_index(batch_op.f('ix_coffee_pairs_email_a'), ['email_a'], unique=False)
        batch_op.create_index(batch_op.f('ix_coffee_pairs_email_b'), ['email_b'], unique=False)


def downgrade() -> None:
    op.drop_table('coffee_pairs')
    op.drop_table('org_weeks')

"""Identity: confirmed addresses, one-time links, Microsoft sign-ins by tenant and object id,
members linked to the account that accepted their invitation, session versions, and who may
open an organisation's page

Revision ID: 0004
Revises: 0003

Accounts made before this revision never proved their address: they stay, unconfirmed, so
they reach no member until the person opens a confirmation link (or resets the password).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('email', existing_type=sa.String(length=254), nullable=True)
        batch_op.add_column(sa.Column('email_confirmed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='0', nullable=False))
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('user_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_members_user_id'), ['user_id'], unique=False)
        batch_op.create_foreign_key('fk_members_user_id_users', 'users', ['user_id'], ['id'],
                                    ondelete='SET NULL')
    with op.batch_alter_table('org_weeks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('viewers', sa.JSON(), server_default='[]', nullable=False))
    op.create_table('one_time_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=16), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('digest')
    )
    with op.batch_alter_table('one_time_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_one_time_links_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_one_time_links_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_one_time_links_purpose'), ['purpose'], unique=False)
        batch_op.create_index(batch_op.f('ix_one_time_links_user_id'), ['user_id'], unique=False)
    op.create_table('microsoft_identities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.String(length=36), nullable=False),
    sa.Column('object_id', sa.String(length=36), nullable=False),
    sa.Column('mailbox', sa.String(length=254), nullable=False),
    sa.Column('connected_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('tenant_id', 'object_id')
    )
    with op.batch_alter_table('microsoft_identities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_microsoft_identities_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    op.drop_table('microsoft_identities')
    op.drop_table('one_time_links')
    with op.batch_alter_table('org_weeks', schema=None) as batch_op:
        batch_op.drop_column('viewers')
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_constraint('fk_members_user_id_users', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_members_user_id'))
        batch_op.drop_column('user_id')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_version')
        batch_op.drop_column('email_confirmed_at')
        # Accounts without an address cannot stay: they signed in with Microsoft only.
        batch_op.execute("DELETE FROM users WHERE email IS NULL")
        batch_op.alter_column('email', existing_type=sa.String(length=254), nullable=False)

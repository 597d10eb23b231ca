"""Team areas, outings and targets (issue 12): three synced tables, a group's current team, a visit's outing

Revision ID: 0005p
Revises: 0004f
Create Date: 2026-12-01

A group's team (residential_groups.team_id) and a visit's outing (visits.outing_id) are nullable:
groups and visits recorded before this have none. The new tables start empty; the office's and
the leaders' rows arrive by sync.
"""
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0005p'
down_revision = '0004f'
branch_labels = None
depends_on = None


def _synced_columns() -> list[Any]:
    """The columns every synced table shares (model/base.Synced), fresh for each table."""
    return [
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('ward_id', sa.String(length=36), nullable=True),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('clocks', sa.JSON(), nullable=False),
        sa.Column('server_seq', sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    ]


def upgrade() -> None:
    with op.batch_alter_table('residential_groups') as batch_op:
        batch_op.add_column(sa.Column('team_id', sa.String(length=36), nullable=True))
    with op.batch_alter_table('visits') as batch_op:
        batch_op.add_column(sa.Column('outing_id', sa.String(length=36), nullable=True))
        batch_op.create_index('ix_visits_outing_id', ['outing_id'], unique=False)
    op.create_table('area_assignments',
                    sa.Column('group_id', sa.String(length=36), nullable=True),
                    sa.Column('team_id', sa.String(length=36), nullable=True),
                    sa.Column('from_team_id', sa.String(length=36), nullable=True),
                    sa.Column('from_date', sa.Date(), nullable=True),
                    sa.Column('made_by', sa.String(length=36), nullable=True),
                    sa.Column('made_at', sa.DateTime(), nullable=True),
                    *_synced_columns())
    op.create_table('outings',
                    sa.Column('team_id', sa.String(length=36), nullable=True),
                    sa.Column('day', sa.Date(), nullable=True),
                    sa.Column('members', sa.JSON(), nullable=False),
                    sa.Column('planned', sa.JSON(), nullable=False),
                    sa.Column('started_at', sa.DateTime(), nullable=True),
                    sa.Column('ended_at', sa.DateTime(), nullable=True),
                    sa.Column('notes', sa.Text(), nullable=False),
                    sa.Column('led_by', sa.String(length=36), nullable=True),
                    *_synced_columns())
    op.create_table('targets',
                    sa.Column('team_id', sa.String(length=36), nullable=True),
                    sa.Column('period_start', sa.Date(), nullable=True),
                    sa.Column('period_end', sa.Date(), nullable=True),
                    sa.Column('metric', sa.String(length=40), nullable=False),
                    sa.Column('value', sa.Integer(), nullable=False),
                    *_synced_columns())
    for table, indexed in (('area_assignments', 'group_id'), ('outings', 'team_id'), ('targets', 'team_id')):
        op.create_index(f'ix_{table}_server_seq', table, ['server_seq'])
        op.create_index(f'ix_{table}_ward_id', table, ['ward_id'])
        op.create_index(f'ix_{table}_{indexed}', table, [indexed])


def downgrade() -> None:
    for table in ('targets', 'outings', 'area_assignments'):
        op.drop_table(table)
    with op.batch_alter_table('visits') as batch_op:
        batch_op.drop_index('ix_visits_outing_id')
        batch_op.drop_column('outing_id')
    with op.batch_alter_table('residential_groups') as batch_op:
        batch_op.drop_column('team_id')

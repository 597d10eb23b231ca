"""residents.card_issued_on (the scanned chip card's issue date) and plan_entries (a team's day plan)

Revision ID: 0005r
Revises: 0005p
Create Date: 2026-12-01

The reach list of ID cards due for renewal needs the card's issue date: the CCCD QR carries it,
and the scan now keeps it. The day's plan ("Hôm nay") is computed from follow-ups, dossiers,
priority households and the reach lists; a plan entry holds what people changed on it (a
leader added or dropped a household) and how a household went (done, not at home), and syncs.
"""
import sqlalchemy as sa
from alembic import op

revision = '0005r'
down_revision = '0005p'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('residents') as batch_op:
        batch_op.add_column(sa.Column('card_issued_on', sa.Date(), nullable=True))
    op.create_table('plan_entries',
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.Column('plan_date', sa.Date(), nullable=True),
    sa.Column('household_id', sa.String(length=36), nullable=True),
    sa.Column('adjustment', sa.String(length=10), nullable=False),
    sa.Column('mark', sa.String(length=10), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('changed_by', sa.String(length=36), nullable=True),
    sa.Column('changed_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('ward_id', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.JSON(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('plan_entries') as batch_op:
        batch_op.create_index('ix_plan_entries_server_seq', ['server_seq'], unique=False)
        batch_op.create_index('ix_plan_entries_team_day', ['team_id', 'plan_date'], unique=False)
        batch_op.create_index('ix_plan_entries_ward_id', ['ward_id'], unique=False)


def downgrade() -> None:
    op.drop_table('plan_entries')
    with op.batch_alter_table('residents') as batch_op:
        batch_op.drop_column('card_issued_on')

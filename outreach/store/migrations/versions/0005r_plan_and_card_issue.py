"""residents.card_issued_on (the scanned chip card's issue date) and plan_entries (a team's day plan)

Revision ID: 0005r
Revises: 0005p
Create Date: 2026-12-01

The reach list of ID cards due for renewal needs the card's issue date: the CCCD QR carries it,
and the scan now keeps it. The day's plan ("Hôm nay") is computed from follow-ups, dossiers,
priority households and the reach lists; a plan entry holds what people changed on it (a
leader added or dropped a household) and how a household went (done, not at home), and syncs.
Four covering indexes let the reach lists and the plan read residents, households and visits
without their rows (on the large ward a list read through the rows cost 0.5-2 s: an encrypted
page is decrypted for every row touched).
"""
import sqlalchemy as sa
from alembic import op

revision = '0005r'
down_revision = '0005p'
branch_labels = None
depends_on = None


#: (table, index, columns): the covering indexes of the reach lists and the day's plan
COVERING = (
    ('households', 'ix_households_plan', ['deleted', 'group_id', 'id', 'head_name', 'address', 'phone', 'elderly_alone',
                                          'disabled', 'policy_family', 'poor_household']),
    ('residents', 'ix_residents_reach', ['deleted', 'date_of_birth', 'vneid_level', 'card_issued_on', 'personal_id', 'old_id',
                                         'household_id', 'full_name', 'id']),
    ('visits', 'ix_visits_reached', ['household_id', 'deleted', 'outcome', 'started_at']),
    ('visits', 'ix_visits_open_follow_up', ['follow_up_done', 'deleted', 'follow_up_date', 'team_id', 'household_id']),
)


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
    for table, index, columns in COVERING:
        op.create_index(index, table, columns)


def downgrade() -> None:
    for table, index, _columns in COVERING:
        op.drop_index(index, table_name=table)
    op.drop_table('plan_entries')
    with op.batch_alter_table('residents') as batch_op:
        batch_op.drop_column('card_issued_on')

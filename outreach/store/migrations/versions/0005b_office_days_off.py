"""office_days_off (synced): the ward office's extra days off; one_stop_dossiers, one_stop_imports (local)

Revision ID: 0005b
Revises: 0005g
Create Date: 2026-12-01

Expected result dates and overdue dossiers count Vietnamese working days; the public holidays
come from the ``holidays`` library, the days the ward office itself is closed from this synced
table, which the office sets (``outreach-server days-off``) and laptops pull.

The one-stop tables hold the ward one-stop system's register the leader imports for the
"contribution to the ward's figures" (laptop only, never synced: services/one_stop.py).

Four covering indexes keep the coverage report within its second on a large ward
(benchmarks/reports_coverage.py): the households per group and priority flag, the visits and
filings of the period and the 12-week trend, and the open follow-ups (a partial index). Each
lets SQLite count without reading the wide synced rows (their JSON clocks, addresses, notes).
"""
import sqlalchemy as sa
from alembic import op

revision = '0005b'
down_revision = '0005g'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('office_days_off',
    sa.Column('day', sa.Date(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('ward_id', sa.String(length=36), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.JSON(), nullable=False),
    sa.Column('server_seq', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('office_days_off', schema=None) as batch_op:
        batch_op.create_index('ix_office_days_off_server_seq', ['server_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_office_days_off_ward_id'), ['ward_id'], unique=False)
    op.create_table('one_stop_dossiers',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('dossier_code', sa.String(length=60), nullable=False),
    sa.Column('procedure', sa.String(length=300), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('one_stop_dossiers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_one_stop_dossiers_dossier_code'), ['dossier_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_one_stop_dossiers_received_on'), ['received_on'], unique=False)
    op.create_index('ix_households_coverage', 'households', ['deleted', 'group_id', 'ward_id', 'id', 'elderly_alone', 'disabled',
                                                            'policy_family', 'poor_household'])
    op.create_index('ix_visits_report', 'visits', ['started_at', 'deleted', 'ward_id', 'team_id', 'volunteer_id', 'household_id',
                                                   'outcome', 'satisfaction', 'id'])
    op.create_index('ix_visits_open_follow_ups', 'visits', ['follow_up_date', 'ward_id', 'team_id', 'volunteer_id', 'household_id'],
                    sqlite_where=sa.text('follow_up_done IS 0 AND follow_up_date IS NOT NULL AND deleted IS 0'))
    op.create_index('ix_filings_report', 'filings', ['visit_id', 'deleted', 'resident_id', 'procedure_code', 'status',
                                                     'fee_paid_online', 'channel', 'electronic_result', 'dossier'])
    op.create_table('one_stop_imports',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('period_from', sa.Date(), nullable=False),
    sa.Column('period_to', sa.Date(), nullable=False),
    sa.Column('file_name', sa.String(length=260), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('imported_by', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    for table, index in (('filings', 'ix_filings_report'), ('visits', 'ix_visits_open_follow_ups'), ('visits', 'ix_visits_report'),
                         ('households', 'ix_households_coverage')):
        op.drop_index(index, table_name=table)
    op.drop_table('one_stop_imports')
    with op.batch_alter_table('one_stop_dossiers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_one_stop_dossiers_received_on'))
        batch_op.drop_index(batch_op.f('ix_one_stop_dossiers_dossier_code'))
    op.drop_table('one_stop_dossiers')
    with op.batch_alter_table('office_days_off', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_office_days_off_ward_id'))
        batch_op.drop_index('ix_office_days_off_server_seq')
    op.drop_table('office_days_off')

"""filings.channel (online / postal / counter), filings.electronic_result, two covering indexes

Revision ID: 0004f
Revises: 0004c
Create Date: 2026-12-01

A procedure's catalogue level is not the channel a dossier used, so the coverage report could
not say how many dossiers went in online; whether the result came back electronically was not
recorded at all. Both columns are nullable: filings recorded before this have neither. The
coverage report counts residents aged 14+ by VNeID level and the dossiers waiting for their
result through covering indexes (a large ward's 60,000 resident and 40,000 filing rows cost a
third of a second each to read).
"""
import sqlalchemy as sa
from alembic import op

revision = '0004f'
down_revision = '0004c'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('filings') as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('electronic_result', sa.Boolean(), nullable=True))
    op.create_index('ix_filings_waiting', 'filings', ['status', 'deleted', 'ward_id', 'visit_id', 'procedure_code', 'submitted_at'])
    op.create_index('ix_residents_vneid_age', 'residents', ['deleted', 'date_of_birth', 'vneid_level', 'ward_id', 'household_id'])


def downgrade() -> None:
    op.drop_index('ix_residents_vneid_age', table_name='residents')
    op.drop_index('ix_filings_waiting', table_name='filings')
    with op.batch_alter_table('filings') as batch_op:
        batch_op.drop_column('electronic_result')
        batch_op.drop_column('channel')

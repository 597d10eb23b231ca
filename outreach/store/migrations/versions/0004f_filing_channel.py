"""filings.channel (online / postal / counter) and filings.electronic_result

Revision ID: 0004f
Revises: 0003
Create Date: 2026-12-01

A procedure's catalogue level is not the channel a dossier used, so the coverage report could
not say how many dossiers went in online; whether the result came back electronically was not
recorded at all. Both columns are nullable: filings recorded before this have neither.
"""
import sqlalchemy as sa
from alembic import op

revision = '0004f'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('filings') as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('electronic_result', sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('filings') as batch_op:
        batch_op.drop_column('electronic_result')
        batch_op.drop_column('channel')

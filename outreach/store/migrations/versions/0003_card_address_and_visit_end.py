"""residents.card_address (the address printed on a scanned CCCD) and visits.ended_at

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

A scanned card's address was read and then dropped; the visit's start time was all the laptop
kept of when a visit happened. Both columns are nullable: old rows have neither.
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('residents') as batch_op:
        batch_op.add_column(sa.Column('card_address', sa.String(length=300), nullable=True))
    with op.batch_alter_table('visits') as batch_op:
        batch_op.add_column(sa.Column('ended_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('visits') as batch_op:
        batch_op.drop_column('ended_at')
    with op.batch_alter_table('residents') as batch_op:
        batch_op.drop_column('card_address')

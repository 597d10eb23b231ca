"""office_days_off: the ward office's extra days off (ngày nghỉ bù, office closures)

Revision ID: 0005b
Revises: 0004f
Create Date: 2026-12-01

Expected result dates and overdue dossiers count Vietnamese working days; the public holidays
come from the ``holidays`` library, the days the ward office itself is closed from this synced
table, which the office sets (``outreach-server days-off``) and laptops pull.
"""
import sqlalchemy as sa
from alembic import op

revision = '0005b'
down_revision = '0004f'
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


def downgrade() -> None:
    with op.batch_alter_table('office_days_off', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_office_days_off_ward_id'))
        batch_op.drop_index('ix_office_days_off_server_seq')
    op.drop_table('office_days_off')

"""wards.app_lock: whether the ward's laptops ask their PIN (the app lock, on unless the office turns it off)

Revision ID: 0005w
Revises: 0004f
Create Date: 2026-12-01

Nullable: a ward row pulled before the office ever set it holds None, which means "on".
"""
import sqlalchemy as sa
from alembic import op

revision = '0005w'
down_revision = '0005d'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('wards') as batch_op:
        batch_op.add_column(sa.Column('app_lock', sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('wards') as batch_op:
        batch_op.drop_column('app_lock')

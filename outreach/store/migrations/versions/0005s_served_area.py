"""sync_state.served_area: the part of the ward this laptop was last served (issue 14)

Revision ID: 0005s
Revises: 0005p
Create Date: 2026-12-01

A volunteer's laptop holds full rows only for its team's area; when the area grows, the rows of
the groups that joined must be pulled again although the cursor has passed them. The laptop
remembers the area it holds (JSON: a list of group ids, or null for the whole ward); NULL (every
laptop before this) means "not known yet", read as the whole ward, which needs no re-pull.
"""
import sqlalchemy as sa
from alembic import op

revision = '0005s'
down_revision = '0005w'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('sync_state') as batch_op:
        batch_op.add_column(sa.Column('served_area', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('sync_state') as batch_op:
        batch_op.drop_column('served_area')

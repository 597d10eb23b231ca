"""residents.card_address and visits.ended_at, as on the laptops (client migration 0003).

Revision ID: s0003
Revises: s0002
Create Date: 2026-12-01

s0001 builds the entity tables from the model as it is when it runs, so a database created after
this change already has both columns; only one created before it gets them here.
"""

import sqlalchemy as sa
from alembic import op

revision = "s0003"
down_revision = "s0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from outreach.server.migration_steps import add_missing_columns

    add_missing_columns("residents", [sa.Column("card_address", sa.String(length=300), nullable=True)])
    add_missing_columns("visits", [sa.Column("ended_at", sa.DateTime(), nullable=True)])


def downgrade() -> None:
    with op.batch_alter_table("visits") as batch_op:
        batch_op.drop_column("ended_at")
    with op.batch_alter_table("residents") as batch_op:
        batch_op.drop_column("card_address")

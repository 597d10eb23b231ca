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


NEW_COLUMNS = (
    ("residents", sa.Column("card_address", sa.String(length=300), nullable=True)),
    ("visits", sa.Column("ended_at", sa.DateTime(), nullable=True)),
)


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    for table, column in NEW_COLUMNS:
        if column.name not in {c["name"] for c in inspector.get_columns(table)}:
            op.add_column(table, column)


def downgrade() -> None:
    with op.batch_alter_table("visits") as batch_op:
        batch_op.drop_column("ended_at")
    with op.batch_alter_table("residents") as batch_op:
        batch_op.drop_column("card_address")

"""households.merged_into, residents.merged_into and duplicate_pairs, as on the laptops (0005d).

Revision ID: s0006d
Revises: s0005f
Create Date: 2026-12-01

s0001 builds the entity tables from the model as it is when it runs, so a database created after
this change already has the columns and the table; one created before gets them here (the table
from the model itself, as s0001 would have made it).
"""

import sqlalchemy as sa
from alembic import op

revision = "s0006d"
down_revision = "s0006b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from outreach.model import DuplicatePair
    from outreach.model.base import table_of
    from outreach.server.migration_steps import add_missing_columns

    for table in ("households", "residents"):
        add_missing_columns(table, [sa.Column("merged_into", sa.String(length=36), nullable=True)])
    table_of(DuplicatePair).create(op.get_bind(), checkfirst=True)


def downgrade() -> None:
    op.drop_table("duplicate_pairs")
    for table in ("residents", "households"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("merged_into")

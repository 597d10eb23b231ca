"""filings.channel and filings.electronic_result, as on the laptops (client migration 0004f).

Revision ID: s0005f
Revises: s0005c
Create Date: 2026-12-01

s0001 builds the entity tables from the model as it is when it runs, so a database created after
this change already has both columns; only one created before it gets them here. The laptops'
ix_residents_vneid_age and ix_filings_waiting serve their coverage report only: the server drops
them, as s0002 does the other client query indexes.
"""

import sqlalchemy as sa
from alembic import op

revision = "s0005f"
down_revision = "s0005c"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from outreach.server.migration_steps import add_missing_columns

    add_missing_columns("filings", [sa.Column("channel", sa.String(length=10), nullable=True),
                                    sa.Column("electronic_result", sa.Boolean(), nullable=True)])
    inspector = sa.inspect(op.get_bind())
    for table, index in (("residents", "ix_residents_vneid_age"), ("filings", "ix_filings_waiting")):
        if index in {i["name"] for i in inspector.get_indexes(table)}:
            op.drop_index(index, table_name=table)


def downgrade() -> None:
    with op.batch_alter_table("filings") as batch_op:
        batch_op.drop_column("electronic_result")
        batch_op.drop_column("channel")

"""The living catalogue's procedure columns, as on the laptops (client migration 0004c).

Revision ID: s0005c
Revises: s0004
Create Date: 2026-12-01

s0001 builds the entity tables from the model as it is when it runs, so a database created after
this change already has the columns; only one created before it gets them here.
"""

import sqlalchemy as sa
from alembic import op

revision = "s0005c"
down_revision = "s0004"
branch_labels = None
depends_on = None

def _new_columns() -> tuple[sa.Column, ...]:  # fresh objects: a Column belongs to one table
    return (
        sa.Column("formality_id", sa.String(length=36), nullable=True),
        sa.Column("case_codes", sa.JSON(), nullable=True),
        sa.Column("short_name", sa.String(length=100), nullable=True),
        sa.Column("executing_body", sa.String(length=300), nullable=True),
        sa.Column("channels", sa.JSON(), nullable=True),
        sa.Column("province_overrides", sa.JSON(), nullable=True),
        sa.Column("papers", sa.JSON(), nullable=True),
        sa.Column("any_commune", sa.Boolean(), nullable=True),
        sa.Column("effective_from", sa.Date(), nullable=True),
        sa.Column("repealed_from", sa.Date(), nullable=True),
        sa.Column("replaced_by", sa.String(length=20), nullable=True),
    )


def upgrade() -> None:
    from outreach.server.migration_steps import add_missing_columns

    add_missing_columns("procedures", _new_columns())


def downgrade() -> None:
    with op.batch_alter_table("procedures") as batch_op:
        for column in reversed(_new_columns()):
            batch_op.drop_column(column.name)

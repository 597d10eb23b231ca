"""Team areas, outings and targets, as on the laptops (client migration 0005p).

Revision ID: s0006p
Revises: s0005f
Create Date: 2026-12-01

s0001 builds the entity tables from the model as it is when it runs, so a database created after
this change already has the tables and columns; only one created before gets them here. Either
way the server keeps only the indexes it reads (server_seq, and its own ward + seq index for the
pull), not the laptops' query indexes (as s0002 and s0005f).
"""

import sqlalchemy as sa
from alembic import op

revision = "s0006p"
down_revision = "s0005f"
branch_labels = None
depends_on = None

NEW_TABLES = ("area_assignments", "outings", "targets")
#: the laptops' query indexes on what this revision adds, as the model names them
CLIENT_QUERY_INDEXES = (
    ("visits", "ix_visits_outing_id"),
    ("area_assignments", "ix_area_assignments_group_id"), ("area_assignments", "ix_area_assignments_ward_id"),
    ("outings", "ix_outings_team_id"), ("outings", "ix_outings_ward_id"),
    ("targets", "ix_targets_team_id"), ("targets", "ix_targets_ward_id"),
)


def upgrade() -> None:
    from outreach.server.migration_steps import add_missing_columns, create_missing_tables

    add_missing_columns("residential_groups", [sa.Column("team_id", sa.String(length=36), nullable=True)])
    add_missing_columns("visits", [sa.Column("outing_id", sa.String(length=36), nullable=True)])
    create_missing_tables(NEW_TABLES)
    for _table, index in CLIENT_QUERY_INDEXES:
        op.execute(f'DROP INDEX IF EXISTS "{index}"')


def downgrade() -> None:
    for table in reversed(NEW_TABLES):
        op.drop_table(table)
    with op.batch_alter_table("visits") as batch_op:
        batch_op.drop_column("outing_id")
    with op.batch_alter_table("residential_groups") as batch_op:
        batch_op.drop_column("team_id")

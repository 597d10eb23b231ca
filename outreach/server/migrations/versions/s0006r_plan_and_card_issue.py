"""residents.card_issued_on and the plan_entries table, as on the laptops (client migration 0005r).

Revision ID: s0006r
Revises: s0006p
Create Date: 2026-12-01

s0001 builds the entity tables from the model as it is when it runs, so a database created after
this change already has both; only one created before gets them here (each only if missing).
The laptops' indexes of plan_entries, and their covering indexes of households, residents and
visits, serve their day-plan and reach-list screens only: the server keeps its own (ward_id,
server_seq) index for pulls and drops the rest, as s0002 does.
"""

import sqlalchemy as sa
from alembic import op

revision = "s0006r"
down_revision = "s0006p"
branch_labels = None
depends_on = None

TABLE = "plan_entries"
CLIENT_QUERY_INDEXES = ("ix_plan_entries_team_day", "ix_plan_entries_ward_id")
#: the laptops' covering indexes of the reach lists and the plan (s0001 builds them from the model)
CLIENT_COVERING = (("households", "ix_households_plan"), ("residents", "ix_residents_reach"), ("visits", "ix_visits_reached"),
                   ("visits", "ix_visits_open_follow_up"))


def upgrade() -> None:
    from outreach.server.migration_steps import add_missing_columns, create_missing_tables

    add_missing_columns("residents", [sa.Column("card_issued_on", sa.Date(), nullable=True)])
    create_missing_tables([TABLE])
    present = {i["name"] for i in sa.inspect(op.get_bind()).get_indexes(TABLE)}
    for index in CLIENT_QUERY_INDEXES:
        if index in present:
            op.drop_index(index, table_name=TABLE)
    for table, index in CLIENT_COVERING:
        if index in {i["name"] for i in sa.inspect(op.get_bind()).get_indexes(table)}:
            op.drop_index(index, table_name=table)


def downgrade() -> None:
    op.drop_table(TABLE)
    with op.batch_alter_table("residents") as batch_op:
        batch_op.drop_column("card_issued_on")

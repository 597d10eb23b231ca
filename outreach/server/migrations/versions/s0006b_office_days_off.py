"""office_days_off: the ward office's extra days off, as on the laptops (client migration 0005b).

Revision ID: s0006b
Revises: s0006k
Create Date: 2026-12-01

s0001 builds the entity tables from the model as it is when it runs, so a database created after
this change already has the table; only one created before it gets it here (with the server's
(ward_id, server_seq) pull index). The model's ward_id index serves only the laptops' queries:
the server drops it, as s0002 does for the older tables, and the laptops' coverage-report
indexes of client migration 0005b (built by s0001 from the model) likewise.
"""

import sqlalchemy as sa
from alembic import op

revision = "s0006b"
down_revision = "s0006k"
branch_labels = None
depends_on = None

#: The laptops' coverage-report indexes (client migration 0005b): the server never runs that report.
LAPTOP_REPORT_INDEXES = (("households", "ix_households_coverage"), ("visits", "ix_visits_report"),
                         ("visits", "ix_visits_open_follow_ups"), ("filings", "ix_filings_report"))


def upgrade() -> None:
    from outreach.server.migration_steps import create_missing_tables

    create_missing_tables(["office_days_off"])
    op.execute('DROP INDEX IF EXISTS "ix_office_days_off_ward_id"')
    inspector = sa.inspect(op.get_bind())
    for table, index in LAPTOP_REPORT_INDEXES:
        if index in {i["name"] for i in inspector.get_indexes(table)}:
            op.drop_index(index, table_name=table)


def downgrade() -> None:
    op.drop_table("office_days_off")

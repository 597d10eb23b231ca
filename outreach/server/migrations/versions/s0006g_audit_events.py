"""The office's personal-data duties (issue 14): the append-only ``audit_events`` table, the
data-subject request register (``data_requests``), the erasure log (``erasures``) and
residents.erased_at.

Revision ID: s0006g
Revises: s0005f
Create Date: 2026-12-01

s0001 builds the server tables from the model as it is when it runs, so a database created after
this change already has the table; only one created before it gets it here. Either way the
triggers that make it append-only are added here: an UPDATE or DELETE of an audit row is refused
by the database itself, whatever code runs (the trail must be one the office can show).
"""

import sqlalchemy as sa
from alembic import op

revision = "s0006g"
down_revision = "s0006r"
branch_labels = None
depends_on = None

_SQLITE_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS audit_events_no_update BEFORE UPDATE ON audit_events "
    "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_events_no_delete BEFORE DELETE ON audit_events "
    "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
)
_PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$"
)
_PG_TRIGGER = (
    "CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events "
    "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()"
)


def upgrade() -> None:
    from outreach.server.migration_steps import add_missing_columns, create_missing_server_tables
    from outreach.server.schema import AuditRecord, DataRequest, ErasureRecord

    add_missing_columns("residents", [sa.Column("erased_at", sa.DateTime(), nullable=True)])
    create_missing_server_tables([AuditRecord.__table__, DataRequest.__table__, ErasureRecord.__table__])  # type: ignore[list-item]
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        op.execute("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events")
        op.execute(_PG_TRIGGER)
    else:
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS audit_events_append_only()")
    op.drop_table("audit_events")
    op.drop_table("erasures")
    op.drop_table("data_requests")
    with op.batch_alter_table("residents") as batch_op:
        batch_op.drop_column("erased_at")

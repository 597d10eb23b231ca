"""Initial server schema: the shared entity tables, server bookkeeping, the seq source.

Revision ID: s0001
Revises:
Create Date: 2026-01-01

The tables are created from the model as it is at this revision. Later server revisions must
spell their changes out (``op.add_column`` ...), never call ``create_all`` again.
"""

from alembic import op
from sqlalchemy import insert

revision = "s0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    from outreach.model.clock import new_node_id
    from outreach.server.db import SEQ_NAME
    from outreach.server.schema import ServerBase, ServerState, all_server_tables, entity_tables

    bind = op.get_bind()
    for table in all_server_tables():
        table.create(bind, checkfirst=True)
    # pulls filter by ward and order by server_seq: one composite index per entity table
    for table in entity_tables():
        op.create_index(f"ix_srv_{table.name}_ward_seq", table.name, ["ward_id", "server_seq"])
    if bind.dialect.name == "postgresql":
        op.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQ_NAME} START 1")
    bind.execute(insert(ServerState), [{"id": 1, "node_id": new_node_id(), "last_stamp": None, "last_seq": 0}])
    del ServerBase


def downgrade() -> None:
    raise NotImplementedError("the initial server schema has no downgrade")

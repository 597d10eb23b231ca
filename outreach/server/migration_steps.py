"""Steps the server's Alembic migrations share.

s0001 builds the entity tables from the model as it is when it runs, so a server database
created after a column was added to the model already has it; only one created before gets it
from the later migration. Every such migration therefore adds a column only when it is missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa


def add_missing_columns(table: str, columns: Iterable[sa.Column[Any]]) -> None:
    """Add each of ``columns`` to ``table`` unless the table has it already (see above)."""
    from alembic import op

    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}
    for column in columns:
        if column.name not in present:
            op.add_column(table, column)


def create_missing_entity_table(name: str, client_indexes: Iterable[str] = ()) -> None:
    """Create the synced entity table ``name`` from the model unless it exists (a database
    created after the table joined the model has it from s0001), with the server's pull index
    ``ix_srv_<name>_ward_seq``; ``client_indexes`` (the model's indexes that serve only the
    laptops' queries, as s0002 drops for the older tables) are dropped when present."""
    from alembic import op

    from outreach.server.schema import entity_tables

    bind = op.get_bind()
    [table] = [t for t in entity_tables() if t.name == name]
    table.create(bind, checkfirst=True)
    present = {i["name"] for i in sa.inspect(bind).get_indexes(name)}
    if f"ix_srv_{name}_ward_seq" not in present:
        op.create_index(f"ix_srv_{name}_ward_seq", name, ["ward_id", "server_seq"])
    for index in client_indexes:
        if index in present:
            op.drop_index(index, table_name=name)

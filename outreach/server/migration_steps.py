"""Steps the server's Alembic migrations share.

s0001 builds the entity tables from the model as it is when it runs, so a server database
created after a column was added to the model already has it; only one created before gets it
from the later migration. Every such migration therefore adds a column only when it is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa


def add_missing_columns(table: str, columns: Iterable[sa.Column[Any]]) -> None:
    """Add each of ``columns`` to ``table`` unless the table has it already (see above)."""
    from alembic import op

    present = {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table)}
    for column in columns:
        if column.name not in present:
            op.add_column(table, column)


def create_missing_tables(names: Sequence[str]) -> None:
    """Create each entity table of ``names`` from the model unless the database has it already
    (s0001 made it), with its server_seq index and the server's ward + seq pull index, as s0001
    does for every entity table; the model's other (laptop query) indexes are the caller's to drop."""
    from alembic import op

    from outreach.server.schema import entity_tables

    bind = op.get_bind()
    present = set(sa.inspect(bind).get_table_names())
    for table in entity_tables():
        if table.name in names and table.name not in present:
            table.create(bind)
            op.create_index(f"ix_srv_{table.name}_ward_seq", table.name, ["ward_id", "server_seq"])


def create_missing_server_tables(tables: Iterable[sa.Table]) -> None:
    """Create each of ``tables`` unless the database has it already: s0001 builds every server
    table of the model as it is when it runs, so a database made after a table was added has it."""
    from alembic import op

    bind = op.get_bind()
    for table in tables:
        table.create(bind, checkfirst=True)

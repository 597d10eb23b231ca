"""Alembic environment of the *server* schema: given a live connection by ``outreach.server.db``.

It has its own version table, so a server database never confuses its history with a client's.
"""

from alembic import context

from outreach.server.db import VERSION_TABLE

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Server migrations run through 'outreach-server init', not the alembic CLI")

context.configure(connection=connection, target_metadata=None, version_table=VERSION_TABLE)
with context.begin_transaction():
    context.run_migrations()

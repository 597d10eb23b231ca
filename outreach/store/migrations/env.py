"""Alembic environment: always given a live connection by ``outreach.store.migrate``."""

from alembic import context

from outreach.model import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Outreach migrations run through outreach.store.migrate, not the alembic CLI")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

"""The server database: engine, migrations, write transactions and ``server_seq`` allocation.

Why the write transaction looks the way it does (DESIGN.md §4.7): pullers read rows with
``server_seq > cursor``. If transaction A takes seq 10 and B takes 11 but B commits first, a
puller can see 11, advance its cursor past 10, and never see 10. So "assign seq + write +
commit" must be serialised:
- PostgreSQL: seqs come from a sequence (``nextval`` is not transactional, so without more
  care gaps *are* visible), and every write transaction first takes one transaction-scoped
  advisory lock, released by the commit itself. ``ordering_lock=False`` switches the lock off
  for the test that proves it is needed.
- SQLite: ``BEGIN IMMEDIATE`` takes the database write lock up front; writers queue.
Pulls read in one snapshot (REPEATABLE READ on PostgreSQL, one read transaction on SQLite), so
the rows of all entity tables and the digest in one answer agree with each other.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url

from outreach.model.codec import dumps_default
from outreach.resources import package_path
from outreach.store.sqlite_setup import manage_sqlite_connections

log = logging.getLogger("outreach.server.db")

MIGRATIONS_DIR = package_path("server", "migrations")
VERSION_TABLE = "outreach_server_version"
SEQ_NAME = "outreach_server_seq"
#: Key of the advisory lock that orders writers; any constant unique to this application.
ADVISORY_LOCK_KEY = 7_461_022_311
DEFAULT_DB_URL = "sqlite:///office.db"


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` as shorthand for the psycopg 3 driver the server ships with."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


@dataclass
class ServerDb:
    engine: Engine
    #: Serialise "assign seq + write + commit" on PostgreSQL; off only in the proof test.
    ordering_lock: bool = True
    #: Test hook run right after seqs are assigned, before the rows are written and committed
    #: (the proof test widens the race window with it).
    after_seq_assigned: Callable[[], None] | None = None
    read_engine: Engine = field(init=False)

    def __post_init__(self) -> None:
        if self.is_postgres:
            self.read_engine = self.engine.execution_options(isolation_level="REPEATABLE READ")
        else:
            self.read_engine = self.engine.execution_options(sqlite_begin="DEFERRED")

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One serialised write transaction; commits on success, rolls back on any exception."""
        engine = self.engine if self.is_postgres else self.engine.execution_options(sqlite_begin="IMMEDIATE")
        with engine.begin() as conn:
            if self.is_postgres and self.ordering_lock:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction with one snapshot for every query in it."""
        with self.read_engine.begin() as conn:
            yield conn

    def next_seqs(self, conn: Connection, count: int) -> list[int]:
        """``count`` new server_seq values, increasing, for rows written in this transaction."""
        if count <= 0:
            return []
        if self.is_postgres:
            seqs = [row[0] for row in conn.execute(text(f"SELECT nextval('{SEQ_NAME}') FROM generate_series(1, :n)"), {"n": count})]
            if self.after_seq_assigned is not None:
                self.after_seq_assigned()
            return seqs
        last = conn.execute(
            text("UPDATE server_state SET last_seq = last_seq + :n WHERE id = 1 RETURNING last_seq"), {"n": count}
        ).scalar_one()
        return list(range(last - count + 1, last + 1))

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=8, max_overflow=8,
                               json_serializer=dumps_default)

        manage_sqlite_connections(engine, ["busy_timeout = 30000"])
        return engine
    return create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True, json_serializer=dumps_default)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}).get_current_revision()


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def migrate(engine: Engine) -> bool:
    """Bring the server schema to head (idempotent); True if anything ran."""
    current = current_revision(engine)
    if current == head_revision():
        return False
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    log.info("server schema migrated", extra={"event": "migrated", "from_rev": current})
    return True


def open_db(url: str, *, migrate_schema: bool = True, ordering_lock: bool = True) -> ServerDb:
    engine = make_engine(url)
    if migrate_schema:
        migrate(engine)
    return ServerDb(engine, ordering_lock=ordering_lock)

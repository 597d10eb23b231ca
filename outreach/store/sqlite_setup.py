"""How every SQLite database of Outreach is opened: the laptop's store and the office server's file.

- WAL, so readers never wait for the writer and the writer never waits for readers.
- ``synchronous = FULL``, not NORMAL: in WAL mode NORMAL may lose the last commits on a power cut
  or an OS crash. On the laptop a saved visit must survive both; on the server a push
  acknowledged to a laptop (which then drops it from its outbox) must too. It costs one fsync
  per commit (~0.3 ms here).
- SQLAlchemy's pysqlite driver would BEGIN lazily on the first write; we switch its own
  transaction handling off and issue ``BEGIN`` ourselves when SQLAlchemy begins, ``DEFERRED``
  unless a connection's execution options ask for ``sqlite_begin="IMMEDIATE"`` (a writer takes
  the lock at once instead of failing to upgrade a read lock later).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, event


def manage_sqlite_connections(engine: Engine, pragmas: Sequence[str] = ()) -> None:
    """Set ``pragmas`` (e.g. ``"busy_timeout = 30000"``), WAL and FULL sync on each new
    connection of ``engine``, and issue its BEGIN as described above."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # BEGIN is issued in _on_begin
        cursor = dbapi_connection.cursor()
        for pragma in (*pragmas, "journal_mode = WAL", "synchronous = FULL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(f"BEGIN {conn.get_execution_options().get('sqlite_begin', 'DEFERRED')}")

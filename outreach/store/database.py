"""The local store: an encrypted SQLite database (SQLCipher) opened for one profile.

Decisions and why:
- SQLCipher with a random 256-bit *raw* key from the OS keyring: a lost laptop must not leak
  residents' data, and a raw key skips the passphrase KDF that would add ~0.5 s to every start.
- WAL with ``synchronous=FULL``: readers never block the writer, and a write reported done
  survives a crash *and* a power cut (laptops run out of battery in the field).
- ``BEGIN IMMEDIATE`` for write transactions: the writer takes the lock up front, so two writers
  (UI and sync) queue on ``busy_timeout`` instead of failing half-way with "database is locked".
- Foreign keys on, for local tables; synced entities reference each other logically (see
  ``outreach.model.base``).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, select, update
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from outreach import secrets
from outreach.errors import KeyringUnavailable, StoreError
from outreach.model import DeviceClock, Household, Resident, Synced
from outreach.model.clock import HybridLogicalClock
from outreach.model.codec import dumps_default
from outreach.store import search_index
from outreach.store.migrate import migrate
from outreach.store.outbox import ChangeRecorder
from outreach.store.profile import Profile
from outreach.store.sqlite_setup import manage_sqlite_connections

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000


def _make_engine(path: Path, key: str | None) -> Engine:
    if key is not None:
        # pysqlcipher runs PRAGMA key="<password>"; x'..' is SQLCipher's raw-key syntax.
        url = URL.create("sqlite+pysqlcipher", password=f"x'{key}'", database=str(path))
    else:
        url = URL.create("sqlite+pysqlite", database=str(path))
    # A connection pool shared by threads (UI reads, background writes, sync); each connection is
    # used by one thread at a time, which is what check_same_thread=False asserts.
    engine = create_engine(
        url, poolclass=QueuePool, pool_size=4, max_overflow=4, connect_args={"check_same_thread": False},
        json_serializer=dumps_default,
    )

    manage_sqlite_connections(engine, [f"busy_timeout = {BUSY_TIMEOUT_MS}", "foreign_keys = ON"])
    return engine


class _Checkpointer:
    """Folds the WAL into the database file from a connection and thread of its own while a
    bulk writer (a first pull) goes on with its next transaction.

    SQLite's automatic checkpoint runs inside the COMMIT of the connection that crossed the
    threshold, so a writer of 10,000-row transactions spent a fifth of its time copying pages
    into the database file. A PASSIVE checkpoint needs no write lock: it copies what is
    committed while the writer appends. Durability is the writer's own (its commits are synced
    to the WAL as always); the checkpoint only moves committed pages."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._wake = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="store-checkpoint", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        raw = self._engine.raw_connection()
        try:
            cursor = raw.cursor()
            while True:
                self._wake.wait()
                self._wake.clear()
                if self._stopping:
                    return
                try:
                    cursor.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except Exception:  # noqa: BLE001 - busy or failed: the final checkpoint catches up
                    log.debug("background checkpoint skipped", exc_info=True)
        finally:
            raw.close()

    def poke(self) -> None:
        self._wake.set()

    def close(self) -> None:
        self._stopping = True
        self._wake.set()
        self._thread.join()


@dataclass
class WriteContext:
    """One write transaction: the session and the recorder that stamps and logs changes."""

    session: Session
    clock: HybridLogicalClock
    touched_households: set[str] = field(default_factory=set)
    recorder: ChangeRecorder = field(init=False)
    #: set when the transaction recorded changes for the outbox (something to sync)
    recorded_changes: bool = False
    #: set when the transaction has committed: its number among this Store's commits
    commit_number: int | None = None

    def __post_init__(self) -> None:
        self.recorder = ChangeRecorder(self.session, self.clock, on_change=self.note_change, on_bulk=self.note_bulk)

    def note_change(self, entity: type[Synced], row: Synced, old: Mapping[str, Any]) -> None:
        """Track households whose search text may have changed (applied before commit)."""
        self.recorded_changes = True
        if entity is Household:
            self.touched_households.add(row.id)
        elif entity is Resident:
            self.touched_households.add(row.household_id)  # type: ignore[attr-defined]
            if old.get("household_id"):
                self.touched_households.add(old["household_id"])

    def note_bulk(self, entity: type[Synced], rows: Sequence[Mapping[str, Any]]) -> None:
        self.recorded_changes = True
        if entity is Household:
            self.touched_households.update(r["id"] for r in rows)
        elif entity is Resident:
            self.touched_households.update(r["household_id"] for r in rows if r.get("household_id"))


class Store:
    """An open profile database. Thread-safe: each ``read``/``write`` uses its own session."""

    def __init__(self, profile: Profile, engine: Engine) -> None:
        self.profile = profile
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_engine = engine.execution_options(sqlite_begin="IMMEDIATE")
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)
        #: committed write transactions that recorded outbox changes: the desktop app reads this
        #: plain counter (no database access on its GUI thread) to sync soon after a save
        self.changes_committed = 0
        self._changes_lock = threading.Lock()
        #: write transactions committed through this Store, so a caller can tell whether any
        #: other than its own happened meanwhile (``WriteContext.commit_number`` numbers them)
        self.writes_committed = 0
        self._count_lock = threading.Lock()
        #: the connection of ``bulk_connection`` while held, and its WAL checkpointer
        self._bulk: tuple[Connection, _Checkpointer | None] | None = None
        #: fold the WAL into the database in a helper thread during bulk writes (see _Checkpointer)
        self.background_checkpoints = True
        #: set by ``store.wipe``: the files are gone, and a late read or write must fail, not
        #: quietly create a new database where the wiped one was
        self.wiped = False
        with self._sessions() as session:
            last = session.scalar(select(DeviceClock.last).where(DeviceClock.id == 1))
            stale_search = search_index.is_stale(session)
        self.clock = HybridLogicalClock(profile.device_id, last)
        if stale_search:  # a pull that deferred the search index stopped before refreshing it
            with self.write() as tx:
                search_index.rebuild_if_stale(tx.session)

    @property
    def encrypted(self) -> bool:
        return self.profile.encrypted

    def database_key(self) -> str | None:
        """The database key (from the OS keyring), None for an unencrypted profile: the same
        key opens the migration backup copies in ``backups/`` (the erasure scrub's)."""
        return secrets.get_db_key(self.profile.profile_id) if self.profile.encrypted else None

    def _check_open(self) -> None:
        if self.wiped:
            raise StoreError("Dữ liệu của hồ sơ này đã bị xoá.", "This profile's data has been wiped.")

    @contextmanager
    def read(self) -> Iterator[Session]:
        self._check_open()
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self, *, bind: Connection | None = None) -> Iterator[WriteContext]:
        """A write transaction: commits everything at the end, or nothing on any exception.

        ``bind``: run it on this connection (from ``bulk_connection``) instead of a pooled one."""
        if bind is not None and bind.in_transaction():
            # a Session would join that transaction and leave the commit to its owner
            raise RuntimeError("write(bind=...) needs a connection outside any transaction")
        self._check_open()
        with (self._write_sessions() if bind is None else Session(bind=bind, expire_on_commit=False)) as session:
            ctx = WriteContext(session, self.clock)
            try:
                yield ctx
                session.flush()
                if ctx.touched_households:
                    search_index.refresh_households(session, ctx.touched_households)
                self._persist_clock(session)
                session.commit()
                if ctx.recorded_changes:
                    with self._changes_lock:
                        self.changes_committed += 1
                with self._count_lock:
                    self.writes_committed += 1
                    ctx.commit_number = self.writes_committed
                bulk = self._bulk
                if bind is not None and bulk is not None and bulk[0] is bind and bulk[1] is not None:
                    bulk[1].poke()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def bulk_connection(self, cache_mib: int = 40) -> Iterator[Connection]:
        """One write connection held for a series of big write transactions (a first pull).

        Its page cache is raised to ``cache_mib`` while held — the same connection for every
        transaction keeps the table and index pages it just wrote decrypted in memory, which
        halves the time of inserting 200,000 rows (40 MB does as well as 64 or 200 on the large
        ward; 24 is slower) — and put back afterwards. Durability and the transactions
        themselves are unchanged (``write(bind=...)``)."""
        with self._write_engine.connect() as conn:
            # straight on the driver connection: through SQLAlchemy the PRAGMA would open a
            # transaction (autobegin), and the Sessions of write(bind=conn) would then join it
            # instead of committing their own
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            default = cursor.execute("PRAGMA cache_size").fetchone()[0]
            autocheckpoint = cursor.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
            cursor.execute(f"PRAGMA cache_size = {-1024 * int(cache_mib)}")
            checkpointer = _Checkpointer(self.engine) if self.background_checkpoints else None
            if checkpointer is not None:
                cursor.execute("PRAGMA wal_autocheckpoint = 0")
            self._bulk = (conn, checkpointer)
            try:
                yield conn
            finally:
                self._bulk = None
                if conn.in_transaction():
                    conn.rollback()
                if checkpointer is not None:
                    checkpointer.close()
                    cursor.execute(f"PRAGMA wal_autocheckpoint = {int(autocheckpoint)}")
                    cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")  # what the helper had not folded in yet
                cursor.execute(f"PRAGMA cache_size = {int(default)}")
                cursor.close()

    def _persist_clock(self, session: Session) -> None:
        """Save the HLC in the same transaction (one UPDATE; the row is created once)."""
        last = self.clock.last
        updated = session.execute(update(DeviceClock).where(DeviceClock.id == 1).values(last=last))
        if updated.rowcount == 0:  # type: ignore[attr-defined]
            session.add(DeviceClock(id=1, last=last))
            session.flush()

    def close(self) -> None:
        self.engine.dispose()


def open_store(profile: Profile, *, create: bool = True) -> Store:
    """Open (creating if allowed) the profile's database, migrated to the current schema.

    Raises ``KeyringUnavailable`` when the key cannot be kept safely, and ``StoreError`` when the
    database cannot be used (wrong key, newer than this app, damaged).
    """
    path = profile.database_path
    exists = path.exists()
    if not exists and not create:
        raise StoreError(
            f"Không tìm thấy cơ sở dữ liệu tại {path}.", f"No database found at {path}."
        )
    if Profile.load(profile.data_dir) is None:
        profile.save()  # before the database, so its key is never orphaned by a crash
    key = _key_for(profile, exists)
    engine = _make_engine(path, key)
    try:
        migrate(engine, path)
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        engine.dispose()
        if isinstance(exc, OperationalError) and "locked" in str(exc):
            raise StoreError(
                "Cơ sở dữ liệu đang được một chương trình khác sử dụng.",
                "The database is in use by another program.",
            ) from exc
        raise StoreError(
            "Không mở được cơ sở dữ liệu: sai khoá giải mã hoặc tệp bị hỏng.",
            "Cannot open the database: wrong decryption key or a damaged file.",
        ) from exc
    except BaseException:
        engine.dispose()
        raise
    _make_files_private(path)
    return Store(profile, engine)


def _make_files_private(database: Path) -> None:
    """The database and its WAL/SHM files readable by their owner alone (profiles made by older
    versions, or by a process with a looser umask, were 0644)."""
    if os.name != "posix":
        return
    for file in (database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")):
        if file.exists() and file.stat().st_mode & 0o077:
            file.chmod(0o600)


def _key_for(profile: Profile, exists: bool) -> str | None:
    if not profile.encrypted:
        return None
    key = secrets.get_db_key(profile.profile_id)
    if key is not None:
        return key
    if exists:
        raise StoreError(
            "Không tìm thấy khoá giải mã của hồ sơ này trong kho khoá của hệ điều hành; "
            "dữ liệu không thể mở trên máy này.",
            "This profile's decryption key is not in the OS keyring; the data cannot be "
            "opened on this computer.",
        )
    return secrets.create_db_key(profile.profile_id)


def load_or_create_profile(data_dir: Path, *, demo: bool = False) -> Profile:
    """The profile in ``data_dir``, or a new one.

    A new real profile is always encrypted and needs a keyring; a new demo profile (synthetic
    data only) falls back to an unencrypted database when there is no keyring, and says so via
    ``profile.encrypted``.
    """
    existing = Profile.load(data_dir)
    if existing is not None:
        return existing
    available = secrets.is_available()
    if not available and not demo:
        raise secrets._unavailable()
    profile = Profile(data_dir=data_dir, encrypted=available, demo=demo)
    return profile


__all__ = ["Store", "WriteContext", "open_store", "load_or_create_profile", "KeyringUnavailable"]

"""Schema migrations with Alembic, run programmatically at start-up.

Before upgrading an existing database, a copy of the file is written next to it
(``backups/``), so a failed or buggy migration can never cost a volunteer's unsynced visits.
Each migration runs in a transaction. A database stamped with a revision this app does not know
was written by a newer version: it is refused with a clear message instead of being damaged.

Alembic itself is imported only when a database is not at ``HEAD_REVISION``: importing it costs
about a seventh of a second, which every start of an up-to-date laptop would otherwise pay
(DESIGN.md §6: cold start ≤ 1 s). A test keeps ``HEAD_REVISION`` equal to Alembic's head.
"""

from __future__ import annotations

import logging
import shutil
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from outreach.errors import StoreError
from outreach.resources import package_path
from outreach.timeutil import now_local

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)
#: The newest migration in ``migrations/versions`` (tests/test_store.py checks it against Alembic).
HEAD_REVISION = "0005s"
MIGRATIONS_DIR = package_path("store", "migrations")
BACKUP_DIR = "backups"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@lru_cache(maxsize=1)
def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The head as Alembic computes it from the migration scripts (slow: imports Alembic)."""
    head = _script().get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is stamped with (None for a new file), read with plain SQL."""
    with engine.connect() as conn:
        stamped = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").first()
        if stamped is None:
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def migrate(engine: Engine, db_path: Path) -> bool:
    """Bring the database to the head revision; returns True if anything was applied."""
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return False
    head = head_revision()
    if current is not None:
        known = {rev.revision for rev in _script().walk_revisions()}
        if current not in known:
            raise StoreError(
                "Cơ sở dữ liệu này được tạo bởi phiên bản Outreach mới hơn. "
                "Hãy cập nhật ứng dụng trước khi mở.",
                "This database was written by a newer version of Outreach. "
                "Update the application before opening it.",
                code="database_too_new",
            )
        backup_database(engine, db_path, label=current)
    from alembic import command

    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    log.info("database migrated from %s to %s", current, head)
    return True


def backup_database(engine: Engine, db_path: Path, label: str) -> Path:
    """Copy the database file (still encrypted) to ``backups/`` after folding in the WAL."""
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    folder = db_path.parent / BACKUP_DIR
    folder.mkdir(exist_ok=True)
    target = folder / f"{db_path.stem}-{label}-{now_local():%Y%m%d-%H%M%S}{db_path.suffix}"
    shutil.copy2(db_path, target)
    return target

"""Destroying a profile's data on this computer: the user's local wipe and the remote wipe.

Order matters. The database is encrypted with a key that lives only in the keyring: deleting the
key first makes the file, and any copy of it (backups, a disk image taken later), unreadable even
if deleting the files then fails or the computer is switched off half-way. The files go after:
the database with its WAL, the migration backups in ``backups/`` (the drafts are rows of the
database), and the personal-data exports this profile wrote (their paths are in its audit log,
read before the key goes).

Lives in ``store/`` because the sync engine wipes a laptop the office reported lost
(``sync.client.run_sync``) and the user's "wipe" (``services.device.wipe_profile``) is the same act.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from outreach.model import AuditEvent
from outreach.store.database import Store
from outreach.store.device_token import forget_profile_secrets
from outreach.store.migrate import BACKUP_DIR
from outreach.store.profile import DATABASE_FILE, PROFILE_FILE

log = logging.getLogger(__name__)

#: The files of a profile folder that hold or describe its data (the logs never hold personal data).
PROFILE_FILES = (DATABASE_FILE, f"{DATABASE_FILE}-wal", f"{DATABASE_FILE}-shm", f"{DATABASE_FILE}-journal", PROFILE_FILE, "sync.lock")


@dataclass
class WipeReport:
    """What a wipe removed: the counts the CLI and the window say."""

    key_deleted: bool = False
    files: int = 0
    exports: int = 0
    failed: list[str] = field(default_factory=list)


def exported_files(store: Store) -> list[Path]:
    """Every file this profile's audit log says it exported (its ``destination``), that still exists."""
    with store.read() as session:
        details = session.scalars(select(AuditEvent.detail)).all()
    paths = {Path(d["destination"]) for d in details if isinstance(d, dict) and isinstance(d.get("destination"), str) and d["destination"]}
    return sorted(p for p in paths if p.is_file())


def wipe_store(store: Store, *, with_exports: bool) -> WipeReport:
    """Destroy this profile's data: the key first, then the files (see the module doc).

    ``with_exports`` also deletes the exports the audit log names (the remote wipe of a lost
    laptop; the user's own wipe leaves files they saved where they chose)."""
    profile = store.profile
    exports = exported_files(store) if with_exports else []
    store.close()
    store.wiped = True
    report = WipeReport()
    forget_profile_secrets(profile)
    report.key_deleted = profile.encrypted
    folder = profile.data_dir
    for name in PROFILE_FILES:
        path = folder / name
        if path.exists():
            path.unlink()
            report.files += 1
    backups = folder / BACKUP_DIR
    if backups.exists():
        report.files += sum(1 for p in backups.rglob("*") if p.is_file())
        shutil.rmtree(backups, ignore_errors=True)
    for path in exports:
        try:
            path.unlink()
            report.exports += 1
        except OSError as exc:  # a file the user moved or locked: named, never hidden
            report.failed.append(str(path))
            log.warning("could not delete an export during the wipe: %s", type(exc).__name__)
    return report

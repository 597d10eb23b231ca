"""Scrub an erased person's traces from this laptop (issue 14): run after every pull.

The office erases a resident on the server (``server/erasure.py``); the pull brings the blanked
row with ``erased_at`` set. What the pull alone would leave behind, and this removes:

- the row itself when this laptop had a newer edit of a personal field than the erasure (the
  merge keeps the newer local value): the personal fields are blanked here, as the server holds
  them (the server refuses that edit anyway, ``Reason.ERASED``);
- personal fields in the outbox and in the changes set aside for the user (``needs_attention``):
  removed from each entry (an entry left with nothing is dropped);
- drafts that mention the person (a visit form with their filing);
- the search index rows of their household (rebuilt from the blanked data, then merged so no
  old segment keeps the tokens);
- the migration backup copies in ``backups/`` (same key): the same scrub, in each copy;
- free pages: the database and each copy are vacuumed, so deleted text is not left in them.

``erasures_applied`` remembers each resident done, so the scrub runs once per erasure.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.orm import Session

from outreach.model import ErasureApplied, Household, Resident
from outreach.model.codec import dumps_compact, loads
from outreach.model.entities import ERASED_NAME, RESIDENT_PERSONAL_FIELDS
from outreach.store import search_index
from outreach.store.database import Store, _make_engine
from outreach.store.migrate import BACKUP_DIR
from outreach.timeutil import now_local

log = logging.getLogger(__name__)


#: A household's fields that are its head's own (cleared when the head is erased).
HEAD_FIELDS = ("head_name", "phone")
#: The relation that makes a resident the household's head (``services.households.HEAD``).
HEAD_RELATION = "Chủ hộ"


def _scrub_entries(conn: Connection, table: str, key: str, entity: str, ids: list[str], names: tuple[str, ...]) -> None:
    """Drop fields ``names`` of ``entity`` entries of ``ids`` in ``table`` (outbox / needs_attention)."""
    columns = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
    if not columns or not ids:
        return
    has_bases = "bases" in columns
    wanted = f"SELECT {key}, fields{', bases' if has_bases else ''} FROM {table} WHERE entity = :entity " \
             "AND entity_id IN (SELECT value FROM json_each(:ids))"
    for row in conn.execute(text(wanted), {"ids": dumps_compact(ids), "entity": entity}).all():
        fields = {k: v for k, v in dict(loads(row[1]) or {}).items() if k not in names}
        if not fields:
            conn.execute(text(f"DELETE FROM {table} WHERE {key} = :k"), {"k": row[0]})
            continue
        values = {"k": row[0], "f": dumps_compact(fields)}
        if has_bases:
            bases = {k: v for k, v in dict(loads(row[2]) or {}).items() if k not in names} if row[2] else None
            values["b"] = dumps_compact(bases) if bases is not None else None
            conn.execute(text(f"UPDATE {table} SET fields = :f, bases = :b WHERE {key} = :k"), values)
        else:
            conn.execute(text(f"UPDATE {table} SET fields = :f WHERE {key} = :k"), values)


def _scrub(session: Session, ids: list[str], households: list[str], heads: dict[str, tuple[str, str | None]]) -> None:
    """Everything but the vacuum, in the caller's transaction (the live database or a backup).

    ``heads``: household id -> (head name, phone) as the office left them, for the households
    whose head was erased (a backup copy still holds the head's name there)."""
    conn = session.connection()
    present = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(residents)")}
    blanks = {name: (ERASED_NAME if name == "full_name" else None) for name in RESIDENT_PERSONAL_FIELDS if name in present}
    assignments = ", ".join(f"{name} = :{name}" for name in blanks)
    conn.execute(text(f"UPDATE residents SET {assignments} WHERE id IN (SELECT value FROM json_each(:ids))"),
                 {**blanks, "ids": dumps_compact(ids)})
    for hid, (head_name, phone) in heads.items():
        conn.execute(text("UPDATE households SET head_name = :n, phone = :p WHERE id = :h"), {"n": head_name, "p": phone, "h": hid})
    for table, key in (("outbox", "seq"), ("needs_attention", "id")):
        _scrub_entries(conn, table, key, "resident", ids, RESIDENT_PERSONAL_FIELDS)
        _scrub_entries(conn, table, key, "household", sorted(heads), HEAD_FIELDS)
    for rid in ids:
        conn.execute(text("DELETE FROM drafts WHERE instr(CAST(payload AS TEXT), :rid) > 0"), {"rid": rid})
    search_index.refresh_households(session, households)
    conn.exec_driver_sql(f"INSERT INTO {search_index.FTS_TABLE}({search_index.FTS_TABLE}) VALUES ('optimize')")


def _erased_heads(session: Session, ids: list[str], households: list[str]) -> dict[str, tuple[str, str | None]]:
    """Households whose head was erased -> (head name, phone) as they must read here: the office's
    blanks, also where this laptop kept a newer edit of its own (the server refused it) — unless
    the head is already one of the living residents (a new head was chosen since)."""
    rows = session.execute(select(Household.id, Household.head_name, Household.phone).where(Household.id.in_(households))).all()
    living: dict[str | None, set[str]] = {}
    for hid, name in session.execute(select(Resident.household_id, Resident.full_name).where(
            Resident.household_id.in_(households), Resident.deleted.is_(False), Resident.erased_at.is_(None))):
        living.setdefault(hid, set()).add(name)
    was_head = set(session.scalars(select(Resident.household_id).where(Resident.id.in_(ids), Resident.relation_to_head == HEAD_RELATION)))
    heads = {}
    for hid, name, phone in rows:
        if name == ERASED_NAME or (hid in was_head and name not in living.get(hid, set())):
            heads[hid] = (ERASED_NAME, None if name != ERASED_NAME else phone)
    return heads


def _vacuum(engine: Engine) -> None:
    """Rewrite the file without free pages (and fold the WAL in), so no erased text is left."""
    raw = engine.raw_connection()  # outside SQLAlchemy's BEGIN (sqlite_setup): VACUUM needs no transaction
    try:
        cursor = raw.cursor()
        for statement in ("PRAGMA wal_checkpoint(TRUNCATE)", "VACUUM", "PRAGMA wal_checkpoint(TRUNCATE)"):
            cursor.execute(statement).fetchall()
        cursor.close()
    finally:
        raw.close()


def backup_files(store: Store) -> list[Path]:
    folder = store.profile.data_dir / BACKUP_DIR
    return sorted(p for p in folder.glob("*") if p.is_file() and p.suffix == store.profile.database_path.suffix) if folder.is_dir() else []


def _scrub_backup(path: Path, key: str | None, ids: list[str], households: list[str],
                  heads: dict[str, tuple[str, str | None]]) -> None:
    engine = _make_engine(path, key)
    try:
        with Session(engine) as session, session.begin():
            _scrub(session, ids, households, heads)
        _vacuum(engine)
    finally:
        engine.dispose()


def scrub_erased(store: Store) -> int:
    """Scrub every erased resident not yet done here; returns how many."""
    with store.read() as session:
        done = select(ErasureApplied.resident_id)
        pending = session.execute(
            select(Resident.id, Resident.household_id).where(Resident.erased_at.is_not(None), Resident.id.not_in(done))
        ).all()
    if not pending:
        return 0
    ids = [rid for rid, _h in pending]
    households = sorted({h for _r, h in pending if h})
    with store.write() as tx:
        heads = _erased_heads(tx.session, ids, households)
        _scrub(tx.session, ids, households, heads)
        for rid in ids:
            tx.session.add(ErasureApplied(resident_id=rid, applied_at=now_local()))
    _vacuum(store.engine)
    key = store.database_key()
    for path in backup_files(store):
        try:
            _scrub_backup(path, key, ids, households, heads)
        except Exception:  # an unreadable copy is useless anyway: delete it rather than keep the data
            log.warning("a backup copy could not be scrubbed; deleting it", extra={"event": "backup_scrub_failed", "file": path.name})
            path.unlink(missing_ok=True)
    log.info("erased residents scrubbed", extra={"event": "erasure_scrubbed", "residents": len(ids)})
    return len(ids)

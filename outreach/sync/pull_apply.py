"""Merging one pulled page into the local database (DESIGN.md §4.3, §4.6).

One page is one local write transaction: the merged rows, the refreshed search-index rows of
the households they touch, the folded-in clock and the advanced cursor commit together, so a
crash mid-pull resumes from the last whole page and never skips or half-applies one.
Pulled rows are merged with the same ``apply_changes`` the server uses and are *not* recorded
in the outbox (they are the server's already). Fields this app does not know — sent by a newer
server on behalf of newer clients — are ignored here and kept by the server.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update

from outreach.model import Household, Resident, Synced, SyncState, synced_fields
from outreach.model.codec import FieldDecodeError, encode_value
from outreach.model.entities import ENTITY_BY_NAME
from outreach.store.database import Store, WriteContext
from outreach.sync.clock import is_valid_stamp
from outreach.sync.fastcodec import decode_fast, field_specs
from outreach.sync.merge import apply_changes

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageResult:
    rows_changed: int
    flagged_visits: int


def _defaults(entity: type[Synced]) -> dict[str, Any]:
    table: Table = entity.__table__  # type: ignore[attr-defined]
    result: dict[str, Any] = {}
    for name in synced_fields(entity):
        default = table.columns[name].default
        if default is not None and default.is_scalar:
            result[name] = default.arg
        elif default is not None and default.is_callable:
            result[name] = default.arg(None)
        else:
            result[name] = None
    result["deleted"] = False
    return result


def _incoming(entity: type[Synced], row: Mapping[str, Any], known: Sequence[str], valid_stamps: set[str]) -> tuple[dict[str, tuple[Any, str]], dict[str, Any]] | None:
    """(wire state, decoded values) of the known, stamped fields of a pulled row; None if corrupt."""
    fields, clocks = row.get("fields") or {}, row.get("clocks") or {}
    specs = field_specs(entity)
    state: dict[str, tuple[Any, str]] = {}
    values: dict[str, Any] = {}
    for name in known:
        stamp = clocks.get(name)
        if stamp is None or name not in fields:
            continue
        if stamp not in valid_stamps:
            if not is_valid_stamp(stamp):
                continue
            valid_stamps.add(stamp)
        spec = specs[name]
        try:
            decoded = decode_fast(spec, name, fields[name])
        except FieldDecodeError:
            log.warning("pulled %s row with an undecodable field %s; row skipped", entity.entity_name, name)
            return None
        values[name] = decoded
        state[name] = (fields[name] if spec.plain is not None or spec.json_kind is not None else encode_value(decoded), stamp)
    return state, values


def merge_page(tx: WriteContext, rows: Sequence[Mapping[str, Any]], member_id: str | None = None) -> PageResult:
    """Merge pulled rows into the local tables inside ``tx`` (no outbox entries)."""
    session = tx.session
    by_entity: dict[type[Synced], list[Mapping[str, Any]]] = {}
    for row in rows:
        entity = ENTITY_BY_NAME.get(row.get("entity", ""))
        if entity is None:
            continue  # an entity a newer server knows and this app does not: ignored
        by_entity.setdefault(entity, []).append(row)
    changed_total = 0
    flagged = 0
    valid_stamps: set[str] = set()
    for entity, entity_rows in by_entity.items():
        table: Table = entity.__table__  # type: ignore[attr-defined]
        known = synced_fields(entity)
        ids = [r["id"] for r in entity_rows]
        existing: dict[str, dict[str, Any]] = {}
        for start in range(0, len(ids), 900):
            for rec in session.execute(select(table).where(table.c.id.in_(ids[start : start + 900]))).mappings():
                existing[rec["id"]] = dict(rec)
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        defaults = _defaults(entity)
        for row in entity_rows:
            parsed = _incoming(entity, row, known, valid_stamps)
            if parsed is None:
                continue
            state, values = parsed
            current = existing.get(row["id"])
            if current is None:
                data = {**defaults, **values, "id": row["id"], "clocks": {n: s for n, (_v, s) in state.items()}, "server_seq": row.get("seq")}
                inserts.append(data)
                existing[row["id"]] = data  # a row repeated within one page merges with itself
                touched_old = None
                after = data
            else:
                clocks = dict(current["clocks"] or {})
                stored = {n: (encode_value(current[n]), s) for n, s in clocks.items() if n in known}
                outcome = apply_changes(stored, state)
                if not outcome.changed:
                    continue
                touched_old = dict(current)
                for name, (_value, stamp) in outcome.changed.items():
                    current[name] = values[name]
                    clocks[name] = stamp
                current["clocks"] = clocks
                current["server_seq"] = row.get("seq")
                updates.append({**{n: current[n] for n in known}, "clocks": clocks, "server_seq": current["server_seq"], "b_id": row["id"]})
                after = current
            changed_total += 1
            if entity is Household:
                tx.touched_households.add(row["id"])
            elif entity is Resident:
                tx.touched_households.add(after.get("household_id"))  # type: ignore[arg-type]
                if touched_old is not None and touched_old.get("household_id"):
                    tx.touched_households.add(touched_old["household_id"])
            elif entity.entity_name == "visit" and member_id and after.get("review_status") == "flagged" and after.get("volunteer_id") == member_id:
                flagged += 1
        if inserts:
            session.execute(insert(table), inserts)
        if updates:
            columns = [*known, "clocks", "server_seq"]
            session.execute(update(table).where(table.c.id == bindparam("b_id")).values({c: bindparam(c) for c in columns}), updates)
    tx.touched_households.discard(None)  # type: ignore[arg-type]
    return PageResult(changed_total, flagged)


def max_stamp(rows: Sequence[Mapping[str, Any]]) -> str | None:
    best: str | None = None
    for row in rows:
        for stamp in (row.get("clocks") or {}).values():
            if isinstance(stamp, str) and (best is None or stamp > best) and is_valid_stamp(stamp):
                best = stamp
    return best


def apply_pulled_page(store: Store, rows: Sequence[Mapping[str, Any]], next_cursor: int, server_time: str | None) -> PageResult:
    """Merge a page, fold its stamps into the HLC and advance the cursor: one transaction."""
    with store.write() as tx:
        result = merge_page(tx, rows, store.profile.member_id)
        for stamp in (max_stamp(rows), server_time):
            if stamp and is_valid_stamp(stamp):
                store.clock.observe(stamp)
        state = tx.session.get(SyncState, 1)
        if state is None:
            tx.session.add(SyncState(id=1, cursor=next_cursor))
        else:
            state.cursor = next_cursor
    return result

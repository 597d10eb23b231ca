"""Serving pulls (DESIGN.md §4.6, §4.16): a ward's rows after a cursor, in ``server_seq`` order.

All queries of one page run in one snapshot, so the rows from different entity tables and the
digest on the last page describe the same committed state. Each table is asked for at most
``limit + 1`` rows through its (ward_id, server_seq) index and the results are merged by seq;
memory per page is bounded by ``limit`` whatever the ward's size.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, or_, select

from outreach.model import synced_fields
from outreach.model.codec import encode_value
from outreach.model.entities import SYNCED_ENTITIES
from outreach.server.db import ServerDb
from outreach.server.schema import ExtraField, WardDigestRow
from outreach.sync import protocol


@dataclass
class PullPage:
    rows: list[dict[str, Any]]
    next_cursor: int
    has_more: bool
    digest: dict[str, Any] | None


def _scope(query: Any, entity: type, ward_id: str) -> Any:
    table = entity.__table__  # type: ignore[attr-defined]
    if entity.ward_scoped:
        return query.where(table.c.ward_id == ward_id)
    return query.where(or_(table.c.ward_id.is_(None), table.c.ward_id == ward_id))


def _seqs(conn: Connection, entity: type, ward_id: str, since: int, limit: int) -> list[int]:
    """Only the seqs (from the index): cheap, and enough to find where this page ends."""
    table = entity.__table__  # type: ignore[attr-defined]
    query = _scope(select(table.c.server_seq).where(table.c.server_seq > since), entity, ward_id)
    return list(conn.scalars(query.order_by(table.c.server_seq).limit(limit + 1)))


def _entity_rows(conn: Connection, entity: type, ward_id: str, since: int, upto: int) -> list[tuple[int, dict[str, Any]]]:
    table = entity.__table__  # type: ignore[attr-defined]
    names = synced_fields(entity)
    query = _scope(select(table).where(table.c.server_seq > since, table.c.server_seq <= upto), entity, ward_id)
    query = query.order_by(table.c.server_seq)
    result = []
    for rec in conn.execute(query).mappings():
        result.append(
            (
                rec["server_seq"],
                {
                    "entity": entity.entity_name,
                    "id": rec["id"],
                    "seq": rec["server_seq"],
                    "fields": {n: encode_value(rec[n]) for n in names},
                    "clocks": rec["clocks"] or {},
                },
            )
        )
    return result


def _attach_extras(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Fields kept for newer clients travel with their rows (older clients ignore them)."""
    if not conn.execute(select(ExtraField.entity).limit(1)).first():
        return
    by_key = {(r["entity"], r["id"]): r for r in rows}
    ids = [r["id"] for r in rows]
    for start in range(0, len(ids), 500):
        for rec in conn.execute(select(ExtraField).where(ExtraField.entity_id.in_(ids[start : start + 500]))).mappings():
            row = by_key.get((rec["entity"], rec["entity_id"]))
            if row is not None:
                row["fields"][rec["field"]] = rec["value"]
                row["clocks"][rec["field"]] = rec["stamp"]


def ward_digest(conn: Connection, ward_id: str) -> dict[str, Any]:
    counts: dict[str, int] = {}
    total = 0
    for entity, count, hash_sum in conn.execute(
        select(WardDigestRow.entity, WardDigestRow.count, WardDigestRow.hash_sum).where(WardDigestRow.ward_id == ward_id)
    ):
        if count:
            counts[entity] = count
        total = (total + int(hash_sum, 16)) % (1 << 128)
    return {"counts": dict(sorted(counts.items())), "hash": f"{total:032x}"}


def pull_page(db: ServerDb, ward_id: str, since: int, limit: int) -> PullPage:
    limit = max(1, min(limit, protocol.MAX_PULL_LIMIT))
    with db.read() as conn:
        seqs = list(heapq.merge(*(_seqs(conn, entity, ward_id, since, limit) for entity in SYNCED_ENTITIES)))
        has_more = len(seqs) > limit
        upto = seqs[min(limit, len(seqs)) - 1] if seqs else since
        per_table = [_entity_rows(conn, entity, ward_id, since, upto) for entity in SYNCED_ENTITIES] if seqs else []
        page = [row for _seq, row in heapq.merge(*per_table, key=lambda item: item[0])]
        _attach_extras(conn, page)
        next_cursor = page[-1]["seq"] if page else since
        digest = None if has_more else ward_digest(conn, ward_id)
    return PullPage(page, next_cursor, has_more, digest)

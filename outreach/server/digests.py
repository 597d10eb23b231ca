"""The server's running ward digests (``ward_digests``): one row's contribution, and a full
recount from the entity tables.

Push keeps the sums up to date in its transaction (``server.push``); the recount is for a
database whose sums were made by an older rule, when the row hash changed to cover values
(migration s0004), and checks the running sums in tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from outreach.model.base import table_of
from outreach.model.codec import encode_value
from outreach.model.entities import SYNCED_ENTITIES
from outreach.server.schema import WardDigestRow
from outreach.wire import protocol


def row_digest_hash(name: str, row_id: str, clocks: Mapping[str, str], values: Mapping[str, Any]) -> int:
    """The row's contribution to its ward's digest, from its stored (Python) values."""
    return protocol.row_hash(name, row_id, clocks, {field: encode_value(values.get(field)) for field in clocks})


def recount_ward_digests(conn: Connection) -> None:
    """Rebuild every ward's digest sums from the rows themselves (one transaction: the caller's)."""
    sums: dict[tuple[str, str], tuple[int, int]] = {}
    for entity in SYNCED_ENTITIES:
        name = entity.entity_name
        if name in protocol.DIGEST_EXCLUDED:
            continue
        for rec in conn.execute(select(table_of(entity))).mappings():
            key = (rec.get("ward_id") or "", name)
            count, total = sums.get(key, (0, 0))
            sums[key] = (count + 1, total + row_digest_hash(name, rec["id"], dict(rec["clocks"] or {}), dict(rec)))
    conn.execute(delete(WardDigestRow))
    if sums:
        conn.execute(insert(WardDigestRow), [
            {"ward_id": ward, "entity": entity, "count": count, "hash_sum": f"{total % (1 << 128):032x}"}
            for (ward, entity), (count, total) in sums.items()
        ])

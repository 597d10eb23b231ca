"""The leader's review list of values that lost a merge (DESIGN.md §4.15), fetched online.

The server keeps every losing value of a concurrent household/resident edit. Restoring one is
an ordinary local edit (a new stamp, so it wins everywhere) followed by marking it resolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from outreach.model.codec import decode_value
from outreach.model.entities import ENTITY_BY_NAME
from outreach.store.database import Store
from outreach.sync.errors import ProtocolFailure
from outreach.sync.transport import Transport


@dataclass(frozen=True)
class LostValue:
    id: int
    entity: str
    entity_id: str
    field: str
    value: Any
    winning_value: Any
    recorded_at: str


def fetch_lost_values(transport: Transport) -> list[LostValue]:
    reply = transport.get("/lost-values", {})
    items = reply.get("lost_values") if isinstance(reply, dict) else None
    if not isinstance(items, list):
        raise ProtocolFailure(200, "bad_lost_values_reply")
    return [LostValue(i["id"], i["entity"], i["entity_id"], i["field"], i["value"], i["winning_value"], i["recorded_at"]) for i in items]


def restore_lost_value(store: Store, transport: Transport, item: LostValue) -> bool:
    """Write the losing value back as a new local edit and mark the item resolved."""
    entity = ENTITY_BY_NAME.get(item.entity)
    if entity is None:
        return False
    with store.write() as tx:
        row = tx.session.get(entity, item.entity_id)
        if row is None:
            return False
        tx.recorder.update(row, {item.field: decode_value(entity, item.field, item.value)})
    transport.post(f"/lost-values/{item.id}/resolve", {})
    return True

"""Hand this laptop's audit trail to the office, every sync (issue 14; the form: ``wire/audit.py``).

Events go oldest first, a batch at a time; a batch's events are marked uploaded only in the
transaction that records the server's answer naming them. A lost answer leaves them unmarked and
they are sent again: the server keys them by ``event_id`` and stores each once. A lost laptop has
therefore handed over its trail up to the last answer it received.
"""

from __future__ import annotations

from sqlalchemy import select, update

from outreach.model import AuditEvent
from outreach.store.database import Store
from outreach.sync.errors import ProtocolFailure
from outreach.sync.transport import Transport
from outreach.timeutil import now_local
from outreach.wire import audit as wire_audit
from outreach.wire.reasons import Reason


def _next_batch(store: Store, limit: int) -> list[dict[str, object]]:
    with store.read() as session:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.uploaded_at.is_(None)).order_by(AuditEvent.id).limit(limit)
        ).all()
        return [
            wire_audit.event_to_wire(
                event_id=str(r.event_id), seq=r.id, at=r.at, actor_id=r.actor_id, actor_name=r.actor_name, action=r.action,
                target_kind=r.target_kind, target_id=r.target_id, detail={**dict(r.detail or {}), "subject": r.subject},
            )
            for r in rows
        ]


def upload_audit(store: Store, transport: Transport, *, batch: int = wire_audit.MAX_BATCH) -> int:
    """Send every event not yet acknowledged, in order; returns how many the server acknowledged.

    Raises the transport's SyncError on a network fault (the sync reports it; nothing is lost)."""
    sent = 0
    while True:
        events = _next_batch(store, batch)
        if not events:
            return sent
        reply = transport.post(wire_audit.PATH, {"events": events})
        acknowledged = reply.get("acknowledged") if isinstance(reply, dict) else None
        if not isinstance(acknowledged, list):
            raise ProtocolFailure(200, Reason.BAD_SHAPE)
        named = {str(e) for e in acknowledged}
        mine = [str(e["event_id"]) for e in events if e["event_id"] in named]
        with store.write() as tx:
            tx.session.execute(update(AuditEvent).where(AuditEvent.event_id.in_(mine)).values(uploaded_at=now_local()))
        sent += len(mine)
        if len(mine) < len(events):  # the server left some out: send them again next time
            return sent

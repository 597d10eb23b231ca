"""How long the server remembers the ids of the changes it applied (DESIGN.md §4.5).

A change id is remembered so that a batch sent again after a lost answer is acknowledged and
not applied twice. Only the laptop that sent a change ever sends it again, and only while the
change is still in its outbox; and every sync sends the outbox again from its oldest entry. So
once a laptop has pushed a day or more after a change was last received from it, without
sending that change again, the change has left its outbox and cannot come back.

Rule: an id is forgotten when it was last received more than ``RETENTION`` ago and its device
has pushed at least ``GRACE`` after that (``devices.last_seen_at``, set by every push), or the
device is revoked (it can no longer push). Ids written by the office itself are never re-sent
and go after ``RETENTION``. A re-sent id is received again (its time is renewed), so a laptop
still retrying keeps it. Even a forgotten id coming back would only be merged again, which
changes nothing (the merge is idempotent); remembering spares that work and a duplicate entry
in the leader's list of lost values.

``outreach-server prune`` applies the rule (``serve`` also does at start); a daily timer is
plenty.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select

from outreach.server.auth import utcnow
from outreach.server.db import ServerDb
from outreach.server.schema import Device, ReceivedChange

RETENTION = dt.timedelta(days=30)
GRACE = dt.timedelta(days=1)
#: the device id recorded for changes the office writes itself (admin commands)
OFFICE_DEVICE = "office"


def prune_received_changes(db: ServerDb, *, now: dt.datetime | None = None, retention: dt.timedelta = RETENTION) -> int:
    """Forget the change ids no laptop can send again; returns how many."""
    cutoff = (now or utcnow()) - retention
    removed = 0
    with db.write() as conn:
        bounds: list[tuple[str, dt.datetime]] = [(OFFICE_DEVICE, cutoff)]
        for device_id, last_seen, revoked in conn.execute(select(Device.id, Device.last_seen_at, Device.revoked_at)):
            if revoked is not None:
                bounds.append((device_id, cutoff))
            elif last_seen is not None:
                bounds.append((device_id, min(cutoff, last_seen - GRACE)))
        for device_id, bound in bounds:
            removed += conn.execute(
                delete(ReceivedChange).where(ReceivedChange.device_id == device_id, ReceivedChange.received_at < bound)
            ).rowcount or 0
    return removed

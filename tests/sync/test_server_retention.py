"""Change ids are forgotten after the documented retention (outreach.server.retention), only when
their laptop can no longer send them again; a forgotten id sent again changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update

from outreach.model import Household
from outreach.model.clock import HybridLogicalClock, new_node_id
from outreach.model.ids import uuid7
from outreach.server import admin
from outreach.server.auth import utcnow
from outreach.server.pull import ward_digest
from outreach.server.retention import GRACE, RETENTION, prune_received_changes
from outreach.server.schema import Device, ReceivedChange
from tests.helpers.sync import WardSetup, enrol_fast, fast_store


def kept(ward: WardSetup, device_id: str) -> int:
    with ward.server.db.read() as conn:
        return conn.execute(select(func.count()).select_from(ReceivedChange).where(ReceivedChange.device_id == device_id)).scalar_one()


def set_times(ward: WardSetup, device_id: str, *, received: dt.datetime | None = None, last_seen: dt.datetime | None = None) -> None:
    with ward.server.db.write() as conn:
        if received is not None:
            conn.execute(update(ReceivedChange).where(ReceivedChange.device_id == device_id).values(received_at=received))
        if last_seen is not None:
            conn.execute(update(Device).where(Device.id == device_id).values(last_seen_at=last_seen))


def test_change_ids_are_forgotten_only_when_no_laptop_can_send_them_again(
    ward_setup: WardSetup, template_root: Path, tmp_path: Path
) -> None:
    ward, now = ward_setup, utcnow()
    store = fast_store(template_root, tmp_path / "laptop")
    transport = enrol_fast(ward, store)
    device_id = store.profile.server_device_id
    assert device_id
    clock = HybridLogicalClock(new_node_id())
    change: dict[str, Any] = {
        "change_id": uuid7(),
        "entity": "household",
        "entity_id": uuid7(),
        "fields": {"ward_id": [ward.ward_id, clock.now()], "head_name": ["Nguyễn Văn An", clock.now()]},
    }
    assert transport.post("/sync/push", {"changes": [change]})["results"][0]["status"] == "applied"
    with ward.server.db.read() as conn:
        pushed_at = conn.execute(select(Device.last_seen_at).where(Device.id == device_id)).scalar_one()
    assert pushed_at is not None and abs((pushed_at - now).total_seconds()) < 60  # every push notes when

    old = now - RETENTION - dt.timedelta(days=5)
    # old, but the laptop has not pushed since (it may still hold the change): kept
    set_times(ward, device_id, received=old, last_seen=old)
    assert prune_received_changes(ward.server.db, now=now) == 0
    # it pushed again, but less than a day later (the same sync, an answer not yet recorded): kept
    set_times(ward, device_id, last_seen=old + GRACE / 2)
    assert prune_received_changes(ward.server.db, now=now) == 0
    # sent again: received afresh, so kept whatever the laptop did later
    assert transport.post("/sync/push", {"changes": [change]})["results"][0]["status"] == "applied"
    set_times(ward, device_id, last_seen=now)
    assert prune_received_changes(ward.server.db, now=now) == 0 and kept(ward, device_id) == 1
    # old and the laptop pushed days later without it: forgotten
    set_times(ward, device_id, received=old, last_seen=old + dt.timedelta(days=3))
    assert prune_received_changes(ward.server.db, now=now) == 1 and kept(ward, device_id) == 0

    # sent once more after all: merged again, which changes nothing
    with ward.server.db.read() as conn:
        before = conn.execute(select(Household.__table__).where(Household.__table__.c.id == change["entity_id"])).mappings().one()
        digest = ward_digest(conn, ward.ward_id)
    assert transport.post("/sync/push", {"changes": [change]})["results"][0]["status"] == "applied"
    with ward.server.db.read() as conn:
        after = conn.execute(select(Household.__table__).where(Household.__table__.c.id == change["entity_id"])).mappings().one()
        assert dict(after) == dict(before) and ward_digest(conn, ward.ward_id) == digest

    # a revoked laptop can no longer push: its old ids go
    set_times(ward, device_id, received=old, last_seen=old)
    assert prune_received_changes(ward.server.db, now=now) == 0
    assert admin.revoke_device(ward.server.db, device_id)
    assert prune_received_changes(ward.server.db, now=now) == 1
    transport.close()
    store.close()

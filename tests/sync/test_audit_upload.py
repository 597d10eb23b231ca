"""Laptops' audit events reach the office: exactly once, in order, after faults (issue 14)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import select

from outreach.model import AuditEvent
from outreach.server import audit_trail
from outreach.services import audit
from outreach.services.context import Actor
from outreach.store.database import Store
from outreach.sync.audit_upload import upload_audit
from outreach.sync.client import run_sync
from outreach.sync.errors import SyncError
from outreach.vocabulary import AuditAction, RecordKind
from tests.helpers.faults import FaultyTransport
from tests.helpers.sync import WardSetup, enrol_fast, fast_store


def _actor(store: Store) -> Actor:
    return Actor.from_profile(store.profile)


def _record(store: Store, count: int, start: int = 0) -> None:
    for i in range(start, start + count):
        audit.record(store, _actor(store), AuditAction.VIEW_PERSONAL_DATA, f"household h-{i}", {"n": i},
                     target_kind=RecordKind.HOUSEHOLD, target_id=f"h-{i}")


def _local_ids(store: Store) -> list[tuple[int, str]]:
    with store.read() as s:
        return [(r.id, str(r.event_id)) for r in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def _unsent(store: Store) -> int:
    with store.read() as s:
        return len(s.scalars(select(AuditEvent.id).where(AuditEvent.uploaded_at.is_(None))).all())


def _office(ward: WardSetup, device_id: str, kind: str = "member") -> list[audit_trail.AuditRow]:
    """The office's events of one laptop: its uploaded ones (``member``) or the server's own about it."""
    with ward.server.db.read() as conn:
        rows = audit_trail.query(conn, ward_ids=[ward.ward_id], device_id=device_id, limit=1000, oldest_first=True)
    return [r for r in rows if r.actor_kind == kind]


def test_events_of_two_laptops_arrive_once_and_in_order_after_faults(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    laptops, transports = [], []
    for name in ("a", "b"):
        store = fast_store(template_root, tmp_path / name)
        laptops.append(store)
        transports.append(enrol_fast(ward_setup, store))
    try:
        rng = random.Random(14)
        for store in laptops:
            _record(store, 11)
        faults = ["lost_after", "duplicate", "error_500", "timeout", "truncated", "drop_before", "lost_after"]
        faulty = [FaultyTransport(t, rng.sample(faults, len(faults))) for t in transports]
        # the two laptops take turns, each upload in batches of 3, until both report success
        done = [False, False]
        for _round in range(40):
            if all(done):
                break
            for i, store in enumerate(laptops):
                if done[i]:
                    continue
                try:
                    upload_audit(store, faulty[i], batch=3)
                    done[i] = _unsent(store) == 0
                except SyncError:
                    pass
                _record(store, 1, start=100 + _round) if _round == 2 else None  # an event recorded between faults
        assert all(done) and all(not f.faults for f in faulty)
        for store in laptops:
            local = _local_ids(store)
            office = _office(ward_setup, str(store.profile.server_device_id))
            assert [(r.device_seq, r.event_id) for r in office] == local  # each once, in the laptop's order
            assert all(r.actor_id == store.profile.member_id and r.action == "view_personal_data" for r in office)
            assert [r.target_id for r in office][:3] == ["h-0", "h-1", "h-2"]
            assert office[0].detail["subject"] == "household h-0"
            enrolled = _office(ward_setup, str(store.profile.server_device_id), "device")
            assert [(r.action, r.target_id) for r in enrolled] == [("device_enrolled", store.profile.server_device_id)]
        # a later sync (the engine itself) sends only what is new
        _record(laptops[0], 2, start=500)
        report = run_sync(laptops[0], transport=transports[0])
        assert report.audit_uploaded == 2 and _unsent(laptops[0]) == 0
        assert len(_office(ward_setup, str(laptops[0].profile.server_device_id))) == len(_local_ids(laptops[0]))
    finally:
        for store in laptops:
            store.close()
        for t in transports:
            t.close()


def test_a_malformed_upload_is_refused_with_a_reason_not_stored(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    store = fast_store(template_root, tmp_path / "c")
    transport = enrol_fast(ward_setup, store)
    try:
        from outreach.sync.errors import ProtocolFailure

        for body in ({"events": [{"event_id": "x", "seq": 1, "at": "not a time", "action": "view_personal_data"}]},
                     {"events": [{"event_id": "x", "seq": 1, "at": "2026-11-02T09:00:00", "action": "view_personal_data"}]},
                     {"events": "nope"}, {"events": [{"event_id": "bad id!", "seq": 1, "at": "2026-11-02T09:00:00+07:00",
                                                      "action": "view_personal_data"}]}):
            with pytest.raises(ProtocolFailure) as refused:
                transport.post("/audit/events", body)
            assert (refused.value.status, refused.value.reason) == (422, "bad_shape")
        assert _office(ward_setup, str(store.profile.server_device_id)) == []
    finally:
        store.close()
        transport.close()

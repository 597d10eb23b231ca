"""The office's audit trail (server/audit_trail.py): recorded with the act, filtered, append-only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import DBAPIError

from outreach.model import Household, Resident
from outreach.model.base import table_of
from outreach.server import audit_trail
from outreach.server.auth import utcnow
from outreach.server.db import head_revision
from outreach.vocabulary import AuditAction, AuditActorKind, RecordKind
from tests.helpers.sync import WardSetup, make_ward
from tests.sync.test_server_maintenance import _office_db, _rewind, cli


def _resident(ward: WardSetup, resident_id: str, household_id: str) -> None:
    """A household and its resident written straight into the server tables (ids only matter)."""
    with ward.server.db.write() as conn:
        seqs = ward.server.db.next_seqs(conn, 2)
        conn.execute(insert(table_of(Household)).values(id=household_id, ward_id=ward.ward_id, head_name="Nguyễn Văn An",
                                                         clocks={}, server_seq=seqs[0]))
        conn.execute(insert(table_of(Resident)).values(id=resident_id, ward_id=ward.ward_id, household_id=household_id,
                                                        full_name="Nguyễn Văn An", clocks={}, server_seq=seqs[1]))


def test_recorded_events_are_read_back_by_every_filter(ward_setup: WardSetup) -> None:
    db, ward = ward_setup.server.db, ward_setup.ward_id
    other = make_ward(ward_setup.server, "Phường Kim Mã")
    _resident(ward_setup, "r-an", "h-an")
    day = dt.datetime(2026, 11, 2, 9, 0)
    with db.write() as conn:
        viewed = audit_trail.record(conn, actor_kind=AuditActorKind.MEMBER, actor_id="m-huy", action=AuditAction.VIEW_PERSONAL_DATA,
                                    ward_id=ward, target_kind=RecordKind.HOUSEHOLD, target_id="h-an", device_id="d-1", at=day)
        audit_trail.record(conn, actor_kind=AuditActorKind.MEMBER, actor_id="m-lan", action=AuditAction.CONSENT_GIVEN,
                           ward_id=ward, target_kind=RecordKind.RESIDENT, target_id="r-an", device_id="d-2",
                           detail={"consent": True}, at=day + dt.timedelta(days=1))
        audit_trail.record(conn, actor_kind=AuditActorKind.OFFICE, actor_id=None, action=AuditAction.DEVICE_ENROLLED,
                           ward_id=other.ward_id, target_kind="device", target_id="d-9", at=day + dt.timedelta(days=2))

    def actions(**filters: object) -> list[str]:
        with db.read() as conn:
            rows = audit_trail.query(conn, limit=50, oldest_first=True, **filters)  # type: ignore[arg-type]
            assert audit_trail.count(conn, **{k: v for k, v in filters.items() if k != "offset"}) == len(  # type: ignore[arg-type]
                audit_trail.query(conn, limit=50, **{k: v for k, v in filters.items() if k != "offset"}))  # type: ignore[arg-type]
        return [r.action for r in rows]

    both_wards = [ward, other.ward_id]
    assert actions(ward_ids=both_wards) == ["view_personal_data", "consent_given", "device_enrolled"]
    assert actions(ward_ids=[ward]) == ["view_personal_data", "consent_given"]
    assert actions(ward_ids=both_wards, actor="m-lan") == ["consent_given"]
    assert actions(ward_ids=both_wards, device_id="d-1") == ["view_personal_data"]
    # the resident's own events and those about their household
    assert actions(ward_ids=both_wards, resident_id="r-an") == ["view_personal_data", "consent_given"]
    assert actions(ward_ids=both_wards, since=day + dt.timedelta(hours=1), until=day + dt.timedelta(days=2)) == ["consent_given"]
    assert actions(ward_ids=both_wards, action=AuditAction.DEVICE_ENROLLED) == ["device_enrolled"]
    assert actions(ward_ids=both_wards, offset=1) == ["consent_given", "device_enrolled"]
    with db.read() as conn:
        newest = audit_trail.query(conn, ward_ids=both_wards, limit=1)
        first = audit_trail.query(conn, ward_ids=[ward], limit=1, oldest_first=True)[0]
    assert newest[0].action == "device_enrolled"
    assert (first.event_id, first.at, first.actor_kind, first.target_id, first.device_id) == (viewed, day, "member", "h-an", "d-1")
    assert first.received_at <= utcnow()


def test_an_event_commits_and_rolls_back_with_its_act(ward_setup: WardSetup) -> None:
    db = ward_setup.server.db
    with pytest.raises(RuntimeError), db.write() as conn:
        audit_trail.record(conn, actor_kind=AuditActorKind.OFFICE, actor_id=None, action=AuditAction.DEVICE_REVOKED,
                           ward_id=ward_setup.ward_id, target_kind="device", target_id="d-x")
        raise RuntimeError("the act failed")
    with db.read() as conn:
        assert audit_trail.count(conn, ward_ids=[ward_setup.ward_id]) == 0


def test_the_database_refuses_to_edit_or_delete_an_event(ward_setup: WardSetup) -> None:
    db = ward_setup.server.db
    with db.write() as conn:
        event_id = audit_trail.record(conn, actor_kind=AuditActorKind.OFFICE, actor_id=None, action=AuditAction.ERASURE,
                                      ward_id=ward_setup.ward_id, target_kind=RecordKind.RESIDENT, target_id="r-1")
    for statement in ("UPDATE audit_events SET action = 'x' WHERE event_id = :e", "DELETE FROM audit_events WHERE event_id = :e"):
        with pytest.raises(DBAPIError, match="append-only"), db.write() as conn:
            conn.execute(text(statement), {"e": event_id})
    with db.read() as conn:
        assert [r.action for r in audit_trail.query(conn, ward_ids=[ward_setup.ward_id], limit=5)] == ["erasure"]


def test_migration_s0006g_adds_the_audit_table_to_an_older_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'office.db'}"
    assert cli(capsys, "--db", url, "migrate")[0] == 0
    _rewind(url, "s0005f", "DROP TRIGGER audit_events_no_update", "DROP TRIGGER audit_events_no_delete", "DROP TABLE audit_events",
            "DROP TABLE data_requests", "DROP TABLE erasures", "ALTER TABLE residents DROP COLUMN erased_at")
    assert cli(capsys, "--db", url, "migrate") == (0, f"schema migrated from s0005f to {head_revision()}\n")
    with _office_db(url) as db:
        with db.write() as conn:
            audit_trail.record(conn, actor_kind=AuditActorKind.SYSTEM, actor_id=None, action=AuditAction.RETENTION_RUN, ward_id=None)
        with pytest.raises(DBAPIError, match="append-only"), db.write() as conn:
            conn.execute(text("DELETE FROM audit_events"))
        with db.read() as conn:
            assert [r.action for r in audit_trail.query(conn, limit=5)] == ["retention_run"]
            assert {"data_requests", "erasures"} <= {row[0] for row in conn.execute(text("SELECT name FROM sqlite_master"))}
            assert "erased_at" in {row[1] for row in conn.execute(text("PRAGMA table_info(residents)"))}


def test_the_audit_command_filters_by_person_resident_device_and_period(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``outreach-server audit``: Vietnamese time and dd/mm/yyyy days; enrolment/revocation events too."""
    from outreach.server import admin
    from outreach.server.db import open_db

    url = f"sqlite:///{tmp_path / 'office.db'}"
    db = open_db(url)
    try:
        ward = admin.add_ward(db, "Phường Ngọc Hà", "00004")
        with db.write() as conn:
            for day, actor, target in ((2, "m-huy", "r-1"), (3, "m-lan", "r-2"), (4, "m-huy", "r-2")):
                audit_trail.record(conn, actor_kind=AuditActorKind.MEMBER, actor_id=actor, action=AuditAction.VIEW_PERSONAL_DATA,
                                   ward_id=ward, target_kind=RecordKind.RESIDENT, target_id=target, device_id=f"d-{actor}",
                                   at=dt.datetime(2026, 11, day, 2, 30))  # 09:30 in Vietnam
            conn.execute(text("INSERT INTO devices (id, token_hash, ward_id, role, label, enrolled_at, pending) "
                              "VALUES ('d-9', 'h9', :w, 'volunteer', '', '2026-11-30 10:00:00', false)"), {"w": ward})
        assert admin.revoke_device(db, "d-9") and not admin.revoke_device(db, "d-9")
    finally:
        db.dispose()
    code, out = cli(capsys, "--db", url, "audit", "--person", "m-huy")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("04/11/2026 09:30:00  view_personal_data") and "resident:r-2" in lines[0]
    assert lines[1].startswith("02/11/2026 09:30:00") and "resident:r-1" in lines[1] and lines[-1] == "2 event(s)"
    assert cli(capsys, "--db", url, "audit", "--resident", "r-2", "--from", "04/11/2026")[1].splitlines()[-1] == "1 event(s)"
    assert cli(capsys, "--db", url, "audit", "--to", "02/11/2026")[1].splitlines()[-1] == "1 event(s)"
    code, out = cli(capsys, "--db", url, "audit", "--device", "d-9")
    assert "device_revoked" in out and "device:d-9" in out and out.splitlines()[-1] == "1 event(s)"


def test_the_request_register_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``outreach-server request add|list|ack|close``: deadlines in dd/mm/yyyy, OVERDUE, audit events."""
    from outreach.server import admin
    from outreach.server.db import open_db

    url = f"sqlite:///{tmp_path / 'office.db'}"
    db = open_db(url)
    try:
        admin.add_ward(db, "Phường Ngọc Hà", "00004")
    finally:
        db.dispose()
    code, out = cli(capsys, "--db", url, "request", "add", "--right", "access", "--name", "Nguyễn Thị Hoa", "--received", "03/11/2025",
                    "--handler", "Cán bộ Lan")
    assert code == 0
    request_id, deadlines = out.splitlines()
    assert deadlines == "acknowledge by 05/11/2025, respond by 17/11/2025"  # a Monday: + 2 and + 10 working days
    code, out = cli(capsys, "--db", url, "request", "list", "--open")
    assert request_id in out and "OVERDUE" in out  # both deadlines long past
    assert cli(capsys, "--db", url, "request", "ack", request_id)[0] == 0
    assert cli(capsys, "--db", url, "request", "close", request_id, "--outcome", "Đã cung cấp bản sao dữ liệu")[0] == 0
    assert cli(capsys, "--db", url, "request", "list", "--open")[1] == ""
    code, out = cli(capsys, "--db", url, "request", "close", request_id, "--outcome", "again")
    assert code == 1 and "closed already" in out
    assert cli(capsys, "--db", url, "request", "add", "--right", "access", "--name", " ")[0] == 1
    code, out = cli(capsys, "--db", url, "audit", "--action", "request_added")
    assert f"data_request:{request_id}" in out

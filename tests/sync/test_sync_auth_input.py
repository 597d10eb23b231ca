"""Authorization and bad input against the real server: every refusal is the documented status
and reason, and a refused request leaves the server's tables untouched.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select, text, update

from outreach import secrets
from outreach.model import Household, OutboxEntry
from outreach.model.clock import HybridLogicalClock, new_node_id
from outreach.model.ids import uuid7
from outreach.server import admin, auth
from outreach.server.logs import JsonFormatter
from outreach.server.schema import EnrolmentCode
from outreach.services.device import export_unsent, needs_attention, restamp_outbox
from outreach.services.handover import read_handover
from outreach.store.database import Store
from outreach.sync.client import enroll, run_sync
from outreach.sync.errors import ClockAhead, DeviceRevoked, EnrolmentFailed, NetworkDown, UpgradeRequired
from outreach.sync.transport import HttpTransport
from outreach.wire import protocol
from tests.helpers.sync import WardSetup, enrol_fast, enrol_raw, fast_store, make_ward

API = protocol.API_PREFIX
HEADERS = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)}


def raw_enrol(ward: WardSetup, role: str = "volunteer") -> tuple[str, dict[str, Any]]:
    reply = enrol_raw(HttpTransport(ward.server.url, None, retries=False), ward.code(role))
    return reply["token"], reply


def post(ward: WardSetup, token: str, body: Any, *, raw: bytes | None = None, headers: dict[str, str] | None = None) -> requests.Response:
    h = {**HEADERS, "Authorization": f"Bearer {token}", "Content-Type": "application/json", **(headers or {})}
    data = raw if raw is not None else json.dumps(body).encode()
    return requests.post(f"{ward.server.url}{API}/sync/push", data=data, headers=h, timeout=10)


def household_change(ward_id: str, stamp: str, **fields: Any) -> dict[str, Any]:
    values = {"ward_id": ward_id, "deleted": False, "head_name": "Nguyễn Văn An", "address": {"street": "Đội Cấn"}, **fields}
    return {"change_id": uuid7(), "entity": "household", "entity_id": uuid7(), "fields": {k: [v, stamp] for k, v in values.items()}}


def households_on_server(ward: WardSetup) -> int:
    with ward.server.db.read() as conn:
        return conn.execute(select(func.count()).select_from(Household.__table__).where(Household.ward_id == ward.ward_id)).scalar_one()


def test_cross_ward_read_and_write_are_403(ward_setup: WardSetup) -> None:
    other = make_ward(ward_setup.server, "Phường khác")
    token, _ = raw_enrol(ward_setup)
    clock = HybridLogicalClock(new_node_id())
    answer = post(ward_setup, token, {"changes": [household_change(other.ward_id, clock.now())]})
    assert answer.status_code == 403 and answer.json()["reason"] == "outside_ward"
    pulled = requests.get(
        f"{ward_setup.server.url}{API}/sync/pull",
        params={"ward": other.ward_id},
        headers={**HEADERS, "Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert pulled.status_code == 403
    assert households_on_server(other) == 0
    # a row of another ward cannot be edited by naming it either
    other_token, _ = raw_enrol(other)
    created = household_change(other.ward_id, clock.now())
    assert post(other, other_token, {"changes": [created]}).status_code == 200
    edit = {"change_id": uuid7(), "entity": "household", "entity_id": created["entity_id"], "fields": {"head_name": ["X", clock.now()]}}
    assert post(ward_setup, token, {"changes": [edit]}).status_code == 403


def test_revoked_and_unknown_tokens_are_401_and_sync_stops(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    store = fast_store(template_root, tmp_path / "p")
    transport = enrol_fast(ward_setup, store)
    run_sync(store, transport=transport)
    unknown = requests.get(f"{ward_setup.server.url}{API}/sync/pull", headers={**HEADERS, "Authorization": "Bearer nope"}, timeout=10)
    assert unknown.status_code == 401 and unknown.json()["reason"] == "unknown_token"
    device_id = store.profile.server_device_id
    assert device_id and admin.revoke_device(ward_setup.server.db, device_id)
    with store.write() as tx:
        tx.recorder.create(Household, {"ward_id": ward_setup.ward_id, "head_name": "Trần Thị Bình"})
    with pytest.raises(DeviceRevoked) as caught:
        run_sync(store, transport=transport)
    assert caught.value.code == "revoked"
    with pytest.raises(DeviceRevoked):  # stays stopped without asking the server again
        run_sync(store, transport=transport)
    assert export_unsent(store, tmp_path / "handover.json", "mật khẩu bàn giao") == 1
    assert read_handover(tmp_path / "handover.json", "mật khẩu bàn giao")["unsent"][0]["entity"] == "household"
    store.close()


def test_bad_and_expired_enrolment_codes(ward_setup: WardSetup, store: Store) -> None:
    with pytest.raises(EnrolmentFailed) as bad:
        enroll(store, ward_setup.server.url, "AAAAA-BBBBB")
    assert bad.value.code == "bad_code"
    expired = admin.issue_enrolment_code(ward_setup.server.db, ward_setup.team_id, "volunteer", None, minutes=1).code
    with ward_setup.server.db.write() as conn:  # let it run out (a code lives 1 minute at the least)
        conn.execute(update(EnrolmentCode).where(EnrolmentCode.code_hash == auth.hash_secret(auth.normalise_code(expired)))
                     .values(expires_at=auth.utcnow() - dt.timedelta(minutes=1)))
    with pytest.raises(EnrolmentFailed) as late:
        enroll(store, ward_setup.server.url, expired)
    assert late.value.code == "expired_code"
    code = ward_setup.code()
    enroll(store, ward_setup.server.url, code)
    with pytest.raises(EnrolmentFailed):  # one use only
        enroll(store, ward_setup.server.url, code)


def test_protocol_version_is_checked(ward_setup: WardSetup) -> None:
    answer = requests.get(f"{ward_setup.server.url}{API}/sync/pull", headers={protocol.PROTOCOL_HEADER: "99"}, timeout=10)
    assert answer.status_code == 426 and answer.json()["reason"] == "upgrade_required"
    assert "update" in answer.json()["message_en"]
    transport = HttpTransport(ward_setup.server.url, "x")
    transport.session.headers[protocol.PROTOCOL_HEADER] = "0"
    with pytest.raises(UpgradeRequired):
        transport.get("/sync/pull", {})


@pytest.mark.parametrize(
    ("raw", "headers", "status", "reason"),
    [
        (b"{not json", {}, 422, "bad_json"),
        (b"[1, 2]", {}, 422, "bad_shape"),
        (json.dumps({"changes": [{"change_id": "a", "entity": "household"}]}).encode(), {}, 422, "bad_shape"),
        (b"\x1f\x8b garbage", {"Content-Encoding": "gzip"}, 422, "bad_gzip"),
        (b"x" * (protocol.MAX_REQUEST_BYTES + 1), {}, 413, "too_large"),
        (gzip.compress(b" " * (protocol.MAX_REQUEST_BYTES + 10)), {"Content-Encoding": "gzip"}, 413, "too_large"),
    ],
)
def test_malformed_requests_are_refused_whole(ward_setup: WardSetup, raw: bytes, headers: dict[str, str], status: int, reason: str) -> None:
    token, _ = raw_enrol(ward_setup)
    answer = post(ward_setup, token, None, raw=raw, headers=headers)
    assert (answer.status_code, answer.json()["reason"]) == (status, reason)
    assert households_on_server(ward_setup) == 0


def test_bad_changes_are_rejected_one_by_one_and_apply_nothing(ward_setup: WardSetup) -> None:
    token, _ = raw_enrol(ward_setup)
    clock = HybridLogicalClock(new_node_id())
    ward = ward_setup.ward_id
    good = household_change(ward, clock.now())
    wrong_type = household_change(ward, clock.now(), elderly_alone="yes")
    too_long = household_change(ward, clock.now(), phone="0" * 40)
    unknown_entity = {**household_change(ward, clock.now()), "entity": "spaceship"}
    bookkeeping = household_change(ward, clock.now(), server_seq=99)
    bad_stamp = household_change(ward, "yesterday")
    future = household_change(ward, HybridLogicalClock(new_node_id(), wall=lambda: 10**13 - 1).now())
    catalogue = {"change_id": uuid7(), "entity": "procedure", "entity_id": "1.000001", "fields": {"name_vi": ["Hack", clock.now()]}}
    changes = [good, wrong_type, too_long, unknown_entity, bookkeeping, bad_stamp, future, catalogue]
    answer = post(ward_setup, token, {"changes": changes})
    assert answer.status_code == 200
    results = {r["change_id"]: (r["status"], r.get("reason")) for r in answer.json()["results"]}
    assert results[good["change_id"]] == ("applied", None)
    assert results[wrong_type["change_id"]] == ("rejected", "bad_value")
    assert results[too_long["change_id"]] == ("rejected", "bad_value")
    assert results[unknown_entity["change_id"]] == ("rejected", "unknown_entity")
    assert results[bookkeeping["change_id"]] == ("rejected", "unknown_field")
    assert results[bad_stamp["change_id"]] == ("rejected", "bad_stamp")
    assert results[future["change_id"]] == ("retryable", "clock_ahead")
    assert results[catalogue["change_id"]] == ("rejected", "not_permitted")
    assert households_on_server(ward_setup) == 1
    # a retry of the same batch is acknowledged again and applied once
    again = post(ward_setup, token, {"changes": [good]})
    assert again.json()["results"][0]["status"] == "applied"
    assert households_on_server(ward_setup) == 1


def test_unknown_fields_of_newer_clients_are_kept_and_served(ward_setup: WardSetup) -> None:
    # a leader's device: a household of no team's area reaches a volunteer's only as a directory
    # row, without such fields (tests/sync/test_sync_scope.py)
    token, _ = raw_enrol(ward_setup, "leader")
    clock = HybridLogicalClock(new_node_id())
    change = household_change(ward_setup.ward_id, clock.now(), zalo_contact="0912345678")
    assert post(ward_setup, token, {"changes": [change]}).json()["results"][0]["status"] == "applied"
    page = requests.get(
        f"{ward_setup.server.url}{API}/sync/pull", headers={**HEADERS, "Authorization": f"Bearer {token}"}, timeout=10
    ).json()
    row = next(r for r in page["rows"] if r["id"] == change["entity_id"])
    assert row["fields"]["zalo_contact"] == "0912345678"


def test_rejected_changes_go_to_needs_attention_and_do_not_block(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    store = fast_store(template_root, tmp_path / "p")
    transport = enrol_fast(ward_setup, store)
    with store.write() as tx:
        bad = tx.recorder.create(Household, {"ward_id": None, "head_name": "Không có phường"})
        tx.recorder.create(Household, {"ward_id": ward_setup.ward_id, "head_name": "Có phường"})
    report = run_sync(store, transport=transport)
    assert report.pushed == 1 and report.rejected == 1
    assert [(i.entity_id, i.reason_code) for i in needs_attention(store)] == [(bad.id, "missing_ward")]
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(OutboxEntry)) == 0
    store.close()


def test_clock_ahead_then_restamp(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    store = fast_store(template_root, tmp_path / "p")
    transport = enrol_fast(ward_setup, store)
    run_sync(store, transport=transport)
    real_wall = store.clock._wall
    store.clock._wall = lambda: real_wall() + 3 * 3600 * 1000  # the laptop's clock is 3 hours fast
    with store.write() as tx:
        first = tx.recorder.create(Household, {"ward_id": ward_setup.ward_id, "head_name": "Một"})
        second = tx.recorder.create(Household, {"ward_id": ward_setup.ward_id, "head_name": "Hai"})
    with pytest.raises(ClockAhead):
        run_sync(store, transport=transport)
    assert households_on_server(ward_setup) == 0
    store.clock._wall = real_wall  # the user fixes the clock
    assert restamp_outbox(store) == 2
    with store.read() as session:
        stamps = [e.fields["head_name"][1] for e in session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))]
    assert stamps == sorted(stamps)
    report = run_sync(store, transport=transport)
    assert report.pushed == 2 and report.verified is True
    del first, second
    store.close()


def test_network_down_is_a_clear_error(store: Store) -> None:
    transport = HttpTransport("http://127.0.0.1:9", "token", retries=False)
    with pytest.raises(NetworkDown) as caught:
        transport.get("/sync/pull", {})
    assert "Cannot reach" in caught.value.message_en


def test_token_and_personal_data_never_in_logs_or_token_in_db(ward_setup: WardSetup, store: Store, tmp_path: Path) -> None:
    log_path = tmp_path / "server.log"
    handler = logging.FileHandler(log_path, encoding="utf-8")
    handler.setFormatter(JsonFormatter())
    server_logger = logging.getLogger("outreach.server")
    server_logger.addHandler(handler)
    old_level = server_logger.level
    server_logger.setLevel(logging.INFO)
    try:
        enroll(store, ward_setup.server.url, ward_setup.code())
        with store.write() as tx:
            tx.recorder.create(Household, {"ward_id": ward_setup.ward_id, "head_name": "Hoàng Thị Riêng Tư", "phone": "0987654321"})
        run_sync(store)
    finally:
        server_logger.removeHandler(handler)
        server_logger.setLevel(old_level)
        handler.close()
    token = secrets.get_device_token(store.profile.profile_id)
    assert token
    log_text = log_path.read_text(encoding="utf-8")
    assert '"event": "push"' in log_text
    for secret in (token, "Hoàng Thị Riêng Tư", "0987654321"):
        assert secret not in log_text
    db = ward_setup.server.db
    with db.read() as conn:
        for table in ("devices", "enrolment_codes", "received_changes"):
            dump = json.dumps([list(map(str, r)) for r in conn.execute(text(f"SELECT * FROM {table}"))])
            assert token not in dump
    assert token not in (store.profile.data_dir / "profile.json").read_text()

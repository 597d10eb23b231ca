"""Who may enrol, and when a code is spent, against a real server (SQLite and PostgreSQL).

An unencrypted (demo) profile keeps residents in a file plain ``sqlite3`` reads, so it may join
only a ward the server marks as demo data: the server refuses it a real ward, and the laptop
refuses too when a server does not. Enrolment is two-phase: a laptop that cannot store its token
(no keyring) leaves only a pending device that expires, and its code still works.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
import requests
from keyring.backends import fail
from sqlalchemy import select, update

from outreach.errors import OutreachError
from outreach.server import admin, auth
from outreach.server.schema import Device, EnrolmentCode
from outreach.store.database import Store
from outreach.store.device_token import load_device_token
from outreach.sync.client import enroll, run_sync
from outreach.sync.errors import UNENCRYPTED_PROFILE, EnrolmentFailed
from outreach.sync.transport import HttpTransport
from outreach.wire import protocol
from outreach.wire.reasons import Reason
from tests.helpers.sync import WardSetup, fast_store

HEADERS = {protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)}


def _post(ward: WardSetup, path: str, body: dict[str, Any]) -> requests.Response:
    return requests.post(f"{ward.server.url}{protocol.API_PREFIX}{path}", json=body, headers=HEADERS, timeout=10)


def _code_spent(ward: WardSetup, code: str) -> bool:
    with ward.server.db.read() as conn:
        used = conn.execute(select(EnrolmentCode.used_at).where(EnrolmentCode.code_hash == auth.hash_secret(auth.normalise_code(code))))
        return used.scalar_one() is not None


def _devices(ward: WardSetup) -> list[tuple[str, bool]]:
    with ward.server.db.read() as conn:
        return [tuple(r) for r in conn.execute(select(Device.id, Device.pending).where(Device.ward_id == ward.ward_id))]  # type: ignore[misc]


@pytest.fixture
def demo_store(template_root: Path, tmp_path: Path) -> Iterator[Store]:
    store = fast_store(template_root, tmp_path / "demo-profile")
    yield store
    store.close()


class _ServerThatDoesNotCheck(HttpTransport):
    """The real server, reached by a laptop that does not say its profile is unencrypted: what
    an older or careless server would let through. The laptop must still refuse on its own."""

    def post(self, path: str, body: Any) -> Any:
        if path == "/enroll":
            body = {**body, "encrypted": True}
        return super().post(path, body)


def test_the_server_refuses_an_unencrypted_profile_a_real_ward(ward_setup: WardSetup) -> None:
    code = ward_setup.code()
    refused = _post(ward_setup, "/enroll", {"code": code, "label": "demo", "encrypted": False})
    assert refused.status_code == 403
    body = refused.json()
    assert body["reason"] == Reason.DEMO_WARD_ONLY and "demo" in body["message_vi"] and "encrypted" in body["message_en"]
    assert _devices(ward_setup) == [] and not _code_spent(ward_setup, code)
    # a laptop that does not say whether it is encrypted is not trusted with residents either
    assert _post(ward_setup, "/enroll", {"code": code, "label": "old"}).status_code == 422


def test_an_unencrypted_profile_refuses_a_real_ward_itself(ward_setup: WardSetup, demo_store: Store) -> None:
    code = ward_setup.code()
    with pytest.raises(EnrolmentFailed) as refused:
        enroll(demo_store, ward_setup.server.url, code, transport=_ServerThatDoesNotCheck(ward_setup.server.url, None))
    assert refused.value.reason == UNENCRYPTED_PROFILE and "mã hoá" in refused.value.message_vi
    profile = demo_store.profile
    assert not profile.server_url and not profile.ward_id and load_device_token(profile) is None
    assert not _code_spent(ward_setup, code) and all(pending for _id, pending in _devices(ward_setup))


def test_an_unencrypted_profile_enrols_into_a_demo_ward(ward_setup: WardSetup, demo_store: Store) -> None:
    admin.mark_demo_ward(ward_setup.server.db, ward_setup.ward_id)
    enrolment = enroll(demo_store, ward_setup.server.url, ward_setup.code())
    assert enrolment.ward_id == ward_setup.ward_id and _devices(ward_setup) == [(enrolment.device_id, False)]
    assert run_sync(demo_store).pulled > 0


def test_an_unencrypted_enrolment_the_server_refuses_says_so(ward_setup: WardSetup, demo_store: Store) -> None:
    with pytest.raises(EnrolmentFailed) as refused:
        enroll(demo_store, ward_setup.server.url, ward_setup.code())
    assert refused.value.reason == Reason.DEMO_WARD_ONLY and "phường demo" in refused.value.message_vi


@pytest.mark.keyring
def test_a_failed_enrolment_keeps_the_code_and_registers_no_device(ward_setup: WardSetup, store: Store) -> None:
    if not store.profile.encrypted:
        pytest.skip("needs the real keyring for the second attempt")
    code = ward_setup.code()
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # no keyring: the token cannot be stored
    try:
        with pytest.raises(OutreachError):
            enroll(store, ward_setup.server.url, code)
    finally:
        keyring.set_keyring(previous)
    assert not _code_spent(ward_setup, code)
    [(pending_id, pending)] = _devices(ward_setup)
    assert pending and not store.profile.server_device_id

    enrolment = enroll(store, ward_setup.server.url, code)  # the same code, once the keyring works
    assert _code_spent(ward_setup, code) and enrolment.device_id != pending_id
    assert (enrolment.device_id, False) in _devices(ward_setup)
    assert run_sync(store).pulled > 0


def test_a_pending_device_opens_nothing_and_expires_leaving_its_code_usable(ward_setup: WardSetup) -> None:
    code = ward_setup.code()
    first = _post(ward_setup, "/enroll", {"code": code, "label": "a", "encrypted": True}).json()
    assert first["pending"] is True and first["demo"] is False
    transport = HttpTransport(ward_setup.server.url, first["token"], retries=False)
    with pytest.raises(EnrolmentFailed, match="not completed"):
        transport.get("/sync/pull", {"since": 0})
    transport.close()

    # the laptop never confirmed: past the pending window (the server's stored time moved back)
    with ward_setup.server.db.write() as conn:
        conn.execute(update(Device).where(Device.id == first["device_id"]).values(
            enrolled_at=auth.utcnow() - dt.timedelta(minutes=auth.PENDING_DEVICE_MINUTES + 1)))
    late = _post(ward_setup, "/enroll/confirm", {"token": first["token"]})
    assert late.status_code == 401 and late.json()["reason"] == Reason.ENROLMENT_UNCONFIRMED
    assert not _code_spent(ward_setup, code) and _devices(ward_setup) == []

    second = _post(ward_setup, "/enroll", {"code": code, "label": "b", "encrypted": True}).json()
    assert _post(ward_setup, "/enroll/confirm", {"token": second["token"]}).status_code == 200
    assert _post(ward_setup, "/enroll/confirm", {"token": second["token"]}).status_code == 200  # a retried confirm
    assert _code_spent(ward_setup, code) and _devices(ward_setup) == [(second["device_id"], False)]


def test_two_laptops_with_one_code_one_wins_the_confirmation(ward_setup: WardSetup) -> None:
    code = ward_setup.code()
    a, b = (_post(ward_setup, "/enroll", {"code": code, "label": n, "encrypted": True}).json() for n in "ab")
    assert _post(ward_setup, "/enroll/confirm", {"token": a["token"]}).status_code == 200
    loser = _post(ward_setup, "/enroll/confirm", {"token": b["token"]})
    assert loser.status_code == 401 and loser.json()["reason"] == Reason.BAD_CODE
    assert _devices(ward_setup) == [(a["device_id"], False)]


def test_a_version_1_laptop_is_told_to_update(ward_setup: WardSetup) -> None:
    old = requests.post(f"{ward_setup.server.url}{protocol.API_PREFIX}/enroll", json={"code": ward_setup.code()},
                        headers={protocol.PROTOCOL_HEADER: "1"}, timeout=10)
    assert old.status_code == 426 and old.json()["supported"] == [2]

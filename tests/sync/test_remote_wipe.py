"""Revocation reasons against the real server: a laptop revoked as *lost* destroys its data on its
next contact (the database key first), one revoked as *retired* pushes what it has, then stops;
and the breach inventory says what a laptop held at its last sync.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from outreach import secrets
from outreach.model import Household, Resident
from outreach.server import admin
from outreach.server.cli import main as server_main
from outreach.server.inventory import inventory
from outreach.server.schema import Device
from outreach.services import audit
from outreach.services.context import Actor
from outreach.store.database import Store
from outreach.store.migrate import BACKUP_DIR
from outreach.sync.client import enroll, run_sync
from outreach.sync.errors import DeviceRevoked, DeviceWiped
from outreach.vocabulary import RevokeReason, Role
from outreach.wire import protocol
from tests.helpers.sync import WardSetup, enrol_fast, fast_store

NAME = "Nguyễn Thị Hồng Nhung"


def add_household(store: Store, ward_id: str, residents: list[dict[str, Any]]) -> str:
    with store.write() as tx:
        household_id = tx.recorder.create(Household, {"ward_id": ward_id, "head_name": residents[0]["full_name"],
                                                      "address": {"house_number": "12", "street": "Đội Cấn"}}).id
        for values in residents:
            tx.recorder.create(Resident, {"ward_id": ward_id, "household_id": household_id, **values})
    return household_id


def device_row(ward: WardSetup, device_id: str) -> dict[str, Any]:
    with ward.server.db.read() as conn:
        return dict(conn.execute(select(Device).where(Device.id == device_id)).mappings().one())


def test_a_lost_laptop_deletes_its_key_then_its_data_on_next_contact(ward_setup: WardSetup, enrolled_store: Store,
                                                                     tmp_path: Path) -> None:
    store, profile = enrolled_store, enrolled_store.profile
    if not profile.encrypted:
        pytest.skip("needs the keyring (an encrypted profile)")
    add_household(store, ward_setup.ward_id, [{"full_name": NAME, "personal_id": "001189012345", "phone": "0912345678",
                                               "date_of_birth": dt.date(1989, 3, 14)}])
    run_sync(store)
    export = tmp_path / "Documents" / "danh-sach-lien-he.xlsx"
    export.parent.mkdir()
    export.write_bytes(b"exported personal data")
    audit.record(store, Actor(profile.member_id, "", Role.LEADER, profile.ward_id, profile.team_id),
                 audit.EXPORT_PERSONAL_DATA, "follow-up contacts", {"destination": str(export), "rows": 1})
    backups = profile.data_dir / BACKUP_DIR
    backups.mkdir()
    shutil.copyfile(profile.database_path, backups / "outreach-0004f.db")
    stolen_copy = tmp_path / "copied-by-a-thief.db"  # what someone who took the disk already holds
    shutil.copyfile(profile.database_path, stolen_copy)
    assert secrets.get_db_key(profile.profile_id)

    device_id = profile.server_device_id
    assert device_id and admin.revoke_device(ward_setup.server.db, device_id, RevokeReason.LOST)
    with pytest.raises(DeviceWiped) as wiped:
        run_sync(store)
    assert "bị mất" in wiped.value.message_vi and "lost" in wiped.value.message_en

    assert secrets.get_db_key(profile.profile_id) is None and secrets.get_device_token(profile.profile_id) is None
    left = sorted(p.name for p in profile.data_dir.rglob("*") if p.is_file())
    assert not any(name.startswith("outreach.db") or name == "profile.json" for name in left), left
    assert not backups.exists() and not export.exists()
    # without the key, the copy is noise: no readable page, no resident's name in its bytes
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(stolen_copy).execute("SELECT count(*) FROM sqlite_master").fetchone()
    assert NAME.encode() not in stolen_copy.read_bytes()
    with pytest.raises(Exception, match="wiped"):  # a late read must not make a new database there
        store.read().__enter__()
    assert not profile.database_path.exists()

    stopped = device_row(ward_setup, device_id)
    assert stopped["revoke_reason"] == RevokeReason.LOST and stopped["stopped_at"] is not None


def test_a_retired_laptop_pushes_what_it_has_then_stops(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    store = fast_store(template_root, tmp_path / "p")
    transport = enrol_fast(ward_setup, store)
    run_sync(store, transport=transport)
    household_id = add_household(store, ward_setup.ward_id, [{"full_name": NAME}])
    device_id = store.profile.server_device_id
    assert device_id and admin.revoke_device(ward_setup.server.db, device_id, RevokeReason.RETIRED)

    with pytest.raises(DeviceRevoked) as retired:
        run_sync(store, transport=transport)
    assert retired.value.code == "retired" and "ngừng sử dụng" in retired.value.message_vi
    with ward_setup.server.db.read() as conn:  # the unsent household reached the office
        assert conn.execute(select(func.count()).select_from(Household.__table__)
                            .where(Household.__table__.c.id == household_id)).scalar_one() == 1
    assert device_row(ward_setup, device_id)["stopped_at"] is not None
    assert store.profile.database_path.exists()  # retired is not lost: nothing is destroyed

    # it has stopped: the laptop does not ask again, and the server refuses its pushes now
    requests_before = transport.requests_made
    with pytest.raises(DeviceRevoked):
        run_sync(store, transport=transport)
    assert transport.requests_made == requests_before
    reply = requests.post(f"{ward_setup.server.url}{protocol.API_PREFIX}/sync/push", json={"changes": []},
                          headers={protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION),
                                   "Authorization": transport.session.headers["Authorization"]}, timeout=10)
    assert reply.status_code == 401 and reply.json()["reason"] == "revoked"
    transport.close()
    store.close()


def test_retired_then_found_lost_escalates_but_never_back(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    store = fast_store(template_root, tmp_path / "p")
    enrol_fast(ward_setup, store).close()
    device_id = store.profile.server_device_id
    assert device_id
    db = ward_setup.server.db
    assert admin.revoke_device(db, device_id, RevokeReason.RETIRED)
    assert not admin.revoke_device(db, device_id, RevokeReason.RETIRED)
    assert admin.revoke_device(db, device_id, RevokeReason.LOST)
    assert not admin.revoke_device(db, device_id, RevokeReason.RETIRED)
    assert device_row(ward_setup, device_id)["revoke_reason"] == RevokeReason.LOST
    store.close()


def test_breach_inventory_counts_what_the_laptop_held_at_its_last_sync(ward_setup: WardSetup, template_root: Path,
                                                                       tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    writer = fast_store(template_root, tmp_path / "writer")
    writer_transport = enrol_fast(ward_setup, writer, role="leader")
    add_household(writer, ward_setup.ward_id, [
        {"full_name": NAME, "personal_id": "001189012345", "phone": "0912345678", "date_of_birth": dt.date(1989, 3, 14)},
        {"full_name": "Trần Văn Bình", "date_of_birth": dt.date(2015, 6, 1)},
    ])
    add_household(writer, ward_setup.ward_id, [{"full_name": "Lê Thị Mai", "phone": "0987654321"}])
    run_sync(writer, transport=writer_transport)

    # a volunteer's laptop of a team without an area holds the households as a directory, no one's
    # personal data (least data): its inventory says so, as the laptop itself would count
    directory = fast_store(template_root, tmp_path / "directory")
    directory_transport = enrol_fast(ward_setup, directory)
    run_sync(directory, transport=directory_transport)
    with directory.read() as session:
        assert session.scalar(select(func.count()).select_from(Resident)) == 0
    scoped = inventory(ward_setup.server.db, str(directory.profile.server_device_id)).held
    assert scoped is not None and (scoped["households"], scoped["residents"], scoped["with_personal_id"]) == (2, 0, 0)
    directory_transport.close()
    directory.close()

    laptop = fast_store(template_root, tmp_path / "laptop")
    transport = enrol_fast(ward_setup, laptop, role="leader")  # a leader's laptop holds the whole ward
    device_id = laptop.profile.server_device_id
    assert device_id and inventory(ward_setup.server.db, device_id).held is None  # never pulled: holds nothing
    run_sync(laptop, transport=transport)
    with laptop.read() as session:  # what the laptop really holds, counted on the laptop
        local = session.execute(select(func.count(), func.count(Resident.personal_id), func.count(Resident.date_of_birth),
                                       func.count(Resident.phone))).one()
    held = inventory(ward_setup.server.db, device_id)
    assert held.held is not None
    assert (held.held["residents"], held.held["with_personal_id"], held.held["with_date_of_birth"], held.held["with_phone"]) \
        == tuple(local) == (3, 1, 2, 2)
    assert held.held["households"] == 2 and held.last_contact is not None

    # the office changes the ward after the laptop's last sync: the laptop still holds the old rows
    add_household(writer, ward_setup.ward_id, [{"full_name": "Phạm Văn Cường", "personal_id": "001090012345"}])
    run_sync(writer, transport=writer_transport)
    assert inventory(ward_setup.server.db, device_id).held == held.held

    assert admin.revoke_device(ward_setup.server.db, device_id, RevokeReason.LOST)
    url = str(ward_setup.server.db.engine.url.render_as_string(hide_password=False))
    assert server_main(["--db", url, "device", "inventory", device_id]) == 0
    out = capsys.readouterr().out
    assert "residents: 3 (with ID number: 1, with date of birth: 2, with phone: 2)" in out
    assert "households: 2" in out and "(lost)" in out
    for store, t in ((writer, writer_transport), (laptop, transport)):
        t.close()
        store.close()


def test_enrolling_again_after_retirement_clears_the_stop(ward_setup: WardSetup, store: Store) -> None:
    """A retired laptop given a new code may sync again (its stop was only for the old device)."""
    enroll(store, ward_setup.server.url, ward_setup.code())
    device_id = store.profile.server_device_id
    assert device_id and admin.revoke_device(ward_setup.server.db, device_id, RevokeReason.RETIRED)
    with pytest.raises(DeviceRevoked):
        run_sync(store)
    enroll(store, ward_setup.server.url, ward_setup.code())
    run_sync(store)


def test_the_office_turns_the_wards_app_lock_off_and_laptops_follow_at_their_next_sync(
        ward_setup: WardSetup, template_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from outreach.store.app_lock import lock_required

    laptop = fast_store(template_root, tmp_path / "p")
    transport = enrol_fast(ward_setup, laptop)
    run_sync(laptop, transport=transport)
    laptop.profile.demo = False  # as a real profile (a demo one never locks)
    assert lock_required(laptop)
    url = str(ward_setup.server.db.engine.url.render_as_string(hide_password=False))
    assert server_main(["--db", url, "ward", "lock", "off", "--ward", ward_setup.ward_id]) == 0
    assert "app lock off" in capsys.readouterr().out
    assert lock_required(laptop)  # not before it syncs
    run_sync(laptop, transport=transport)
    assert not lock_required(laptop)
    admin.set_app_lock(ward_setup.server.db, ward_setup.ward_id, True)
    run_sync(laptop, transport=transport)
    assert lock_required(laptop)
    transport.close()
    laptop.close()

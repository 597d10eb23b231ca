"""Background sync from the desktop app against a real server on 127.0.0.1: an enrolled laptop
syncs after start and soon after a save; a revoked one stops, offers the hand-over export and
the wipe, and the wipe leaves neither database nor key behind."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog
from sqlalchemy import func, select

from outreach import secrets
from outreach.model import Household
from outreach.server import admin
from outreach.services.context import Actor
from outreach.services.handover import read_handover
from outreach.services.households import HouseholdInput, register_household
from outreach.store.database import Store
from outreach.timeutil import today_local
from outreach.ui.dialogs.ask import click_choice
from outreach.ui.sync_hook import STATE_ATTENTION, STATE_SYNCED
from tests.helpers.ui import enrol_as

if TYPE_CHECKING:
    from tests.helpers.sync import WardSetup


def households_on_server(ward: WardSetup) -> int:
    with ward.server.db.read() as conn:
        table = Household.__table__
        return conn.execute(select(func.count()).select_from(table).where(table.c.ward_id == ward.ward_id)).scalar_one()


def start_enrolled_window(make_window, store: Store, live_ward: WardSetup):
    window = make_window(role="volunteer")
    enrol_as(store, live_ward, "volunteer")
    window.sync_driver.after_change_delay_ms = 0
    return window


def test_an_enrolled_laptop_syncs_after_start_and_after_a_save(qtbot, make_window, store: Store, live_ward: WardSetup) -> None:
    window = start_enrolled_window(make_window, store, live_ward)
    driver = window.sync_driver
    assert driver.active
    with qtbot.waitSignal(driver.synced, timeout=20_000):
        window.start_background_sync(first_delay_ms=0)
    assert driver.last_error is None and driver.last_status.state == STATE_SYNCED
    assert window.sync_button.isVisible()
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Đã gửi 0, đã nhận "), timeout=5000)  # queued to the bar

    profile = store.profile
    actor = Actor(profile.member_id, profile.member_name, profile.role, profile.ward_id, profile.team_id)
    register_household(store, actor, HouseholdInput("Vũ Thị Nga", {"house_number": "5", "street": "Đội Cấn"}))
    with qtbot.waitSignal(driver.synced, timeout=20_000):
        pass  # the change counter is noticed and a sync follows, without a click
    assert households_on_server(live_ward) == 1
    assert driver.last_status.pending == 0


def test_a_revoked_laptop_stops_offers_export_and_wipes(qtbot, make_window, store: Store, live_ward: WardSetup, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    window = start_enrolled_window(make_window, store, live_ward)
    profile = store.profile
    actor = Actor(profile.member_id, profile.member_name, profile.role, profile.ward_id, profile.team_id)
    register_household(store, actor, HouseholdInput("Đỗ Văn Hải", {"house_number": "7", "street": "Kim Mã"}))
    assert profile.server_device_id and admin.revoke_device(live_ward.server.db, profile.server_device_id)

    with qtbot.waitSignal(window.sync_driver.revoked, timeout=20_000):
        window.start_background_sync(first_delay_ms=0)
    assert window.sync_driver.last_status.state == STATE_ATTENTION and not window.sync_driver.active
    assert window.question is not None and "thu hồi" in window.question.text()
    assert not window.sync_button.isVisible()

    # "Xuất thay đổi chưa gửi…": Qt's own save dialog, in Documents, with a dated default name
    (tmp_path / "home" / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    click_choice(window.question, "Xuất thay đổi chưa gửi…")
    save = window.dialog
    assert isinstance(save, QFileDialog) and Path(save.directory().absolutePath()) == tmp_path / "home" / "Documents"
    target = tmp_path / "home" / "Documents" / f"outreach-chua-gui-{today_local():%Y-%m-%d}.handover"
    save.accept()
    dialog = window.passphrase_dialog  # the hand-over file is sealed with a passphrase typed twice
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.first, "mat-khau-ban-giao")
    qtbot.keyClicks(dialog.second, "mat-khau-ban-giao")
    with qtbot.waitSignal(window.unsent_exported, timeout=10_000) as exported:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert window.question is not None and target.name in window.question.text()  # with "Mở thư mục"
    assert "Đỗ Văn Hải".encode() not in target.read_bytes()
    handed_over = read_handover(target, "mat-khau-ban-giao")
    assert exported.args == [len(handed_over["unsent"])] and any(
        c["entity"] == "household" and c["fields"]["head_name"][0] == "Đỗ Văn Hải" for c in handed_over["unsent"])
    assert households_on_server(live_ward) == 0  # nothing got through after the revocation

    data_dir, profile_id = profile.data_dir, profile.profile_id
    with qtbot.waitSignal(window.wiped, timeout=10_000):
        window.wipe_now()
    assert not (data_dir / "outreach.db").exists() and not (data_dir / "profile.json").exists()
    assert secrets.get_device_token(profile_id) is None


def test_a_laptop_reported_lost_wipes_itself_says_so_and_closes(qtbot, make_window, store: Store, live_ward: WardSetup) -> None:
    from outreach.vocabulary import RevokeReason

    window = start_enrolled_window(make_window, store, live_ward)
    profile = store.profile
    with qtbot.waitSignal(window.sync_driver.synced, timeout=20_000):
        window.start_background_sync(first_delay_ms=0)
    assert profile.server_device_id and admin.revoke_device(live_ward.server.db, profile.server_device_id, RevokeReason.LOST)

    with qtbot.waitSignal(window.sync_driver.revoked, timeout=20_000):
        window.sync_driver.sync_now()
    assert not profile.database_path.exists() and secrets.get_db_key(profile.profile_id) is None
    assert window.question is not None and "bị mất hoặc bị đánh cắp" in window.question.text()
    with qtbot.waitSignal(window.wiped, timeout=5_000):
        click_choice(window.question, "Đóng Outreach")
    assert not profile.database_path.exists()  # closing wrote nothing back into the folder

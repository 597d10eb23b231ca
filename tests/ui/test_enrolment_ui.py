"""Enrolment from the Settings screen against a real server on 127.0.0.1: a leader gets a code
for a team member as a QR (decoded here with zbarimg), and a scanned link fills the enrolment
fields of a laptop, which then enrols."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from outreach.store.database import Store
from outreach.ui.main_window import PAGE_SETTINGS
from outreach.wire.enrolment_link import parse_enrolment_link
from tests.helpers.ui import enrol_as

if TYPE_CHECKING:
    from tests.helpers.sync import WardSetup


def test_leader_shows_a_qr_code_that_enrols_a_laptop(qtbot, make_window, store: Store, live_ward: WardSetup, tmp_path: Path) -> None:
    window = make_window(role="leader")
    enrol_as(store, live_ward, "leader")
    settings = window.show_page(PAGE_SETTINGS)
    assert settings.enrol_member_button is not None and settings.enrol_member_button.isVisible()

    settings.enrol_member_button.click()
    dialog = settings.dialog
    dialog.member_name.setText("Lê Thị Mai")  # typed Vietnamese comes from the IME, not key events
    with qtbot.waitSignal(dialog.issued, timeout=20000):
        dialog.get_code.click()
    code = dialog.code.text()
    assert code and "Lê Thị Mai" not in dialog.instructions.text() and code not in dialog.instructions.text()
    png = tmp_path / "qr.png"
    assert dialog.qr.pixmap().save(str(png), "PNG")
    if shutil.which("zbarimg"):
        decoded = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True, check=True).stdout.strip()
        link = parse_enrolment_link(decoded)
        assert (link.code, link.server_url) == (code, live_ward.server.url)
    dialog.close()

    # The scanner types the link into the code field: server and code separate themselves.
    settings.server_url.clear()
    qtbot.keyClicks(settings.code, f"outreach://enroll?code={code}&server={live_ward.server.url}")
    qtbot.keyClick(settings.code, Qt.Key.Key_Return)
    assert settings.server_url.text() == live_ward.server.url
    assert settings.code.text() == code
    with qtbot.waitSignal(settings.enrolled, timeout=20000):
        settings.enrol_button.click()
    assert store.profile.role == "volunteer"  # the code was a volunteer's, for the leader's team


def test_a_volunteer_has_no_team_enrolment_button(make_window, store: Store, live_ward: WardSetup) -> None:
    window = make_window(role="volunteer")
    enrol_as(store, live_ward, "volunteer")
    settings = window.show_page(PAGE_SETTINGS)
    assert settings.enrol_member_button is None


def test_a_scanner_without_enter_is_read_after_the_pause(qtbot, make_window) -> None:
    window = make_window(role="volunteer")
    settings = window.show_page(PAGE_SETTINGS)
    qtbot.keyClicks(settings.code, "outreach://enroll?code=AB12-CD34&server=https://pxa.example.vn")
    qtbot.waitUntil(lambda: settings.code.text() == "AB12-CD34", timeout=5000)
    assert settings.server_url.text() == "https://pxa.example.vn"


def test_a_ward_certificate_is_checked_and_kept_for_later_syncs(
    qtbot, make_window, store: Store, live_ward: WardSetup, tmp_path: Path
) -> None:
    window = make_window(role="volunteer")
    store.profile.ward_id = None
    settings = window.show_page(PAGE_SETTINGS)
    settings.server_url.setText(live_ward.server.url)
    settings.code.setText(live_ward.code("volunteer"))
    settings.ca_bundle.setText(str(tmp_path / "missing.pem"))
    settings.enrol_button.click()
    assert settings.enrol_error.isVisibleTo(settings) and "missing.pem" in settings.enrol_error.text()
    assert not store.profile.server_device_id  # nothing was sent

    certificate = tmp_path / "ward-ca.pem"
    certificate.write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")  # unused over plain http
    settings.ca_bundle.setText(str(certificate))
    with qtbot.waitSignal(settings.enrolled, timeout=20_000):
        settings.enrol_button.click()
    assert store.profile.ca_bundle == str(certificate) and store.profile.server_device_id

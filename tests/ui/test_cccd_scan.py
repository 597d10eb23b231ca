"""CCCD scan: 7- and 11-field payloads fill a resident; an implausible scan saves nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from outreach.services.households import HouseholdInput, get_household, register_household
from outreach.ui.dialogs.ask import click_choice
from outreach.ui.main_window import PAGE_HOUSEHOLDS
from tests.helpers.ui import type_text, wait_idle

SEVEN = "012345678901|123456789|Nguyễn Văn A|01021990|Nam|123 Hà Nội|10102021"
ELEVEN = "012345678901||Trần Thị B|05092003|Nữ|Số 1 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh|12082024||||"


@pytest.mark.parametrize(
    ("payload", "name", "born", "sex", "old_id"),
    [(SEVEN, "Nguyễn Văn A", dt.date(1990, 2, 1), "Nam", "123456789"),
     (ELEVEN, "Trần Thị B", dt.date(2003, 9, 5), "Nữ", None)],
    ids=["7-fields", "11-fields"],
)
def test_scan_fills_and_saves_a_resident(qtbot, window, store, leader, payload, name, born, sex, old_id) -> None:
    household = register_household(store, leader, HouseholdInput("Chủ Hộ Thử", {"house_number": "5", "street": "Lê Lợi"}))
    view = window.show_page(PAGE_HOUSEHOLDS)
    dialog = view.add_resident(household.id)
    assert dialog.focusWidget() is dialog.scan.edit  # ready for the scanner
    type_text(dialog.scan.edit, payload)  # the scanner types the payload ...
    QTest.keyClick(dialog.scan.edit, Qt.Key.Key_Return)  # ... and presses Enter
    assert dialog.full_name.text() == name
    assert dialog.date_of_birth.date() == born
    assert dialog.sex.currentData() == sex
    assert dialog.personal_id.text() == "012345678901"
    assert (dialog.old_id.text() or None) == old_id
    assert dialog.scan.edit.text() == ""  # the payload does not linger in the scan field

    QTest.keyClick(dialog.consent, Qt.Key.Key_Space)
    QTest.keyClick(dialog.full_name, Qt.Key.Key_Return)
    # synthetic ID digits disagree with the birth year/sex: the UI asks, the user confirms
    qtbot.waitUntil(lambda: dialog.question is not None, timeout=5000)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        click_choice(dialog.question, "Vẫn lưu")
    residents = get_household(store, household.id).residents
    assert [(r.full_name, r.personal_id, r.date_of_birth) for r in residents] == [(name, "012345678901", born)]
    assert residents[0].consent_given_at is not None


def test_implausible_scan_says_why_and_saves_nothing(qtbot, window, store, leader) -> None:
    household = register_household(store, leader, HouseholdInput("Chủ Hộ Thử", {"house_number": "6", "street": "Lê Lợi"}))
    view = window.show_page(PAGE_HOUSEHOLDS)
    dialog = view.add_resident(household.id)
    type_text(dialog.scan.edit, "012345678901|Nguy?n V?n A|01021990")  # garbled, too few fields
    QTest.keyClick(dialog.scan.edit, Qt.Key.Key_Return)
    assert dialog.scan.error.isVisible() and dialog.scan.error.text()
    assert dialog.full_name.text() == "" and dialog.personal_id.text() == ""
    wait_idle(qtbot, window.ctx.runner)
    assert get_household(store, household.id).residents == []


def test_global_shortcut_opens_the_scan_field(qtbot, window, store, leader) -> None:
    register_household(store, leader, HouseholdInput("Chủ Hộ Quét", {"house_number": "8", "street": "Lê Lợi"}))
    view = window.show_page(PAGE_HOUSEHOLDS)
    view.refresh()
    qtbot.waitUntil(lambda: view.detail.page is not None, timeout=5000)
    QTest.keySequence(window, "Ctrl+Shift+C")
    qtbot.waitUntil(lambda: window.dialog is not None, timeout=2000)
    scan = window.dialog
    type_text(scan.field.edit, SEVEN)
    QTest.keyClick(scan.field.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.question is not None, timeout=2000)
    click_choice(view.question, "Thêm vào hộ Chủ Hộ Quét")
    qtbot.waitUntil(lambda: view.dialog is not None, timeout=2000)
    assert view.dialog.full_name.text() == "Nguyễn Văn A"

"""CCCD scan: 7- and 11-field payloads fill a resident; an implausible scan saves nothing.

The scanner is simulated as it is: key events typed into the focused widget, ending in Enter;
the garbled payloads are what a scanner types under a US keyboard layout ("Nữ" → "N").
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from outreach.services.households import HouseholdInput, ResidentInput, add_resident, get_household, register_household
from outreach.ui.dialogs.ask import click_choice
from outreach.ui.main_window import PAGE_HOUSEHOLDS
from tests.helpers.ui import type_text, wait_idle

SEVEN = "012345678901|123456789|Nguyễn Văn A|01021990|Nam|123 Hà Nội|10102021"
ELEVEN = "012345678901||Trần Thị B|05092003|Nữ|Số 1 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh|12082024||||"
#: ELEVEN typed by a scanner under a US layout: the letters it has no key for are dropped.
ELEVEN_US_LAYOUT = "012345678901||Trn Th B|05092003|N|S 1 L Li, Phng Bn Thnh, TP. H Ch Minh|12082024||||"


def scan(widget, payload: str) -> None:
    """What a keyboard-wedge scanner does: type the payload into ``widget``, then press Enter."""
    type_text(widget, payload)
    QTest.keyClick(widget, Qt.Key.Key_Return)


def default_text(box: QMessageBox) -> str:
    button = box.defaultButton()
    return button.text().replace("&", "") if button is not None else ""


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
    printed = ELEVEN.split("|")[5] if payload == ELEVEN else "123 Hà Nội"
    assert dialog.card_address.text() == printed and dialog.card_address.isReadOnly()

    QTest.keyClick(dialog.consent, Qt.Key.Key_Space)
    QTest.keyClick(dialog.full_name, Qt.Key.Key_Return)
    # synthetic ID digits disagree with the birth year/sex: the UI asks, the user confirms
    qtbot.waitUntil(lambda: dialog.question is not None, timeout=5000)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        click_choice(dialog.question, "Vẫn lưu")
    residents = get_household(store, household.id).residents
    assert [(r.full_name, r.personal_id, r.date_of_birth) for r in residents] == [(name, "012345678901", born)]
    assert residents[0].consent_given_at is not None
    assert residents[0].card_address == printed  # the card's printed address is kept, as printed
    issued = dt.date(2024, 8, 12) if payload == ELEVEN else dt.date(2021, 10, 10)
    assert residents[0].card_issued_on == issued  # and its issue date (card renewal: reach lists)

    view.edit_resident(residents[0])
    edit = view.dialog
    assert edit.card_address.text() == printed  # and shown again when the resident is edited


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
    click_choice(view.question, "Thêm vào hộ đang chọn")
    qtbot.waitUntil(lambda: view.dialog is not None, timeout=2000)
    assert view.dialog.full_name.text() == "Nguyễn Văn A"


def test_scanner_enter_fills_the_form_but_never_saves(qtbot, window, store, leader) -> None:
    """Consent ticked first, then a scan: its Enter fills the form and goes to the relation, not Save."""
    household = register_household(store, leader, HouseholdInput("Chủ Hộ Thử", {"house_number": "9", "street": "Lê Lợi"}))
    view = window.show_page(PAGE_HOUSEHOLDS)
    dialog = view.add_resident(household.id)
    dialog.consent.setChecked(True)
    dialog.scan.focus()
    scan(dialog.scan.edit, SEVEN)
    wait_idle(qtbot, window.ctx.runner)
    assert dialog.isVisible() and dialog.question is None  # no save was attempted ...
    assert get_household(store, household.id).residents == []  # ... and nothing saved
    assert dialog.full_name.text() == "Nguyễn Văn A"
    assert dialog.focusWidget() in (dialog.relation, dialog.relation.lineEdit())  # what the card cannot tell
    assert dialog.relation.currentText() == ""  # never "Chủ hộ" unasked


def test_a_second_head_is_refused_and_the_dialog_offers_to_make_this_person_head(qtbot, window, store, leader) -> None:
    household = register_household(store, leader, HouseholdInput("Lý Văn Minh", {"house_number": "3", "street": "Lê Lợi"}))
    head = add_resident(store, leader, household.id, ResidentInput("Lý Văn Minh", relation_to_head="Chủ hộ"))
    view = window.show_page(PAGE_HOUSEHOLDS)
    dialog = view.add_resident(household.id)
    scan(dialog.scan.edit, SEVEN)
    dialog.relation.setCurrentText("Chủ hộ")
    dialog.consent.setChecked(True)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: dialog.question is not None, timeout=5000)
    assert "Lý Văn Minh" in dialog.errors.text_for("relation_to_head")  # the service's own message
    # the dialog grew for the message: no row squeezed, no text clipped
    assert dialog.height() >= dialog.layout().totalHeightForWidth(dialog.width())
    assert default_text(dialog.question) == "Chọn quan hệ khác"  # the safe answer is the default
    click_choice(dialog.question, "Đặt người này làm chủ hộ")
    # then the synthetic ID's digits are doubted: that question defaults to going back
    qtbot.waitUntil(lambda: dialog.question is not None, timeout=5000)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        click_choice(dialog.question, "Vẫn lưu")
    detail = get_household(store, household.id)
    assert detail.summary.head_name == "Nguyễn Văn A"
    assert {r.full_name: r.relation_to_head for r in detail.residents} == {"Nguyễn Văn A": "Chủ hộ", "Lý Văn Minh": "Khác"}
    assert head.id in {r.id for r in detail.residents}


def test_id_digit_warning_defaults_to_going_back_to_the_field(qtbot, window, store, leader) -> None:
    household = register_household(store, leader, HouseholdInput("Chủ Hộ Thử", {"house_number": "4", "street": "Lê Lợi"}))
    view = window.show_page(PAGE_HOUSEHOLDS)
    dialog = view.add_resident(household.id)
    scan(dialog.scan.edit, SEVEN)  # the synthetic ID's digits disagree with the birth year
    dialog.relation.setCurrentText("Con")
    dialog.consent.setChecked(True)
    QTest.keyClick(dialog.full_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.question is not None, timeout=5000)
    box = dialog.question
    assert default_text(box) == "Quay lại sửa"
    QTest.keyClick(box, Qt.Key.Key_Return)  # Enter on the warning ...
    qtbot.waitUntil(lambda: dialog.question is None, timeout=2000)
    assert dialog.focusWidget() is dialog.personal_id  # ... goes back to the ID field
    wait_idle(qtbot, window.ctx.runner)
    assert get_household(store, household.id).residents == []


def test_a_failed_scan_keeps_the_scan_dialog_open_and_names_the_keyboard_layout(qtbot, window) -> None:
    window.show_page(PAGE_HOUSEHOLDS)
    QTest.keySequence(window, "Ctrl+Shift+C")
    qtbot.waitUntil(lambda: window.dialog is not None, timeout=2000)
    dialog = window.dialog
    assert dialog.focusWidget() is dialog.field.edit
    scan(dialog.field.edit, ELEVEN_US_LAYOUT)
    error = dialog.field.error
    assert dialog.isVisible() and window.dialog is dialog  # Enter did not press Cancel
    assert error.isVisible() and "bố cục bàn phím" in error.text() and "Unicode" in error.text()
    assert error.wordWrap()
    # the whole reason is shown: the label has the height its wrapped text needs, inside the dialog
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()), timeout=2000)
    assert error.geometry().bottom() <= dialog.contentsRect().bottom()
    assert dialog.height() >= dialog.layout().totalHeightForWidth(dialog.width())
    dialog.field.edit.clear()
    with qtbot.waitSignal(dialog.scanned, timeout=2000):
        scan(dialog.field.edit, ELEVEN)  # a rescan in the right layout goes through


def test_a_card_read_without_any_diacritic_is_filled_with_a_layout_caution(qtbot, window, store, leader) -> None:
    """Look-alike ASCII with "Nam" parses (no field is impossible), but the user is told why the
    name may be wrong before saving it."""
    household = register_household(store, leader, HouseholdInput("Chủ Hộ Thử", {"house_number": "7", "street": "Lê Lợi"}))
    view = window.show_page(PAGE_HOUSEHOLDS)
    dialog = view.add_resident(household.id)
    scan(dialog.scan.edit, "012345678901|123456789|Nguyen Van An|01021990|Nam|So 12 Le Loi, Ha Noi|10102021")
    assert dialog.full_name.text() == "Nguyen Van An"
    assert dialog.scan.ok.isVisible() and "không có dấu" in dialog.scan.ok.text()
    scan(dialog.scan.edit, SEVEN)  # a card read in the right layout: no caution
    assert "không có dấu" not in dialog.scan.ok.text()

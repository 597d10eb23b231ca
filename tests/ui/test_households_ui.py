"""Households screen: register with inline validation, duplicate warning, search."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from outreach.services.households import (
    HouseholdInput,
    ResidentInput,
    add_resident,
    get_household,
    register_household,
    search_household_ids,
)
from outreach.ui.dialogs.ask import click_choice
from outreach.ui.dialogs.scan_dialog import ScanDialog
from outreach.ui.main_window import PAGE_HOUSEHOLDS
from tests.helpers.ui import type_text, wait_idle
from tests.ui.test_cccd_scan import ELEVEN, SEVEN, default_text, scan


def test_register_household_with_inline_validation(qtbot, window, store) -> None:
    view = window.show_page(PAGE_HOUSEHOLDS)
    runner = window.ctx.runner
    QTest.mouseClick(view.register_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog is not None and dialog.isVisible()

    # nothing typed: Save shows the problems next to their fields and saves nothing
    QTest.keyClick(dialog.head_name, Qt.Key.Key_Return)
    wait_idle(qtbot, runner)
    head_error = dialog.errors.text_for("head_name")
    assert head_error and dialog.errors.text_for("address")
    assert search_household_ids(store, "Trần") == []

    type_text(dialog.head_name, "Trần Văn Bình")
    type_text(dialog.address["house_number"], "12")
    type_text(dialog.address["lane"], "Ngõ 45")
    type_text(dialog.address["street"], "Đội Cấn")
    type_text(dialog.phone, "0912345678")
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        QTest.keyClick(dialog.phone, Qt.Key.Key_Return)  # Enter saves
    summary = saved.args[0]
    assert summary.head_name == "Trần Văn Bình"
    assert search_household_ids(store, "tran van binh") == [summary.id]
    qtbot.waitUntil(lambda: view.detail.page is not None and view.detail.page.detail.summary.id == summary.id, timeout=5000)


def test_duplicate_address_offers_the_existing_household(qtbot, window, store, leader) -> None:
    existing = register_household(store, leader, HouseholdInput("Lê Văn Cường", {"house_number": "7", "street": "Kim Mã"}))
    view = window.show_page(PAGE_HOUSEHOLDS)
    dialog = view.register_household()
    type_text(dialog.head_name, "Lê Thị Dung")
    type_text(dialog.address["house_number"], "7")
    type_text(dialog.address["street"], "kim ma")  # same address, typed without accents
    QTest.keyClick(dialog.head_name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.question is not None, timeout=5000)
    assert "Lê Văn Cường" in dialog.question.informativeText()
    click_choice(dialog.question, "Mở hộ đã có")
    qtbot.waitUntil(lambda: view.detail.page is not None and view.detail.page.detail.summary.id == existing.id, timeout=5000)
    assert len(search_household_ids(store, "kim ma")) == 1  # nothing new was saved


def test_search_as_you_type_fills_the_lazy_table(qtbot, make_window, store, leader) -> None:
    for i in range(30):
        register_household(store, leader, HouseholdInput(f"Nguyễn Văn {i}", {"house_number": str(i), "street": "Ngọc Hà"}))
    register_household(store, leader, HouseholdInput("Đặng Văn Đức", {"house_number": "1", "street": "Đốc Ngữ"}))
    window = make_window()
    view = window.show_page(PAGE_HOUSEHOLDS)
    qtbot.waitUntil(lambda: view.model.rowCount() == 31, timeout=5000)
    with qtbot.waitSignal(view.results_shown, timeout=5000):
        type_text(view.search, "dang van duc")
    assert view.model.rowCount() == 1
    qtbot.waitUntil(lambda: view.model.summary(0) is not None, timeout=5000)
    assert view.model.summary(0).head_name == "Đặng Văn Đức"


def test_import_from_the_households_screen_lists_the_new_households(qtbot, window, store, tmp_path) -> None:
    sheet = tmp_path / "to-1.csv"
    sheet.write_text("Tổ dân phố,Họ tên chủ hộ,Số nhà,Đường\nTổ 1,Ngô Thị Yến,8,Văn Cao\nTổ 2,Lý Văn Sơn,10,Văn Cao\n",
                     encoding="utf-8-sig")
    view = window.show_page(PAGE_HOUSEHOLDS)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=5000)
    view.import_button.click()
    dialog = view.dialog
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.load_file(sheet)
    with qtbot.waitSignal(dialog.previewed, timeout=5000):
        dialog.check()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=5000)
    assert sorted(search_household_ids(store, "ly van son")) != []


def _selected(qtbot, view, household_id: str) -> None:
    view.select_household(household_id)
    qtbot.waitUntil(lambda: view.detail.page is not None and view.detail.page.detail.summary.id == household_id, timeout=5000)


def test_scan_button_asks_where_the_card_belongs_defaulting_by_address(qtbot, window, store, leader) -> None:
    """"Add to the selected household" is the default only when the card's address names it."""
    household = register_household(store, leader, HouseholdInput("Trần Văn Chủ", {"house_number": "1", "street": "Lê Lợi"}))
    view = window.show_page(PAGE_HOUSEHOLDS)
    _selected(qtbot, view, household.id)
    assert view.scan_button.isVisible() and "Ctrl+Shift+C" in view.scan_button.text()
    for payload, default in ((SEVEN, "Đăng ký hộ mới"),  # card: "123 Hà Nội"
                             (ELEVEN, "Thêm vào hộ đang chọn")):  # card: "Số 1 Lê Lợi, Phường Bến Thành, …"
        view.scan_button.click()
        dialog = view.dialog
        assert isinstance(dialog, ScanDialog) and dialog.focusWidget() is dialog.field.edit
        scan(dialog.field.edit, payload)
        qtbot.waitUntil(lambda: view.question is not None, timeout=2000)
        assert default_text(view.question) == default
        assert "Trần Văn Chủ" in view.question.informativeText()
        click_choice(view.question, "Huỷ")
        qtbot.waitUntil(lambda: view.question is None, timeout=2000)
    wait_idle(qtbot, window.ctx.runner)
    assert get_household(store, household.id).residents == []  # nothing added unasked


def test_register_household_from_a_scan_fills_head_and_address_then_adds_the_head(qtbot, window, store) -> None:
    view = window.show_page(PAGE_HOUSEHOLDS)
    dialog = view.register_household()
    assert dialog.scan is not None and "Ctrl+Shift+C" in dialog.scan.button.text()
    dialog.activateWindow()  # as a window manager does for a new dialog (offscreen does not)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    QTest.keySequence(dialog, "Ctrl+Shift+C")  # the shortcut puts focus in the dialog's scan field
    assert dialog.focusWidget() is dialog.scan.edit
    scan(dialog.scan.edit, ELEVEN)
    wait_idle(qtbot, window.ctx.runner)
    assert dialog.isVisible() and search_household_ids(store, "tran thi b") == []  # the scanner's Enter saved nothing
    assert dialog.head_name.text() == "Trần Thị B"
    assert dialog.address["extra"].text() == "Số 1 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh"
    type_text(dialog.address["house_number"], "1")
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        QTest.keyClick(dialog.address["house_number"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog is not dialog, timeout=5000)
    resident = view.dialog  # the card holder, ready to be added as the head
    assert resident.full_name.text() == "Trần Thị B" and resident.relation.currentText() == "Chủ hộ"
    assert saved.args[0].head_name == "Trần Thị B"


def test_esc_asks_before_discarding_typed_data(qtbot, window, store, leader) -> None:
    view = window.show_page(PAGE_HOUSEHOLDS)
    untouched = view.register_household()
    QTest.keyClick(untouched, Qt.Key.Key_Escape)  # nothing typed: closes without a question
    qtbot.waitUntil(lambda: not untouched.isVisible(), timeout=2000)

    dialog = view.register_household()
    type_text(dialog.head_name, "Trần Văn Bình")
    QTest.keyClick(dialog.head_name, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.guard.question is not None
    assert default_text(dialog.guard.question) == "Tiếp tục nhập"
    QTest.keyClick(dialog.guard.question, Qt.Key.Key_Escape)  # Esc again keeps the typing
    qtbot.waitUntil(lambda: dialog.guard.question is None, timeout=2000)
    assert dialog.isVisible() and dialog.head_name.text() == "Trần Văn Bình"
    dialog.close()  # the window's close button asks too
    assert dialog.isVisible() and dialog.guard.question is not None
    click_choice(dialog.guard.question, "Bỏ thay đổi")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)

    household = register_household(store, leader, HouseholdInput("Chủ Hộ Thử", {"house_number": "2", "street": "Lê Lợi"}))
    resident = view.add_resident(household.id)
    scan(resident.scan.edit, SEVEN)  # a scan is typing too
    QTest.keyClick(resident.relation, Qt.Key.Key_Escape)
    assert resident.isVisible() and resident.guard.question is not None


def test_consent_dialog_names_the_resident_and_fits_its_text(qtbot, window, store, leader) -> None:
    household = register_household(store, leader, HouseholdInput("Đỗ Văn Hải", {"house_number": "3", "street": "Lê Lợi"}))
    add_resident(store, leader, household.id, ResidentInput("Đỗ Văn Hải", relation_to_head="Chủ hộ"))
    view = window.show_page(PAGE_HOUSEHOLDS)
    _selected(qtbot, view, household.id)
    detail = view.detail
    qtbot.waitUntil(lambda: detail.residents.rowCount() == 1, timeout=5000)
    detail.residents.selectRow(0)
    detail.consent_button.click()
    dialog = detail.consent_dialog
    assert dialog is not None and dialog.isVisible()
    assert "Đỗ Văn Hải" in dialog.question.text() and "Đỗ Văn Hải" in dialog.windowTitle()
    assert dialog.width() >= dialog.sizeHint().width() and dialog.height() >= dialog.sizeHint().height()
    assert dialog.question.height() >= dialog.question.heightForWidth(dialog.question.width())  # not clipped
    with qtbot.waitSignal(detail.changed, timeout=5000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert get_household(store, household.id).residents[0].has_consent


def test_the_visit_history_shows_each_visit_from_start_to_end(qtbot, window, store, volunteer) -> None:
    import datetime as dt

    from outreach.services.visits import VisitInput, get_visit, record_visit
    from outreach.timeutil import now_local

    started = now_local().replace(second=0, microsecond=0) - dt.timedelta(minutes=40)
    household = register_household(store, volunteer, HouseholdInput("Hộ Có Giờ", {"house_number": "5", "street": "Văn Cao"}))
    visit = record_visit(store, volunteer, VisitInput(household.id, started))
    ended = get_visit(store, visit.id).ended_at
    assert ended is not None
    view = window.show_page(PAGE_HOUSEHOLDS)
    _selected(qtbot, view, household.id)
    table = view.detail.visits
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=5000)
    texts = [table.item(0, c).text() for c in range(table.columnCount()) if table.item(0, c)]
    end = f"{ended:%H:%M}" if ended.date() == started.date() else f"{ended:%d/%m %H:%M}"
    assert f"{started:%H:%M}–{end}" in texts


def test_the_scan_shortcut_opens_the_households_screens_scan(qtbot, window) -> None:
    """One scan flow: Ctrl+Shift+C (from any screen) opens the Households screen's scan dialog,
    the one its button opens, so a scan is answered there."""
    from outreach.ui.main_window import PAGE_WEEKLY_LOG

    window.show_page(PAGE_WEEKLY_LOG)
    QTest.keySequence(window, "Ctrl+Shift+C")
    qtbot.waitUntil(lambda: window.dialog is not None, timeout=2000)
    view = window.page(PAGE_HOUSEHOLDS)
    assert isinstance(window.dialog, ScanDialog) and view.dialog is window.dialog
    assert window.current_page() == PAGE_HOUSEHOLDS  # the screen that answers the scan is the one shown

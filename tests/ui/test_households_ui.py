"""Households screen: register with inline validation, duplicate warning, search."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from outreach.services.households import HouseholdInput, register_household, search_household_ids
from outreach.ui.dialogs.ask import click_choice
from outreach.ui.main_window import PAGE_HOUSEHOLDS
from tests.helpers.ui import type_text, wait_idle


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

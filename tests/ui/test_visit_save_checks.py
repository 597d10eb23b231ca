"""Saving a visit never drops what was typed: a filing typed but not added, a "helped" with nothing.

Issue 10 item 5: with a procedure and a dossier code typed but "Thêm hồ sơ" not pressed, Ctrl+S
saved "0 hồ sơ". Now a complete row is added for the volunteer and anything else is asked; a
"helped" visit with no filing, topic or note asks too (default: go back).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from outreach.services.households import HouseholdInput, register_household
from outreach.services.visits import visits_of_household
from outreach.ui.dialogs.ask import click_choice
from outreach.ui.main_window import PAGE_NEW_VISIT
from tests.helpers.ui import type_text, wait_idle

CTRL = Qt.KeyboardModifier.ControlModifier


def _form_with_household(qtbot: Any, make_window: Any, store: Any, leader: Any) -> tuple[Any, str]:
    household = register_household(store, leader, HouseholdInput("Nguyễn Thị Lan", {"house_number": "9", "street": "Ngọc Hà"}))
    window = make_window()
    window.activateWindow()  # Ctrl+S is a shortcut of the active window, as on a desktop
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    form = window.show_page(PAGE_NEW_VISIT)
    wait_idle(qtbot, window.ctx.runner)  # the catalogue is loaded
    form.household_search.setFocus()
    type_text(form.household_search, "nguyen thi lan")
    QTest.keyClick(form.household_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.household_id == household.id, timeout=5000)
    return form, household.id


def _type_in(widget: Any, text: str) -> None:
    widget.setFocus()
    type_text(widget, text)


def _ctrl_s(qtbot: Any, form: Any) -> None:
    """Ctrl+S in the field that has focus, once the window is active again (after a question closed)."""
    qtbot.waitUntil(lambda: form.window().isActiveWindow() and form.isAncestorOf(QApplication.focusWidget()), timeout=2000)
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClick(focused, Qt.Key.Key_S, CTRL)


def _question(qtbot: Any, form: Any) -> QMessageBox:
    """The form's question, once it is the active window (as a user sees it: activation is async)."""
    qtbot.waitUntil(lambda: form.question is not None and QApplication.activeWindow() is form.question, timeout=2000)
    box: QMessageBox = form.question
    return box


def _back_to_the_window(qtbot: Any, form: Any) -> None:
    """The question closed: the window is active again (a window manager does this; offscreen
    Qt leaves the closed box "active", so the test asks for it as the window manager would)."""
    qtbot.waitUntil(lambda: form.question is None, timeout=2000)
    form.window().activateWindow()
    qtbot.waitUntil(lambda: form.window().isActiveWindow(), timeout=2000)


def _answer(qtbot: Any, form: Any, text: str) -> None:
    click_choice(_question(qtbot, form), text)
    _back_to_the_window(qtbot, form)


def test_a_complete_filing_typed_but_not_added_is_saved_with_the_visit(qtbot, make_window, store, leader) -> None:
    form, household_id = _form_with_household(qtbot, make_window, store, leader)
    _type_in(form.procedure, "1.001193")
    QTest.keyClick(form.procedure, Qt.Key.Key_Return)  # picked from the list
    _type_in(form.dossier, "H01.22-241118-0001")  # "Thêm hồ sơ" not pressed
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        _ctrl_s(qtbot, form)
    assert form.question is None  # nothing to ask: the row was complete
    assert len(saved.args[0].filings) == 1
    [visit] = visits_of_household(store, household_id)
    assert [(f.procedure_code, f.dossier_code) for f in visit.filings] == [("1.001193", "H01.22-241118-0001")]
    assert "1 hồ sơ" in form.status_line.text()


def test_an_incomplete_filing_row_stops_the_save_and_asks(qtbot, make_window, store, leader) -> None:
    form, household_id = _form_with_household(qtbot, make_window, store, leader)
    _type_in(form.topics, "VNeID mức 2")
    _type_in(form.procedure, "khai sinh")  # typed, never picked from the list
    _ctrl_s(qtbot, form)
    box = _question(qtbot, form)
    assert "khai sinh" in box.text()
    assert box.defaultButton().text() == "Quay lại hồ sơ"  # the default keeps the row
    assert box.escapeButton() is box.defaultButton()
    _answer(qtbot, form, "Quay lại hồ sơ")
    wait_idle(qtbot, form._ctx.runner)
    assert visits_of_household(store, household_id) == []
    assert form.procedure.text() == "khai sinh" and form.window().focusWidget() is form.procedure

    _ctrl_s(qtbot, form)
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        _answer(qtbot, form, "Lưu, bỏ hồ sơ này")
    assert saved.args[0].filings == [] and saved.args[0].topics == ["VNeID mức 2"]


def test_a_filing_typed_but_not_picked_can_be_kept_as_its_named_best_match(qtbot, make_window, store, leader) -> None:
    form, household_id = _form_with_household(qtbot, make_window, store, leader)
    _type_in(form.procedure, "1.004222")  # the code typed in full, Enter never pressed
    _type_in(form.dossier, "H01.22-241118-0009")
    _ctrl_s(qtbot, form)
    box = _question(qtbot, form)
    assert "1.004222 — Đăng ký thường trú" in box.informativeText()  # which procedure "keep" means
    assert box.defaultButton().text() == "Quay lại hồ sơ"
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        _answer(qtbot, form, "Thêm thủ tục khớp nhất rồi lưu")
    assert [(f.procedure_code, f.dossier_code) for f in saved.args[0].filings] == [("1.004222", "H01.22-241118-0009")]
    [visit] = visits_of_household(store, household_id)
    assert len(visit.filings) == 1


def test_a_submitted_filing_without_its_dossier_code_is_not_added_silently(qtbot, make_window, store, leader) -> None:
    form, household_id = _form_with_household(qtbot, make_window, store, leader)
    _type_in(form.procedure, "1.001193")
    QTest.keyClick(form.procedure, Qt.Key.Key_Return)
    form.status.setFocus()
    QTest.keyClick(form.status, Qt.Key.Key_Down)  # prepared → submitted, no dossier code
    assert form.status.currentData() == "submitted"
    _ctrl_s(qtbot, form)
    assert "mã hồ sơ" in _question(qtbot, form).informativeText()
    _answer(qtbot, form, "Quay lại hồ sơ")
    assert visits_of_household(store, household_id) == [] and form.filings.rowCount() == 0


def test_helped_with_nothing_recorded_asks_and_defaults_to_going_back(qtbot, make_window, store, leader) -> None:
    form, household_id = _form_with_household(qtbot, make_window, store, leader)
    assert form.outcome.currentData() == "helped"
    _ctrl_s(qtbot, form)
    box = _question(qtbot, form)
    assert "Đã hỗ trợ" in box.text()
    assert box.defaultButton().text() == "Quay lại"
    QTest.keyClick(box, Qt.Key.Key_Escape)  # Esc is "go back" too
    _back_to_the_window(qtbot, form)
    wait_idle(qtbot, form._ctx.runner)
    assert visits_of_household(store, household_id) == []

    _ctrl_s(qtbot, form)
    with qtbot.waitSignal(form.saved, timeout=5000):
        _answer(qtbot, form, "Vẫn lưu")
    assert len(visits_of_household(store, household_id)) == 1


def test_helped_with_a_note_or_another_outcome_saves_without_asking(qtbot, make_window, store, leader) -> None:
    form, household_id = _form_with_household(qtbot, make_window, store, leader)
    _type_in(form.notes, "Hướng dẫn cài VNeID")
    with qtbot.waitSignal(form.saved, timeout=5000):
        _ctrl_s(qtbot, form)
    form.set_household(household_id, "Nguyễn Thị Lan")
    form.outcome.setCurrentIndex(form.outcome.findData("not_home"))
    with qtbot.waitSignal(form.saved, timeout=5000):
        _ctrl_s(qtbot, form)
    assert form.question is None and len(visits_of_household(store, household_id)) == 2

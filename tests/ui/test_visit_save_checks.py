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


def _ctrl_s(form: Any) -> None:
    QTest.keyClick(QApplication.focusWidget() or form, Qt.Key.Key_S, CTRL)


def test_a_complete_filing_typed_but_not_added_is_saved_with_the_visit(qtbot, make_window, store, leader) -> None:
    form, household_id = _form_with_household(qtbot, make_window, store, leader)
    _type_in(form.procedure, "1.001193")
    QTest.keyClick(form.procedure, Qt.Key.Key_Return)  # picked from the list
    _type_in(form.dossier, "H01.22-241118-0001")  # "Thêm hồ sơ" not pressed
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        _ctrl_s(form)
    assert form.question is None  # nothing to ask: the row was complete
    assert len(saved.args[0].filings) == 1
    [visit] = visits_of_household(store, household_id)
    assert [(f.procedure_code, f.dossier_code) for f in visit.filings] == [("1.001193", "H01.22-241118-0001")]
    assert "1 hồ sơ" in form.status_line.text()


def test_an_incomplete_filing_row_stops_the_save_and_asks(qtbot, make_window, store, leader) -> None:
    form, household_id = _form_with_household(qtbot, make_window, store, leader)
    _type_in(form.topics, "VNeID mức 2")
    _type_in(form.procedure, "khai sinh")  # typed, never picked from the list
    _ctrl_s(form)
    qtbot.waitUntil(lambda: form.question is not None, timeout=2000)
    assert "khai sinh" in form.question.text()
    assert form.question.defaultButton().text() == "Quay lại hồ sơ"  # the default keeps the row
    assert form.question.escapeButton() is form.question.defaultButton()
    click_choice(form.question, "Quay lại hồ sơ")
    wait_idle(qtbot, form._ctx.runner)
    assert visits_of_household(store, household_id) == []
    assert form.procedure.text() == "khai sinh" and QApplication.focusWidget() is form.procedure

    _ctrl_s(form)
    qtbot.waitUntil(lambda: form.question is not None, timeout=2000)
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        click_choice(form.question, "Lưu, bỏ hồ sơ này")
    assert saved.args[0].filings == [] and saved.args[0].topics == ["VNeID mức 2"]


def test_a_submitted_filing_without_its_dossier_code_is_not_added_silently(qtbot, make_window, store, leader) -> None:
    form, household_id = _form_with_household(qtbot, make_window, store, leader)
    _type_in(form.procedure, "1.001193")
    QTest.keyClick(form.procedure, Qt.Key.Key_Return)
    form.status.setFocus()
    QTest.keyClick(form.status, Qt.Key.Key_Down)  # prepared → submitted, no dossier code
    assert form.status.currentData() == "submitted"
    _ctrl_s(form)
    qtbot.waitUntil(lambda: form.question is not None, timeout=2000)
    assert "mã hồ sơ" in form.question.informativeText()
    click_choice(form.question, "Quay lại hồ sơ")
    assert visits_of_household(store, household_id) == [] and form.filings.rowCount() == 0


def test_helped_with_nothing_recorded_asks_and_defaults_to_going_back(qtbot, make_window, store, leader) -> None:
    form, household_id = _form_with_household(qtbot, make_window, store, leader)
    assert form.outcome.currentData() == "helped"
    _ctrl_s(form)
    qtbot.waitUntil(lambda: form.question is not None, timeout=2000)
    box: QMessageBox = form.question
    assert "Đã hỗ trợ" in box.text()
    assert box.defaultButton().text() == "Quay lại"
    QTest.keyClick(box, Qt.Key.Key_Escape)  # Esc is "go back" too
    qtbot.waitUntil(lambda: form.question is None, timeout=2000)
    wait_idle(qtbot, form._ctx.runner)
    assert visits_of_household(store, household_id) == []

    _ctrl_s(form)
    qtbot.waitUntil(lambda: form.question is not None, timeout=2000)
    with qtbot.waitSignal(form.saved, timeout=5000):
        click_choice(form.question, "Vẫn lưu")
    assert len(visits_of_household(store, household_id)) == 1


def test_helped_with_a_note_or_another_outcome_saves_without_asking(qtbot, make_window, store, leader) -> None:
    form, household_id = _form_with_household(qtbot, make_window, store, leader)
    _type_in(form.notes, "Hướng dẫn cài VNeID")
    with qtbot.waitSignal(form.saved, timeout=5000):
        _ctrl_s(form)
    form.set_household(household_id, "Nguyễn Thị Lan")
    form.outcome.setCurrentIndex(form.outcome.findData("not_home"))
    with qtbot.waitSignal(form.saved, timeout=5000):
        _ctrl_s(form)
    assert form.question is None and len(visits_of_household(store, household_id)) == 2

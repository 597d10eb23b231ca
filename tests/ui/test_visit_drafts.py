"""Several visit drafts, listed, each reopenable (ODK Collect's "Drafts"); the filing row not yet added is kept.

A volunteer who starts house B before finishing house A finds A again under "Bản nháp (N)"; each
draft is its own row of the drafts table, written as the form is typed (so kill -9 loses none).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from outreach.services.households import HouseholdInput, ResidentInput, add_resident, register_household
from outreach.services.visit_draft import list_visit_drafts, load_visit_draft
from outreach.services.visits import visits_of_household
from outreach.ui.dialogs.ask import click_choice
from outreach.ui.main_window import PAGE_NEW_VISIT
from tests.helpers.ui import type_text, wait_idle


def _choose(qtbot: Any, form: Any, query: str, household_id: str) -> None:
    form.household_search.setFocus()
    type_text(form.household_search, query)
    QTest.keyClick(form.household_search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.household_id == household_id, timeout=5000)


def _type_notes(qtbot: Any, form: Any, text: str) -> None:
    with qtbot.waitSignal(form.draft_saved, timeout=5000):
        form.notes.setFocus()
        type_text(form.notes, text)


def _open_drafts(qtbot: Any, form: Any) -> Any:
    form.drafts_button.click()
    qtbot.waitUntil(lambda: form.drafts_dialog is not None, timeout=5000)
    dialog = form.drafts_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() == len(dialog.drafts) and dialog.isVisible(), timeout=5000)
    wait_idle(qtbot, form._ctx.runner)
    return dialog


def _rows(dialog: Any) -> list[str]:
    return [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]


def test_two_houses_begun_two_drafts_each_reopened_and_one_deleted(qtbot, make_window, store, leader) -> None:
    a = register_household(store, leader, HouseholdInput("Nguyễn Thị Lan", {"house_number": "9", "street": "Ngọc Hà"}))
    b = register_household(store, leader, HouseholdInput("Vũ Thị Nga", {"house_number": "5", "street": "Đội Cấn"}))
    window = make_window()
    form = window.show_page(PAGE_NEW_VISIT)
    wait_idle(qtbot, window.ctx.runner)
    assert form.drafts_button.text() == "Bản nháp (0)"

    _choose(qtbot, form, "nguyen thi lan", a.id)
    _type_notes(qtbot, form, "Nhà A: hẹn mang CCCD")
    a_started = form.draft().started_at
    with qtbot.waitSignal(form.draft_saved, timeout=5000):
        form.new_visit_button.click()  # house B before A is finished: A stays a draft
    qtbot.waitUntil(lambda: form.household_id is None, timeout=5000)
    assert form.notes.toPlainText() == ""
    _choose(qtbot, form, "vu thi nga", b.id)
    _type_notes(qtbot, form, "Nhà B: đăng ký VNeID")
    qtbot.waitUntil(lambda: form.drafts_button.text() == "Bản nháp (2)", timeout=5000)
    assert len(list_visit_drafts(store)) == 2  # each its own row, on disk as typed

    dialog = _open_drafts(qtbot, form)
    assert dialog.table.columnCount() == 3  # household, started, last edited
    # the most recently edited first (both were edited within this second here: either order)
    assert sorted(_rows(dialog)) == ["Nguyễn Thị Lan — Số 9, Ngọc Hà", "Vũ Thị Nga — Số 5, Đội Cấn — đang mở trên biểu mẫu"]
    row_a = _rows(dialog).index("Nguyễn Thị Lan — Số 9, Ngọc Hà")
    assert a_started is not None and dialog.table.item(row_a, 1).text() == a_started.strftime("%d/%m/%Y %H:%M")
    assert dialog.table.item(row_a, 2).text()  # last edited
    dialog.table.setFocus()
    QTest.keyClick(dialog.table, Qt.Key.Key_Down if row_a == 1 else Qt.Key.Key_Up)  # the keyboard picks A
    assert dialog.selected_id() == dialog.drafts[row_a].draft_id
    dialog.open_button.click()
    qtbot.waitUntil(lambda: form.household_id == a.id, timeout=5000)
    assert form.notes.toPlainText() == "Nhà A: hẹn mang CCCD" and form.draft().started_at == a_started
    assert "Nguyễn Thị Lan" in form.household_chosen.text()

    dialog = _open_drafts(qtbot, form)  # B is still there; delete it (asks first, default keeps)
    dialog.select_draft(next(d.draft_id for d in dialog.drafts if d.household.startswith("Vũ Thị Nga")))
    dialog.delete_button.click()
    assert dialog.question is not None and dialog.question.defaultButton().text() == "Giữ lại"
    click_choice(dialog.question, "Giữ lại")
    wait_idle(qtbot, window.ctx.runner)
    assert len(list_visit_drafts(store)) == 2
    dialog.delete_button.click()
    with qtbot.waitSignal(dialog.listed, timeout=5000):
        click_choice(dialog.question, "Xoá")
    assert _rows(dialog) == ["Nguyễn Thị Lan — Số 9, Ngọc Hà — đang mở trên biểu mẫu"]
    dialog.reject()
    qtbot.waitUntil(lambda: form.drafts_button.text() == "Bản nháp (1)", timeout=5000)

    with qtbot.waitSignal(form.saved, timeout=5000):
        form.save_button.click()
    wait_idle(qtbot, window.ctx.runner)
    assert list_visit_drafts(store) == [] and form.drafts_button.text() == "Bản nháp (0)"
    assert [v.notes for v in visits_of_household(store, a.id)] == ["Nhà A: hẹn mang CCCD"]
    assert visits_of_household(store, b.id) == []


def test_the_filing_row_not_yet_added_is_part_of_the_draft(qtbot, make_window, store, leader) -> None:
    h = register_household(store, leader, HouseholdInput("Nguyễn Thị Lan", {"house_number": "9", "street": "Ngọc Hà"}))
    child = add_resident(store, leader, h.id, ResidentInput("Nguyễn Minh An", sex="Nam"))
    window = make_window()
    form = window.show_page(PAGE_NEW_VISIT)
    wait_idle(qtbot, window.ctx.runner)
    _choose(qtbot, form, "nguyen thi lan", h.id)
    wait_idle(qtbot, window.ctx.runner)  # the residents are listed under "Cho ai"
    form.topics.setFocus()
    type_text(form.topics, "Hộ tịch")
    form.procedure.setFocus()
    type_text(form.procedure, "1.004194")  # temporary residence: a fee online, so it can be paid online
    QTest.keyClick(form.procedure, Qt.Key.Key_Return)
    QTest.keyClick(form.filing_for, Qt.Key.Key_Down)  # the child, not the household
    form.portal.setCurrentIndex(form.portal.findData("vneid"))
    form.status.setCurrentIndex(form.status.findData("submitted"))
    form.fee.setChecked(True)
    with qtbot.waitSignal(form.draft_saved, timeout=5000):
        form.dossier.setFocus()
        type_text(form.dossier, "H01.22-241118-0001")
    assert form.filing_for.currentData() == child.id
    draft_id = form.draft().draft_id

    form.reset()  # as after a crash: the form knows nothing
    kept = load_visit_draft(store, draft_id)
    assert kept is not None
    form.restore_draft(kept)
    wait_idle(qtbot, window.ctx.runner)
    assert (form.procedure.text(), form.dossier.text()) == ("1.004194 — Đăng ký tạm trú", "H01.22-241118-0001")
    assert (form.filing_for.currentData(), form.portal.currentData(), form.status.currentData(), form.fee.isChecked()) == (
        child.id, "vneid", "submitted", True)
    assert form._procedure is not None and form._procedure.code == "1.004194"  # picked, not only typed

    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        QTest.keyClick(form.dossier, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    [filing] = saved.args[0].filings  # the restored row is complete: saved with the visit
    assert (filing.procedure_code, filing.resident_id, filing.portal, filing.status, filing.fee_paid_online,
            filing.dossier_code) == ("1.004194", child.id, "vneid", "submitted", True, "H01.22-241118-0001")

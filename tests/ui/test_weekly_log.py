"""Weekly log (leader): approve, flag with a note, lock the week; counts follow."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from outreach.services.households import HouseholdInput, register_household
from outreach.services.visits import VisitInput, get_visit, record_visit
from outreach.timeutil import iso_week_of, now_local
from outreach.ui.main_window import PAGE_WEEKLY_LOG
from tests.helpers.ui import type_text


def _two_visits(store, volunteer) -> list[str]:
    ids = []
    started = now_local().replace(second=0) - dt.timedelta(hours=1)
    for n in range(2):
        h = register_household(store, volunteer, HouseholdInput(f"Hộ Số {n}", {"house_number": str(n + 1), "street": "Văn Cao"}))
        ids.append(record_visit(store, volunteer, VisitInput(h.id, started + dt.timedelta(minutes=n))).id)
    return ids


def test_approve_flag_and_lock(qtbot, make_window, store, volunteer) -> None:
    first, second = _two_visits(store, volunteer)
    window = make_window(role="leader")
    view = window.show_page(PAGE_WEEKLY_LOG)
    view.set_week(iso_week_of(now_local().date() - dt.timedelta(hours=1)))
    qtbot.waitUntil(lambda: view.log is not None and len(view.log.visits) == 2, timeout=5000)
    assert "2 lần thăm" in view.counts.text() and "2 chờ duyệt" in view.counts.text()

    view.table.selectRow(0)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        QTest.mouseClick(view.approve_button, Qt.MouseButton.LeftButton)
    assert get_visit(store, first).review_status == "approved"
    assert "1 đã duyệt" in view.counts.text()

    view.table.selectRow(1)
    QTest.mouseClick(view.flag_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog is not None
    QTest.keyClick(dialog.note, Qt.Key.Key_Tab)  # empty note: OK refuses and says why
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and dialog.error.isVisible()
    type_text(dialog.note, "Thiếu mã hồ sơ, vui lòng bổ sung.")
    with qtbot.waitSignal(view.loaded, timeout=5000):
        dialog.buttons.accepted.emit()
    flagged = get_visit(store, second)
    assert flagged.review_status == "flagged" and flagged.review_note == "Thiếu mã hồ sơ, vui lòng bổ sung."
    assert "1 cần sửa" in view.counts.text()

    with qtbot.waitSignal(view.loaded, timeout=5000):
        QTest.mouseClick(view.lock_button, Qt.MouseButton.LeftButton)
    assert view.log.locked and not view.approve_button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=5000):
        QTest.mouseClick(view.lock_button, Qt.MouseButton.LeftButton)
    assert not view.log.locked


def test_volunteer_sees_the_log_without_review_actions(qtbot, make_window, store, volunteer) -> None:
    _two_visits(store, volunteer)
    window = make_window(role="volunteer")
    view = window.show_page(PAGE_WEEKLY_LOG)
    qtbot.waitUntil(lambda: view.log is not None, timeout=5000)
    assert not view.approve_button.isEnabled() and not view.lock_button.isEnabled()
    assert view.leader_only.isVisibleTo(view)

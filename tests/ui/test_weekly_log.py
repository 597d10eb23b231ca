"""Weekly log (leader): approve, flag with a note, lock the week; counts follow."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from outreach.services.households import HouseholdInput, register_household
from outreach.services.review import flag_visit
from outreach.services.visits import VisitInput, get_visit, record_visit, weekly_log
from outreach.timeutil import iso_week_of, now_local
from outreach.ui.dialogs.ask import click_choice
from outreach.ui.main_window import PAGE_WEEKLY_LOG
from tests.helpers.ui import type_text


def _two_visits(store, volunteer, started: dt.datetime | None = None, street: str = "Văn Cao") -> list[str]:
    ids = []
    started = started or now_local().replace(second=0) - dt.timedelta(hours=1)
    for n in range(2):
        h = register_household(store, volunteer, HouseholdInput(f"Hộ Số {n}", {"house_number": str(n + 1), "street": street}))
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

    # The running week cannot be locked: volunteers are still recording visits in it.
    assert not view.lock_button.isEnabled() and "đã kết thúc" in view.lock_button.toolTip()


def test_approving_the_running_week_asks_with_the_counts_and_never_locks(qtbot, make_window, store, volunteer, leader) -> None:
    first, second = _two_visits(store, volunteer)
    third = _two_visits(store, volunteer, street="Kim Mã")[0]
    flag_visit(store, leader, third, "Thiếu số điện thoại")
    window = make_window(role="leader")
    view = window.show_page(PAGE_WEEKLY_LOG)
    week = iso_week_of(now_local().date() - dt.timedelta(hours=1))
    view.set_week(week)
    qtbot.waitUntil(lambda: view.log is not None and len(view.log.visits) == 4, timeout=5000)

    QTest.mouseClick(view.approve_week_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.question is not None, timeout=5000)
    question = view.question
    assert f"Duyệt 3 lần thăm hộ của tuần {week}?" in question.text()
    assert "1 lần thăm hộ cần sửa vẫn giữ nguyên" in question.informativeText()
    assert "tuần vẫn mở" in question.informativeText().lower()
    click_choice(question, "Huỷ")  # asking is not approving
    assert get_visit(store, first).review_status == "pending" and view.question is None

    QTest.mouseClick(view.approve_week_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.question is not None, timeout=5000)
    question = view.question
    assert question is not None
    with qtbot.waitSignal(view.loaded, timeout=5000):
        click_choice(question, "Duyệt 3 lần thăm hộ")
    assert [get_visit(store, v).review_status for v in (first, second, third)] == ["approved", "approved", "flagged"]
    assert not weekly_log(store, week, team_id=leader.team_id).locked and not view.log.locked
    assert "Tuần đang mở" in view.lock_state.text()
    household = get_visit(store, first).household_id
    assert household is not None
    record_visit(store, volunteer, VisitInput(household, now_local().replace(second=0)))  # still accepted


def test_locking_an_ended_week_is_confirmed_and_unlocking_reopens_it(qtbot, make_window, store, volunteer) -> None:
    last_week = now_local().replace(second=0, microsecond=0) - dt.timedelta(weeks=1)
    _two_visits(store, volunteer, last_week)
    window = make_window(role="leader")
    view = window.show_page(PAGE_WEEKLY_LOG)
    view.set_week(iso_week_of(last_week.date()))
    qtbot.waitUntil(lambda: view.log is not None and len(view.log.visits) == 2, timeout=5000)
    assert view.lock_button.isEnabled()

    QTest.mouseClick(view.lock_button, Qt.MouseButton.LeftButton)
    assert view.question is not None and iso_week_of(last_week.date()) in view.question.text()
    click_choice(view.question, "Huỷ")
    assert not view.log.locked

    QTest.mouseClick(view.lock_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(view.loaded, timeout=5000):
        click_choice(view.question, "Khoá tuần này")
    assert view.log.locked and not view.approve_button.isEnabled() and not view.approve_week_button.isEnabled()
    with qtbot.waitSignal(view.loaded, timeout=5000):
        QTest.mouseClick(view.lock_button, Qt.MouseButton.LeftButton)  # unlocking asks nothing
    assert not view.log.locked


def test_volunteer_sees_the_log_without_review_actions(qtbot, make_window, store, volunteer) -> None:
    _two_visits(store, volunteer)
    window = make_window(role="volunteer")
    view = window.show_page(PAGE_WEEKLY_LOG)
    qtbot.waitUntil(lambda: view.log is not None, timeout=5000)
    assert not view.approve_button.isEnabled() and not view.lock_button.isEnabled()
    assert view.leader_only.isVisibleTo(view)


def test_the_log_shows_each_visit_from_start_to_end(qtbot, make_window, store, volunteer) -> None:
    started = now_local().replace(second=0, microsecond=0) - dt.timedelta(minutes=40)
    h = register_household(store, volunteer, HouseholdInput("Hộ Có Giờ", {"house_number": "5", "street": "Văn Cao"}))
    visit = record_visit(store, volunteer, VisitInput(h.id, started))
    ended = get_visit(store, visit.id).ended_at
    assert ended is not None
    window = make_window(role="leader")
    view = window.show_page(PAGE_WEEKLY_LOG)
    view.set_week(iso_week_of(started.date()))
    qtbot.waitUntil(lambda: view.log is not None and len(view.log.visits) == 1, timeout=5000)
    when = view.model.data(view.model.index(0, 0))
    end = f"{ended:%H:%M}" if ended.date() == started.date() else f"{ended:%d/%m %H:%M}"
    assert when == f"{started:%d/%m} {started:%H:%M}–{end}"

"""A visit starts when it is begun, not when the previous one was saved; a saved visit shows its end.

Issue 10 item 7: "Bắt đầu lúc" was set when the form was cleared after the previous visit, so a
volunteer reaching the next house 40 minutes later recorded the old time. The clock the form and
the service read (``now_local``) is patched, so time passes without waiting.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDateTimeEdit

from outreach.services.households import HouseholdInput, register_household
from outreach.services.visits import VisitInput, record_visit
from outreach.timeutil import now_local
from outreach.ui.dialogs.visit_dialog import VisitDialog
from outreach.ui.main_window import PAGE_NEW_VISIT
from tests.helpers.ui import type_text, wait_idle


class Clock:
    """The wall clock the form reads, moved by the test."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    # yesterday mid-morning: in the past (the service refuses visits in the future) and hours from
    # midnight, so "an hour earlier" never runs into the day before (the test failed at 02:16)
    c = Clock((now_local() - dt.timedelta(days=1)).replace(hour=10, minute=16, second=0, microsecond=0))
    monkeypatch.setattr("outreach.ui.screens.visit_form.now_local", c)
    return c


def _started(form: Any) -> dt.datetime:
    value = form.started_at.dateTime().toPython()
    assert isinstance(value, dt.datetime)
    return value


def _new_visit_form(qtbot: Any, make_window: Any) -> Any:
    window = make_window()
    window.activateWindow()  # keys go to the focused field, as on a real desktop
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    form = window.show_page(PAGE_NEW_VISIT)
    wait_idle(qtbot, window.ctx.runner)
    return form


def test_the_next_visit_starts_at_its_first_keystroke_not_when_the_last_was_saved(
    qtbot, make_window, store, leader, clock: Clock
) -> None:
    household = register_household(store, leader, HouseholdInput("Nguyễn Thị Lan", {"house_number": "9", "street": "Ngọc Hà"}))
    form = _new_visit_form(qtbot, make_window)
    form.set_household(household.id, "Nguyễn Thị Lan — 9 Ngọc Hà")
    form.notes.setFocus()
    type_text(form.notes, "Đã hướng dẫn")
    first_saved_at = clock.now
    with qtbot.waitSignal(form.saved, timeout=5000):
        QTest.keyClick(form.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _started(form) == first_saved_at  # the cleared form shows the time it was cleared...

    clock.now = first_saved_at + dt.timedelta(minutes=40)  # ...and the next house is 40 minutes away
    form.household_search.setFocus()
    type_text(form.household_search, "n")  # the first keystroke of the next visit
    assert _started(form) == first_saved_at + dt.timedelta(minutes=40)

    clock.now += dt.timedelta(minutes=5)  # later keystrokes do not move the start
    type_text(form.household_search, "guyen")
    form.topics.setFocus()
    type_text(form.topics, "VNeID")
    assert _started(form) == first_saved_at + dt.timedelta(minutes=40)


def test_choosing_the_household_begins_the_visit(qtbot, make_window, store, leader, clock: Clock) -> None:
    household = register_household(store, leader, HouseholdInput("Vũ Thị Nga", {"house_number": "5", "street": "Đội Cấn"}))
    form = _new_visit_form(qtbot, make_window)
    clock.now += dt.timedelta(minutes=25)
    form.set_household(household.id, "Vũ Thị Nga — 5 Đội Cấn")  # what Enter / a click in the list does
    assert _started(form) == clock.now


def test_a_start_set_by_hand_is_never_stamped_over(qtbot, make_window, clock: Clock) -> None:
    form = _new_visit_form(qtbot, make_window)
    shown = _started(form)
    form.started_at.setFocus()
    form.started_at.setCurrentSection(QDateTimeEdit.Section.HourSection)
    QTest.keyClick(form.started_at, Qt.Key.Key_Down)  # an hour earlier: a visit recorded afterwards
    by_hand = _started(form)
    assert by_hand == shown - dt.timedelta(hours=1)
    clock.now += dt.timedelta(minutes=30)
    form.topics.setFocus()
    type_text(form.topics, "Hộ tịch")
    assert _started(form) == by_hand


def test_a_restored_draft_keeps_its_start(qtbot, make_window, clock: Clock) -> None:
    form = _new_visit_form(qtbot, make_window)
    form.topics.setFocus()
    type_text(form.topics, "BHYT")
    draft = form.draft()
    begun = _started(form)
    form.reset()
    clock.now += dt.timedelta(hours=1)
    form.restore_draft(draft)
    type_text(form.topics, ", VNeID")
    assert _started(form) == begun


def test_a_saved_visit_shows_its_start_and_end(qtbot, make_window, store, leader, monkeypatch: pytest.MonkeyPatch) -> None:
    household = register_household(store, leader, HouseholdInput("Nguyễn Thị Lan", {"house_number": "9", "street": "Ngọc Hà"}))
    start = dt.datetime(2026, 11, 18, 9, 30)
    monkeypatch.setattr("outreach.services.visits.now_local", lambda: start + dt.timedelta(minutes=40))
    view = record_visit(store, leader, VisitInput(household.id, start, notes="Đã hướng dẫn"))
    window = make_window()
    dialog = VisitDialog(window.ctx, view, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.form.started_at.dateTime().toPython() == start
    assert dialog.form.ended_at.isVisible() and dialog.form.ended_at.text() == "10:10 (40 phút)"

"""The "Teams & areas" screen (issue 12), driven from the keyboard: a leader takes a group into
the team's area, starts and ends an outing, sets a target; a volunteer changes nothing. Pictures
of each tab at 1366×768 in both languages go to /tmp/shots-areas/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from outreach.model import Visit
from outreach.services.households import HouseholdInput, register_household
from outreach.services.targets import list_targets
from outreach.services.visits import VisitInput, record_visit
from outreach.store.database import Store
from outreach.timeutil import now_local
from outreach.ui.main_window import PAGE_AREAS, MainWindow
from outreach.ui.screens.areas_view import AreasView
from tests.helpers.ui import wait_idle

SHOTS = Path("/tmp/shots-areas")


def _open(qtbot, make_window, role: str = "leader", language: str = "vi") -> tuple[MainWindow, AreasView]:
    window = make_window(role=role, language=language)
    assert isinstance(window, MainWindow)
    window.showNormal()
    window.resize(1366, 768)
    view = window.show_page(PAGE_AREAS)
    assert isinstance(view, AreasView)
    qtbot.waitUntil(lambda: view.data is not None, timeout=5000)
    wait_idle(qtbot, window.ctx.runner)
    return window, view


def _alt(qtbot, widget, key: Qt.Key) -> None:
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.AltModifier)


def _shot(window: MainWindow, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    QApplication.sendPostedEvents()
    window.grab().save(str(SHOTS / f"{name}.png"))


def store_visit_outing(store: Store, visit_id: str, outing_id: str) -> str:
    """``visit_id`` when that visit belongs to ``outing_id`` (what the outing tab promised)."""
    with store.read() as session:
        row = session.get(Visit, visit_id)
        assert row is not None and row.outing_id == outing_id
        return row.id


def test_a_leader_plans_the_team_from_the_keyboard(qtbot, make_window, store: Store, ward: dict[str, str], leader) -> None:
    household = register_household(store, leader, HouseholdInput("Nguyễn Văn An", {"house_number": "9", "street": "Văn Cao"},
                                                                 group_id=ward["group_a"])).id
    window, view = _open(qtbot, make_window)
    assert [row[1] for row in view.groups_model.rows] == ["(chưa giao đội)", "(chưa giao đội)"]
    assert [row[0] for row in view.outside_model.rows] == ["Nguyễn Văn An"]
    _shot(window, "vi-areas-before")

    view.groups_table.setFocus()
    _alt(qtbot, view, Qt.Key.Key_N)  # "&Nhận về địa bàn đội mình"
    qtbot.waitUntil(lambda: view.groups_model.rows[0][1] == "Đội cơ động số 1", timeout=5000)
    qtbot.waitUntil(lambda: len(view.history_model.rows) == 1 and view.outside_model.rows == [], timeout=5000)
    _shot(window, "vi-areas")

    qtbot.keyClick(view.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # to the outing tab
    assert view.tabs.currentIndex() == 1
    view.streets.setText("Văn Cao, ngõ 45 Đội Cấn")
    _alt(qtbot, view, Qt.Key.Key_B)  # "&Bắt đầu buổi đi"
    qtbot.waitUntil(lambda: view.data is not None and view.data.outing is not None, timeout=5000)
    assert view.end_button.isEnabled() and not view.start_button.isEnabled()
    assert not view.members_list.isEnabled() and not view.streets.isEnabled() and view.outing_notes.isEnabled()
    visit = record_visit(store, window.ctx.actor, VisitInput(household, now_local().replace(second=0, microsecond=0)))
    view.reload()
    qtbot.waitUntil(lambda: view.data is not None and view.data.outing is not None and view.data.outing.visits == 1, timeout=5000)
    assert "1" in view.outing_status.text()
    _shot(window, "vi-outing")
    view.outing_notes.setFocus()
    qtbot.keyClicks(view.outing_notes, "Xong ngo 45")
    qtbot.keyClick(view.outing_notes, Qt.Key.Key_Return)  # Enter ends the open outing
    qtbot.waitUntil(lambda: view.data is not None and view.data.outing is None, timeout=5000)
    assert view.data is not None
    [recent] = view.data.recent
    assert recent.ended_at is not None and recent.notes == "Xong ngo 45" and recent.streets == ["Văn Cao", "ngõ 45 Đội Cấn"]
    assert visit.id == store_visit_outing(store, visit.id, recent.id)

    qtbot.keyClick(view.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    view.target_value.setValue(120)
    _alt(qtbot, view, Qt.Key.Key_C)  # "Đặt &chỉ tiêu"
    qtbot.waitUntil(lambda: len(view.targets_model.rows) == 1, timeout=5000)
    [target] = list_targets(store, ward["team"])
    assert (target.metric, target.value) == ("households_reached", 120)
    assert target.period_start.day == 1 and (target.period_end + dt.timedelta(days=1)).day == 1
    _shot(window, "vi-targets")


@pytest.mark.parametrize("language", ["en"])
def test_the_screen_in_english(qtbot, make_window, store: Store, ward: dict[str, str], leader, language: str) -> None:
    register_household(store, leader, HouseholdInput("Lê Thị Bình", {"house_number": "3", "street": "Kim Mã"}, group_id=ward["group_b"]))
    window, view = _open(qtbot, make_window, language=language)
    assert view.take_button.text() == "&Take into my team's area"
    _shot(window, "en-areas")
    view.tabs.setCurrentIndex(1)
    _shot(window, "en-outing")
    view.tabs.setCurrentIndex(2)
    _shot(window, "en-targets")


def test_a_volunteer_sees_the_plan_but_changes_nothing(qtbot, make_window) -> None:
    _window, view = _open(qtbot, make_window, role="volunteer")
    buttons = (view.take_button, view.release_button, view.start_button, view.end_button, view.target_button,
               view.remove_target_button)
    assert not any(b.isEnabled() for b in buttons)
    assert view.take_button.toolTip() == "Chỉ đội trưởng mới được thay đổi mục này."


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_coverage_screen_shows_the_team_areas(qtbot, make_window, store: Store, ward: dict[str, str], leader, volunteer,
                                                  language: str) -> None:
    """At 1366×768 the coverage screen's area and target tabs hold the hand-built ward's figures."""
    from outreach.ui.main_window import PAGE_COVERAGE
    from outreach.ui.screens.coverage_view import CoverageView
    from tests.helpers.area_ward import build_area_ward

    build_area_ward(store, ward, leader, volunteer)
    window = make_window(role="leader", language=language)
    window.showNormal()
    window.resize(1366, 768)
    view = window.show_page(PAGE_COVERAGE)
    assert isinstance(view, CoverageView)
    wait_idle(qtbot, window.ctx.runner)
    view.set_period("2026-11")
    with qtbot.waitSignal(view.computed, timeout=10_000):
        view.refresh()
    view.tabs.setCurrentWidget(view.tables["team_areas"])
    assert view.models["team_areas"].rows[0][2] == "3/4"
    _shot(window, f"{language}-coverage-areas")
    view.tabs.setCurrentWidget(view.tables["targets"])
    assert [row[3] for row in view.models["targets"].rows] == ["4/8", "2/4", "2/5", "2/10"]
    _shot(window, f"{language}-coverage-targets")

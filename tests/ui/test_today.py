"""The Hôm nay page: the day's plan in walking order, marked from the keyboard alone, the
leader's drop/restore/add, the route sheet printed off the UI thread, and the reach lists.

Screenshots at 1366x768 (vi and en) are written to ``OUTREACH_SCREENSHOTS`` when it is set."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from outreach.model import Visit
from outreach.services.context import Actor
from outreach.store.database import Store
from outreach.ui.main_window import PAGE_TODAY
from outreach.vocabulary import Outcome, PlanMark, ReachList
from tests.helpers.plan_ward import build_plan_ward
from tests.helpers.ui import wait_idle

WINDOW_SIZE = (1366, 676)  # a 1366x768 screen less the title bar and the desktop's panel
HEADS = ["Chờ Kết Quả", "Có Em Bé", "Ưu Tiên", "Hôm Nay", "Quá Hạn", "Bị Trả"]


def _shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("OUTREACH_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _today(qtbot: Any, make_window: Any, role: str = "leader", language: str = "vi") -> tuple[Any, Any]:
    window = make_window(role, language)
    window.showNormal()
    window.resize(*WINDOW_SIZE)
    view = window.show_page(PAGE_TODAY)
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: view.plan.model.rowCount() > 0, timeout=5000)
    return window, view


def _heads(view: Any) -> list[str]:
    return [line.head_name for line in view.plan.model.lines]


def _marks(view: Any) -> dict[str, str]:
    return {line.head_name: line.mark for line in view.plan.model.lines}


def _press(qtbot: Any, window: Any, view: Any, key: Qt.Key) -> None:
    with qtbot.waitSignal(view.plan.loaded, timeout=5000):
        QTest.keyClick(view.plan.table, key)
    wait_idle(qtbot, window.ctx.runner)


def test_plan_is_walked_and_marked_from_the_keyboard(qtbot, make_window, store: Store, leader: Actor, volunteer: Actor,
                                                     ward: dict[str, str]) -> None:
    h = build_plan_ward(store, leader, volunteer, ward)
    window, view = _today(qtbot, make_window, "volunteer")
    assert _heads(view) == HEADS  # walking order
    assert view.plan.summary.text().startswith("6 hộ")
    assert not view.plan.drop_button.isVisible()  # a volunteer marks, the leader changes the plan
    view.plan.table.setFocus()
    assert view.plan.table.selectionModel().selectedRows()[0].row() == 0
    _press(qtbot, window, view, Qt.Key.Key_D)  # done, and on to the next door
    assert _marks(view)["Chờ Kết Quả"] == PlanMark.DONE
    assert view.plan.table.selectionModel().selectedRows()[0].row() == 1
    _press(qtbot, window, view, Qt.Key.Key_V)  # nobody at home at "Có Em Bé"
    assert _marks(view)["Có Em Bé"] == PlanMark.NOT_HOME
    with store.read() as session:
        outcome = session.scalar(select(Visit.outcome).where(Visit.household_id == h["newborn"]))
    assert outcome == Outcome.NOT_HOME
    QTest.keyClick(view.plan.table, Qt.Key.Key_Up)
    QTest.keyClick(view.plan.table, Qt.Key.Key_Up)
    _press(qtbot, window, view, Qt.Key.Key_Space)  # Space toggles done off again
    assert _marks(view)["Chờ Kết Quả"] == ""
    QTest.keyClick(view.plan.table, Qt.Key.Key_Delete)  # not the volunteer's to drop
    wait_idle(qtbot, window.ctx.runner)
    assert len(view.plan.model.lines) == 6 and view.plan.dropped_model.lines == []
    _shot(window, "today-volunteer-vi")


def test_leader_drops_restores_adds_and_prints(qtbot, make_window, store: Store, leader: Actor, volunteer: Actor,
                                               ward: dict[str, str], tmp_path: Path) -> None:
    build_plan_ward(store, leader, volunteer, ward)
    window, view = _today(qtbot, make_window, "leader")
    view.plan.table.setFocus()
    view.plan.table.selectRow(2)
    _press(qtbot, window, view, Qt.Key.Key_Delete)
    assert "Ưu Tiên" not in _heads(view) and [x.head_name for x in view.plan.dropped_model.lines] == ["Ưu Tiên"]
    assert view.plan.dropped_table.isVisible()
    view.plan.dropped_table.setFocus()
    view.plan.dropped_table.selectRow(0)
    with qtbot.waitSignal(view.plan.loaded, timeout=5000):
        QTest.keyClick(view.plan.dropped_table, Qt.Key.Key_Delete)  # Delete again restores
    assert "Ưu Tiên" in _heads(view) and not view.plan.dropped_table.isVisible()

    # the reach lists: 14+ without VNeID level 2 includes one who is on no plan line ("Cũng Chưa Mức 2")
    view.tabs.setCurrentWidget(view.reach)
    reach = view.reach
    qtbot.waitUntil(lambda: reach.result is not None, timeout=5000)
    assert reach.code() == ReachList.NO_VNEID_LEVEL2
    names = [row[0] for row in reach.model.rows]
    assert "Cũng Chưa Mức 2" in names and "Chủ Hộ" not in names
    reach.table.setFocus()
    reach.table.selectRow(names.index("Cũng Chưa Mức 2"))
    with qtbot.waitSignal(view.plan.loaded, timeout=5000):
        QTest.keyClick(reach.table, Qt.Key.Key_Return)  # Enter: on today's plan
    assert "Không Việc" in _heads(view)
    reach.list.setCurrentIndex(reach.list.findData(str(ReachList.NEWBORN)))
    qtbot.waitUntil(lambda: [row[0] for row in reach.model.rows] == ["Bé Mới Sinh"], timeout=5000)
    assert not reach.months.isEnabled()  # the newborn list has no months window

    view.tabs.setCurrentWidget(view.plan)
    pdf = tmp_path / "lo-trinh.pdf"
    with qtbot.waitSignal(view.plan.printed, timeout=10_000):
        view.plan.print_to(pdf)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "LỘ TRÌNH ĐI CƠ SỞ – Đội cơ động số 1" in text and "Không Việc" in text
    view.plan.saved_box.close()


def test_today_fits_1366x768_in_both_languages(qtbot, make_window, store: Store, leader: Actor, volunteer: Actor,
                                               ward: dict[str, str]) -> None:
    build_plan_ward(store, leader, volunteer, ward)
    for language in ("vi", "en"):
        window, view = _today(qtbot, make_window, "leader", language)
        for widget in (view.plan.print_button, view.plan.done_button, view.plan.not_home_button, view.plan.drop_button,
                       view.plan.table):
            top_left = widget.mapTo(window, widget.rect().topLeft())
            assert widget.isVisible() and window.rect().contains(top_left) and \
                window.rect().contains(widget.mapTo(window, widget.rect().bottomRight())), widget.objectName()
        _shot(window, f"today-plan-{language}")
        view.tabs.setCurrentWidget(view.reach)
        qtbot.waitUntil(lambda view=view: view.reach.result is not None, timeout=5000)
        _shot(window, f"today-reach-{language}")
        window.close()

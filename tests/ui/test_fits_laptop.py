"""Every screen fits a 1366×768 laptop, at 100 % and at 125 % scaling (issue 10).

The window is given the client area a maximized window has on such a screen (the screen less a
taskbar and a title bar; at 125 % the same in logical pixels), each screen is shown in turn, and
each of its primary actions (``geometry_report.PRIMARY_ACTIONS``) must be shown whole, inside
the window, with no scrolling. The households list's address column must show its text.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel

from outreach.services.households import HouseholdInput, register_household
from outreach.ui.geometry_report import PRIMARY_ACTIONS, clipped, inside, primary_widgets
from outreach.ui.main_window import PAGE_COUNT, PAGE_HOUSEHOLDS, MainWindow
from outreach.ui.models.households_model import COL_ADDRESS, COL_HEAD, COL_LAST_VISIT, COL_PHONE, COL_PRIORITY
from outreach.ui.screens.households_view import HouseholdsView
from tests.helpers.ui import wait_idle

TASKBAR, TITLE_BAR = 40, 30
#: (screen in logical pixels) → the maximized window's client area on it.
LAPTOP_100 = QSize(1366, 768 - TASKBAR - TITLE_BAR)
LAPTOP_125 = QSize(1093, 614 - TASKBAR - TITLE_BAR)

LONG_ADDRESS = {"house_number": "128", "lane": "275", "street": "Hoàng Hoa Thám"}


def at_size(qtbot, window: MainWindow, size: QSize) -> None:
    window.showNormal()
    window.resize(size)
    # a window whose minimum size is larger than the laptop's screen would stay larger: that fails here
    qtbot.waitUntil(lambda: window.size() == size, timeout=3000)


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("size", [LAPTOP_100, LAPTOP_125], ids=["100%", "125%"])
def test_every_screen_shows_its_primary_actions(qtbot, make_window: Callable[..., object], store, leader,
                                                language: str, size: QSize) -> None:
    register_household(store, leader, HouseholdInput("Nguyễn Thị Hoà", LONG_ADDRESS, phone="0912345678"))
    window = make_window(role="leader", language=language)
    assert isinstance(window, MainWindow)
    at_size(qtbot, window, size)
    households = window.show_page(PAGE_HOUSEHOLDS)
    assert isinstance(households, HouseholdsView)
    qtbot.waitUntil(lambda: households.detail.page is not None, timeout=5000)  # the first household is shown
    seen = set()
    for key in range(PAGE_COUNT):
        page = window.show_page(key)
        wait_idle(qtbot, window.ctx.runner)
        QApplication.sendPostedEvents()  # the pending layout requests: geometry as it will be painted
        assert window.size() == size, f"{page.objectName()} needs {window.size().width()}×{window.size().height()}"
        widgets = primary_widgets(window)
        seen.add(page.objectName())
        missing = [name for name, widget in widgets.items() if widget is None]
        assert not missing, f"{page.objectName()}: no widget named {missing}"
        cut = [name for name, widget in widgets.items() if widget is not None and not inside(widget, window)]
        assert not cut, f"{page.objectName()} at {size.width()}×{size.height()} ({language}): {cut} not fully shown"
    assert seen == set(PRIMARY_ACTIONS)


def test_the_address_column_shows_the_address_at_1366(qtbot, make_window: Callable[..., object], store, leader) -> None:
    summary = register_household(store, leader, HouseholdInput("Nguyễn Thị Hoà", LONG_ADDRESS, phone="0912345678"))
    window = make_window(role="leader")
    assert isinstance(window, MainWindow)
    at_size(qtbot, window, LAPTOP_100)
    view = window.show_page(PAGE_HOUSEHOLDS)
    assert isinstance(view, HouseholdsView)
    qtbot.waitUntil(lambda: view.model.summary(0) is not None, timeout=5000)
    header = view.table.horizontalHeader()
    metrics = view.table.fontMetrics()
    qtbot.waitUntil(lambda: header.sectionSize(COL_ADDRESS) >= metrics.horizontalAdvance(summary.address_text) + 8, timeout=3000)
    # the short columns are sized to what they show, not cut either
    for column, text in ((COL_HEAD, summary.head_name), (COL_PHONE, "0912345678")):
        assert header.sectionSize(column) >= metrics.horizontalAdvance(text)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_validation_messages_wrap_whole_inside_the_window_at_125(qtbot, make_window: Callable[..., object],
                                                                  language: str) -> None:
    from outreach.ui.main_window import PAGE_NEW_VISIT
    from outreach.ui.screens.visit_form import VisitForm

    window = make_window(role="volunteer", language=language)
    assert isinstance(window, MainWindow)
    at_size(qtbot, window, LAPTOP_125)
    form = window.show_page(PAGE_NEW_VISIT)
    assert isinstance(form, VisitForm)
    wait_idle(qtbot, window.ctx.runner)
    form.save()  # no household: the form's message
    wait_idle(qtbot, window.ctx.runner)
    form.add_filing()  # no procedure chosen: the filing row's message
    QApplication.sendPostedEvents()
    shown = [label for label in form.findChildren(QLabel, "fieldError") if label.isVisible()]
    assert len(shown) >= 2
    for label in shown:
        assert not clipped(label), f"{label.text()!r} is cut off"
        assert inside(label, window), f"{label.text()!r} is not inside the window"
    assert window.size() == LAPTOP_125


#: A typical ngõ/ngách address of the ward (the one the 125 % walk saw cut to "Số 34,…").
NGACH_ADDRESS = {"house_number": "34", "alley": "274/37", "lane": "274", "street": "Hoàng Hoa Thám"}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_address_is_readable_at_125_and_no_column_is_cut(qtbot, make_window: Callable[..., object], store, leader,
                                                              language: str) -> None:
    summary = register_household(store, leader, HouseholdInput("Nguyễn Thị Hoà", NGACH_ADDRESS, phone="0912345678"))
    window = make_window(role="leader", language=language)
    assert isinstance(window, MainWindow)
    at_size(qtbot, window, LAPTOP_125)
    view = window.show_page(PAGE_HOUSEHOLDS)
    assert isinstance(view, HouseholdsView)
    qtbot.waitUntil(lambda: view.model.summary(0) is not None and view.detail.page is not None, timeout=5000)
    wait_idle(qtbot, window.ctx.runner)
    QApplication.sendPostedEvents()
    header = view.table.horizontalHeader()
    metrics = view.table.fontMetrics()
    first_28 = summary.address_text[:28]
    assert len(first_28) == 28
    # at least the first 28 characters of the address are shown, not "Số 34,…"
    qtbot.waitUntil(lambda: header.sectionSize(COL_ADDRESS) >= metrics.horizontalAdvance(first_28) + 8, timeout=3000)
    shown = [c for c in range(view.model.columnCount()) if not header.isSectionHidden(c)]
    assert {COL_HEAD, COL_ADDRESS, COL_LAST_VISIT} <= set(shown)  # never folded away
    # no column runs past the viewport's right edge (none is cut, nothing to scroll sideways to)
    assert sum(header.sectionSize(c) for c in shown) <= view.table.viewport().width()
    # and every other column shown is as wide as its content and its header
    index = view.model.index(0, 0)
    for column in shown:
        if column in (COL_ADDRESS, COL_PRIORITY):
            continue
        text = view.model.data(index.siblingAtColumn(column))
        title = view.model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= metrics.horizontalAdvance(text), (column, text)
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title), (column, title)


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("size", [LAPTOP_100, LAPTOP_125], ids=["100%", "125%"])
def test_the_weekly_log_headers_are_whole_and_no_column_is_cut(qtbot, make_window: Callable[..., object], store,
                                                               volunteer, leader, language: str, size: QSize) -> None:
    import datetime as dt

    from outreach.services.review import flag_visit
    from outreach.services.visits import VisitInput, record_visit
    from outreach.timeutil import iso_week_of, now_local
    from outreach.ui.main_window import PAGE_WEEKLY_LOG
    from outreach.ui.screens.weekly_log_view import WeeklyLogView

    started = now_local().replace(second=0, microsecond=0) - dt.timedelta(hours=1)
    household = register_household(store, volunteer, HouseholdInput("Nguyễn Thị Hoà", NGACH_ADDRESS))
    visit = record_visit(store, volunteer, VisitInput(household.id, started))
    window = make_window(role="leader", language=language)
    assert isinstance(window, MainWindow)
    flag_visit(store, leader, visit.id, "Thiếu mã hồ sơ, vui lòng bổ sung.")
    at_size(qtbot, window, size)
    view = window.show_page(PAGE_WEEKLY_LOG)
    assert isinstance(view, WeeklyLogView)
    view.set_week(iso_week_of(started.date()))
    qtbot.waitUntil(lambda: view.log is not None and len(view.log.visits) == 1, timeout=5000)
    wait_idle(qtbot, window.ctx.runner)
    QApplication.sendPostedEvents()
    header = view.table.horizontalHeader()
    for column in range(view.model.columnCount()):
        title = view.model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(title) + 8, f"{title!r} is cut"
    total = sum(header.sectionSize(c) for c in range(view.model.columnCount()))
    assert total <= view.table.viewport().width(), "the last columns run past the table's right edge"

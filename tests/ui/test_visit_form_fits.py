"""The New visit form at 1366x768 (a central area of about 1366x650): everything visible, required
fields marked before saving fails, and the filings table shows the portal and the dossier code.

Screenshots (``widget.grab()``) of each state are written to ``OUTREACH_SCREENSHOTS`` when it is
set (a folder), to be looked at; the assertions do not depend on them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QLabel, QWidget

from outreach.services.households import HouseholdInput, ResidentInput, add_resident, register_household
from outreach.ui.main_window import PAGE_NEW_VISIT
from outreach.ui.models.filings_model import COL_DOSSIER, COL_PORTAL, COL_PROCEDURE
from tests.helpers.ui import wait_idle

#: a 1366x768 screen less the title bar and the desktop's panel
WINDOW_SIZE = (1366, 676)


def _shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("OUTREACH_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _inside(widget: QWidget, window: QWidget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return widget.isVisible() and window.rect().contains(QRect(top_left, widget.size()))


def _form(qtbot: Any, make_window: Any) -> tuple[Any, Any]:
    window = make_window()
    window.resize(*WINDOW_SIZE)
    form = window.show_page(PAGE_NEW_VISIT)
    wait_idle(qtbot, window.ctx.runner)
    qtbot.waitUntil(lambda: window.size().width() == WINDOW_SIZE[0], timeout=2000)
    return window, form


def _caption_of(form: Any, widget: QWidget) -> QLabel:
    [caption] = [label for label in form.findChildren(QLabel) if label.buddy() is widget]
    return caption


def test_required_fields_are_marked_before_saving(qtbot, make_window) -> None:
    window, form = _form(qtbot, make_window)
    for field in (form.household_search, form.started_at, form.outcome, form.procedure):
        caption = _caption_of(form, field)
        assert caption.text().endswith(" *"), caption.text()
        assert field.accessibleDescription() == "bắt buộc" and "bắt buộc" in field.toolTip()
    for optional in (form.topics, form.notes, form.follow_up, form.satisfaction, form.dossier):
        assert not _caption_of(form, optional).text().endswith("*") and optional.accessibleDescription() == ""
    assert form.required_legend.text() == "* bắt buộc" and _inside(form.required_legend, window)
    _shot(window, "visit-form-empty-vi")


def test_every_action_and_the_filings_columns_fit_at_1366x768(qtbot, make_window, store, leader) -> None:
    h = register_household(store, leader, HouseholdInput("Nguyễn Thị Lan", {"house_number": "9", "street": "Ngọc Hà"}))
    add_resident(store, leader, h.id, ResidentInput("Nguyễn Ngọc Bảo Châu", sex="Nữ"))
    window, form = _form(qtbot, make_window)
    form.set_household(h.id, "Nguyễn Thị Lan — Số 9, Ngọc Hà")
    wait_idle(qtbot, window.ctx.runner)
    # the longest words of each column: portals, statuses, a resident, a long dossier code
    for portal, status, resident in (("bhxh", "returned", 1), ("dvcqg", "prepared", 0), ("vneid", "submitted", 1)):
        form._pick_procedure("1.001193")
        form.filing_for.setCurrentIndex(resident)
        form.portal.setCurrentIndex(form.portal.findData(portal))
        form.status.setCurrentIndex(form.status.findData(status))
        form.dossier.setText("000.00.21.H26-241118-0002")
        form.add_filing()
    assert form.filings.rowCount() == 3
    for action in (form.save_button, form.clear_button, form.drafts_button, form.new_visit_button, form.add_button):
        assert _inside(action, window), action.text()
    table = form.filings_table
    header = table.horizontalHeader()
    for col in (COL_PORTAL, COL_DOSSIER, COL_PROCEDURE):
        # the column's whole text is shown (not cut to "…") and the column is inside the table's view
        assert header.sectionSize(col) >= table.sizeHintForColumn(col), col
        assert header.sectionViewportPosition(col) + header.sectionSize(col) <= table.viewport().width(), col
    assert table.horizontalScrollBar().maximum() == 0
    assert form.fields_area.verticalScrollBar().maximum() == 0  # nothing to scroll at 100 %
    _shot(window, "visit-form-three-filings-vi")


def test_at_125_percent_the_fields_scroll_and_the_actions_stay_in_view(qtbot, make_window) -> None:
    """1366x768 at 125 % is 1093x614 logical pixels: the form's page (less the page list and the
    status bar) is about 885x515, smaller than the fields; the actions stay on screen."""
    window, form = _form(qtbot, make_window)
    page = form.size()
    form.setMinimumSize(0, 0)
    window.resize(WINDOW_SIZE[0] - (1366 - 1093), WINDOW_SIZE[1] - (768 - 614))
    if window.width() > 1093:  # another page keeps the window wider: check the form at the page's size
        form.setParent(None)
        qtbot.addWidget(form)  # closed and deleted at the end, now that the window no longer owns it
        form.resize(page.width() - (1366 - 1093), page.height() - (768 - 614))
        form.show()
        window = form
    qtbot.waitUntil(lambda: form.height() < page.height(), timeout=2000)
    for action in (form.save_button, form.clear_button, form.drafts_button, form.new_visit_button, form.required_legend):
        assert _inside(action, window), action.text()
    assert form.fields_area.verticalScrollBar().maximum() > 0  # the fields scroll instead of being squeezed
    form.follow_up.setFocus()
    form.fields_area.ensureWidgetVisible(form.follow_up)
    assert form.fields_area.viewport().rect().contains(form.follow_up.mapTo(form.fields_area.viewport(), QPoint(0, 0)))
    _shot(window, "visit-form-125-percent-vi")

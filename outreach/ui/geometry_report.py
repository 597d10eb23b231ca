"""Each screen's primary actions, and a check (and optional report) that they are on screen.

``PRIMARY_ACTIONS`` names, per screen, the widgets a user must reach without scrolling at
1366×768 (tests/ui/test_fits_laptop.py holds every screen to it, at 100 % and 125 %).

``OUTREACH_GEOMETRY_REPORT=FOLDER`` (read by ``app.run``) makes the running app write, each time a
screen or a dialog is shown and each time the background runner falls idle (a search answered,
a save done), ``NNN-<name>.json`` (the global rectangle of each primary action, whether it is
fully inside the window and the screen, the texts of the screen's named labels, the wrapped
labels whose lines are cut off, the focused widget) and ``NNN-<name>.png`` (a grab of the whole
screen) into FOLDER. The end-to-end test under Xvfb (tests/e2e/) reads the rectangles to assert
placement and to click, and keeps the pictures; it is off unless the variable is set and
changes nothing else.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QDialogButtonBox, QLabel, QWidget
from shiboken6 import isValid

if TYPE_CHECKING:
    from outreach.ui.main_window import MainWindow

REPORT_ENV = "OUTREACH_GEOMETRY_REPORT"

#: Screen objectName → objectNames of its primary actions (and the fields they need).
PRIMARY_ACTIONS: dict[str, tuple[str, ...]] = {
    "householdsView": ("householdSearch", "registerHousehold", "importHouseholds", "editHousehold", "newVisitHere",
                       "addResident"),
    "visitForm": ("visitHouseholdSearch", "procedure", "dossier", "addFiling", "saveVisit"),
    "todayView": ("planTeam", "planDay", "printRouteSheet", "planTable", "markDone", "markNotHome"),
    "followUpsView": ("refreshFollowUps", "markRevisitDone", "openFollowUpVisit"),
    "weeklyLogView": ("week", "weeklyLogTable", "approve", "flag", "approveWeek"),
    "coverageView": ("showCoverage", "exportXlsx", "exportPdf", "exportCsv", "exportFollowUps", "importOneStop"),
    "proceduresView": ("procedureSearch", "procedureList"),
    "areasView": ("areaTabs", "areaGroups", "takeGroup", "releaseGroup"),
    "settingsView": ("language", "openProfileFolder", "enrol"),
}
#: The status bar's actions, checked on every screen while they are shown.
STATUS_BAR_ACTIONS = ("identity", "syncNow", "syncProblems")
POLL_MS = 50


def inside(widget: QWidget, window: QWidget) -> bool:
    """Whether all of ``widget`` is visible inside ``window``: shown, and not cut off by any
    parent on the way up (a scroll area's viewport, a splitter pane, the window's edge)."""
    if not widget.isVisible():
        return False
    rect = widget.rect()
    current = widget
    while current is not window:
        parent = current.parentWidget()
        if parent is None:
            return False
        rect = rect.translated(current.pos())
        if not parent.rect().contains(rect):
            return False
        current = parent
    return True


def clipped(label: QLabel) -> bool:
    """A word-wrapped label shorter than its text needs at its width: lines cut off."""
    return label.wordWrap() and bool(label.text()) and label.height() < label.heightForWidth(label.width())


def primary_widgets(window: MainWindow) -> dict[str, QWidget | None]:
    """The current screen's primary actions by objectName (None: missing), and the status bar's shown ones."""
    page = window.stack.currentWidget()
    if page is None:
        return {}
    found: dict[str, QWidget | None] = {name: page.findChild(QWidget, name) for name in PRIMARY_ACTIONS.get(page.objectName(), ())}
    bar = window.statusBar()
    for name in STATUS_BAR_ACTIONS:
        widget = bar.findChild(QWidget, name)
        if widget is not None and not widget.isHidden():
            found[name] = widget
    return found


def _rect(rect: QRect) -> list[int]:
    return [rect.x(), rect.y(), rect.width(), rect.height()]


def _describe(widget: QWidget, window: QWidget) -> dict[str, Any]:
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    entry: dict[str, Any] = {
        "rect": _rect(QRect(top_left, widget.size())),
        "inside": inside(widget, window),
        "on_screen": widget.screen().geometry().contains(QRect(top_left, widget.size())),
        "enabled": widget.isEnabled(),
    }
    if isinstance(widget, QAbstractButton):
        entry["text"] = widget.text()
        box = widget.parentWidget()
        if isinstance(box, QDialogButtonBox):
            entry["role"] = box.buttonRole(widget).name
    return entry


class GeometryReport(QObject):
    """Writes the report for each screen and dialog shown (see the module docstring)."""

    def __init__(self, window: MainWindow, folder: Path) -> None:
        super().__init__(window)
        self._window = window
        self._folder = folder
        self._seq = 0
        self._screen_pending = False
        folder.mkdir(parents=True, exist_ok=True)
        window.page_shown.connect(lambda _key: self._screen_soon())
        window.ctx.runner.idle.connect(self._screen_soon)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._screen_soon()  # the screen shown at start

    def _screen_soon(self) -> None:
        if not self._screen_pending:
            self._screen_pending = True
            self._when_idle(self._write_screen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog) and watched.isWindow():
            dialog = watched
            self._when_idle(lambda: self._write_dialog(dialog))
        return False

    def _when_idle(self, write: Any) -> None:
        """Write once the background runner has delivered what the screen asked for."""
        runner = self._window.ctx.runner

        def check() -> None:
            if runner.busy:
                QTimer.singleShot(POLL_MS, check)
            else:
                # layouts still pending (a resize by the window manager, text just set) run first:
                # the report and the grab show the screen as it settles, not half-way
                QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
                write()

        QTimer.singleShot(POLL_MS, check)

    def _write_screen(self) -> None:
        self._screen_pending = False
        window = self._window
        if not window.isVisible():
            return
        page = window.stack.currentWidget()
        if page is None:
            return
        widgets = primary_widgets(window)
        name = page.objectName()
        shown = [label for root in (page, window.statusBar()) for label in root.findChildren(QLabel)
                 if label.objectName() and label.isVisible()]
        self._write(name, window, {key: _describe(w, window) for key, w in widgets.items() if w is not None},
                    [key for key, w in widgets.items() if w is None], {label.objectName(): label.text() for label in shown},
                    sorted({label.objectName() for label in shown if clipped(label)}))

    def _write_dialog(self, dialog: QDialog) -> None:
        if not isValid(dialog) or not dialog.isVisible():
            return
        handle = dialog.windowHandle()
        if handle is None or not handle.isExposed():  # not mapped yet: its grab would show the screen behind it
            QTimer.singleShot(POLL_MS, lambda: self._write_dialog(dialog))
            return
        buttons = {b.objectName() or f"button{i}": b for i, b in enumerate(dialog.findChildren(QAbstractButton)) if b.isVisible()}
        self._write(dialog.objectName() or type(dialog).__name__, dialog,
                    {key: _describe(b, dialog) for key, b in buttons.items()}, [], {},
                    sorted({label.objectName() or "(label)" for label in dialog.findChildren(QLabel)
                            if label.isVisible() and clipped(label)}))

    def _write(self, name: str, top: QWidget, widgets: dict[str, Any], missing: list[str], labels: dict[str, str],
               cut: list[str]) -> None:
        self._seq += 1
        stem = self._folder / f"{self._seq:03d}-{name}"
        screen = top.screen()
        report = {
            "name": name,
            "title": top.windowTitle(),
            "language": self._window.ctx.language,
            "screen": _rect(screen.geometry()),
            "device_pixel_ratio": screen.devicePixelRatio(),  # rectangles are in logical pixels
            "available": _rect(screen.availableGeometry()),
            "window": _rect(top.frameGeometry()),
            "widgets": widgets,
            "missing": missing,
            "labels": labels,
            "clipped": cut,
            "focus": focus.objectName() if (focus := QApplication.focusWidget()) is not None else None,
        }
        top.repaint()  # painted now, so the grab shows what the report describes
        screen.grabWindow(0).save(str(stem.with_suffix(".png")))
        tmp = stem.with_suffix(".part")
        tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(stem.with_suffix(".json"))  # a reader never sees half a report


def install_if_asked(window: MainWindow) -> GeometryReport | None:
    folder = os.environ.get(REPORT_ENV)
    return GeometryReport(window, Path(folder)) if folder else None

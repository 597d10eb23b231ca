"""Small helpers shared by the UI tests: waiting for the background runner, typing like a keyboard, enrolling."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from outreach.store.database import Store
    from outreach.ui.core.tasks import TaskRunner
    from tests.helpers.sync import WardSetup


def wait_idle(qtbot: Any, runner: TaskRunner, timeout: int = 10_000) -> None:
    """Wait until the background runner has no task left (results delivered to the GUI)."""
    qtbot.waitUntil(lambda: not runner.busy, timeout=timeout)


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as key events, like a keyboard (or a USB scanner in keyboard mode) would.

    ``QTest.keyClicks`` only knows ASCII keys (it aborts on "ễ"), so other characters are sent
    as key events carrying their text, which is what an input method delivers.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii():
            QTest.keyClick(widget, ch)  # type: ignore[call-overload]  # PySide6 takes a one-character str too; its stubs list Key and int only
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))


def enrol_as(store: Store, ward: WardSetup, role: str) -> None:
    """Enrol the window's profile into a live ward as a fresh laptop would be (real keyring)."""
    from outreach.sync.client import enroll

    store.profile.ward_id = None
    enroll(store, ward.server.url, ward.code(role, "Lê Thị Hạnh"))

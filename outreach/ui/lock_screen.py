"""The app lock on screen: a PIN asked at start, after idle minutes and on Ctrl+L.

``AppLock`` covers the whole main window with ``LockScreen`` (a child drawn over every page, the
navigation and the status bar) and, while locked, every other window of the app (dialogs,
message boxes) with an opaque child of its own, and swallows every click, key and shortcut meant
for anything but the lock screen — one application-wide event filter, so a dialog opened later
(a background task's message, the sync's question) is covered too. Windows are covered, not
hidden: one the code closes while locked stays closed, the others are as they were. Nothing is
closed or rebuilt: a half-typed visit stays in its form and its draft keeps being saved, and the
background sync goes on (its timers and network thread are not the lock's business).

The PIN itself — argon2 hash in the keyring, growing waits — is ``store/app_lock.py``; checking
it (a keyring round trip and an argon2 hash of ~50 ms) runs on the runner, never on this thread.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QLineEdit, QMainWindow, QPushButton, QVBoxLayout, QWidget

from outreach.store import app_lock
from outreach.ui.core.context import UiContext

log = logging.getLogger(__name__)
LOCK_SHORTCUT = "Ctrl+L"

#: What a person does: these restart the idle clock, and are swallowed outside the lock screen.
_INPUT_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Wheel, QEvent.Type.ContextMenu, QEvent.Type.ShortcutOverride,
    QEvent.Type.TabletPress, QEvent.Type.TouchBegin,
})


class LockScreen(QFrame):
    """What the locked window shows: who this laptop is, the PIN field(s), why it waits."""

    submitted = Signal(str, str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.title = QLabel()
        self.title.setObjectName("lockTitle")
        self.title.setStyleSheet("font-size: 20px; font-weight: 600;")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        digits = QRegularExpressionValidator(rf"[0-9]{{0,{app_lock.PIN_MAX_DIGITS}}}")
        self.pin = QLineEdit()
        self.pin.setObjectName("lockPin")
        self.again = QLineEdit()
        self.again.setObjectName("lockPinAgain")
        for field in (self.pin, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setValidator(digits)
            field.setMaximumWidth(300)
            field.returnPressed.connect(self._submit)
        self.message = QLabel()
        self.message.setObjectName("lockMessage")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("unlockButton")
        self.button.setDefault(True)
        self.button.setMaximumWidth(300)
        self.button.clicked.connect(self._submit)
        box = QWidget()
        box.setFixedWidth(480)  # a fixed width lets the wrapped caption take the height it needs
        inner = QVBoxLayout(box)
        for widget in (self.title, self.caption, self.pin, self.again, self.message, self.button):
            inner.addWidget(widget)
        # centred by stretches, not by an alignment flag: an aligned item loses height-for-width,
        # and the wrapped caption would be cut to one line's height
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.choosing = False

    def show_mode(self, choosing: bool, who: str) -> None:
        """``choosing``: no PIN yet, the user picks one (typed twice); else asks it."""
        self.choosing = choosing
        self.title.setText(self.tr("Outreach is locked") if not choosing else self.tr("Choose a PIN for Outreach"))
        text = (self.tr("Type the PIN of %1 to go on. Syncing goes on while the app is locked.") if not choosing else
                self.tr("This computer holds residents' personal data: choose a PIN of %2 to %3 digits. Outreach asks it "
                        "at start, after %4 minutes without use and on Ctrl+L. It is kept only as a hash in the system "
                        "keyring; nobody can read it back, so remember it."))
        self.caption.setText(text.replace("%1", who).replace("%2", str(app_lock.PIN_MIN_DIGITS))
                             .replace("%3", str(app_lock.PIN_MAX_DIGITS)).replace("%4", str(app_lock.DEFAULT_IDLE_MINUTES)))
        self.pin.setPlaceholderText(self.tr("PIN") if not choosing else self.tr("New PIN"))
        self.again.setPlaceholderText(self.tr("The same PIN again"))
        self.again.setVisible(choosing)
        self.button.setText(self.tr("Unlock") if not choosing else self.tr("Set PIN and open"))
        self.clear()

    def clear(self) -> None:
        self.pin.clear()
        self.again.clear()
        self.pin.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_waiting(self, waiting: bool) -> None:
        for widget in (self.pin, self.again, self.button):
            widget.setEnabled(not waiting)
        if not waiting:
            self.pin.setFocus(Qt.FocusReason.OtherFocusReason)

    def _submit(self) -> None:
        if self.button.isEnabled():
            self.submitted.emit(self.pin.text(), self.again.text())


class AppLock(QObject):
    """Locks and unlocks ``window`` (see the module doc); ``start`` turns it on."""

    locked_changed = Signal(bool)

    def __init__(self, window: QMainWindow, ctx: UiContext, idle_ms: int = app_lock.DEFAULT_IDLE_MINUTES * 60_000) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self.enabled = False
        self.locked = False
        #: "Change the PIN": the right current PIN leads to choosing a new one, not to the unlock
        self._changing = False
        self.screen = LockScreen(window)
        self.screen.hide()
        self.screen.submitted.connect(self._submitted)
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(idle_ms)
        self.idle.timeout.connect(self.lock)
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._countdown.timeout.connect(self._tick)
        self._wait_until = 0.0
        #: the other windows of the app (dialogs, message boxes) and the opaque cover over each
        self._covers: dict[QWidget, QWidget] = {}
        #: Ctrl+L is read by the event filter, not a QShortcut: a shortcut of the main window does
        #: not fire while a modal dialog is open, and the lock must come from any dialog too
        self.keys = QKeySequence(LOCK_SHORTCUT)
        window.installEventFilter(self)

    # -- turning on ----------------------------------------------------------------------------

    def start(self, *, lock_now: bool) -> None:
        """Find out (in the background) whether this laptop locks; if so, watch for idle time,
        answer Ctrl+L and, with ``lock_now``, lock at once (the start of the app)."""

        def required(yes: bool) -> None:
            self.enabled = yes
            if not yes:
                return
            app = QApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            self.idle.start()
            if lock_now:
                self.lock()

        self._ctx.runner.query(app_lock.lock_required, self._ctx.store, on_done=required)

    # -- locking -------------------------------------------------------------------------------

    def lock(self) -> None:
        if not self.enabled or self.locked:
            return
        log.info("app locked")
        self.locked = True
        self.idle.stop()
        for widget in QApplication.topLevelWidgets():
            if widget is not self._window and widget.isVisible():
                self._cover(widget)
        self.screen.setGeometry(self._window.rect())
        self.screen.show()
        self.screen.raise_()
        self.screen.show_mode(False, self._who())
        self.screen.set_waiting(True)
        self._ctx.runner.query(_lock_facts, self._ctx.store.profile, on_done=self._facts)
        self.locked_changed.emit(True)

    def change_pin(self) -> None:
        """Settings → "Change the PIN…": lock, ask the current PIN, then the new one (twice).
        Does nothing where the lock is off (a demo profile, a ward that turned it off)."""
        if not self.enabled or self.locked:
            return
        self._changing = True
        self.lock()

    def _who(self) -> str:
        profile = self._ctx.store.profile
        return profile.member_name or self.tr("this computer")

    def _facts(self, facts: tuple[bool, float]) -> None:
        has_pin, wait_s = facts
        if not self.locked:
            return
        self.screen.show_mode(not has_pin, self._who())
        self._wait(wait_s, wrong=False)

    def _submitted(self, pin: str, again: str) -> None:
        self.screen.set_waiting(True)
        profile = self._ctx.store.profile
        if self.screen.choosing:
            self._ctx.runner.query(app_lock.set_pin, profile, pin, again, on_done=lambda _r: self.unlock(),
                                   on_error=self._refused)
        else:
            self._ctx.runner.query(app_lock.check_pin, profile, pin, on_done=self._checked, on_error=self._refused)

    def _refused(self, exc: BaseException) -> None:
        from outreach.ui.core.errors import error_text

        self.screen.message.setText(error_text(exc, self._ctx.language))
        self.screen.set_waiting(False)
        self.screen.clear()

    def _checked(self, attempt: app_lock.Attempt) -> None:
        if attempt.ok and self._changing:
            self._changing = False
            self.screen.show_mode(True, self._who())
            self.screen.set_waiting(False)
            return
        if attempt.ok:
            self.unlock()
            return
        self.screen.clear()
        self._wait(attempt.wait_s, wrong=True)

    def _wait(self, wait_s: float, *, wrong: bool) -> None:
        self._wrong = wrong
        self._wait_until = time.monotonic() + wait_s
        if wait_s > 0:
            self.screen.set_waiting(True)
            self._countdown.start()
            self._tick()
        else:
            self.screen.message.setText(self.tr("Wrong PIN.") if wrong else "")
            self.screen.set_waiting(False)

    def _tick(self) -> None:
        left = self._wait_until - time.monotonic()
        if left <= 0:
            self._countdown.stop()
            self.screen.message.setText(self.tr("Wrong PIN.") if self._wrong else "")
            self.screen.set_waiting(False)
            return
        self.screen.message.setText(self.tr("Too many wrong PINs: try again in %1 s.").replace("%1", str(int(left) + 1)))

    def unlock(self) -> None:
        log.info("app unlocked")
        self.locked = False
        self._countdown.stop()
        self.screen.hide()
        self.screen.message.clear()
        covers, self._covers = self._covers, {}
        for cover in covers.values():
            try:
                cover.deleteLater()
            except RuntimeError:  # went with its dialog, closed while locked
                pass
        self.idle.start()
        self.locked_changed.emit(False)

    # -- watching ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        kind = event.type()
        if watched is self._window and kind == QEvent.Type.Resize:
            self.screen.setGeometry(self._window.rect())
            return False
        if not self.enabled:
            return False
        if not self.locked:
            if kind in _INPUT_EVENTS:
                self.idle.start()  # restart the idle clock
                if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and self._is_lock_key(event):
                    self.lock()
                    return True
            return False
        if kind in _INPUT_EVENTS or kind == QEvent.Type.Shortcut:
            return not self._inside_lock_screen(watched)
        if isinstance(watched, QWidget) and watched.isWindow() and watched is not self._window:
            if kind == QEvent.Type.Show:  # a dialog a background task opened while locked
                self._cover(watched)
            elif kind == QEvent.Type.Resize and watched in self._covers:
                self._covers[watched].setGeometry(watched.rect())
        return False

    def _cover(self, window: QWidget) -> None:
        """Hide what ``window`` shows under an opaque child of its own: the window stays as it was
        (a dialog the code closes meanwhile closes, one it opens is covered too), and the
        cover goes at the unlock. Its input is swallowed by the filter like the main window's."""
        cover = self._covers.get(window)
        if cover is None:
            cover = QFrame(window)
            cover.setObjectName("lockCover")
            cover.setAutoFillBackground(True)
            self._covers[window] = cover
        cover.setGeometry(window.rect())
        cover.show()
        cover.raise_()

    def _is_lock_key(self, event: QKeyEvent) -> bool:
        return QKeySequence(event.keyCombination()) == self.keys

    def _inside_lock_screen(self, watched: QObject) -> bool:
        if isinstance(watched, QWidget):
            return watched is self.screen or self.screen.isAncestorOf(watched)
        # QWindow objects carry the input to the widgets (filtered above); QShortcuts are not let through
        return not isinstance(watched, QShortcut)


def _lock_facts(profile: object) -> tuple[bool, float]:
    """Background: whether a PIN was chosen, and how long a wait from wrong PINs is left."""
    from outreach.store.profile import Profile

    assert isinstance(profile, Profile)
    return app_lock.has_pin(profile), app_lock.wait_left(profile)

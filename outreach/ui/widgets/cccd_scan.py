"""The CCCD scan field: a USB QR scanner "types" the card's payload and presses Enter.

The field parses the line with the core's ``parse_cccd``; a plausible card emits ``scanned``
with a ``CccdRecord``; an implausible one (wrong field count, garbled diacritics from a keyboard
layout, bad dates) shows why under the field and emits nothing, so nothing is ever saved from it.
The text is cleared after a good scan: the personal data then lives only in the form's fields.

The scanner's Enter ends the scan and nothing else: the field consumes it, so it never reaches
the dialog, whose default button (Save) would otherwise save a form the user has not checked.
With ``with_button`` the field shows a "Scan CCCD (Ctrl+Shift+C)" button and the shortcut puts
focus in the field from anywhere in its window, so scanning is visible and reachable.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from outreach.cccd import CccdParseError, CccdRecord, foreign_layout_signs, parse_cccd
from outreach.ui.widgets.field_errors import error_label

# The global "scan a card" shortcut (main window) and, inside a dialog, "focus its scan field".
SCAN_SHORTCUT = "Ctrl+Shift+C"
# The narrowest a dialog with a scan field should be: the field, its button and a card's
# one-line address fit, and it still fits a 1366x768 screen.
SCAN_FORM_MIN_WIDTH = 560


def scan_shortcut_text() -> str:
    """The shortcut as the user's platform writes it, for button texts and tooltips."""
    return QKeySequence(SCAN_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)


class ScanLineEdit(QLineEdit):
    """A line edit that keeps Return/Enter to itself (``returnPressed`` still fires).

    QLineEdit passes Enter on to its dialog after ``returnPressed``; for a scanner, whose every
    scan ends with Enter, that would press the dialog's default button."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class CccdScanField(QWidget):
    scanned = Signal(object)  # CccdRecord
    rejected = Signal(str)  # the reason shown to the user

    def __init__(self, language: str, parent: QWidget | None = None, *, with_button: bool = False) -> None:
        super().__init__(parent)
        self._language = language
        self.edit = ScanLineEdit()
        self.edit.setObjectName("cccdScan")
        self.edit.setPlaceholderText(self.tr("Click here and scan the QR code on the ID card (CCCD)"))
        self.edit.setClearButtonEnabled(True)
        self.error = error_label()
        self.error.setObjectName("cccdError")
        self.ok = QLabel()
        self.ok.setObjectName("cccdOk")
        self.ok.setStyleSheet("color: #1b5e20;")
        self.ok.setWordWrap(True)
        self.ok.setVisible(False)
        row = QHBoxLayout()
        self.button: QPushButton | None = None
        if not with_button:
            caption = QLabel(self.tr("Scan &CCCD:"))
            caption.setBuddy(self.edit)
            row.addWidget(caption)
        row.addWidget(self.edit, 1)
        if with_button:  # the button names the field and its shortcut; no caption needed
            self.button = QPushButton(self.tr("Scan CCCD (%1)").replace("%1", scan_shortcut_text()))
            self.button.setObjectName("scanCccd")
            self.button.setAutoDefault(False)
            self.button.setToolTip(self.tr("Put the cursor in the scan field, then scan the QR code on the card"))
            self.button.clicked.connect(self.focus)
            row.addWidget(self.button)
            shortcut = QShortcut(QKeySequence(SCAN_SHORTCUT), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.focus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.ok)
        self.edit.returnPressed.connect(self._parse)

    def focus(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()

    def _parse(self) -> None:
        text = self.edit.text()
        if not text.strip():
            return
        self.ok.setVisible(False)
        try:
            record: CccdRecord = parse_cccd(text)
        except CccdParseError as exc:
            message = exc.message(self._language)
            self.error.setText(message)
            self.error.setVisible(True)
            self.rejected.emit(message)
            return
        self.error.setVisible(False)
        self.edit.clear()
        message = self.tr("Card read: %1. Check the fields below, then save.").replace("%1", record.full_name)
        if "no_marks" in foreign_layout_signs(text):
            message += " " + self.tr("The name and address have no diacritics: if the card prints them, the scanner is "
                                     "typing under a non-Vietnamese keyboard layout; set it right and scan again.")
        self.ok.setText(message)
        self.ok.setVisible(True)
        self.scanned.emit(record)

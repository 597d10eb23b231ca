"""The CCCD scan field: a USB QR scanner "types" the card's payload and presses Enter.

The field parses the line with the core's ``parse_cccd``; a plausible card emits ``scanned``
with a ``CccdRecord``; an implausible one (wrong field count, garbled diacritics from a keyboard
layout, bad dates) shows why under the field and emits nothing, so nothing is ever saved from it.
The text is cleared after a good scan: the personal data then lives only in the form's fields.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from outreach.cccd import CccdParseError, CccdRecord, parse_cccd
from outreach.ui.widgets.field_errors import error_label


class CccdScanField(QWidget):
    scanned = Signal(object)  # CccdRecord
    rejected = Signal(str)  # the reason shown to the user

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._language = language
        self.edit = QLineEdit()
        self.edit.setObjectName("cccdScan")
        self.edit.setPlaceholderText(self.tr("Click here and scan the QR code on the ID card (CCCD)"))
        self.edit.setClearButtonEnabled(True)
        caption = QLabel(self.tr("Scan &CCCD:"))
        caption.setBuddy(self.edit)
        self.error = error_label()
        self.ok = QLabel()
        self.ok.setObjectName("cccdOk")
        self.ok.setStyleSheet("color: #1b5e20;")
        self.ok.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(caption)
        row.addWidget(self.edit, 1)
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
        self.ok.setText(self.tr("Card read: %1. Check the fields below, then save.").replace("%1", record.full_name))
        self.ok.setVisible(True)
        self.scanned.emit(record)

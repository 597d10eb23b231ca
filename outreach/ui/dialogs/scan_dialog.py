"""The global "scan a CCCD" dialog (Ctrl+Shift+C from anywhere): one field with focus, for the scanner.

A scanner types into whatever has focus, so the shortcut's job is only to put focus in a field
made for it; what happens to the card (new household or a resident of the selected one) is
decided by the Households screen when ``scanned`` arrives.

A bad scan keeps the dialog open with the whole reason (wrapped, the dialog grows to show it)
and the scanner's Enter never reaches Cancel: the field consumes it (``ScanLineEdit``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from outreach.cccd import CccdRecord
from outreach.ui.dialogs.fit import grow_to_content
from outreach.ui.widgets.cccd_scan import SCAN_FORM_MIN_WIDTH, CccdScanField


class ScanDialog(QDialog):
    scanned = Signal(object)  # CccdRecord

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanDialog")
        self.setWindowTitle(self.tr("Scan an ID card"))
        self.field = CccdScanField(language)
        self.field.scanned.connect(self._done)
        self.field.rejected.connect(lambda _why: grow_to_content(self))  # room for the whole reason
        hint = QLabel(self.tr("Point the scanner at the QR code on the card. Nothing is saved until you check and save the form."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)  # Enter belongs to the scan, never to Cancel
        cancel.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.field)
        layout.addWidget(buttons)
        self.setMinimumWidth(SCAN_FORM_MIN_WIDTH)
        self.resize(SCAN_FORM_MIN_WIDTH, self.sizeHint().height())
        self.field.focus()

    def _done(self, record: CccdRecord) -> None:
        self.scanned.emit(record)
        self.accept()

"""Record a resident's consent: names the person it is for and the purpose they agreed to.

Consent is recorded for one person (Law 91/2025/QH15), so the question names them: a bare
"Purpose:" box over a household's table does not say whose consent is being recorded. The
dialog opens window-modally (no nested event loop) and is sized to its wrapped text.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

# Wide enough for the purpose line and a two-line question, narrow enough for any screen.
CONSENT_DIALOG_WIDTH = 460


class ConsentDialog(QDialog):
    # The purpose the resident agreed to (after OK, never empty).
    recorded = Signal(str)

    def __init__(self, resident_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentDialog")
        self.setWindowTitle(self.tr("Record consent: %1").replace("%1", resident_name))
        self.question = QLabel(self.tr("%1 agrees that the ward keeps their details (ID numbers, date of birth, phone) "
                                       "for this purpose:").replace("%1", resident_name))
        self.question.setObjectName("consentQuestion")
        self.question.setWordWrap(True)
        self.purpose = QLineEdit(self.tr("Help with online public services"))
        self.purpose.setObjectName("purpose")
        self.question.setBuddy(self.purpose)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        self.purpose.textChanged.connect(self._purpose_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.purpose)
        layout.addWidget(self.buttons)
        layout.activate()
        hint = self.sizeHint()  # never smaller than the content asks for, at any width
        width = max(CONSENT_DIALOG_WIDTH, hint.width())
        self.resize(width, max(hint.height(), layout.totalHeightForWidth(width)))
        self.setMinimumWidth(min(CONSENT_DIALOG_WIDTH, self.sizeHint().width()))
        self.purpose.setFocus()
        self.purpose.selectAll()

    def _purpose_changed(self, text: str) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(text.strip()))

    def _ok(self) -> None:
        purpose = self.purpose.text().strip()
        if purpose:
            self.recorded.emit(purpose)
            self.accept()

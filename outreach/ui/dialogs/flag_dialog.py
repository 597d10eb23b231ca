"""Ask the leader what the volunteer must correct (the note travels back with the flag)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from outreach.ui.widgets.field_errors import error_label


class FlagDialog(QDialog):
    def __init__(self, household: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flagDialog")
        self.setWindowTitle(self.tr("Flag for correction"))
        caption = QLabel(self.tr("What should the volunteer correct in the visit to %1?").replace("%1", household))
        caption.setWordWrap(True)
        self.note = QPlainTextEdit()
        self.note.setObjectName("flagNote")
        self.note.setTabChangesFocus(True)
        caption.setBuddy(self.note)
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.note.setFocus()

    def text(self) -> str:
        return self.note.toPlainText().strip()

    def _accept(self) -> None:
        if not self.text():
            self.error.setText(self.tr("Say what needs correcting."))
            self.error.setVisible(True)
            return
        self.accept()

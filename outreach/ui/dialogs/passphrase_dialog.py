"""Ask for the passphrase that seals a hand-over file (typed twice: a typo would lock the office
out of the unsent changes). The file leaves the encrypted profile with residents' personal data,
so it is never written in clear; the user tells the office the passphrase separately."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from outreach.services.handover import MIN_PASSPHRASE_LENGTH
from outreach.ui.widgets.field_errors import error_label


class PassphraseDialog(QDialog):
    """``title`` / ``caption`` / ``minimum``: the same dialog protects a personal-data export
    (``ui/screens/coverage_view``); by default it words the hand-over file's."""

    def __init__(self, parent: QWidget | None = None, *, title: str | None = None, caption: str | None = None,
                 minimum: int = MIN_PASSPHRASE_LENGTH) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.minimum = minimum
        self.setWindowTitle(title or self.tr("Protect the hand-over file"))
        label = QLabel((caption or self.tr("The file holds residents' personal data. Choose a passphrase of at least %1 characters "
                                             "and tell it to the ward office separately (not in the same message as the file)."))
                         .replace("%1", str(minimum)))
        label.setWordWrap(True)
        self.first = QLineEdit()
        self.first.setObjectName("passphrase")
        self.second = QLineEdit()
        self.second.setObjectName("passphraseAgain")
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.first)
        form.addRow(self.tr("&Repeat it:"), self.second)
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.first.setFocus()

    def passphrase(self) -> str:
        return self.first.text()

    def _accept(self) -> None:
        if len(self.first.text()) < self.minimum:
            problem = self.tr("The passphrase needs at least %1 characters.").replace("%1", str(self.minimum))
        elif self.first.text() != self.second.text():
            problem = self.tr("The two passphrases differ.")
        else:
            self.accept()
            return
        self.error.setText(problem)
        self.error.setVisible(True)

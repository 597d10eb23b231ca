"""Ask before a form dialog throws away what was typed (Esc, Cancel, the window's close button).

A volunteer at a resident's door presses Esc to leave a pop-up as often as to cancel; a whole
household typed in (or a card scanned) must not vanish with it. The guard compares the form's
state with the state it opened with: unchanged closes at once, changed asks, and "keep editing"
is the default (and Esc on the question), so two Esc presses never lose data.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox

from outreach.ui.dialogs.ask import Choice, ask


class DiscardGuard(QObject):
    def __init__(self, dialog: QDialog, state: Callable[[], object]) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._state = state
        self._baseline = state()
        self.question: QMessageBox | None = None  # the open question, if any (tests reach it here)

    def changed(self) -> bool:
        return self._state() != self._baseline

    def reset(self) -> None:
        """The current state is the unchanged one (e.g. after data loaded in the background)."""
        self._baseline = self._state()

    def reject(self, close: Callable[[], None]) -> None:
        """Call ``close`` (the dialog's own reject) now if nothing changed, else after the user agrees."""
        if not self.changed():
            close()
            return
        if self.question is not None:
            return  # already asking

        def answered(key: str | None) -> None:
            self.question = None
            if key == "discard":
                close()

        self.question = ask(self._dialog, self.tr("Discard what you typed?"),
                            self.tr("This form has changes that are not saved. Close it and lose them?"),
                            [Choice("discard", self.tr("Discard changes"), QMessageBox.ButtonRole.DestructiveRole),
                             Choice("keep", self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole, True)],
                            answered, icon=QMessageBox.Icon.Warning)

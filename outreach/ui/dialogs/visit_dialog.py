"""A saved visit opened from Follow-ups, the Weekly log or a household's history, for editing.

Wraps a ``VisitForm`` in edit mode (no draft: the visit already exists). A volunteer correcting
a flagged visit saves it here, which turns it "corrected" for the leader.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from outreach.services.visits import VisitView
from outreach.ui.core.context import UiContext
from outreach.ui.core.labels import format_date
from outreach.ui.screens.visit_form import VisitForm


class VisitDialog(QDialog):
    saved = Signal(object)

    def __init__(self, ctx: UiContext, visit: VisitView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitDialog")
        self.setWindowTitle(self.tr("Visit of %1 on %2").replace("%1", visit.household_head)
                            .replace("%2", format_date(visit.started_at)))
        self.form = VisitForm(ctx, self, visit=visit)
        self.form.saved.connect(self._saved)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        close = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        close.activated.connect(self.reject)
        self.resize(1000, 640)

    def _saved(self, view: VisitView) -> None:
        self.saved.emit(view)
        self.accept()

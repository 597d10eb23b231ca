"""The New visit form's "Drafts (N)": every visit begun and not saved, to reopen or delete.

Why a list: a volunteer who starts house B before finishing house A must find A's visit again
(as ODK Collect's "Drafts"); each visit begun is kept as its own draft (``services.visit_draft``).
Deleting one asks first: what was typed in it is gone for good.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from outreach.services.changes import NOTHING
from outreach.services.visit_draft import DraftSummary, discard_visit_draft, list_visit_drafts
from outreach.ui.core.context import UiContext
from outreach.ui.core.labels import format_datetime
from outreach.ui.dialogs.ask import Choice, ask

ID_ROLE = Qt.ItemDataRole.UserRole + 1
COL_HOUSEHOLD, COL_STARTED, COL_EDITED = range(3)


class VisitDraftsDialog(QDialog):
    """Lists the drafts (read in the background); ``chosen`` / ``deleted`` carry a draft's key."""

    chosen = Signal(str)
    deleted = Signal(str)
    listed = Signal()

    def __init__(self, ctx: UiContext, current_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._current_id = current_id
        self.drafts: list[DraftSummary] = []
        self.question: QMessageBox | None = None
        self.setObjectName("visitDraftsDialog")
        self.setWindowTitle(self.tr("Visit drafts"))
        intro = QLabel(self.tr("Visits begun and not saved yet. Open one to go on with it; the visit on the form stays a draft."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("draftsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Household"), self.tr("Started at"), self.tr("Last edited")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_HOUSEHOLD, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.empty = QLabel(self.tr("No drafts."))
        self.empty.hide()
        buttons = QDialogButtonBox()
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.setObjectName("openDraft")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.delete_button.setObjectName("deleteDraft")
        self.delete_button.clicked.connect(self.ask_delete_selected)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(760, 360)
        self._reload()

    def _reload(self) -> None:
        self._ctx.runner.query(list_visit_drafts, self._ctx.store, on_done=self._listed)

    def _listed(self, drafts: list[DraftSummary]) -> None:
        self.drafts = drafts
        self.table.setRowCount(len(drafts))
        for row, d in enumerate(drafts):
            household = d.household or self.tr("(no household chosen yet)")
            if d.draft_id == self._current_id:
                household = self.tr("%1 — on the form now").replace("%1", household)
            cells = (household, format_datetime(d.started_at), format_datetime(d.updated_at))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, d.draft_id)
                self.table.setItem(row, col, item)
        if drafts:
            self.table.selectRow(0)
        self.table.setVisible(bool(drafts))
        self.empty.setVisible(not drafts)
        self.open_button.setEnabled(bool(drafts))
        self.delete_button.setEnabled(bool(drafts))
        self.table.setFocus()
        self.listed.emit()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.drafts[rows[0].row()].draft_id if rows else None

    def select_draft(self, draft_id: str) -> None:
        """Select the row of ``draft_id`` (keyboard users move with ↑/↓; tests pick by key)."""
        for row, d in enumerate(self.drafts):
            if d.draft_id == draft_id:
                self.table.selectRow(row)

    def open_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is not None:
            self.chosen.emit(draft_id)
            self.accept()

    def ask_delete_selected(self) -> None:
        draft_id = self.selected_id()
        if draft_id is None:
            return
        summary = next(d for d in self.drafts if d.draft_id == draft_id)

        def answered(key: str | None) -> None:
            self.question = None
            if key == "delete":
                self._ctx.runner.mutate(discard_visit_draft, self._ctx.store, draft_id, changes=NOTHING,
                                        on_done=lambda _r: self._was_deleted(draft_id))

        self.question = ask(self, self.tr("Delete draft"),
                            self.tr("Delete this draft? What was typed in it cannot be brought back."),
                            [Choice("delete", self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole),
                             Choice("keep", self.tr("Keep"), QMessageBox.ButtonRole.RejectRole, True)],
                            answered, informative=summary.household or self.tr("(no household chosen yet)"))

    def _was_deleted(self, draft_id: str) -> None:
        self.deleted.emit(draft_id)
        self._reload()

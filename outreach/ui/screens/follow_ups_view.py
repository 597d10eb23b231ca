"""Follow-ups: visits the leader returned ("please correct"), then overdue and due revisits;
below them the dossiers whose result is overdue, to look up on the portal.

Each row opens its visit (Enter or double-click); a revisit can be marked done. A dossier is
overdue when its expected result date (submitted + the procedure's processing time in working
days, ``services.coverage``) has passed; the catalogue's processing times come in as ``terms``.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from outreach.services.changes import Changes
from outreach.services.coverage import WaitingDossier, waiting_dossiers
from outreach.services.periods import SCOPE_VOLUNTEER, WARD, Scope
from outreach.services.visits import FollowUp, follow_ups, mark_follow_up_done
from outreach.ui.core.context import UiContext
from outreach.ui.core.labels import FOLLOW_UP_LABELS, OUTCOME_LABELS, format_date, label
from outreach.ui.models.report_models import RowsModel
from outreach.vocabulary import Role

COL_KIND, COL_DATE, COL_HOUSEHOLD, COL_ADDRESS, COL_OUTCOME, COL_NOTE = range(6)
VISIT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_COLOURS = {"flagged": "#fde2e1", "overdue": "#fff1d6"}

_Index = QModelIndex | QPersistentModelIndex


class FollowUpModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[FollowUp] = []

    def set_items(self, items: list[FollowUp]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {COL_KIND: self.tr("What"), COL_DATE: self.tr("Date"), COL_HOUSEHOLD: self.tr("Household"),
                COL_ADDRESS: self.tr("Address"), COL_OUTCOME: self.tr("Outcome"), COL_NOTE: self.tr("Note")}.get(section)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        v = item.visit
        if role == VISIT_ID_ROLE:
            return v.id
        if role == Qt.ItemDataRole.BackgroundRole and item.kind in KIND_COLOURS:
            return QColor(KIND_COLOURS[item.kind])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        col = index.column()
        if col == COL_KIND:
            return label(FOLLOW_UP_LABELS, item.kind)
        if col == COL_DATE:
            return format_date(v.started_at if item.kind == "flagged" else v.follow_up_date)
        if col == COL_HOUSEHOLD:
            return v.household_head
        if col == COL_ADDRESS:
            return v.household_address
        if col == COL_OUTCOME:
            return label(OUTCOME_LABELS, v.outcome)
        if col == COL_NOTE:
            return v.review_note if item.kind == "flagged" else v.notes
        return None


class FollowUpsView(QWidget):
    open_visit = Signal(str)
    loaded = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setObjectName("followUpsView")
        self.summary = QLabel()
        self.summary.setObjectName("followUpSummary")
        self.model = FollowUpModel(self)
        self.table = QTableView()
        self.table.setObjectName("followUpTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda idx: self.open_visit.emit(idx.data(VISIT_ID_ROLE)))
        self.open_button = QPushButton(self.tr("&Open visit"))
        self.open_button.clicked.connect(self._open_selected)
        self.done_button = QPushButton(self.tr("&Mark revisit done"))
        self.done_button.clicked.connect(self._mark_done)
        self.refresh_button = QPushButton(self.tr("Re&fresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.open_button.setObjectName("openFollowUpVisit")
        self.done_button.setObjectName("markRevisitDone")
        self.refresh_button.setObjectName("refreshFollowUps")
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        for b in (self.refresh_button, self.done_button, self.open_button):
            buttons.addWidget(b)
        self.dossier_summary = QLabel()
        self.dossier_summary.setObjectName("overdueDossierSummary")
        self.dossier_model = RowsModel(self)
        self.dossier_table = QTableView()
        self.dossier_table.setObjectName("overdueDossierTable")
        self.dossier_table.setModel(self.dossier_model)
        self.dossier_table.verticalHeader().setVisible(False)
        self.dossier_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.dossier_table.horizontalHeader().setStretchLastSection(True)
        self.dossier_table.setMaximumHeight(170)  # the revisits above keep most of a 768-pixel screen
        self.dossier_table.hide()
        self.dossiers: list[WaitingDossier] = []
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.dossier_summary)
        layout.addWidget(self.dossier_table)
        self.setFocusProxy(self.table)
        self.refresh()

    def apply_changes(self, changes: Changes, _initiator: object | None) -> None:
        """The list shows visits (their follow-up dates, the leader's flags), the households' names
        and the dossiers' expected result dates (the catalogue's processing times)."""
        if changes.touches("visits", "review", "households", "catalogue"):
            self.refresh()

    def _dossier_scope(self) -> Scope:
        """A volunteer sees the dossiers of their own visits; a leader the ward's."""
        actor = self._ctx.actor
        if actor.role == Role.VOLUNTEER and actor.member_id:
            return Scope(SCOPE_VOLUNTEER, actor.member_id)
        return WARD

    def refresh(self) -> None:
        self._ctx.runner.query(follow_ups, self._ctx.store, self._ctx.actor, on_done=self._loaded)
        dossiers = partial(waiting_dossiers, ward_id=self._ctx.actor.ward_id)
        self._ctx.runner.query(dossiers, self._ctx.store, self._dossier_scope(), on_done=self._dossiers_loaded)

    def _dossiers_loaded(self, dossiers: list[WaitingDossier]) -> None:
        self.dossiers = dossiers
        self.dossier_summary.setText(self.tr("%1 dossiers past their expected result date: look them up on the portal")
                                     .replace("%1", str(len(dossiers))))
        self.dossier_model.set_rows(
            [self.tr("Dossier code"), self.tr("Procedure"), self.tr("Submitted"), self.tr("Result expected"),
             self.tr("Household"), self.tr("For")],
            [[d.dossier_code, d.procedure_name, format_date(d.submitted_on), format_date(d.expected_on), d.household_head,
              d.resident_name] for d in dossiers],
        )
        self.dossier_table.setVisible(bool(dossiers))

    def _loaded(self, items: list[FollowUp]) -> None:
        self.model.set_items(items)
        counts = {kind: sum(1 for i in items if i.kind == kind) for kind in ("flagged", "overdue", "due")}
        self.summary.setText(self.tr("%1 returned by the leader · %2 overdue · %3 due this week")
                             .replace("%1", str(counts["flagged"])).replace("%2", str(counts["overdue"]))
                             .replace("%3", str(counts["due"])))
        if items:
            self.table.selectRow(0)
        self.loaded.emit()

    def _selected(self) -> FollowUp | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.items[rows[0].row()] if rows else None

    def _open_selected(self) -> None:
        item = self._selected()
        if item:
            self.open_visit.emit(item.visit.id)

    def _mark_done(self) -> None:
        item = self._selected()
        if item and item.kind != "flagged":
            self._ctx.runner.mutate(mark_follow_up_done, self._ctx.store, self._ctx.actor, item.visit.id, True,
                                    changes=Changes(visits=True))  # the broadcast reloads this list

"""Rows of one week's visit log (at most a few thousand: held as the service returned them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from outreach.services.visits import VisitView
from outreach.ui.core.labels import OUTCOME_LABELS, REVIEW_LABELS, format_time_span, label

COL_WHEN, COL_VOLUNTEER, COL_HOUSEHOLD, COL_GROUP, COL_OUTCOME, COL_FILINGS, COL_REVIEW, COL_NOTE = range(8)
COLUMN_COUNT = 8
VISIT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
REVIEW_COLOURS = {"approved": "#e3f4e1", "flagged": "#fde2e1", "corrected": "#e4ecfb"}

_Index = QModelIndex | QPersistentModelIndex


class WeeklyLogModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.visits: list[VisitView] = []

    def set_visits(self, visits: list[VisitView]) -> None:
        self.beginResetModel()
        self.visits = visits
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.visits)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:  # the full words of the short headers
            return {COL_WHEN: self.tr("Day and time of the visit (start–end)"),
                    COL_NOTE: self.tr("Leader's note")}.get(section)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        # short headers: every column but the household is sized to its contents and header
        return {COL_WHEN: self.tr("When"), COL_VOLUNTEER: self.tr("Volunteer"), COL_HOUSEHOLD: self.tr("Household"),
                COL_GROUP: self.tr("Group"), COL_OUTCOME: self.tr("Outcome"), COL_FILINGS: self.tr("Filings"),
                COL_REVIEW: self.tr("Review"), COL_NOTE: self.tr("Note", "column header: the leader's note")}.get(section)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        v = self.visits[index.row()]
        if role == VISIT_ID_ROLE:
            return v.id
        if role == Qt.ItemDataRole.BackgroundRole and v.review_status in REVIEW_COLOURS:
            return QColor(REVIEW_COLOURS[v.review_status])
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (COL_HOUSEHOLD, COL_NOTE):
            return self.data(index)  # the whole text of a column that may be cut
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_FILINGS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            # the week is chosen above the table: its day and month are enough
            COL_WHEN: f"{v.started_at:%d/%m} {format_time_span(v.started_at, v.ended_at)}" if v.started_at else "",
            COL_VOLUNTEER: v.volunteer_name,
            COL_HOUSEHOLD: f"{v.household_head} — {v.household_address}",
            COL_GROUP: v.group_name,
            COL_OUTCOME: label(OUTCOME_LABELS, v.outcome),
            COL_FILINGS: str(len(v.filings)),
            COL_REVIEW: label(REVIEW_LABELS, v.review_status),
            COL_NOTE: v.review_note,
        }.get(index.column())

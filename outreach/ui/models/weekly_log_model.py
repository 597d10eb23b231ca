"""Rows of one week's visit log (at most a few thousand: held as the service returned them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from outreach.services.visits import VisitView
from outreach.ui.core.labels import OUTCOME_LABELS, REVIEW_LABELS, format_datetime, label

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
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {COL_WHEN: self.tr("When"), COL_VOLUNTEER: self.tr("Volunteer"), COL_HOUSEHOLD: self.tr("Household"),
                COL_GROUP: self.tr("Group"), COL_OUTCOME: self.tr("Outcome"), COL_FILINGS: self.tr("Filings"),
                COL_REVIEW: self.tr("Review"), COL_NOTE: self.tr("Leader's note")}.get(section)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        v = self.visits[index.row()]
        if role == VISIT_ID_ROLE:
            return v.id
        if role == Qt.ItemDataRole.BackgroundRole and v.review_status in REVIEW_COLOURS:
            return QColor(REVIEW_COLOURS[v.review_status])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            COL_WHEN: format_datetime(v.started_at),
            COL_VOLUNTEER: v.volunteer_name,
            COL_HOUSEHOLD: f"{v.household_head} — {v.household_address}",
            COL_GROUP: v.group_name,
            COL_OUTCOME: label(OUTCOME_LABELS, v.outcome),
            COL_FILINGS: str(len(v.filings)),
            COL_REVIEW: label(REVIEW_LABELS, v.review_status),
            COL_NOTE: v.review_note,
        }.get(index.column())

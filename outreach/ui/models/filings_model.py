"""The filings of the visit being recorded: a small editable list shown in a table.

A visit has a handful of filings, so this model holds them in memory (unlike the households
model); rows are plain ``FilingRow`` values (``outreach.services.visit_draft``, as the draft keeps
them) that convert to the service's ``FilingInput``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from outreach.services.visit_draft import FilingRow
from outreach.ui.core.labels import FILING_STATUS_LABELS, PORTAL_LABELS, label

COL_PROCEDURE = 0
COL_FOR = 1
COL_PORTAL = 2
COL_DOSSIER = 3
COL_STATUS = 4
COL_FEE = 5
COLUMN_COUNT = 6

_Index = QModelIndex | QPersistentModelIndex


class FilingsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[FilingRow] = []

    def set_rows(self, rows: list[FilingRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def append(self, row: FilingRow) -> None:
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows))
        self.rows.append(row)
        self.endInsertRows()

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.rows):
            self.beginRemoveRows(QModelIndex(), index, index)
            del self.rows[index]
            self.endRemoveRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            COL_PROCEDURE: self.tr("Procedure"),
            COL_FOR: self.tr("For"),
            COL_PORTAL: self.tr("Portal"),
            COL_DOSSIER: self.tr("Dossier code"),
            COL_STATUS: self.tr("Status"),
            COL_FEE: self.tr("Fee paid online"),
        }.get(section)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        col = index.column()
        if col == COL_PROCEDURE:
            return f"{row.procedure_code} — {row.procedure_name}"
        if col == COL_FOR:
            return row.resident_name or self.tr("the household")
        if col == COL_PORTAL:
            return label(PORTAL_LABELS, row.portal)
        if col == COL_DOSSIER:
            return row.dossier_code
        if col == COL_STATUS:
            return label(FILING_STATUS_LABELS, row.status)
        if col == COL_FEE:
            return self.tr("yes") if row.fee_paid_online else self.tr("no")
        return None

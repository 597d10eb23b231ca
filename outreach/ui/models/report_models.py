"""A read-only Qt table model over one small result table (a report section, an import preview).

Report tables hold tens of rows (groups, procedures, weeks), so the model keeps plain values
and formats them on display: shares as percentages, counts with thousands separators, and it
sorts numerically through ``SORT_ROLE``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from outreach.reports.tables import Percent

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


def number_locale(language: str) -> QLocale:
    """Vietnamese writes 1.234 and 66,7 %; English 1,234 and 66.7 %."""
    if language == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def display_value(value: Any, locale: QLocale | None = None) -> str:
    locale = locale or number_locale("vi")
    if value is None:
        return "–"
    if isinstance(value, Percent):
        return f"{locale.toString(float(value) * 100, 'f', 1)} %"
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, int):
        return locale.toString(value)
    if isinstance(value, float):
        return locale.toString(value, "f", 2)
    return str(value)


class RowsModel(QAbstractTableModel):
    """Rows of plain values under translated headers; an optional bold total row at the end,
    and optional per-row background colours (e.g. import rows with errors)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self.rows: Sequence[Sequence[Any]] = []
        self.total: Sequence[Any] | None = None
        self.row_colours: dict[int, str] = {}
        self.tooltips: dict[int, str] = {}
        self.locale = number_locale("vi")

    def set_rows(
        self,
        headers: list[str],
        rows: Sequence[Sequence[Any]],
        total: Sequence[Any] | None = None,
        row_colours: dict[int, str] | None = None,
        tooltips: dict[int, str] | None = None,
    ) -> None:
        self.beginResetModel()
        self.headers, self.rows, self.total = headers, rows, total
        self.row_colours = row_colours or {}
        self.tooltips = tooltips or {}
        self.endResetModel()

    def _row(self, r: int) -> Sequence[Any]:
        return self.rows[r] if r < len(self.rows) else (self.total or ())

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows) + (1 if self.total else 0)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and section < len(self.headers):
            return self.headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._row(index.row())
        value = row[index.column()] if index.column() < len(row) else None
        is_total = self.total is not None and index.row() == len(self.rows)
        if role == Qt.ItemDataRole.DisplayRole:
            return display_value(value, self.locale)
        if role == SORT_ROLE:
            return float(value) if isinstance(value, (int, float)) else str(value or "")
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, (int, float)) and not isinstance(value, bool):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and is_total:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and index.row() in self.row_colours:
            return QBrush(QColor(self.row_colours[index.row()]))
        if role == Qt.ItemDataRole.ToolTipRole and index.row() in self.tooltips:
            return self.tooltips[index.row()]
        return None

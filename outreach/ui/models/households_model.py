"""The households table model: holds ids only, fetches rows on demand, sorts in SQL.

After Anki's browser table model: a ward has 20,000 households, so the model keeps the ordered
list of ids (cheap strings) and asks the service for summaries of a *page* of ids only when the
view paints a row that is not cached. Fetches run on the background runner; until a page
arrives its rows show a placeholder, and the GUI never waits on the database.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from outreach.services.households import HouseholdSummary, household_summaries
from outreach.ui.core.context import UiContext
from outreach.ui.core.labels import PRIORITY_LABELS, format_date, label
from outreach.vocabulary import PriorityFlag

COL_HEAD = 0
COL_ADDRESS = 1
COL_GROUP = 2
COL_RESIDENTS = 3
COL_PHONE = 4
COL_LAST_VISIT = 5
COL_PRIORITY = 6
COLUMN_COUNT = 7

HOUSEHOLD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2

#: Column → sort key understood by ``list_household_ids`` (sorting happens in SQL).
SQL_SORT_KEYS = {COL_HEAD: "head_name", COL_GROUP: "group", COL_PHONE: "phone"}

PAGE_SIZE = 100
CACHE_LIMIT = 3000

_Index = QModelIndex | QPersistentModelIndex


class HouseholdTableModel(QAbstractTableModel):
    """Rows are households; ``set_ids`` replaces the list (search results or a sorted listing)."""

    #: Emitted on the GUI thread each time a page of rows arrived (tests wait on it).
    page_loaded = Signal()

    def __init__(self, ctx: UiContext, parent: Any = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._ids: list[str] = []
        self._rows: OrderedDict[str, HouseholdSummary] = OrderedDict()
        self._in_flight: set[int] = set()  # pages being fetched
        self._missing: set[str] = set()  # ids a fetch did not return (deleted meanwhile)
        self._generation = 0

    # -- contents ---------------------------------------------------------------------------

    def set_ids(self, ids: list[str]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._in_flight.clear()
        self._missing.clear()
        self._generation += 1
        self.endResetModel()

    def invalidate(self, household_ids: set[str] | None = None) -> None:
        """Forget cached rows (all, or some ids) so they are fetched again when shown."""
        if household_ids is None:
            self._rows.clear()
        else:
            for hid in household_ids:
                self._rows.pop(hid, None)
        self._in_flight.clear()
        self._missing.clear()
        self._generation += 1
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, COLUMN_COUNT - 1))

    def household_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, household_id: str) -> int:
        try:
            return self._ids.index(household_id)
        except ValueError:
            return -1

    def summary(self, row: int) -> HouseholdSummary | None:
        hid = self.household_id(row)
        return self._rows.get(hid) if hid else None

    # -- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:  # the full words of the short headers
            return {COL_HEAD: self.tr("Head of household"), COL_GROUP: self.tr("Residential group"),
                    COL_RESIDENTS: self.tr("Number of residents")}.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and section == COL_RESIDENTS:  # over its right-aligned numbers
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        # short headers: the columns are sized to their contents (and headers), the address takes the rest
        return {
            COL_HEAD: self.tr("Head", "column header: head of household"),
            COL_ADDRESS: self.tr("Address"),
            COL_GROUP: self.tr("Group", "column header: residential group"),
            COL_RESIDENTS: self.tr("Res.", "column header: number of residents (short)"),
            COL_PHONE: self.tr("Phone"),
            COL_LAST_VISIT: self.tr("Last visit"),
            COL_PRIORITY: self.tr("Priority"),
        }.get(section)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        hid = self._ids[index.row()]
        if role == HOUSEHOLD_ID_ROLE:
            return hid
        row = self._rows.get(hid)
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole and hid not in self._missing:
                self._request_page(index.row())
                return "…" if index.column() == COL_HEAD else ""
            return None
        if role == SUMMARY_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == COL_RESIDENTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: HouseholdSummary, column: int) -> str:
        if column == COL_HEAD:
            return row.head_name
        if column == COL_ADDRESS:
            return row.address_text
        if column == COL_GROUP:
            return row.group_name
        if column == COL_RESIDENTS:
            return str(row.resident_count)
        if column == COL_PHONE:
            return row.phone or ""
        if column == COL_LAST_VISIT:
            return format_date(row.last_visit_at)
        if column == COL_PRIORITY:
            return ", ".join(priority_labels(row))
        return ""

    # -- lazy fetching --------------------------------------------------------------------------

    def _request_page(self, row: int) -> None:
        page = row // PAGE_SIZE
        if page in self._in_flight:
            return
        self._in_flight.add(page)
        ids = self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        generation = self._generation
        self._ctx.runner.query(
            household_summaries,
            self._ctx.store,
            ids,
            on_done=lambda rows: self._page_arrived(generation, page, rows),
        )

    def _page_arrived(self, generation: int, page: int, rows: list[HouseholdSummary]) -> None:
        if generation != self._generation:
            return
        self._in_flight.discard(page)
        ids = set(self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE])
        self._missing.update(ids - {r.id for r in rows})
        for summary in rows:
            self._rows[summary.id] = summary
            self._rows.move_to_end(summary.id)
        while len(self._rows) > CACHE_LIMIT:
            self._rows.popitem(last=False)
        first = page * PAGE_SIZE
        last = min(len(self._ids), first + PAGE_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, COLUMN_COUNT - 1))
        self.page_loaded.emit()


def priority_labels(row: HouseholdSummary) -> list[str]:
    """Labels of the household's priority flags, in the UI language (the exports' words)."""
    return [label(PRIORITY_LABELS, flag) for flag in PriorityFlag if getattr(row, flag)]

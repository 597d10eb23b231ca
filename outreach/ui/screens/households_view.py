"""The Households screen: search-as-you-type over the ward, a lazy table, and the detail pane.

Each keystroke restarts a short debounce; the search itself runs on the background runner, and
a newer search makes older results stale (generation counter), so typing never waits on SQLite
and never shows results for text no longer in the box.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from outreach.services.changes import Changes
from outreach.services.households import (
    HouseholdDetail,
    HouseholdSummary,
    ResidentView,
    card_matches_address,
    list_household_ids,
    search_household_ids,
)
from outreach.ui.core.context import UiContext
from outreach.ui.core.tasks import TaskHandle, initiated_by
from outreach.ui.dialogs.ask import Choice, ask
from outreach.ui.dialogs.household_dialog import HouseholdDialog
from outreach.ui.models.households_model import (
    COL_ADDRESS,
    COL_GROUP,
    COL_HEAD,
    COL_PHONE,
    COL_PRIORITY,
    SQL_SORT_KEYS,
    HouseholdTableModel,
)
from outreach.ui.screens.household_detail import HouseholdDetailView
from outreach.ui.widgets.cccd_scan import scan_shortcut_text

if TYPE_CHECKING:  # the scan and resident dialogs (and the QR library) load when first used
    from outreach.cccd import CccdRecord
    from outreach.ui.dialogs.resident_dialog import ResidentDialog
    from outreach.ui.dialogs.scan_dialog import ScanDialog

SEARCH_DEBOUNCE_MS = 120
SEARCH_LIMIT = 1000
PRIORITY_WIDTH = 80
#: What the address column must show whole before other columns give way: a typical ngõ/ngách address.
ADDRESS_SAMPLE = "Số 34, ngách 274/37, ngõ 274"
#: The columns folded away, first to last, when the table is too narrow for them and that address
#: (a 1366×768 laptop at 125 %): the phone and the group are on the detail pane beside it. The head's
#: name, the address and the last visit always stay.
FOLD_ORDER = (COL_PHONE, COL_GROUP, COL_PRIORITY)
CELL_PADDING = 12  # a cell's margins around its text (the style's, with room to spare)


class HouseholdsView(QWidget):
    #: (household id, label) — the main window switches to New visit with this household.
    new_visit_requested = Signal(str, str)
    open_visit_requested = Signal(str)
    #: Emitted when a search or listing has been applied to the table (tests wait on it).
    results_shown = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._generation = 0
        self._search_task: TaskHandle | None = None
        self._sort_column = COL_HEAD
        self._sort_order = Qt.SortOrder.AscendingOrder
        self.dialog: QWidget | None = None  # the open dialog, if any (tests reach it here)
        self.question: QMessageBox | None = None
        self.setObjectName("householdsView")

        self.search = QLineEdit()
        self.search.setObjectName("householdSearch")
        self.search.setPlaceholderText(self.tr("Search by name, address, phone or ID number — accents optional"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(self.tr("&Find:"))
        search_label.setBuddy(self.search)
        self.count = QLabel()
        self.count.setObjectName("householdCount")
        self.register_button = QPushButton(self.tr("&Register household"))
        self.register_button.setObjectName("registerHousehold")
        self.register_button.clicked.connect(lambda: self.register_household())
        self.import_button = QPushButton(self.tr("&Import list…"))
        self.import_button.setObjectName("importHouseholds")
        self.import_button.setToolTip(self.tr("Import households from a residential group's spreadsheet (XLSX or CSV)"))
        self.import_button.clicked.connect(lambda: self.import_households())
        self.scan_button = QPushButton(self.tr("Scan CCCD (%1)").replace("%1", scan_shortcut_text()))
        self.scan_button.setObjectName("scanCccd")
        self.scan_button.setToolTip(self.tr("Scan the QR code on an ID card: register a new household or add the person "
                                            "to the selected one (you are asked which)"))
        self.scan_button.clicked.connect(lambda: self.start_scan())

        self.model = HouseholdTableModel(ctx, self)
        self.table = QTableView()
        self.table.setObjectName("householdTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        # short columns as wide as what they show (in the rows on screen only: the model is lazy),
        # set by _fit_columns when rows arrive or the table is resized — not ResizeToContents,
        # whose header re-measures on every layout (a selectRow after a search of the large ward
        # held the GUI thread 0.3 s); the address takes the rest; the free-text priority list
        # keeps a fixed, resizable width
        header.setResizeContentsPrecision(0)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_ADDRESS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_PRIORITY, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_PRIORITY, PRIORITY_WIDTH)
        self.table.setWordWrap(False)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(COL_HEAD, Qt.SortOrder.AscendingOrder)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.viewport().installEventFilter(self)  # its width decides which columns fit
        self.model.page_loaded.connect(self._fit_columns)  # and so do the widths of the rows shown

        self.detail = HouseholdDetailView(ctx)
        self.detail.edit_household.connect(self.edit_household)
        self.detail.add_resident.connect(lambda hid: self.add_resident(hid))
        self.detail.edit_resident.connect(self.edit_resident)
        self.detail.changed.connect(lambda hid: self.model.invalidate({hid}))
        self.detail.new_visit.connect(self.new_visit_requested)
        self.detail.open_visit.connect(self.open_visit_requested)

        bar = QHBoxLayout()
        bar.addWidget(search_label)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.register_button)
        bar.addWidget(self.scan_button)
        bar.addWidget(self.import_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.count)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([850, 370])  # the list's address column needs the room more than the detail
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._enter_in_search)
        self.setFocusProxy(self.search)
        self.run_search()

    # -- columns that fit -----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Fold the low-value columns (``FOLD_ORDER``) the viewport has no room for beside a
        readable address, and show them again when it has: a stretched address column squeezed
        to "Số 34,…" tells nothing, and a column cut at the right edge tells no more."""
        header = self.table.horizontalHeader()
        address = self.table.fontMetrics().horizontalAdvance(ADDRESS_SAMPLE) + CELL_PADDING
        widths = {c: self._column_width(c) for c in range(self.model.columnCount()) if c != COL_ADDRESS}
        room = self.table.viewport().width() - address - sum(widths.values())
        folded = set()
        for column in FOLD_ORDER:
            if room >= 0:
                break
            folded.add(column)
            room += widths[column]
        for column in FOLD_ORDER:
            if header.isSectionHidden(column) != (column in folded):
                header.setSectionHidden(column, column in folded)
        for column, width in widths.items():
            if column != COL_PRIORITY and column not in folded and header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def _column_width(self, column: int) -> int:
        """The width ``column`` takes when shown: as wide as its header and the rows on screen."""
        if column == COL_PRIORITY:
            header = self.table.horizontalHeader()
            return header.sectionSize(column) if not header.isSectionHidden(column) else PRIORITY_WIDTH
        return max(self.table.horizontalHeader().sectionSizeHint(column), self.table.sizeHintForColumn(column))

    # -- search and listing -------------------------------------------------------------------

    def run_search(self, keep: str | None = None) -> None:
        """Start the search for the box's text (or the sorted listing when it is empty); ``keep``:
        the household to select again if it is still listed (else the first row)."""
        self._debounce.stop()
        if self._search_task is not None:
            self._search_task.cancel()
        self._generation += 1
        generation = self._generation
        query = self.search.text().strip()
        store = self._ctx.store
        if query:
            self.table.horizontalHeader().setSortIndicatorShown(False)
            self._search_task = self._ctx.runner.query(search_household_ids, store, query, SEARCH_LIMIT,
                                                       on_done=lambda ids: self._show(generation, ids, query, keep))
        else:
            header = self.table.horizontalHeader()
            header.setSortIndicatorShown(True)
            sort = SQL_SORT_KEYS.get(self._sort_column, "head_name")
            descending = self._sort_order == Qt.SortOrder.DescendingOrder
            self._search_task = self._ctx.runner.query(
                lambda: list_household_ids(store, sort=sort, descending=descending),
                on_done=lambda ids: self._show(generation, ids, "", keep))

    def _show(self, generation: int, ids: list[str], query: str, keep: str | None = None) -> None:
        if generation != self._generation:
            return
        self.model.set_ids(ids)
        if query:
            more = self.tr(" (showing the best %1)").replace("%1", str(SEARCH_LIMIT)) if len(ids) >= SEARCH_LIMIT else ""
            self.count.setText(self.tr("%1 households match").replace("%1", f"{len(ids):,}".replace(",", ".")) + more)
        else:
            self.count.setText(self.tr("%1 households in the ward").replace("%1", f"{len(ids):,}".replace(",", ".")))
        if ids:  # a reload (a sync, a save elsewhere) keeps the household being looked at
            self.table.selectRow(max(0, self.model.row_of(keep)) if keep else 0)
        else:
            self.detail.show_household(None)
        self.results_shown.emit(len(ids))

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if self.search.text().strip():
            return  # search results stay ranked by relevance
        if column not in SQL_SORT_KEYS:
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self._sort_column, self._sort_order)
            header.blockSignals(False)
            return
        self._sort_column, self._sort_order = column, order
        self.run_search()

    def _enter_in_search(self) -> None:
        self.run_search() if self._debounce.isActive() else self.table.setFocus()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.detail.show_household(self.model.household_id(rows[0].row()) if rows else None)

    def select_household(self, household_id: str) -> None:
        """Show ``household_id``: select it in the table if listed, else list it alone."""
        row = self.model.row_of(household_id)
        if row < 0:
            self._generation += 1
            self.model.set_ids([household_id])
            row = 0
        self.table.selectRow(row)
        self.detail.show_household(household_id)

    # -- dialogs -------------------------------------------------------------------------------

    def register_household(self, record: CccdRecord | None = None) -> HouseholdDialog:
        dialog = HouseholdDialog(self._ctx, self)
        if record is not None:
            dialog.prefill(record)
        dialog.saved.connect(lambda s: self._household_saved(s, dialog.scanned))
        dialog.open_existing.connect(self.select_household)
        self._open(dialog)
        return dialog

    def _household_saved(self, summary: HouseholdSummary, record: CccdRecord | None) -> None:
        self.model.invalidate({summary.id})
        self.select_household(summary.id)
        if record is not None:  # the card holder is the head: add them as the first resident
            dialog = self.add_resident(summary.id)
            dialog.fill_from_card(record)
            dialog.relation.setCurrentText("Chủ hộ")

    def _changed_here(self, household_id: str) -> None:
        """A dialog of this screen saved: that row and the open detail show it at once."""
        self.model.invalidate({household_id})
        self.detail.reload()

    def edit_household(self, detail: HouseholdDetail) -> None:
        dialog = HouseholdDialog(self._ctx, self, detail=detail)
        dialog.saved.connect(lambda s: self._changed_here(s.id))
        self._open(dialog)

    def add_resident(self, household_id: str) -> ResidentDialog:
        from outreach.ui.dialogs.resident_dialog import ResidentDialog

        dialog = ResidentDialog(self._ctx, household_id, self)
        dialog.saved.connect(lambda _r: self._changed_here(household_id))
        dialog.open_household.connect(self.select_household)
        self._open(dialog)
        return dialog

    def edit_resident(self, resident: ResidentView) -> None:
        from outreach.ui.dialogs.resident_dialog import ResidentDialog

        hid = resident.household_id or ""
        dialog = ResidentDialog(self._ctx, hid, self, resident=resident)
        dialog.saved.connect(lambda _r: self._changed_here(hid))
        dialog.open_household.connect(self.select_household)
        self._open(dialog)

    def _open(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _o=None, d=dialog: self._closed(d))
        dialog.open()  # type: ignore[attr-defined]

    def _closed(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def start_scan(self) -> ScanDialog:
        """The "Scan CCCD" button and the global shortcut (MainWindow.start_scan): the card is answered here."""
        from outreach.ui.dialogs.scan_dialog import ScanDialog

        dialog = ScanDialog(self._ctx.language, self)
        dialog.scanned.connect(self.card_scanned)
        self._open(dialog)
        return dialog

    def card_scanned(self, record: CccdRecord) -> None:
        """A scanned card: ask whether the person joins the selected household or starts a new one.

        Never silently the selected household (it is just whichever row was last clicked): the
        default is "add to selected" only when the card's printed address names its address."""
        page = self.detail.page
        if page is None:
            self.register_household(record)
            return
        s = page.detail.summary
        same_address = card_matches_address(record.address, s.address_text)

        def answered(key: str | None) -> None:
            self.question = None
            if key == "add":
                self.add_resident(s.id).fill_from_card(record)
            elif key == "new":
                self.register_household(record)

        informative = "\n".join([
            self.tr("Selected household: %1 — %2").replace("%1", s.head_name).replace("%2", s.address_text),
            self.tr("Address on the card: %1").replace("%1", record.address),
            self.tr("The addresses match.") if same_address else self.tr("The addresses differ."),
        ])
        self.question = ask(self, self.tr("Scanned: %1").replace("%1", record.full_name),
                            self.tr("Where does this person belong?"),
                            [Choice("add", self.tr("Add to the selected household"), default=same_address),
                             Choice("new", self.tr("Register a new household"), default=not same_address),
                             Choice("cancel", self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)],
                            answered, informative=informative)

    def import_households(self) -> QWidget:
        """The import dialog (file, column mapping, per-row check, all-or-nothing import)."""
        from outreach.ui.dialogs.import_dialog import ImportDialog

        ctx = self._ctx
        dialog = ImportDialog(ctx, self)
        self._open(dialog)
        return dialog

    def apply_changes(self, changes: Changes, initiator: object | None) -> None:
        """Households (and their last visits) changed elsewhere: reload. A change made from this
        screen or its dialogs was already shown precisely (that row, that selection)."""
        if changes.touches("households", "visits") and not initiated_by(self, initiator):
            self.refresh()

    def refresh(self) -> None:
        """Data changed elsewhere (a visit saved, a sync, an import): refetch the ids and visible rows."""
        rows = self.table.selectionModel().selectedRows()
        self.model.invalidate()
        self.run_search(keep=self.model.household_id(rows[0].row()) if rows else None)

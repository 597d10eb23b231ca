"""What is not yet on the server: the records behind the status bar's "N changes waiting".

A volunteer about to hand the laptop back, or leaving a house with no signal, wants to know
whether *this* visit and *that* household have reached the ward office: the list names them (a
household by its head and address, a resident by name, a visit by its household and time). It
is read on the background runner (``services.unsent``) and re-read after every write or sync.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from outreach.services.changes import Changes
from outreach.services.unsent import UnsentRecord, unsent_records
from outreach.ui.core.context import UiContext
from outreach.ui.core.labels import RECORD_KIND_LABELS, format_datetime, label
from outreach.ui.models.report_models import RowsModel, number_locale
from outreach.ui.sync_hook import is_enrolled

COL_KIND, COL_NAME, COL_DETAIL, COL_CHANGES, COL_WHEN = range(5)


class UnsentDialog(QDialog):
    """``loaded`` after each read (tests wait on it); ``sync_requested`` on "Sync now"."""

    loaded = Signal()
    sync_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.records: list[UnsentRecord] = []
        self.setObjectName("unsentDialog")
        self.setWindowTitle(self.tr("Not yet on the server"))
        self.intro = QLabel(self.tr("These records are saved on this computer, but their latest changes have not "
                                    "reached the ward server yet. They are sent at the next sync; nothing here is lost "
                                    "while the computer is offline."))
        self.intro.setWordWrap(True)
        self.summary = QLabel(self.tr("Reading…"))
        self.summary.setObjectName("unsentSummary")
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.model = RowsModel(self)
        self.model.locale = number_locale(ctx.language)
        self.table = QTableView()
        self.table.setObjectName("unsentTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.sync_button = QPushButton(self.tr("&Sync now"))
        self.sync_button.setObjectName("unsentSyncNow")
        self.sync_button.clicked.connect(self.sync_requested)
        buttons.addButton(self.sync_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.sync_button.setVisible(is_enrolled(ctx.store))  # a laptop with no server has nowhere to send
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(860, 440)  # inside a 1366×768 screen with the taskbar
        self.reload()

    def reload(self) -> None:
        self._ctx.runner.query(unsent_records, self._ctx.store, on_done=self._loaded)

    def apply_changes(self, changes: Changes, _initiator: object | None) -> None:
        """Any write may add to the list, and a sync empties it."""
        if changes:
            self.reload()

    def _loaded(self, records: list[UnsentRecord]) -> None:
        self.records = records
        headers = [self.tr("Record"), self.tr("Name"), self.tr("Address / household"), self.tr("Changes"),
                   self.tr("Last change")]
        rows = [(label(RECORD_KIND_LABELS, r.kind), r.name or self.tr("(deleted)"), r.detail, r.changes,
                 format_datetime(r.last_change)) for r in records]
        self.model.set_rows(headers, rows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_DETAIL, QHeaderView.ResizeMode.Stretch)
        counts = {kind: sum(1 for r in records if r.kind == kind) for kind in ("household", "resident", "visit")}
        if not records:
            self.summary.setText(self.tr("Everything is on the server."))
        else:
            self.summary.setText(
                self.tr("%1 records not yet sent: %2 households, %3 residents, %4 visits")
                .replace("%1", str(len(records))).replace("%2", str(counts["household"]))
                .replace("%3", str(counts["resident"])).replace("%4", str(counts["visit"])))
        self.loaded.emit()

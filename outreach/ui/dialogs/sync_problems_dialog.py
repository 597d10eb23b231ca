"""Sync problems: what the status bar's "N need attention" is about, and what to do with it.

Two lists. **Refused changes**: edits the ward server would not accept (a value it found
invalid, a record outside the ward); they never block other changes, and discarding one brings
the server's values back at the next sync. **Overwritten values** (leaders, online): values
that lost to a concurrent edit on another laptop, kept by the server; restoring one writes it
back as a new edit. Everything touching the database or the network runs on the task runner.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from outreach.services.changes import SYNCED_DATA, Changes
from outreach.services.device import RefusedChange, describe_records, discard_attention, refused_changes, value_names
from outreach.ui.core.context import UiContext
from outreach.ui.core.i18n import current_language
from outreach.ui.core.labels import RECORD_KIND_LABELS, label
from outreach.ui.dialogs.ask import Choice, ask
from outreach.ui.models.report_models import RowsModel
from outreach.ui.sync_hook import is_enrolled_leader
from outreach.wire.reasons import message as reason_message


def entity_label(entity: str) -> str:
    labels = {
        "household": QCoreApplication.translate("SyncProblems", "Household"),
        "resident": QCoreApplication.translate("SyncProblems", "Resident"),
        "visit": QCoreApplication.translate("SyncProblems", "Visit"),
        "filing": QCoreApplication.translate("SyncProblems", "Filing"),
        "week_lock": QCoreApplication.translate("SyncProblems", "Week lock"),
        "plan_entry": QCoreApplication.translate("SyncProblems", "Plan entry"),
    }
    return labels.get(entity) or label(RECORD_KIND_LABELS, entity)


def field_label(field: str) -> str:
    """The form caption of a household or resident field (the ones concurrent edits touch)."""
    labels = {
        "head_name": QCoreApplication.translate("SyncProblems", "Head of household"),
        "address": QCoreApplication.translate("SyncProblems", "Address"),
        "group_id": QCoreApplication.translate("SyncProblems", "Residential group"),
        "ward_id": QCoreApplication.translate("SyncProblems", "Ward"),
        "phone": QCoreApplication.translate("SyncProblems", "Phone"),
        "notes": QCoreApplication.translate("SyncProblems", "Notes"),
        "full_name": QCoreApplication.translate("SyncProblems", "Full name"),
        "date_of_birth": QCoreApplication.translate("SyncProblems", "Date of birth"),
        "sex": QCoreApplication.translate("SyncProblems", "Sex"),
        "personal_id": QCoreApplication.translate("SyncProblems", "Personal ID"),
        "relation_to_head": QCoreApplication.translate("SyncProblems", "Relation to head"),
        "vneid_level": QCoreApplication.translate("SyncProblems", "VNeID level"),
        "team_id": QCoreApplication.translate("SyncProblems", "Team"),
    }
    return labels.get(field, field)


def reason_label(code: str) -> str:
    """Why the server refused a change, in the UI's language: the server's own message for it."""
    return reason_message(code, current_language())


def fetch_overwritten(store: Any) -> list[tuple[Any, str, dict[str, str]]]:
    """Worker: the server's list of overwritten values, each with its record described and the
    names of the rows its values name (a group's team)."""
    from outreach.sync.client import transport_for
    from outreach.sync.lost_values import fetch_lost_values

    transport = transport_for(store)
    try:
        items = fetch_lost_values(transport)
    finally:
        transport.close()
    names = value_names(store, [(i.entity, i.field, v) for i in items for v in (i.value, i.winning_value)])
    return [(item, record, names) for item, record in
            zip(items, describe_records(store, [(i.entity, i.entity_id) for i in items]), strict=True)]


def restore_overwritten(store: Any, item: Any) -> bool:
    """Worker: write the overwritten value back (a new edit that wins) and mark it resolved."""
    from outreach.sync.client import transport_for
    from outreach.sync.lost_values import restore_lost_value

    transport = transport_for(store)
    try:
        return restore_lost_value(store, transport, item)
    finally:
        transport.close()


def _table(model: RowsModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class SyncProblemsDialog(QDialog):
    """``loaded`` after each list arrives (tests wait on it); ``changed`` after a discard/restore."""

    loaded = Signal()
    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setObjectName("syncProblemsDialog")
        self.setWindowTitle(self.tr("Sync problems"))
        self.resize(900, 480)
        self.refused: list[RefusedChange] = []
        self.overwritten: list[tuple[Any, str, dict[str, str]]] = []
        self.question: QMessageBox | None = None

        self.refused_model = RowsModel(self)
        self.refused_table = _table(self.refused_model)
        self.refused_note = QLabel(self.tr("Changes the ward server refused. Other changes are still sent. Discarding one "
                                           "brings back the server's values at the next sync."))
        self.refused_note.setWordWrap(True)
        self.discard_button = QPushButton(self.tr("&Discard the selected change"))
        self.discard_button.clicked.connect(self.ask_discard)
        refused_page = QWidget()
        rl = QVBoxLayout(refused_page)
        rl.addWidget(self.refused_note)
        rl.addWidget(self.refused_table, 1)
        rl.addWidget(self.discard_button)

        self.tabs = QTabWidget()
        self.tabs.addTab(refused_page, self.tr("Refused changes"))
        self.overwritten_model = RowsModel(self)
        self.overwritten_table = _table(self.overwritten_model)
        self.overwritten_note = QLabel()
        self.overwritten_note.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("&Restore the selected value"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.is_leader = is_enrolled_leader(ctx.actor, ctx.store)
        if self.is_leader:
            page = QWidget()
            ol = QVBoxLayout(page)
            ol.addWidget(self.overwritten_note)
            ol.addWidget(self.overwritten_table, 1)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(self.restore_button)
            ol.addLayout(row)
            self.tabs.addTab(page, self.tr("Overwritten values"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # why the last sync failed (offline, server down…), set by the main window; hidden when it worked
        self.sync_failure = QLabel()
        self.sync_failure.setObjectName("syncFailure")
        self.sync_failure.setWordWrap(True)
        self.sync_failure.setStyleSheet("font-weight: bold; color: #8a4b00;")
        self.sync_failure.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sync_failure)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.reload()

    def show_sync_failure(self, text: str) -> None:
        """Say at the top why the last sync did not get through ("" hides it)."""
        self.sync_failure.setText(text)
        self.sync_failure.setVisible(bool(text))

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        self._ctx.runner.query(refused_changes, self._ctx.store, on_done=self._show_refused)
        if self.is_leader:
            self.overwritten_note.setText(self.tr("Asking the ward server…"))
            self._ctx.runner.query(fetch_overwritten, self._ctx.store, on_done=self._show_overwritten,
                                   on_error=self._overwritten_failed)

    def _show_refused(self, items: list[RefusedChange]) -> None:
        self.refused = items
        headers = [self.tr("Refused at"), self.tr("Record"), self.tr("Fields"), self.tr("Reason")]
        rows = [(c.item.rejected_at.replace("T", " "), f"{entity_label(c.item.entity)}: {c.record or c.item.entity_id}",
                 ", ".join(field_label(f) for f in c.item.fields), reason_label(c.item.reason_code)) for c in items]
        self.refused_model.set_rows(headers, rows)
        self.discard_button.setEnabled(bool(items))
        if items:
            self.refused_table.selectRow(0)
        self.loaded.emit()

    def _show_overwritten(self, items: list[tuple[Any, str, dict[str, str]]]) -> None:
        self.overwritten = items
        headers = [self.tr("Recorded at"), self.tr("Record"), self.tr("Field"), self.tr("Overwritten value"),
                   self.tr("Value now")]
        rows = [(item.recorded_at.replace("T", " ")[:16], f"{entity_label(item.entity)}: {record or item.entity_id}",
                 field_label(item.field), _shown(names.get(str(item.value), item.value)),
                 _shown(names.get(str(item.winning_value), item.winning_value))) for item, record, names in items]
        self.overwritten_model.set_rows(headers, rows)
        self.overwritten_note.setText(
            self.tr("Values another laptop's concurrent edit replaced. Restore one to write it back.") if items
            else self.tr("No overwritten values."))
        self.restore_button.setEnabled(bool(items))
        if items:
            self.overwritten_table.selectRow(0)
        self.loaded.emit()

    def _overwritten_failed(self, exc: BaseException) -> None:
        from outreach.ui.core.errors import error_text, log_if_bug

        log_if_bug(exc)
        self.overwritten_note.setText(self.tr("The list is kept by the ward server and needs a connection: %1")
                                      .replace("%1", error_text(exc, self._ctx.language)))
        self.restore_button.setEnabled(False)
        self.loaded.emit()

    # -- actions -------------------------------------------------------------------------------

    def _selected(self, table: QTableView) -> int | None:
        rows = table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def ask_discard(self) -> None:
        row = self._selected(self.refused_table)
        if row is None or row >= len(self.refused):
            return
        item = self.refused[row].item

        def answered(key: str | None) -> None:
            self.question = None
            if key == "discard":
                self.discard(item.id)

        self.question = ask(self, self.tr("Discard the change"),
                            self.tr("Discard this refused change? The server's values come back at the next sync."),
                            [Choice("discard", self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole),
                             Choice("keep", self.tr("Keep"), QMessageBox.ButtonRole.RejectRole, True)], answered)

    def discard(self, item_id: int) -> None:
        self._ctx.runner.mutate(discard_attention, self._ctx.store, item_id, changes=Changes(sync=True), on_done=self._changed)

    def restore_selected(self) -> None:
        row = self._selected(self.overwritten_table)
        if row is None or row >= len(self.overwritten):
            return
        self.restore_button.setEnabled(False)
        self._ctx.runner.mutate(restore_overwritten, self._ctx.store, self.overwritten[row][0], changes=SYNCED_DATA,
                                on_done=self._changed, on_error=self._overwritten_failed)

    def _changed(self, _result: object) -> None:
        self.changed.emit()
        self.reload()


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values() if v not in (None, ""))
    return str(value)

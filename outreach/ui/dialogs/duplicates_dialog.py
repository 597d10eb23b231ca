"""Possible duplicates: the leader compares two records side by side and merges, or says "not the same".

Opened from the status bar's "Possible duplicates" button, which the main window shows to a
leader after a sync that brought households (the scan runs in the background,
``services.duplicates.scan``). The list is keyboard-first: arrows choose a pair, Alt+1 / Alt+2
keep the first or the second record (the other is merged into it: every field keeps its more
recent value, its residents, visits and filings move), Alt+N marks the pair as two records (synced:
no leader is offered it again). The merges of the last week are listed below it with Undo.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from outreach.duplicate_score import Candidate
from outreach.model.address import address_text
from outreach.services import duplicates
from outreach.services.changes import Changes
from outreach.services.duplicates import FieldChoice, MergeView, ScanResult, Side
from outreach.services.households import mask_personal_id
from outreach.ui.core.context import UiContext
from outreach.ui.core.errors import show_error
from outreach.ui.core.labels import (
    DUPLICATE_DECISION_LABELS,
    DUPLICATE_REASON_LABELS,
    RECORD_KIND_LABELS,
    SEX_LABELS,
    format_date,
    format_datetime,
    label,
)
from outreach.ui.models.report_models import RowsModel, number_locale
from outreach.vocabulary import RecordKind

# What a merge or an undo changes on the screens.
MERGE_CHANGES = Changes(households=True, visits=True)


class SideView(QGroupBox):
    """One record of the pair: its fields as label rows (selectable text, read-only)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # six lines (a resident's fields) always show whole: the lists around it give way first
        self.body.setMinimumHeight(self.body.fontMetrics().lineSpacing() * 6 + 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.body)

    def show_side(self, kind: str, side: Side | None) -> None:
        if side is None:
            self.body.setText("")
            return
        if kind == RecordKind.HOUSEHOLD:
            lines = [self.tr("Address: %1").replace("%1", side.title),
                     self.tr("Head of household: %1").replace("%1", side.head_name),
                     self.tr("Phone: %1").replace("%1", side.phone or "—"),
                     self.tr("Residents (%1): %2").replace("%1", str(len(side.members))).replace("%2", ", ".join(side.members) or "—"),
                     self.tr("Visits: %1").replace("%1", str(side.visits))]
        else:
            lines = [self.tr("Name: %1").replace("%1", side.title),
                     self.tr("Date of birth: %1").replace("%1", format_date(side.date_of_birth) or "—"),
                     self.tr("Personal ID: %1").replace("%1", side.personal_id_masked or "—"),
                     self.tr("Phone: %1").replace("%1", side.phone or "—"),
                     self.tr("Household: %1 · %2").replace("%1", side.head_name).replace("%2", side.household_address),
                     self.tr("Filings: %1").replace("%1", str(side.filings))]
        self.body.setText("\n".join(lines))


class DuplicatesDialog(QDialog):
    """``loaded`` after each scan and each pair's read (tests wait on it); ``changed`` after a
    merge, a "not the same" or an undo (the main window syncs soon after)."""

    loaded = Signal()
    changed = Signal()
    #: the pairs this list showed (the main window counts the others as new)
    shown_pairs = Signal(object)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, seen: set[tuple[str, str]] | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        #: pairs shown before (this session): the others are marked new
        self.seen = set(seen or ())
        self.candidates: list[Candidate] = []
        self.merges: list[MergeView] = []
        self.titles: dict[str, str] = {}
        self._pair_generation = 0
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle(self.tr("Possible duplicates"))
        intro = QLabel(self.tr("The same family (or person) may have been registered twice, on two laptops or with the "
                               "address typed differently. Compare the two records; keep one and merge the other into it, "
                               "or say they are not the same (no leader is asked again)."))
        intro.setWordWrap(True)
        self.summary = QLabel(self.tr("Looking for duplicates…"))
        self.summary.setObjectName("duplicatesSummary")
        self.model = RowsModel(self)
        self.model.locale = number_locale(ctx.language)
        self.table = self._table("duplicatesTable", self.model)
        self.first_side = SideView(self.tr("Record 1"))
        self.second_side = SideView(self.tr("Record 2"))
        sides = QHBoxLayout()
        sides.addWidget(self.first_side, 1)
        sides.addWidget(self.second_side, 1)
        self.keep_first = QPushButton(self.tr("Keep record &1, merge 2 into it"))
        self.keep_first.setObjectName("keepFirst")
        self.keep_second = QPushButton(self.tr("Keep record &2, merge 1 into it"))
        self.keep_second.setObjectName("keepSecond")
        self.not_same = QPushButton(self.tr("&Not the same"))
        self.not_same.setObjectName("notSame")
        self.keep_first.clicked.connect(lambda: self._merge(first_survives=True))
        self.keep_second.clicked.connect(lambda: self._merge(first_survives=False))
        self.not_same.clicked.connect(self._not_same)
        self.fields_table = QTableWidget(0, 4)
        self.fields_table.setObjectName("mergeFields")
        self.fields_table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Record 1"), self.tr("Record 2"),
                                                     self.tr("Keep the value of")])
        self.fields_table.verticalHeader().setVisible(False)
        self.fields_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.fields_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.fields_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.fields: list[FieldChoice] = []
        fields_label = QLabel(self.tr("Values that differ (the more recent one is kept unless you choose):"))
        actions = QHBoxLayout()
        for button in (self.keep_first, self.keep_second, self.not_same):
            actions.addWidget(button)
        actions.addStretch(1)
        self.merges_model = RowsModel(self)
        self.merges_table = self._table("recentMerges", self.merges_model)
        self.undo_button = QPushButton(self.tr("&Undo merge"))
        self.undo_button.setObjectName("undoMerge")
        self.undo_button.clicked.connect(self._undo)
        undo_row = QHBoxLayout()
        undo_row.addWidget(QLabel(self.tr("Merges of the last 7 days (can be undone):")))
        undo_row.addStretch(1)
        undo_row.addWidget(self.undo_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 2)
        layout.addLayout(sides)
        layout.addWidget(fields_label)
        layout.addWidget(self.fields_table, 2)
        layout.addLayout(actions)
        layout.addLayout(undo_row)
        layout.addWidget(self.merges_table, 1)
        layout.addWidget(buttons)
        self.resize(1120, 700)  # inside a 1366×768 screen with the taskbar
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_pair(current.row()))
        self._enable()
        self.reload()

    def _table(self, name: str, model: RowsModel) -> QTableView:
        table = QTableView()
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        return table

    # ------------------------------------------------------------------ reading

    def reload(self) -> None:
        self._ctx.runner.query(duplicates.scan, self._ctx.store, self._ctx.actor.ward_id, on_done=self._scanned,
                               on_error=self._failed)
        self._ctx.runner.query(duplicates.recent_merges, self._ctx.store, on_done=self._merges_read, on_error=self._failed)

    def apply_changes(self, changes: Changes, _initiator: object | None) -> None:
        """A sync or another screen's write may bring or remove pairs."""
        if changes.touches("households"):
            self.reload()

    def _scanned(self, result: ScanResult) -> None:
        self.candidates = result.households + result.residents
        self.titles = result.titles
        headers = [self.tr("New"), self.tr("Records"), self.tr("Score"), self.tr("How sure"), self.tr("Why"),
                   self.tr("Record 1"), self.tr("Record 2")]
        new = self.tr("new") if self.seen else ""  # the first look: everything is new, nothing to tell apart
        rows = [("" if c.pair in self.seen else new, label(RECORD_KIND_LABELS, c.kind), c.score,
                 label(DUPLICATE_DECISION_LABELS, c.decision), ", ".join(label(DUPLICATE_REASON_LABELS, r) for r in c.reasons),
                 result.titles.get(c.first_id, ""), result.titles.get(c.second_id, "")) for c in self.candidates]
        self.model.set_rows(headers, rows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.shown_pairs.emit({c.pair for c in self.candidates})
        self.summary.setText(self.tr("%1 household pairs and %2 resident pairs to look at")
                             .replace("%1", str(len(result.households))).replace("%2", str(len(result.residents)))
                             if self.candidates else self.tr("No possible duplicates."))
        if self.candidates:
            self.table.selectRow(0)
            self.table.setFocus()
            self._show_pair(0)
        else:
            self._show_pair(-1)

    def _merges_read(self, merges: list[MergeView]) -> None:
        self.merges = merges
        rows = [(label(RECORD_KIND_LABELS, m.kind), m.title,
                 format_datetime(m.decided_at), format_datetime(m.undo_until)) for m in merges]
        self.merges_model.set_rows([self.tr("Records"), self.tr("Kept"), self.tr("Merged at"), self.tr("Can be undone until")], rows)
        self.merges_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.merges_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        if merges:
            self.merges_table.selectRow(0)
        self._enable()

    def _show_pair(self, row: int) -> None:
        self._pair_generation += 1
        generation = self._pair_generation
        self._enable()
        if not 0 <= row < len(self.candidates):
            self.first_side.show_side(RecordKind.HOUSEHOLD, None)
            self.second_side.show_side(RecordKind.HOUSEHOLD, None)
            self.fields = []
            self.fields_table.setRowCount(0)
            self.loaded.emit()
            return
        c = self.candidates[row]
        self._ctx.runner.query(_pair_view, self._ctx.store, c, on_done=lambda view: self._sides_read(generation, c, view),
                               on_error=self._failed)

    def _sides_read(self, generation: int, candidate: Candidate, view: tuple[Side, Side, list[FieldChoice]]) -> None:
        if generation != self._pair_generation:  # the leader moved on meanwhile
            return
        first, second, fields = view
        self.first_side.show_side(candidate.kind, first)
        self.second_side.show_side(candidate.kind, second)
        self._show_fields(candidate, fields)
        self.loaded.emit()

    def _show_fields(self, candidate: Candidate, fields: list[FieldChoice]) -> None:
        self.fields = fields
        self.fields_table.setRowCount(len(fields))
        for row, choice in enumerate(fields):
            self.fields_table.setItem(row, 0, QTableWidgetItem(self._field_name(choice.field)))
            self.fields_table.setItem(row, 1, QTableWidgetItem(self._value_text(choice.field, choice.first)))
            self.fields_table.setItem(row, 2, QTableWidgetItem(self._value_text(choice.field, choice.second)))
            combo = QComboBox()
            combo.addItem(self.tr("Record 1"), candidate.first_id)
            combo.addItem(self.tr("Record 2"), candidate.second_id)
            combo.setCurrentIndex(0 if choice.default_id == candidate.first_id else 1)
            self.fields_table.setCellWidget(row, 3, combo)

    def choices(self) -> dict[str, str]:
        """Field -> the id whose value the merge keeps, as the leader set the combo boxes."""
        found = {}
        for row, choice in enumerate(self.fields):
            combo = self.fields_table.cellWidget(row, 3)
            if isinstance(combo, QComboBox):
                found[choice.field] = str(combo.currentData())
        return found

    def _field_name(self, name: str) -> str:
        names = {
            "group_id": self.tr("Residential group"), "address": self.tr("Address"), "head_name": self.tr("Head of household"),
            "phone": self.tr("Phone"), "elderly_alone": self.tr("Elderly living alone"), "disabled": self.tr("Disability"),
            "policy_family": self.tr("Policy family"), "poor_household": self.tr("Poor household"), "notes": self.tr("Notes"),
            "full_name": self.tr("Full name"), "date_of_birth": self.tr("Date of birth"), "sex": self.tr("Sex"),
            "personal_id": self.tr("Personal ID"), "old_id": self.tr("Old ID (9 digits)"), "card_address": self.tr("Address on the card"),
            "relation_to_head": self.tr("Relation to head"), "vneid_level": self.tr("VNeID level"),
            "consent_given_at": self.tr("Consent given"), "consent_withdrawn_at": self.tr("Consent withdrawn"),
        }
        return names.get(name, name)

    def _value_text(self, name: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if name == "address" and isinstance(value, dict):
            return address_text(value)
        if name in ("personal_id", "old_id"):
            return mask_personal_id(str(value))
        if name == "sex":
            return label(SEX_LABELS, str(value))
        if isinstance(value, bool):
            return self.tr("Yes") if value else self.tr("No")
        if isinstance(value, dt.datetime):
            return format_datetime(value)
        if isinstance(value, dt.date):
            return format_date(value)
        return str(value)

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc, self._ctx.language)

    # ------------------------------------------------------------------ decisions

    def current(self) -> Candidate | None:
        row = self.table.currentIndex().row()
        return self.candidates[row] if 0 <= row < len(self.candidates) else None

    def _enable(self) -> None:
        has_pair = self.current() is not None
        for button in (self.keep_first, self.keep_second, self.not_same):
            button.setEnabled(has_pair)
        self.undo_button.setEnabled(bool(self.merges))

    def _done(self, _result: object = None) -> None:
        self.changed.emit()
        self.reload()

    def _merge(self, *, first_survives: bool) -> None:
        c = self.current()
        if c is None:
            return
        keep, other = (c.first_id, c.second_id) if first_survives else (c.second_id, c.first_id)
        self._ctx.runner.mutate(duplicates.merge, self._ctx.store, self._ctx.actor, c.kind, keep, other, self.choices(),
                                changes=MERGE_CHANGES, initiator=self, on_done=self._done, on_error=self._failed)

    def _not_same(self) -> None:
        c = self.current()
        if c is None:
            return
        self._ctx.runner.mutate(duplicates.mark_not_same, self._ctx.store, self._ctx.actor, c.kind, c.first_id, c.second_id,
                                changes=Changes(households=True), initiator=self, on_done=self._done, on_error=self._failed)

    def _undo(self) -> None:
        row = self.merges_table.currentIndex().row()
        if not 0 <= row < len(self.merges):
            return
        self._ctx.runner.mutate(duplicates.undo_merge, self._ctx.store, self._ctx.actor, self.merges[row].pair_id,
                                changes=MERGE_CHANGES, initiator=self, on_done=self._done, on_error=self._failed)


def _pair_view(store: Any, candidate: Candidate) -> tuple[Side, Side, list[FieldChoice]]:
    """Background read: the pair's two sides and the fields whose values differ."""
    first, second = duplicates.pair_sides(store, candidate.kind, candidate.first_id, candidate.second_id)
    return first, second, duplicates.field_choices(store, candidate.kind, candidate.first_id, candidate.second_id)

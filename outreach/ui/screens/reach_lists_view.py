"""Danh sách cần tiếp cận: pick a reach list, see its people, export it, add a household to the day.

The lists are ``services.reach_lists`` (the rules in ``resources/reach-rules.json``), computed on
the runner for the team's area on the plan's day (the ward when the team has none, or when
"whole ward" is picked). A leader exports a list to .xlsx/.csv (audited, off the UI thread) and
puts the selected row's household on the day's plan (Enter on the row, or the button).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from outreach.reports.lists import write_reach_list
from outreach.services.changes import Changes
from outreach.services.context import Actor
from outreach.services.reach_lists import MONTHS_LISTS, REACH_LISTS, TeamReachList, export_reach_list, options, team_reach_list
from outreach.store.database import Store
from outreach.ui.core.context import UiContext
from outreach.ui.core.errors import show_error
from outreach.ui.core.file_dialogs import offer_open_folder, save_file_dialog
from outreach.ui.core.labels import format_date, label
from outreach.ui.models.report_models import RowsModel
from outreach.vocabulary import ReachList

MAX_MONTHS = 36


def _export(store: Store, actor: Actor, code: ReachList, path: Path, day: dt.date, months: int,
            group_ids: frozenset[str] | None, language: str) -> Path:
    rows = export_reach_list(store, actor, code, str(path), as_of=day, months=months, group_ids=group_ids)  # leaders; audited first
    return write_reach_list(rows, path, language)


class ReachListsView(QWidget):
    """One reach list at a time, over the plan's team area and day."""

    add_to_plan = Signal(str)
    loaded = Signal()
    exported = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, team: Callable[[], str | None],
                 day: Callable[[], dt.date]) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._team, self._day = team, day
        self.result: TeamReachList | None = None
        self._generation = 0
        self.setObjectName("reachListsView")
        self.list = QComboBox()
        self.list.setObjectName("reachList")
        self.list.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.list.setMinimumContentsLength(28)
        for code in REACH_LISTS:
            self.list.addItem(label(ReachList, code), str(code))
        list_label = QLabel(self.tr("&List:"))
        list_label.setBuddy(self.list)
        self.months = QSpinBox()
        self.months.setObjectName("reachMonths")
        self.months.setRange(0, MAX_MONTHS)
        self.months.setSuffix(self.tr(" months"))
        months_label = QLabel(self.tr("&Within:"))
        months_label.setBuddy(self.months)
        self.area = QComboBox()
        self.area.setObjectName("reachArea")
        self.area.addItem(self.tr("The team's area"), "team")
        self.area.addItem(self.tr("Whole ward"), "ward")
        area_label = QLabel(self.tr("A&rea:"))
        area_label.setBuddy(self.area)
        top = QHBoxLayout()
        for w in (list_label, self.list, months_label, self.months, area_label, self.area):
            top.addWidget(w)
        top.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("reachSummary")
        self.summary.setWordWrap(True)
        self.model = RowsModel(self)
        self.table = QTableView()
        self.table.setObjectName("reachTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.add_selected())
        self.add_button = QPushButton(self.tr("&Add to today's plan"))
        self.add_button.setObjectName("addToPlan")
        self.add_button.clicked.connect(self.add_selected)
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setObjectName("exportReachList")
        self.export_button.clicked.connect(self.ask_export)
        for b in (self.add_button, self.export_button):
            b.setVisible(ctx.actor.is_leader)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.add_button)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.setFocusProxy(self.list)
        self._set_default_months()
        self.list.currentIndexChanged.connect(self._list_changed)
        self.months.valueChanged.connect(lambda _v: self.refresh())
        self.area.currentIndexChanged.connect(lambda _i: self.refresh())
        self._shown = False

    def code(self) -> ReachList:
        return ReachList(self.list.currentData())

    def _set_default_months(self) -> None:
        opts = options(None, None, None, self.code())
        self.months.blockSignals(True)
        self.months.setValue(opts.months)
        self.months.setEnabled(self.code() in MONTHS_LISTS)
        self.months.blockSignals(False)

    def _list_changed(self) -> None:
        self._set_default_months()
        self.refresh()

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        """Computed when first shown: the page opens on the plan tab."""
        super().showEvent(event)  # type: ignore[arg-type]
        if not self._shown:
            self._shown = True
            self.refresh()

    def _team_for_list(self) -> str | None:
        return self._team() if self.area.currentData() == "team" else None

    def refresh(self) -> None:
        self._generation += 1
        generation = self._generation
        self.summary.setText(self.tr("Computing…"))
        compute = partial(team_reach_list, as_of=self._day(), months=self.months.value(), ward_id=self._ctx.actor.ward_id)
        self._ctx.runner.query(compute, self._ctx.store, self.code(), self._team_for_list(),
                               on_done=lambda result: self._loaded(result, generation))

    def _loaded(self, result: TeamReachList, generation: int) -> None:
        if generation != self._generation:
            return
        self.result = result
        code = self.code()
        key_header = {ReachList.CARD_RENEWAL: self.tr("Renew by"), ReachList.NEWBORN: self.tr("Register birth by"),
                      ReachList.SOCIAL_PENSION: self.tr("Reaches the age on"), ReachList.PRIORITY_NOT_VISITED: self.tr("Last reached"),
                      ReachList.OLD_CMND_ONLY: self.tr("CMND valid until"), ReachList.CHILD_WITHOUT_ID: self.tr("Born")}
        headers = [self.tr("Name"), self.tr("Date of birth"), key_header.get(code, ""), self.tr("Head of household"),
                   self.tr("Address"), self.tr("Group")]
        never = self.tr("never")
        rows = [[r.name, format_date(r.date_of_birth),
                 format_date(r.key_date) if r.key_date or code != ReachList.PRIORITY_NOT_VISITED else never,
                 r.head_name, r.address_line, r.group_name] for r in result.rows]
        self.model.set_rows(headers, rows)
        for col, width in enumerate((190, 95, 120, 190, 300)):
            self.table.setColumnWidth(col, width)
        where = self.tr("the whole ward") if result.area is None else self.tr("the team's area")
        self.summary.setText(self.tr("%1 rows · %2").replace("%1", str(len(result.rows))).replace("%2", where))
        if result.rows:
            self.table.selectRow(0)
        self.loaded.emit()

    def apply_changes(self, changes: Changes, _initiator: object | None) -> None:
        if self._shown and changes.touches("households", "visits", "team"):
            self.refresh()

    def add_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if self.result is not None and rows and self._ctx.actor.is_leader:
            self.add_to_plan.emit(self.result.rows[rows[0].row()].household_id)
            self.summary.setText(self.tr("Added to today's plan: %1").replace("%1", self.result.rows[rows[0].row()].head_name))

    def ask_export(self) -> QWidget:
        name = f"can-tiep-can-{self.code()}-{self._day().isoformat()}.xlsx"
        return save_file_dialog(self, self.tr("Export list"), name, ["Excel (*.xlsx)", "CSV (*.csv)"], self.export_to)

    def export_to(self, path: Path) -> None:
        from outreach.labels import EXPORT_LANGUAGE

        group_ids = self.result.area if self.result is not None else None

        def done(written: Path) -> None:
            self.saved_box = offer_open_folder(self, written, self.tr("Saved: %1").replace("%1", written.name))
            self.exported.emit(str(written))

        self._ctx.runner.mutate(_export, self._ctx.store, self._ctx.actor, self.code(), path, self._day(), self.months.value(),
                                group_ids, EXPORT_LANGUAGE, changes=Changes(), on_done=done,
                                on_error=lambda exc: show_error(self, exc, self._ctx.language))

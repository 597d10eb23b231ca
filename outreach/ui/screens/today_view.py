"""Hôm nay: the team's plan for the day in walking order, and the lists of the people to reach.

The plan tab lists the households of ``services.day_plan.day_plan`` for a team and a day. It is
used with one hand at the door, so marking is one key on the selected row — D or Space: done
(again: not done), V or N: nobody at home (records a not-at-home visit in the open outing) —
and the selection then moves to the next door. A leader drops a household with Delete (again
from the dropped list restores it) and adds one from the reach-list tab. "Print route sheet"
writes the A4 PDF (``reports/route_sheet.py``) in the background. The reach-list tab is
``ReachListsView``.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from outreach.reports.route_sheet import reasons_text, write_route_sheet_pdf
from outreach.services.changes import Changes
from outreach.services.context import Actor
from outreach.services.day_plan import DayPlan, PlanLine, adjust_plan, day_plan, mark_done, mark_not_home, route_sheet_plan, team_choices
from outreach.store.database import Store
from outreach.timeutil import today_local
from outreach.ui.core.context import UiContext
from outreach.ui.core.errors import show_error
from outreach.ui.core.file_dialogs import offer_open_folder, save_file_dialog
from outreach.ui.core.i18n import current_language
from outreach.ui.core.labels import label
from outreach.vocabulary import PlanAdjustment, PlanMark

COL_NUMBER, COL_HOUSEHOLD, COL_ADDRESS, COL_MARK, COL_WHY = range(5)  # the reasons take what is left
MARK_COLOURS = {PlanMark.DONE: "#dff3e3", PlanMark.NOT_HOME: "#fff1d6"}
DONE_KEYS = (Qt.Key.Key_D, Qt.Key.Key_Space)
NOT_HOME_KEYS = (Qt.Key.Key_V, Qt.Key.Key_N)

_Index = QModelIndex | QPersistentModelIndex


def _print_route_sheet(store: Store, actor: Actor, team_id: str, day: dt.date, path: Path) -> Path:
    """The audited plan, then the PDF (on the serial writer: the audit entry is a write)."""
    return write_route_sheet_pdf(route_sheet_plan(store, actor, team_id, day, str(path)), path)


class PlanModel(QAbstractTableModel):
    """The plan's lines (or the dropped ones) as rows."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.lines: list[PlanLine] = []

    def set_lines(self, lines: list[PlanLine]) -> None:
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {COL_NUMBER: "#", COL_HOUSEHOLD: self.tr("Household"), COL_ADDRESS: self.tr("Address"),
                COL_WHY: self.tr("Why"), COL_MARK: self.tr("Done?")}.get(section)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole and line.mark in MARK_COLOURS:
            return QColor(MARK_COLOURS[PlanMark(line.mark)])
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_WHY:
            return "\n".join(reasons_text(line, current_language()))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        col = index.column()
        if col == COL_NUMBER:
            return str(index.row() + 1)
        if col == COL_HOUSEHOLD:
            return line.head_name
        if col == COL_ADDRESS:
            return line.address_line
        if col == COL_WHY:
            return " · ".join(reasons_text(line, current_language()))
        if col == COL_MARK:
            return label(PlanMark, line.mark) if line.mark else ""
        return None


class PlanTable(QTableView):
    """The plan's table: the marking keys of the module's docstring, as signals."""

    done_pressed = Signal()
    not_home_pressed = Signal()
    drop_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        key = event.key()
        if key in DONE_KEYS:
            self.done_pressed.emit()
        elif key in NOT_HOME_KEYS:
            self.not_home_pressed.emit()
        elif key == Qt.Key.Key_Delete:
            self.drop_pressed.emit()
        else:
            super().keyPressEvent(event)


def _table(table: QTableView, model: QAbstractTableModel, name: str) -> None:
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)


class PlanTab(QWidget):
    """The day's plan of one team: pick the team (a leader) and the day, mark, print."""

    loaded = Signal()
    printed = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.plan: DayPlan | None = None
        self._keep_row = 0
        self._generation = 0
        self.setObjectName("planTab")
        self.team = QComboBox()
        self.team.setObjectName("planTeam")
        self.team.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.team.setMinimumContentsLength(18)
        if ctx.actor.team_id:
            self.team.addItem("", ctx.actor.team_id)
        self.team.setEnabled(ctx.actor.is_leader)
        self.day = QDateEdit()
        self.day.setObjectName("planDay")
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        today = today_local()
        self.day.setDate(QDate(today.year, today.month, today.day))
        team_label = QLabel(self.tr("&Team:"))
        team_label.setBuddy(self.team)
        day_label = QLabel(self.tr("D&ay:"))
        day_label.setBuddy(self.day)
        self.summary = QLabel()
        self.summary.setObjectName("planSummary")
        self.summary.setWordWrap(True)  # long in Vietnamese: it wraps rather than widen the window
        self.print_button = QPushButton(self.tr("&Print route sheet…"))
        self.print_button.setObjectName("printRouteSheet")
        self.print_button.clicked.connect(self.ask_print)
        self.refresh_button = QPushButton(self.tr("Re&fresh"))
        self.refresh_button.setObjectName("refreshPlan")
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        for w in (team_label, self.team, day_label, self.day):
            top.addWidget(w)
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.print_button)

        self.model = PlanModel(self)
        self.table = PlanTable()
        _table(self.table, self.model, "planTable")
        self.table.done_pressed.connect(self.toggle_done)
        self.table.not_home_pressed.connect(self.not_home)
        self.table.drop_pressed.connect(self.drop)
        self.done_button = QPushButton(self.tr("Done (D)"))
        self.done_button.setObjectName("markDone")
        self.done_button.clicked.connect(self.toggle_done)
        self.not_home_button = QPushButton(self.tr("Nobody at home (V)"))
        self.not_home_button.setObjectName("markNotHome")
        self.not_home_button.clicked.connect(self.not_home)
        self.drop_button = QPushButton(self.tr("Drop from today (Del)"))
        self.drop_button.setObjectName("dropFromPlan")
        self.drop_button.clicked.connect(self.drop)
        self.drop_button.setVisible(ctx.actor.is_leader)
        self.keys_hint = QLabel(self.tr("Keys on the list: D or Space done · V nobody at home · Delete drop (leader)"))
        self.keys_hint.setObjectName("planKeys")
        self.keys_hint.setWordWrap(True)
        marks = QHBoxLayout()
        for b in (self.done_button, self.not_home_button, self.drop_button):
            marks.addWidget(b)
        marks.addWidget(self.keys_hint, 1)

        self.dropped_label = QLabel()
        self.dropped_label.setWordWrap(True)
        self.dropped_label.setObjectName("droppedSummary")
        self.dropped_model = PlanModel(self)
        self.dropped_table = PlanTable()
        _table(self.dropped_table, self.dropped_model, "droppedTable")
        self.dropped_table.setMaximumHeight(120)
        self.dropped_table.drop_pressed.connect(self.restore)
        self.restore_button = QPushButton(self.tr("&Restore to today"))
        self.restore_button.setObjectName("restoreToPlan")
        self.restore_button.clicked.connect(self.restore)
        dropped_row = QHBoxLayout()
        dropped_row.addWidget(self.dropped_label, 1)
        dropped_row.addWidget(self.restore_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(marks)
        layout.addLayout(dropped_row)
        layout.addWidget(self.dropped_table)
        self.setFocusProxy(self.table)
        self.team.currentIndexChanged.connect(lambda _i: self.refresh())
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self._show_dropped(False)
        self._load_teams()
        self.refresh()

    # -- reading -----------------------------------------------------------------------------

    def team_id(self) -> str | None:
        value = self.team.currentData()
        return str(value) if value else None

    def selected_day(self) -> dt.date:
        d = self.day.date()
        return dt.date(d.year(), d.month(), d.day())

    def _load_teams(self) -> None:
        self._ctx.runner.query(team_choices, self._ctx.store, self._ctx.actor.ward_id, on_done=self._teams_loaded)

    def _teams_loaded(self, teams: list[tuple[str, str]]) -> None:
        current = self.team_id()
        self.team.blockSignals(True)
        self.team.clear()
        for tid, name in teams:
            if self._ctx.actor.is_leader or tid == self._ctx.actor.team_id:
                self.team.addItem(name, tid)
        index = self.team.findData(current) if current else 0
        self.team.setCurrentIndex(max(0, index))
        self.team.blockSignals(False)
        if self.team_id() != current:
            self.refresh()

    def refresh(self) -> None:
        team = self.team_id()
        self._generation += 1
        if team is None:
            self.summary.setText(self.tr("This computer belongs to no team yet."))
            self.model.set_lines([])
            return
        generation = self._generation
        self._ctx.runner.query(partial(day_plan, ward_id=self._ctx.actor.ward_id), self._ctx.store, team, self.selected_day(),
                               on_done=lambda plan: self._loaded(plan, generation))

    def _loaded(self, plan: DayPlan, generation: int) -> None:
        if generation != self._generation:  # a newer request is on its way
            return
        self.plan = plan
        self.model.set_lines(plan.lines)
        self.dropped_model.set_lines(plan.dropped)
        counts = plan.counts()
        text = (self.tr("%1 households · %2 done · %3 nobody at home").replace("%1", str(counts["households"]))
                .replace("%2", str(counts["done"])).replace("%3", str(counts["not_home"])))
        if plan.area is None:
            text += " · " + self.tr("the team has no area yet: the whole ward")
        self.summary.setText(text)
        self._show_dropped(bool(plan.dropped))
        self.dropped_label.setText(self.tr("Dropped from today: %1").replace("%1", str(len(plan.dropped))))
        self._fit_columns()
        if plan.lines:
            self.table.selectRow(min(self._keep_row, len(plan.lines) - 1))
        self.loaded.emit()

    def _fit_columns(self) -> None:
        for table in (self.table, self.dropped_table):
            for col, width in ((COL_NUMBER, 36), (COL_HOUSEHOLD, 190), (COL_ADDRESS, 290), (COL_MARK, 110)):
                table.setColumnWidth(col, width)

    def _show_dropped(self, shown: bool) -> None:
        for w in (self.dropped_label, self.dropped_table, self.restore_button):
            w.setVisible(shown and self._ctx.actor.is_leader)

    def apply_changes(self, changes: Changes, _initiator: object | None) -> None:
        """The plan reads visits, reviews, households, residents and the plan's own entries."""
        if changes.touches("plan", "visits", "review", "households", "team"):
            self.refresh()

    # -- marking -------------------------------------------------------------------------------

    def selected(self, table: QTableView | None = None) -> PlanLine | None:
        table = table or self.table
        model = table.model()
        rows = table.selectionModel().selectedRows()
        if not rows or not isinstance(model, PlanModel):
            return None
        return model.lines[rows[0].row()]

    def _write(self, fn: Any, *args: Any, changes: Changes, next_row: bool = True) -> None:
        team = self.team_id()
        if team is None:
            return
        rows = self.table.selectionModel().selectedRows()
        current = rows[0].row() if rows else 0
        self._keep_row = current + 1 if next_row else current  # the walker goes on to the next door
        self._ctx.runner.mutate(fn, self._ctx.store, self._ctx.actor, team, self.selected_day(), *args, changes=changes,
                                on_error=lambda exc: show_error(self, exc, self._ctx.language))

    def toggle_done(self) -> None:
        line = self.selected()
        if line is not None:
            self._write(mark_done, line.household_id, line.mark != PlanMark.DONE, changes=Changes(plan=True))

    def not_home(self) -> None:
        line = self.selected()
        if line is not None and line.mark != PlanMark.NOT_HOME:
            self._write(mark_not_home, line.household_id, changes=Changes(plan=True, visits=True))

    def drop(self) -> None:
        line = self.selected()
        if line is not None and self._ctx.actor.is_leader:
            self._write(adjust_plan, line.household_id, PlanAdjustment.DROPPED, changes=Changes(plan=True), next_row=False)

    def restore(self) -> None:
        line = self.selected(self.dropped_table)
        if line is not None:
            self._write(adjust_plan, line.household_id, "", changes=Changes(plan=True), next_row=False)

    def add(self, household_id: str) -> None:
        """A leader puts a household on the day's plan (from the reach-list tab)."""
        if self._ctx.actor.is_leader:
            self._write(adjust_plan, household_id, PlanAdjustment.ADDED, changes=Changes(plan=True), next_row=False)

    # -- printing ------------------------------------------------------------------------------

    def ask_print(self) -> QWidget | None:
        team = self.team_id()
        if team is None:
            return None
        name = f"lo-trinh-{self.selected_day().isoformat()}.pdf"
        return save_file_dialog(self, self.tr("Print route sheet"), name, ["PDF (*.pdf)"], self.print_to)

    def print_to(self, path: Path) -> None:
        team = self.team_id()
        if team is None:
            return

        def done(written: Path) -> None:
            self.saved_box = offer_open_folder(self, written, self.tr("Saved: %1").replace("%1", written.name))
            self.printed.emit(str(written))

        self._ctx.runner.mutate(_print_route_sheet, self._ctx.store, self._ctx.actor, team, self.selected_day(), path,
                                changes=Changes(), on_done=done, on_error=lambda exc: show_error(self, exc, self._ctx.language))


class TodayView(QWidget):
    """The page: the day's plan, and the reach lists that feed it."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from outreach.ui.screens.reach_lists_view import ReachListsView

        self.setObjectName("todayView")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("todayTabs")
        self.plan = PlanTab(ctx)
        self.reach = ReachListsView(ctx, team=self.plan.team_id, day=self.plan.selected_day)
        self.reach.add_to_plan.connect(self._add_to_plan)
        self.tabs.addTab(self.plan, self.tr("Today's &plan"))
        self.tabs.addTab(self.reach, self.tr("People to &reach"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.plan)

    def _add_to_plan(self, household_id: str) -> None:
        self.plan.add(household_id)

    def apply_changes(self, changes: Changes, initiator: object | None) -> None:
        self.plan.apply_changes(changes, initiator)
        self.reach.apply_changes(changes, initiator)

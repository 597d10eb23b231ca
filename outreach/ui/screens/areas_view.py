"""The "Teams & areas" screen (Đội & địa bàn, issue 12): a leader's planning of the team's work.

Three tabs, each keyboard-first (Alt+letter reaches every action, Enter in a field acts):

- Areas: every residential group with the team whose area it is in today, the households outside
  every team's area, and the dated history of the selected group; the leader takes a group into
  the own team's area, or releases one, from a date (``services/areas.assign_group``);
- Outing: the team's open outing (who went, groups and streets planned, note), or the form to
  start one; visits saved while it is open belong to it; recent outings below;
- Targets: the team's targets per period and metric, set and removed by the leader.

A volunteer sees all of it and changes none (the buttons say why). Reads run on the runner's
readers, writes on its writer; a write's ``Changes(team=True)`` reloads this screen and the
coverage figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from outreach.model.field_rules import MAX_TARGET_VALUE
from outreach.services.areas import AreaStep, GroupArea, OutsideHousehold, area_history, assign_group, group_areas
from outreach.services.areas import households_outside_areas as outside_in
from outreach.services.changes import Changes
from outreach.services.context import Actor
from outreach.services.outings import OutingInput, OutingView, current_outing, end_outing, list_outings, start_outing
from outreach.services.targets import TargetView, list_targets, remove_target, set_target
from outreach.services.teams import TeamMemberView, list_team_members
from outreach.store.database import Store
from outreach.timeutil import today_local
from outreach.ui.core.context import UiContext
from outreach.ui.core.labels import TARGET_METRIC_LABELS, format_date, format_datetime, label, name_text
from outreach.ui.models.report_models import RowsModel
from outreach.vocabulary import TargetMetric

# How far back the outing tab lists the team's outings.
RECENT_OUTING_DAYS = 28
TEAM_CHANGES = Changes(team=True)


@dataclass(frozen=True)
class AreasData:
    """Everything the screen shows, read in one background call."""

    groups: list[GroupArea]
    outside: list[OutsideHousehold]
    history: list[AreaStep]
    members: list[TeamMemberView]
    outing: OutingView | None
    recent: list[OutingView]
    targets: list[TargetView]


def load_areas(store: Store, actor: Actor) -> AreasData:
    today = today_local()
    with store.read() as session:
        outside = outside_in(session, today, actor.ward_id)
    return AreasData(
        groups=group_areas(store, today, actor.ward_id), outside=outside, history=area_history(store),
        members=list_team_members(store, actor.team_id), outing=current_outing(store, actor.team_id),
        recent=list_outings(store, actor.team_id, today - dt.timedelta(days=RECENT_OUTING_DAYS), today),
        targets=list_targets(store, actor.team_id),
    )


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    return edit


def _table(model: RowsModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _checkable(items: list[tuple[str, str]], checked: set[str]) -> list[QListWidgetItem]:
    out = []
    for key, text in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
        out.append(item)
    return out


def _checked(widget: QListWidget) -> list[str]:
    return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked]


class AreasView(QWidget):
    # emitted each time the data on screen was (re)loaded
    loaded = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("areasView")
        self._ctx = ctx
        self.data: AreasData | None = None
        leader = ctx.actor.is_leader
        only_leader = self.tr("Only a team leader may change this.")

        self.tabs = QTabWidget()
        self.tabs.setObjectName("areaTabs")
        self.tabs.addTab(self._areas_tab(), self.tr("Areas"))
        self.tabs.addTab(self._outing_tab(), self.tr("Outing"))
        self.tabs.addTab(self._targets_tab(), self.tr("Targets"))
        for button in (self.take_button, self.release_button, self.start_button, self.end_button, self.target_button,
                       self.remove_target_button):
            if not leader:
                button.setEnabled(False)
                button.setToolTip(only_leader)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.reload()

    # ---------------------------------------------------------------- building

    def _areas_tab(self) -> QWidget:
        self.groups_model, self.history_model, self.outside_model = RowsModel(self), RowsModel(self), RowsModel(self)
        self.groups_table = _table(self.groups_model, "areaGroups")
        self.groups_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_history())
        self.history_table = _table(self.history_model, "areaHistory")
        self.outside_table = _table(self.outside_model, "outsideAreas")
        self.from_date = _date_edit(today_local())
        self.from_date.setObjectName("areaFromDate")
        from_label = QLabel(self.tr("&From:"))
        from_label.setBuddy(self.from_date)
        self.take_button = QPushButton(self.tr("&Take into my team's area"))
        self.take_button.setObjectName("takeGroup")
        self.take_button.clicked.connect(lambda: self._assign(take=True))
        self.release_button = QPushButton(self.tr("&Release from my team"))
        self.release_button.setObjectName("releaseGroup")
        self.release_button.clicked.connect(lambda: self._assign(take=False))
        actions = QHBoxLayout()
        for widget in (from_label, self.from_date, self.take_button, self.release_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        self.outside_label = QLabel()
        self.outside_label.setObjectName("outsideCount")
        left = QVBoxLayout()
        groups_label = QLabel(self.tr("Residential &groups and their team today:"))
        groups_label.setBuddy(self.groups_table)
        left.addWidget(groups_label)
        left.addWidget(self.groups_table, 3)
        left.addLayout(actions)
        history_label = QLabel(self.tr("&History of the selected group:"))
        history_label.setBuddy(self.history_table)
        left.addWidget(history_label)
        left.addWidget(self.history_table, 2)
        right = QVBoxLayout()
        right.addWidget(self.outside_label)
        right.addWidget(self.outside_table)
        tab = QWidget()
        row = QHBoxLayout(tab)
        row.addLayout(left, 3)
        row.addLayout(right, 2)
        return tab

    def _outing_tab(self) -> QWidget:
        self.outing_status = QLabel()
        self.outing_status.setObjectName("outingStatus")
        self.outing_status.setWordWrap(True)
        self.members_list = QListWidget()
        self.members_list.setObjectName("outingMembers")
        self.planned_groups = QListWidget()
        self.planned_groups.setObjectName("outingGroups")
        self.streets = QLineEdit()
        self.streets.setObjectName("outingStreets")
        self.streets.setPlaceholderText(self.tr("e.g. Văn Cao, ngõ 45 Đội Cấn (separate with commas)"))
        self.outing_notes = QLineEdit()
        self.outing_notes.setObjectName("outingNotes")
        self.outing_notes.setMaxLength(500)
        self.start_button = QPushButton(self.tr("&Start the outing"))
        self.start_button.setObjectName("startOuting")
        self.start_button.clicked.connect(self._start_outing)
        self.end_button = QPushButton(self.tr("&End the outing"))
        self.end_button.setObjectName("endOuting")
        self.end_button.clicked.connect(self._end_outing)
        self.outing_notes.returnPressed.connect(lambda: (self.end_button if self._open() else self.start_button).click())
        form = QFormLayout()
        for text, widget in ((self.tr("&Who went:"), self.members_list), (self.tr("&Groups planned:"), self.planned_groups),
                             (self.tr("Stree&ts planned:"), self.streets), (self.tr("&Notes:"), self.outing_notes)):
            caption = QLabel(text)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        self.recent_model = RowsModel(self)
        self.recent_table = _table(self.recent_model, "recentOutings")
        box = QGroupBox(self.tr("Today's outing"))
        inner = QVBoxLayout(box)
        inner.addWidget(self.outing_status)
        inner.addLayout(form)
        inner.addLayout(buttons)
        tab = QWidget()
        row = QHBoxLayout(tab)
        row.addWidget(box, 1)
        recent = QVBoxLayout()
        recent_label = QLabel(self.tr("Re&cent outings:"))
        recent_label.setBuddy(self.recent_table)
        recent.addWidget(recent_label)
        recent.addWidget(self.recent_table)
        row.addLayout(recent, 1)
        return tab

    def _targets_tab(self) -> QWidget:
        self.metric_box = QComboBox()
        self.metric_box.setObjectName("targetMetric")
        for code in TargetMetric:
            self.metric_box.addItem(label(TARGET_METRIC_LABELS, code), str(code))
        today = today_local()
        self.period_start = _date_edit(today.replace(day=1))
        self.period_start.setObjectName("targetStart")
        next_month = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        self.period_end = _date_edit(next_month - dt.timedelta(days=1))
        self.period_end.setObjectName("targetEnd")
        self.target_value = QSpinBox()
        self.target_value.setObjectName("targetValue")
        self.target_value.setRange(1, MAX_TARGET_VALUE)
        self.target_value.setValue(100)
        self.target_button = QPushButton(self.tr("Set t&arget"))
        self.target_button.setObjectName("setTarget")
        self.target_button.clicked.connect(self._set_target)
        self.remove_target_button = QPushButton(self.tr("Remo&ve the selected target"))
        self.remove_target_button.setObjectName("removeTarget")
        self.remove_target_button.clicked.connect(self._remove_target)
        form = QFormLayout()
        for text, widget in ((self.tr("&Measure:"), self.metric_box), (self.tr("&From:"), self.period_start),
                             (self.tr("T&o:"), self.period_end), (self.tr("Tar&get:"), self.target_value)):
            caption = QLabel(text)
            caption.setBuddy(widget)
            form.addRow(caption, widget)
        form.addRow(self.target_button)
        self.targets_model = RowsModel(self)
        self.targets_table = _table(self.targets_model, "targetsTable")
        tab = QWidget()
        row = QHBoxLayout(tab)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        row.addLayout(left, 1)
        right = QVBoxLayout()
        right.addWidget(self.targets_table)
        right.addWidget(self.remove_target_button, 0, Qt.AlignmentFlag.AlignLeft)
        row.addLayout(right, 2)
        return tab

    # ---------------------------------------------------------------- data

    def reload(self) -> None:
        self._ctx.runner.query(load_areas, self._ctx.store, self._ctx.actor, on_done=self._show)

    def apply_changes(self, changes: Changes, _initiator: object | None) -> None:
        if changes.touches("team", "households", "visits"):
            self.reload()

    def _team_name(self, team_id: str | None) -> str:
        if not team_id:
            return self.tr("(no team)")
        data = self.data
        names = {g.team_id: g.team_name for g in data.groups} if data else {}
        return names.get(team_id) or (self.tr("my team") if team_id == self._ctx.actor.team_id else team_id[-6:])

    def _show(self, data: AreasData) -> None:
        selected = self._selected_group()
        self.data = data
        self.groups_model.set_rows([self.tr("Residential group"), self.tr("Team today")],
                                   [[g.name, g.team_name or self.tr("(no team)")] for g in data.groups])
        ids = [g.id for g in data.groups]
        self.groups_table.selectRow(ids.index(selected) if selected in ids else 0)
        self._show_history()
        self.outside_label.setText(self.tr("Households outside every team's area today: %1").replace("%1", str(len(data.outside))))
        self.outside_model.set_rows([self.tr("Head of household"), self.tr("Address"), self.tr("Residential group")],
                                    [[h.head_name, h.address, name_text(h.group_name) or self.tr("(no group)")] for h in data.outside])
        self._show_outing(data)
        self.targets_model.set_rows(
            [self.tr("Measure"), self.tr("From"), self.tr("To"), self.tr("Target")],
            [[label(TARGET_METRIC_LABELS, t.metric), format_date(t.period_start), format_date(t.period_end), t.value]
             for t in data.targets])
        self.loaded.emit()

    def _show_history(self) -> None:
        data, group = self.data, self._selected_group()
        steps = [s for s in data.history if s.group_id == group] if data else []
        self.history_model.set_rows(
            [self.tr("From"), self.tr("Team"), self.tr("Before"), self.tr("Recorded")],
            [[format_date(s.from_date), s.team_name or self.tr("(no team)"), s.from_team_name or self.tr("(no team)"),
              format_datetime(s.made_at)] for s in steps])

    def _show_outing(self, data: AreasData) -> None:
        outing = data.outing
        members = {m.id: m.full_name for m in data.members}
        groups = {g.id: g.name for g in data.groups}
        checked = set(outing.members) if outing else {m for m in (self._ctx.actor.member_id,) if m}
        self.members_list.clear()
        for item in _checkable([(m.id, m.full_name) for m in data.members], checked):
            self.members_list.addItem(item)
        own = [(g.id, g.name) for g in data.groups if g.team_id == self._ctx.actor.team_id]
        self.planned_groups.clear()
        for item in _checkable(own or [(g.id, g.name) for g in data.groups], set(outing.groups) if outing else set()):
            self.planned_groups.addItem(item)
        leader = self._ctx.actor.is_leader
        if outing is not None:
            self.outing_status.setText(
                self.tr("Outing open since %1: %2 visits so far. Visits saved now belong to it.")
                .replace("%1", format_datetime(outing.started_at)).replace("%2", str(outing.visits)))
            self.streets.setText(", ".join(outing.streets))
            self.outing_notes.setText(outing.notes)
        else:
            self.outing_status.setText(self.tr("No outing is open. Start one when the team sets out."))
            self.streets.clear()
            self.outing_notes.clear()
        self.start_button.setEnabled(leader and outing is None)
        self.end_button.setEnabled(leader and outing is not None)
        # an open outing's team and plan are what it set out with; only its note is still written
        for widget in (self.members_list, self.planned_groups, self.streets):
            widget.setEnabled(leader and outing is None)
        self.outing_notes.setEnabled(leader)
        self.recent_model.set_rows(
            [self.tr("Day"), self.tr("Start"), self.tr("End"), self.tr("Who went"), self.tr("Planned"), self.tr("Visits")],
            [[format_date(o.day), format_datetime(o.started_at)[-5:], format_datetime(o.ended_at)[-5:],
              ", ".join(members.get(m, "?") for m in o.members),
              ", ".join([*(groups.get(g, "?") for g in o.groups), *o.streets]), o.visits] for o in data.recent])

    def _selected_group(self) -> str | None:
        index = self.groups_table.currentIndex()
        if self.data is None or not index.isValid() or index.row() >= len(self.data.groups):
            return None
        return self.data.groups[index.row()].id

    def _open(self) -> bool:
        return self.data is not None and self.data.outing is not None

    # ---------------------------------------------------------------- writes

    def _write(self, fn: object, *args: object) -> None:
        self._ctx.runner.mutate(fn, self._ctx.store, self._ctx.actor, *args, changes=TEAM_CHANGES)  # type: ignore[arg-type]

    def _assign(self, *, take: bool) -> None:
        group = self._selected_group()
        if group is None:
            return
        self._write(assign_group, group, self._ctx.actor.team_id if take else None, _pydate(self.from_date.date()))

    def _start_outing(self) -> None:
        streets = [s for s in self.streets.text().split(",") if s.strip()]
        self._write(start_outing, OutingInput(_checked(self.members_list), _checked(self.planned_groups), streets,
                                              self.outing_notes.text()))

    def _end_outing(self) -> None:
        if self.data is not None and self.data.outing is not None:
            self._write(end_outing, self.data.outing.id, self.outing_notes.text())

    def _set_target(self) -> None:
        team = self._ctx.actor.team_id
        if team:
            self._write(set_target, team, _pydate(self.period_start.date()), _pydate(self.period_end.date()),
                        self.metric_box.currentData(), self.target_value.value())

    def _remove_target(self) -> None:
        index = self.targets_table.currentIndex()
        if self.data is not None and index.isValid() and index.row() < len(self.data.targets):
            self._write(remove_target, self.data.targets[index.row()].id)

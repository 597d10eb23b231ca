"""The leader's Weekly log: pick an ISO week, filter, approve or flag visits, lock the week.

"Approve the whole week" first says what it will do (how many visits it approves, how many flagged
ones it leaves as they are) and never locks: volunteers are still recording visits in a running
week. Locking is its own confirmed action, for weeks that have ended (the service refuses others;
the button says why it is disabled).

Loading a busy week (1,500 visits) runs on the background runner; each review action is one
write followed by a reload of the week, so the counts at the top always match the table.
A volunteer may look at the log but the review actions are for team leaders only (the
services enforce it too; the buttons just say so up front).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from outreach.services.changes import Changes
from outreach.services.households import list_groups
from outreach.services.review import WeekApproval, approve_visit, approve_week, flag_visit, set_week_lock, week_approval, week_has_ended
from outreach.services.visits import OUTCOMES, REVIEW_STATUSES, WeeklyLog, weekly_log
from outreach.timeutil import iso_week_bounds, iso_week_of, today_local
from outreach.ui.core.context import UiContext
from outreach.ui.core.labels import OUTCOME_LABELS, REVIEW_LABELS, label
from outreach.ui.core.tasks import TaskHandle
from outreach.ui.dialogs.ask import Choice, ask
from outreach.ui.dialogs.flag_dialog import FlagDialog
from outreach.ui.models.weekly_log_model import COL_HOUSEHOLD, COL_NOTE, WeeklyLogModel

WEEKS_LISTED = 52
#: The leader's note column is as wide as its header and notes up to this; a longer note is cut
#: (its whole text is the cell's tooltip) so the household column keeps the room it stretches into.
NOTE_MAX_WIDTH = 220


def week_caption(iso_week: str) -> str:
    monday, next_monday = iso_week_bounds(iso_week)
    sunday = next_monday - dt.timedelta(days=1)
    return f"{iso_week}  ({monday:%d/%m} – {sunday:%d/%m/%Y})"


class WeeklyLogView(QWidget):
    loaded = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._task: TaskHandle | None = None
        self._generation = 0
        self.log: WeeklyLog | None = None
        self.dialog: FlagDialog | None = None
        # the open confirmation (approve the week, lock it), for tests and scripted flows
        self.question: QMessageBox | None = None
        self.setObjectName("weeklyLogView")

        self.week = QComboBox()
        self.week.setObjectName("week")
        this_week = today_local()
        for i in range(-1, WEEKS_LISTED):
            label_ = iso_week_of(this_week - dt.timedelta(weeks=i))
            self.week.addItem(week_caption(label_), label_)
        self.week.setCurrentIndex(1)
        week_caption_label = QLabel(self.tr("&Week:"))
        week_caption_label.setBuddy(self.week)
        self.previous = QToolButton()
        self.previous.setText("◀")
        self.previous.setToolTip(self.tr("Previous week"))
        self.previous.clicked.connect(lambda: self.week.setCurrentIndex(min(self.week.count() - 1, self.week.currentIndex() + 1)))
        self.next = QToolButton()
        self.next.setText("▶")
        self.next.setToolTip(self.tr("Next week"))
        self.next.clicked.connect(lambda: self.week.setCurrentIndex(max(0, self.week.currentIndex() - 1)))

        self.volunteer = QComboBox()
        self.volunteer.setObjectName("volunteerFilter")
        self.volunteer.addItem(self.tr("All volunteers"), None)
        self.group = QComboBox()
        self.group.setObjectName("groupFilter")
        self.group.addItem(self.tr("All groups"), None)
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcomeFilter")
        self.outcome.addItem(self.tr("All outcomes"), None)
        for code in OUTCOMES:
            self.outcome.addItem(label(OUTCOME_LABELS, code), code)
        self.review = QComboBox()
        self.review.setObjectName("reviewFilter")
        self.review.addItem(self.tr("Any review state"), None)
        for review in REVIEW_STATUSES:
            self.review.addItem(label(REVIEW_LABELS, review), review)

        self.counts = QLabel()
        self.counts.setObjectName("weekCounts")
        font = self.counts.font()
        font.setBold(True)
        self.counts.setFont(font)
        self.lock_state = QLabel()
        self.lock_state.setObjectName("lockState")

        self.model = WeeklyLogModel(self)
        self.table = QTableView()
        self.table.setObjectName("weeklyLogTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_HOUSEHOLD, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Interactive)
        # widths from the rows on screen and a couple of hundred more, not every row: a busy week of
        # a large ward has 1,500 visits, and sizing to all of them held the GUI thread ~0.3 s a reset
        header.setResizeContentsPrecision(200)
        self.model.modelReset.connect(self._size_note_column)

        self.approve_button = QPushButton(self.tr("A&pprove"))
        self.approve_button.setObjectName("approve")
        self.flag_button = QPushButton(self.tr("&Flag for correction…"))
        self.flag_button.setObjectName("flag")
        self.approve_week_button = QPushButton(self.tr("Approve the whole wee&k"))
        self.approve_week_button.setObjectName("approveWeek")
        self.lock_button = QPushButton()
        self.lock_button.setObjectName("lockWeek")
        self.approve_button.clicked.connect(self.approve_selected)
        self.flag_button.clicked.connect(self.flag_selected)
        self.approve_week_button.clicked.connect(self.approve_whole_week)
        self.lock_button.clicked.connect(self.toggle_lock)
        self.leader_only = QLabel(self.tr("Only team leaders can approve, flag or lock weeks."))
        self.leader_only.setVisible(not ctx.actor.is_leader)

        filters = QHBoxLayout()
        filters.addWidget(week_caption_label)
        filters.addWidget(self.previous)
        filters.addWidget(self.week)
        filters.addWidget(self.next)
        filters.addStretch(1)
        filter_row = QHBoxLayout()
        for caption, combo in ((self.tr("&Volunteer:"), self.volunteer), (self.tr("&Group:"), self.group),
                               (self.tr("&Outcome:"), self.outcome), (self.tr("&Review:"), self.review)):
            text = QLabel(caption)
            text.setBuddy(combo)
            filter_row.addWidget(text)
            filter_row.addWidget(combo)
        filter_row.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(self.lock_state)
        actions = QHBoxLayout()
        actions.addWidget(self.leader_only, 1)
        for b in (self.approve_button, self.flag_button, self.approve_week_button, self.lock_button):
            actions.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(filter_row)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

        for combo in (self.week, self.volunteer, self.group, self.outcome, self.review):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.setFocusProxy(self.table)
        self._update_actions()
        ctx.runner.query(list_groups, ctx.store, on_done=self._groups_loaded)
        self.refresh()

    def _size_note_column(self) -> None:
        """The note column: its whole header, its notes up to ``NOTE_MAX_WIDTH``."""
        header = self.table.horizontalHeader()
        content = min(self.table.sizeHintForColumn(COL_NOTE), NOTE_MAX_WIDTH)
        header.resizeSection(COL_NOTE, max(header.sectionSizeHint(COL_NOTE), content))

    @property
    def iso_week(self) -> str:
        return str(self.week.currentData())

    def set_week(self, iso_week: str) -> None:
        index = self.week.findData(iso_week)
        if index < 0:
            self.week.addItem(week_caption(iso_week), iso_week)
            index = self.week.count() - 1
        self.week.setCurrentIndex(index)

    def _groups_loaded(self, groups: list[tuple[str, str]]) -> None:
        for gid, name in groups:
            self.group.addItem(name, gid)

    def apply_changes(self, changes: Changes, _initiator: object | None) -> None:
        """The log lists the week's visits, their review and who made them; a new household,
        with no visit yet, is not in it."""
        if changes.touches("visits", "review", "team"):
            self.refresh()

    def refresh(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._generation += 1
        generation = self._generation
        store, week = self._ctx.store, self.iso_week
        team = self._ctx.actor.team_id
        filters = {"volunteer_id": self.volunteer.currentData(), "group_id": self.group.currentData(),
                   "outcome": self.outcome.currentData(), "review_status": self.review.currentData()}
        self._task = self._ctx.runner.query(lambda: weekly_log(store, week, team_id=team, **filters),
                                            on_done=lambda log: self._loaded(generation, log))

    def _loaded(self, generation: int, log: WeeklyLog) -> None:
        if generation != self._generation:
            return
        selected = self._selected_id()
        self.log = log
        self.model.set_visits(log.visits)
        self._remember_volunteers(log)
        c = log.counts
        self.counts.setText(
            self.tr("%1 visits · %2 filings · %3 waiting · %4 approved · %5 flagged · %6 corrected")
            .replace("%1", str(c.get("visits", 0))).replace("%2", str(c.get("filings", 0)))
            .replace("%3", str(c.get("pending", 0))).replace("%4", str(c.get("approved", 0)))
            .replace("%5", str(c.get("flagged", 0))).replace("%6", str(c.get("corrected", 0))))
        # Plain words, no lock emoji: the fonts of many ward laptops draw it as an empty box.
        self.lock_state.setText(self.tr("Week locked") if log.locked else self.tr("Week open for edits"))
        self.lock_state.setStyleSheet("font-weight: bold; color: #8a4b00;" if log.locked else "")
        ids = [v.id for v in log.visits]
        self.table.selectRow(ids.index(selected) if selected in ids else 0)
        self._update_actions()
        self.loaded.emit()

    def _remember_volunteers(self, log: WeeklyLog) -> None:
        known = {self.volunteer.itemData(i) for i in range(self.volunteer.count())}
        for v in log.visits:
            if v.volunteer_id and v.volunteer_id not in known:
                known.add(v.volunteer_id)
                self.volunteer.blockSignals(True)
                self.volunteer.addItem(v.volunteer_name or v.volunteer_id, v.volunteer_id)
                self.volunteer.blockSignals(False)

    def _update_actions(self) -> None:
        leader = self._ctx.actor.is_leader
        locked = bool(self.log and self.log.locked)
        has_rows = bool(self.log and self.log.visits)
        self.approve_button.setEnabled(leader and has_rows and not locked)
        self.flag_button.setEnabled(leader and has_rows and not locked)
        self.approve_week_button.setEnabled(leader and has_rows and not locked)
        ended = week_has_ended(self.iso_week)
        self.lock_button.setEnabled(leader and bool(self._ctx.actor.team_id) and (locked or ended))
        self.lock_button.setText(self.tr("&Unlock week") if locked else self.tr("&Lock week"))
        if not leader:
            self.lock_button.setToolTip(self.tr("Only team leaders can lock or unlock weeks."))
        elif locked:
            self.lock_button.setToolTip(self.tr("Let volunteers add and edit this week's visits again."))
        elif not ended:
            self.lock_button.setToolTip(self.tr("Only a week that has ended can be locked: volunteers are still "
                                                "recording visits in this week."))
        else:
            self.lock_button.setToolTip(self.tr("Refuse new visits and edits in this week until a leader unlocks it."))

    def _selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.visits[rows[0].row()].id if rows and rows[0].row() < len(self.model.visits) else None

    def _write(self, fn: object, *args: object) -> None:
        # The broadcast of the review change reloads this list (and the Follow-ups).
        self._ctx.runner.mutate(fn, self._ctx.store, self._ctx.actor, *args, changes=Changes(review=True))  # type: ignore[arg-type]

    def approve_selected(self) -> None:
        vid = self._selected_id()
        if vid:
            self._write(approve_visit, vid)

    def flag_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        visit = self.model.visits[rows[0].row()]
        dialog = FlagDialog(visit.household_head, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._write(flag_visit, visit.id, dialog.text()))
        dialog.destroyed.connect(lambda _o=None: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def approve_whole_week(self) -> None:
        """Count what approving would do (off the GUI thread), then ask before doing it."""
        team = self._ctx.actor.team_id
        if team:
            self._ctx.runner.query(week_approval, self._ctx.store, team, self.iso_week, on_done=self._confirm_approval)

    def _confirm_approval(self, approval: WeekApproval) -> None:
        if approval.iso_week != self.iso_week:
            return  # the leader moved to another week meanwhile
        left = self.tr("%1 flagged visits stay flagged: their volunteers still owe a correction.").replace(
            "%1", str(approval.flagged)) if approval.flagged else ""
        already = self.tr("%1 visits are already approved.").replace("%1", str(approval.approved)) if approval.approved else ""
        keeps_open = self.tr("The week stays open: volunteers can still add visits to it.")
        informative = "\n".join(t for t in (left, already, keeps_open) if t)
        if not approval.to_approve:
            self.question = ask(self, self.tr("Approve the whole week"),
                                self.tr("No visit of week %1 is waiting for approval.").replace("%1", approval.iso_week),
                                [Choice("ok", self.tr("OK"), QMessageBox.ButtonRole.RejectRole, True)],
                                self._answered, informative=informative, icon=QMessageBox.Icon.Information)
            return

        def answered(key: str | None) -> None:
            self._answered(key)
            if key == "approve" and self._ctx.actor.team_id:
                self._write(approve_week, self._ctx.actor.team_id, approval.iso_week)

        self.question = ask(
            self, self.tr("Approve the whole week"),
            self.tr("Approve %1 visits of week %2?").replace("%1", str(approval.to_approve)).replace("%2", approval.iso_week),
            [Choice("approve", self.tr("Approve %1 visits").replace("%1", str(approval.to_approve)), default=True),
             Choice("cancel", self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)],
            answered, informative=informative)

    def _answered(self, _key: str | None) -> None:
        self.question = None

    def toggle_lock(self) -> None:
        """Unlock at once; lock (an ended week only) after the leader confirms."""
        team, week = self._ctx.actor.team_id, self.iso_week
        if not team or self.log is None:
            return
        if self.log.locked:
            self._write(set_week_lock, team, week, False)
            return

        def answered(key: str | None) -> None:
            self._answered(key)
            if key == "lock":
                self._write(set_week_lock, team, week, True)

        self.question = ask(
            self, self.tr("Lock week"),
            self.tr("Lock week %1?").replace("%1", week),
            [Choice("lock", self.tr("Lock the week")),
             Choice("cancel", self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole, True)],
            answered,
            informative=self.tr("Volunteers can no longer add or edit visits of this week until a team leader unlocks it."),
            icon=QMessageBox.Icon.Warning)

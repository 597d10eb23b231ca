"""The New visit form: keyboard-first, saved in one service call, its draft kept continuously.

Keyboard flow: type part of the household's name/address and press Enter (↑/↓ choose); Tab
through outcome, topics, notes, follow-up; in the filing row type a procedure's name or code and
press Enter, fill portal/dossier/status, press Enter in the dossier field to add the filing;
Ctrl+S (or Ctrl+Enter) saves the whole visit. Delete removes the selected filing.

Why the draft: a volunteer at a resident's home may lose power or have the app killed; every
change restarts a short timer that writes the form as JSON to the local drafts table (through the
serial write executor), and the app offers the draft back on the next start. Each visit begun is
its own draft, so one started at house A and left for house B is found again under "Drafts (N)".

Why the start is stamped at the first edit, not when the form is cleared: the form is cleared
when the previous visit is saved, often long before the next house; the visit begins when the
volunteer first types in it or picks its household (unless they set the start by hand).

Why saving asks: a filing typed but not added, or a "helped" visit with nothing recorded, is
almost always a slip; a complete filing row is added for the volunteer, anything else is asked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from outreach.catalogue import OTHER_PROCEDURE_CODE
from outreach.errors import FieldProblem, ValidationError
from outreach.services.changes import NOTHING, Changes
from outreach.services.households import HouseholdSummary, ResidentView, get_household, search_households
from outreach.services.procedures import ProcedureView, offered_procedures, province_of, rank_procedures, terms_for
from outreach.services.teams import TeamMemberView, list_team_members
from outreach.services.visit_draft import (
    DraftSummary,
    VisitDraft,
    discard_visit_draft,
    list_visit_drafts,
    load_visit_draft,
    new_draft_id,
    save_visit_draft,
)
from outreach.services.visits import FILING_STATUSES, OUTCOMES, PORTALS, VisitInput, VisitView, record_visit, update_visit
from outreach.timeutil import now_local
from outreach.ui.core.context import UiContext
from outreach.ui.core.errors import show_error
from outreach.ui.core.labels import CHANNEL_LABELS, FILING_STATUS_LABELS, OUTCOME_LABELS, PORTAL_LABELS, format_datetime, label
from outreach.ui.core.tasks import TaskHandle
from outreach.ui.dialogs.ask import Choice, ask
from outreach.ui.dialogs.visit_drafts_dialog import VisitDraftsDialog
from outreach.ui.models.filings_model import COL_PROCEDURE, FilingRow, FilingsModel
from outreach.ui.widgets.date_field import DateField
from outreach.ui.widgets.field_errors import FieldErrors, error_label
from outreach.ui.widgets.filing_terms import FilingTermsPanel
from outreach.vocabulary import Channel, FilingStatus, OnlineLevel, Outcome

DRAFT_DELAY_MS = 400
HOUSEHOLD_MATCHES = 8
MEMBER_ROWS_SHOWN = 4
PROCEDURE_MATCHES = 8
ID_ROLE = Qt.ItemDataRole.UserRole + 1
COMMON_TOPICS = ("VNeID mức 2", "Dịch vụ công trực tuyến", "Thanh toán trực tuyến", "Đăng ký cư trú", "Hộ tịch", "BHYT")


class _ArrowKeysToList(QLineEdit):
    """A search field whose ↑/↓ move the current row of the result list under it."""

    def __init__(self, results: QListWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._results = results

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self._results.count():
            step = 1 if key == Qt.Key.Key_Down else -1
            row = min(max(self._results.currentRow() + step, 0), self._results.count() - 1)
            self._results.setCurrentRow(row)
            return
        if key == Qt.Key.Key_Escape and self._results.isVisible():
            self._results.hide()
            return
        super().keyPressEvent(event)


class VisitForm(QWidget):
    """``visit=None``: the New visit screen (with draft); else edits that visit (no draft)."""

    saved = Signal(object)  # VisitView
    draft_saved = Signal()
    household_matches_shown = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, visit: VisitView | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._visit = visit
        self._procedures: list[ProcedureView] = []
        self._procedure: ProcedureView | None = None
        #: the ward's province: its overrides of fees and times apply to what the form shows
        self._province = ""
        self._residents: list[ResidentView] = []
        self._search_task: TaskHandle | None = None
        self._search_generation = 0
        self._restoring = False
        self.household_id: str | None = None
        self.question: QMessageBox | None = None
        self.drafts_dialog: VisitDraftsDialog | None = None
        #: this visit's key in the drafts table (a new one for each visit begun)
        self._draft_id = new_draft_id()
        #: the visit was begun (first edit): its start is stamped then, once
        self._began = False
        #: the volunteer set the start time themselves: never stamp over it
        self._start_by_hand = False
        #: a restored draft's picked procedure / "filing for", until the catalogue / residents are read
        self._pending_code: str | None = None
        self._wanted_for: str | None = None
        self._household_text = ""
        self.setObjectName("visitForm")

        # household
        self.household_results = QListWidget()
        self.household_results.setObjectName("householdResults")
        self.household_results.setMaximumHeight(150)
        self.household_results.hide()
        self.household_results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.household_results.itemClicked.connect(self._pick_household_item)
        self.household_search = _ArrowKeysToList(self.household_results)
        self.household_search.setObjectName("visitHouseholdSearch")
        self.household_search.setPlaceholderText(self.tr("Type the head's name, the address or a phone, then Enter"))
        self.household_search.textEdited.connect(self._household_text_edited)
        self.household_search.returnPressed.connect(self._pick_current_household)
        self.household_chosen = QLabel(self.tr("No household chosen yet."))
        self.household_chosen.setObjectName("householdChosen")
        self.household_chosen.setWordWrap(True)
        self._household_timer = QTimer(self)
        self._household_timer.setSingleShot(True)
        self._household_timer.setInterval(120)
        self._household_timer.timeout.connect(self._search_households)

        # visit fields
        self.started_at = QDateTimeEdit()
        self.started_at.setObjectName("startedAt")
        self.started_at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.started_at.setDateTime(QDateTime(now_local()))
        self.ended_at = QLabel()
        self.ended_at.setObjectName("endedAt")
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcome")
        for code in OUTCOMES:
            self.outcome.addItem(label(OUTCOME_LABELS, code), code)
        self.topics = QLineEdit()
        self.topics.setObjectName("topics")
        self.topics.setPlaceholderText(self.tr("Separate topics with commas, e.g. %1").replace("%1", ", ".join(COMMON_TOPICS[:2])))
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(80)
        self.follow_up = DateField()
        self.follow_up.setObjectName("followUp")
        self.satisfaction = QComboBox()
        self.satisfaction.setObjectName("satisfaction")
        self.satisfaction.addItem(self.tr("(not asked)"), None)
        for score in range(5, 0, -1):
            self.satisfaction.addItem(self.tr("%1 of 5").replace("%1", str(score)), score)
        self.members = QListWidget()
        self.members.setObjectName("membersPresent")
        self.members.setSpacing(1)
        self.members.setFixedHeight((self.members.fontMetrics().height() + 6) * MEMBER_ROWS_SHOWN + 6)
        self.members.setToolTip(self.tr("Space ticks or unticks the selected member"))
        self._set_member_items([me] if (me := self._me()) else [])
        self.members.itemChanged.connect(self._changed)

        # filing entry row
        self.procedure_results = QListWidget()
        self.procedure_results.setObjectName("procedureResults")
        self.procedure_results.setMaximumHeight(150)
        self.procedure_results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.procedure_results.hide()
        self.procedure_results.itemClicked.connect(lambda item: self._pick_procedure(item.data(ID_ROLE)))
        self.procedure = _ArrowKeysToList(self.procedure_results)
        self.procedure.setObjectName("procedure")
        self.procedure.setPlaceholderText(self.tr("Procedure name or code, then Enter"))
        self.procedure.textEdited.connect(self._procedure_text_edited)
        self.procedure.returnPressed.connect(self._pick_current_procedure)
        self.filing_for = QComboBox()
        self.filing_for.setObjectName("filingFor")
        self.portal = QComboBox()
        self.portal.setObjectName("portal")
        for portal in PORTALS:
            self.portal.addItem(label(PORTAL_LABELS, portal), portal)
        self.dossier = QLineEdit()
        self.dossier.setObjectName("dossier")
        self.dossier.setPlaceholderText(self.tr("Dossier code, if submitted"))
        self.dossier.returnPressed.connect(self.add_filing)
        self.status = QComboBox()
        self.status.setObjectName("filingStatus")
        for status in FILING_STATUSES:
            self.status.addItem(label(FILING_STATUS_LABELS, status), status)
        self.fee = QCheckBox(self.tr("Fee paid &online"))
        self.fee.setObjectName("feePaid")
        # how the dossier goes in (the procedure's level only says what is possible) and, once it
        # is completed, whether the result came back electronically: the coverage figures count these
        self.channel = QComboBox()
        self.channel.setObjectName("filingChannel")
        for channel in Channel:
            self.channel.addItem(label(CHANNEL_LABELS, channel), channel)
        self.channel.currentIndexChanged.connect(self._update_terms)
        self.terms = FilingTermsPanel()
        self.electronic = QCheckBox(self.tr("Result received electronically"))
        self.electronic.setObjectName("electronicResult")
        self.electronic.setEnabled(False)
        self.status.currentIndexChanged.connect(self._status_picked)
        self.add_button = QPushButton(self.tr("A&dd filing"))
        self.add_button.setObjectName("addFiling")
        self.add_button.clicked.connect(self.add_filing)
        self.filing_error = error_label()

        self.filings = FilingsModel(self)
        self.filings_table = QTableView()
        self.filings_table.setObjectName("filingsTable")
        self.filings_table.setModel(self.filings)
        self.filings_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.filings_table.verticalHeader().setVisible(False)
        filings_header = self.filings_table.horizontalHeader()
        filings_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        filings_header.setSectionResizeMode(COL_PROCEDURE, QHeaderView.ResizeMode.Stretch)
        self.filings_table.setWordWrap(False)
        self.filings_table.setMinimumHeight(110)
        # the table takes the height left over (its preferred height would make the fields scroll)
        self.filings_table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        for changed in (self.filings.rowsInserted, self.filings.rowsRemoved, self.filings.modelReset):
            changed.connect(self._fit_filing_columns)
        remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.filings_table)
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove.activated.connect(self.remove_selected_filing)

        self.save_button = QPushButton(self.tr("&Save visit") if visit is None else self.tr("&Save changes"))
        self.save_button.setObjectName("saveVisit")
        self.save_button.setToolTip(self.tr("Ctrl+S"))
        self.save_button.clicked.connect(self.save)
        self.clear_button = QPushButton(self.tr("Clear form"))
        self.clear_button.clicked.connect(self._ask_clear)
        self.drafts_button = QPushButton(self.tr("Drafts (%1)").replace("%1", "0"))
        self.drafts_button.setObjectName("visitDrafts")
        self.drafts_button.setToolTip(self.tr("Visits begun and not saved yet: reopen or delete one"))
        self.drafts_button.clicked.connect(self.open_drafts)
        self.new_visit_button = QPushButton(self.tr("Ne&w visit"))
        self.new_visit_button.setObjectName("newVisit")
        self.new_visit_button.setToolTip(self.tr("Keep this visit as a draft and begin another (another house)"))
        self.new_visit_button.clicked.connect(self.begin_another_visit)
        self.required_legend = QLabel(self.tr("* required"))
        self.required_legend.setObjectName("requiredLegend")
        self.status_line = QLabel()
        self.status_line.setObjectName("visitStatus")
        for sequence in (QKeySequence.StandardKey.Save, QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)

        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        self._layout()
        self._set_tab_order()
        self._connect_draft()
        if visit is not None:
            self.clear_button.hide()
            self.drafts_button.hide()
            self.new_visit_button.hide()
        else:
            self._refresh_draft_count()
        ctx.runner.query(offered_procedures, ctx.store, on_done=self._procedures_loaded)
        ctx.runner.query(province_of, ctx.store, ctx.actor.ward_id, on_done=self._province_loaded)
        ctx.runner.query(list_team_members, ctx.store, ctx.actor.team_id, on_done=self._team_loaded)
        self._update_filing_for()
        if visit is not None:
            self.load_visit(visit)

    # -- layout ------------------------------------------------------------------------------

    def _labelled(self, form: QFormLayout, caption: str, widget: QWidget, field: str | None = None, *,
                  required: bool = False) -> None:
        text = QLabel(caption)
        text.setBuddy(widget)
        if required:
            self._mark_required(text, widget)
        form.addRow(text, widget)
        if field:
            err = error_label()
            self.errors.add(field, err)
            form.addRow("", err)

    def _mark_required(self, caption: QLabel, widget: QWidget) -> None:
        """The one look of a required field: "*" after its caption (the legend says what it means),
        and "required" as the field's accessible description and tooltip (screen readers, hover)."""
        caption.setText(caption.text() + " *")
        words = self.tr("required")
        for w in (caption, widget):
            w.setAccessibleDescription(words)
            w.setToolTip(f"{w.toolTip()} ({words})" if w.toolTip() else words)

    def _layout(self) -> None:
        household_box = QGroupBox(self.tr("Household"))
        hl = QVBoxLayout(household_box)
        row = QHBoxLayout()
        caption = QLabel(self.tr("&Household:"))
        caption.setBuddy(self.household_search)
        self._mark_required(caption, self.household_search)
        row.addWidget(caption)
        row.addWidget(self.household_search, 1)
        hl.addLayout(row)
        hl.addWidget(self.household_results)
        hl.addWidget(self.household_chosen)
        err = error_label()
        self.errors.add("household_id", err)
        hl.addWidget(err)

        visit_box = QGroupBox(self.tr("Visit"))
        form = QFormLayout(visit_box)
        self._labelled(form, self.tr("S&tarted at:"), self.started_at, "started_at", required=True)
        if self._visit is not None:  # a saved visit also shows when it ended
            form.addRow(self.tr("Ended at:"), self.ended_at)
        self._labelled(form, self.tr("&Members present:"), self.members, "members_present")
        self._labelled(form, self.tr("O&utcome:"), self.outcome, "outcome", required=True)
        self._labelled(form, self.tr("To&pics:"), self.topics, "topics")
        self._labelled(form, self.tr("&Notes:"), self.notes, "notes")
        self._labelled(form, self.tr("&Follow-up date:"), self.follow_up, "follow_up_date")
        self._labelled(form, self.tr("Sat&isfaction:"), self.satisfaction, "satisfaction")

        filings_box = QGroupBox(self.tr("Filings helped"))
        fl = QVBoxLayout(filings_box)
        entry = QFormLayout()
        self._labelled(entry, self.tr("Pro&cedure:"), self.procedure, required=True)
        entry.addRow("", self.procedure_results)
        self._labelled(entry, self.tr("Fo&r:"), self.filing_for)
        line = QHBoxLayout()
        portal_caption = QLabel(self.tr("Porta&l:"))
        portal_caption.setBuddy(self.portal)
        status_caption = QLabel(self.tr("St&atus:"))
        status_caption.setBuddy(self.status)
        line.addWidget(portal_caption)
        line.addWidget(self.portal)
        line.addWidget(status_caption)
        line.addWidget(self.status)
        line.addStretch(1)
        entry.addRow(line)
        fee_line = QHBoxLayout()  # its own row: beside portal and status it made the form too wide at 125 %
        channel_caption = QLabel(self.tr("Filed &via:"))
        channel_caption.setBuddy(self.channel)
        fee_line.addWidget(channel_caption)
        fee_line.addWidget(self.channel)
        fee_line.addWidget(self.fee)
        fee_line.addWidget(self.electronic)
        fee_line.addStretch(1)
        entry.addRow(fee_line)
        dossier_line = QHBoxLayout()
        dossier_line.addWidget(self.dossier, 1)
        dossier_line.addWidget(self.add_button)
        dossier_caption = QLabel(self.tr("Dossier cod&e:"))
        dossier_caption.setBuddy(self.dossier)
        entry.addRow(dossier_caption, dossier_line)
        entry.addRow(self.terms)
        fl.addLayout(entry)
        fl.addWidget(self.filing_error)
        fl.addStretch(1)
        self.errors.add("filings", self.filing_error)

        buttons = QHBoxLayout()
        buttons.addWidget(self.required_legend)
        buttons.addWidget(self.status_line, 1)
        buttons.addWidget(self.drafts_button)
        buttons.addWidget(self.new_visit_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)

        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(household_box)
        left.addWidget(visit_box)
        left.addStretch(1)
        columns.addLayout(left, 1)
        columns.addWidget(filings_box, 1)
        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addLayout(columns)
        # the filings added, across the whole width: at 1366x768 half of it cannot show the portal
        # and the dossier code beside the procedure's name
        fields_layout.addWidget(self.filings_table, 1)
        # the fields scroll when the screen is smaller than they are (1366x768 at 125 %); the
        # error line and the actions under them stay in view
        self.fields_area = QScrollArea()
        self.fields_area.setObjectName("visitFields")
        self.fields_area.setWidgetResizable(True)
        self.fields_area.setFrameShape(QFrame.Shape.NoFrame)
        self.fields_area.setWidget(fields)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields_area, 1)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)

    def _set_tab_order(self) -> None:
        chain = [self.household_search, self.started_at, self.members, self.outcome, self.topics, self.notes, self.follow_up,
                 self.satisfaction, self.procedure, self.filing_for, self.portal, self.status, self.channel, self.fee,
                 self.electronic, self.dossier, self.add_button, self.filings_table, self.save_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)
        self.setFocusProxy(self.household_search)

    # -- household ---------------------------------------------------------------------------

    def _household_text_edited(self, _text: str) -> None:
        self._begin()
        self._household_timer.start()

    def _search_households(self) -> None:
        query = self.household_search.text().strip()
        if self._search_task is not None:
            self._search_task.cancel()
        self._search_generation += 1
        generation = self._search_generation
        if not query:
            self.household_results.clear()
            self.household_results.hide()
            return
        self._search_task = self._ctx.runner.query(search_households, self._ctx.store, query, HOUSEHOLD_MATCHES,
                                                   on_done=lambda rows: self._household_matches(generation, rows))

    def _household_matches(self, generation: int, rows: list[HouseholdSummary]) -> None:
        if generation != self._search_generation:
            return
        self.household_results.clear()
        for s in rows:
            item = QListWidgetItem(f"{s.head_name} — {s.address_text}" + (f" ({s.group_name})" if s.group_name else ""))
            item.setData(ID_ROLE, s.id)
            self.household_results.addItem(item)
        if not rows:
            self.household_results.addItem(self.tr("No household matches."))
        self.household_results.setCurrentRow(0)
        self.household_results.show()
        self.household_matches_shown.emit()

    def _pick_current_household(self) -> None:
        if self._household_timer.isActive():  # Enter before the search ran: search now, pick after
            self._household_timer.stop()
            self._search_households()
            self.household_matches_shown.connect(self._pick_after_search, Qt.ConnectionType.SingleShotConnection)
            return
        item = self.household_results.currentItem()
        if item is not None:
            self._pick_household_item(item)

    def _pick_after_search(self) -> None:
        item = self.household_results.currentItem()
        if item is not None:
            self._pick_household_item(item)

    def _pick_household_item(self, item: QListWidgetItem) -> None:
        hid = item.data(ID_ROLE)
        if hid:
            self.set_household(hid, item.text())
            self.outcome.setFocus()

    def set_household(self, household_id: str, text: str) -> None:
        self.household_id = household_id
        self._household_text = text
        self.household_chosen.setText(self.tr("Chosen: %1").replace("%1", text))
        self.household_results.hide()
        self.household_search.clear()
        self._residents = []
        self._update_filing_for()
        self._load_residents(household_id)
        self._changed()

    def _load_residents(self, household_id: str) -> None:
        """The household's residents, for "Filing for" (read in the background)."""
        self._ctx.runner.query(get_household, self._ctx.store, household_id,
                               on_done=lambda d: self._residents_loaded(household_id, d.residents))

    def _residents_loaded(self, household_id: str, residents: list[ResidentView]) -> None:
        if household_id == self.household_id:
            self._residents = residents
            self._update_filing_for()
            self._wanted_for = None

    def _update_filing_for(self) -> None:
        current = self.filing_for.currentData() or self._wanted_for
        self.filing_for.clear()
        self.filing_for.addItem(self.tr("The household"), None)
        for r in self._residents:
            self.filing_for.addItem(r.full_name, r.id)
        self.filing_for.setCurrentIndex(max(0, self.filing_for.findData(current)))

    # -- members present -----------------------------------------------------------------------

    def _set_member_items(self, members: list[TeamMemberView], checked: set[str] | None = None) -> None:
        """Show ``members`` as tick boxes; ``checked`` defaults to this computer's user."""
        if checked is None:
            checked = {self._ctx.actor.member_id} if self._ctx.actor.member_id else set()
        restoring, self._restoring = self._restoring, True
        try:
            self.members.clear()
            for m in members:
                self._add_member_item(m.id, m.full_name, m.id in checked)
            if self.members.count():
                self.members.setCurrentRow(0)
        finally:
            self._restoring = restoring

    def _add_member_item(self, member_id: str, name: str, checked: bool) -> None:
        item = QListWidgetItem(name)
        item.setData(ID_ROLE, member_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.members.addItem(item)

    def _me(self) -> TeamMemberView | None:
        """This computer's user as a team member (None for a profile without one)."""
        actor = self._ctx.actor
        if not actor.member_id:
            return None
        return TeamMemberView(actor.member_id, actor.name or self.tr("(this computer's user)"), actor.role)

    def _team_loaded(self, members: list[TeamMemberView]) -> None:
        me = self._me()
        if me is not None and me.id not in {m.id for m in members}:  # not yet synced from the office
            members = [me, *members]
        ticked = self.members_present() if self.members.count() else None
        self._set_member_items(members, set(ticked) if ticked is not None else None)
        if ticked:
            self._show_saved_members(ticked)  # keeps ticks of a restored draft or an edited visit

    def members_present(self) -> list[str]:
        """Ids of the ticked members, in list order."""
        items = (self.members.item(i) for i in range(self.members.count()))
        return [item.data(ID_ROLE) for item in items if item.checkState() == Qt.CheckState.Checked]

    def set_members_present(self, member_ids: list[str]) -> None:
        wanted = set(member_ids)
        restoring, self._restoring = self._restoring, True
        try:
            for i in range(self.members.count()):
                item = self.members.item(i)
                item.setCheckState(Qt.CheckState.Checked if item.data(ID_ROLE) in wanted else Qt.CheckState.Unchecked)
        finally:
            self._restoring = restoring

    # -- procedures and filings ----------------------------------------------------------------

    def _procedures_loaded(self, procedures: list[ProcedureView]) -> None:
        self._procedures = procedures
        if self._pending_code is not None:  # a restored draft's picked procedure
            self._procedure = self._find_procedure(self._pending_code)
            self._pending_code = None
            self._update_terms()

    def _province_loaded(self, province_code: str) -> None:
        self._province = province_code
        self._update_terms()

    def _update_terms(self, *_args: object) -> None:
        """Show what the picked procedure asks by the chosen channel; a fee-free one cannot be
        marked paid online (the service refuses it too), so the box is cleared and disabled, and
        the panel says why."""
        p = self._procedure
        channel = self.channel.currentData()
        terms = terms_for(p, channel, self._province) if p is not None and p.code != OTHER_PROCEDURE_CODE and channel else None
        self.terms.show_terms(terms)
        free = terms is not None and terms.fee_free
        if free:
            self.fee.setChecked(False)
        self.fee.setEnabled(not free)
        self.fee.setToolTip(self.tr("Free of charge by this channel: nothing was paid online.") if free else "")

    def _find_procedure(self, code: str | None) -> ProcedureView | None:
        return next((p for p in self._procedures if p.code == code), None) if code else None

    def matching_procedures(self, query: str) -> list[ProcedureView]:
        """The loaded catalogue ranked for ``query`` by the service's one rule (in memory: a few
        dozen rows, so it runs on each keystroke without the runner)."""
        return rank_procedures(self._procedures, query, self._ctx.language)

    def _procedure_name(self, p: ProcedureView) -> str:
        return p.name_en if self._ctx.language == "en" else p.name_vi

    def _procedure_text_edited(self, text: str) -> None:
        self._procedure = None
        self._update_terms()
        self.procedure_results.clear()
        if not text.strip():
            self.procedure_results.hide()
            return
        matches = [p for p in self.matching_procedures(text) if p.code != OTHER_PROCEDURE_CODE][:PROCEDURE_MATCHES]
        for p in matches:
            item = QListWidgetItem(f"{p.code} — {self._procedure_name(p)}")
            item.setData(ID_ROLE, p.code)
            self.procedure_results.addItem(item)
        if self._find_procedure(OTHER_PROCEDURE_CODE) is not None:
            # a volunteer can always record what happened: a procedure the catalogue lacks, by its name
            other = QListWidgetItem(self.tr("Not in the list: record “%1” as another procedure").replace("%1", text.strip()))
            other.setData(ID_ROLE, OTHER_PROCEDURE_CODE)
            self.procedure_results.addItem(other)
        elif not matches:
            self.procedure_results.addItem(self.tr("No procedure matches."))
        self.procedure_results.setCurrentRow(0)
        self.procedure_results.show()

    def _pick_current_procedure(self) -> None:
        item = self.procedure_results.currentItem()
        if item is not None and item.data(ID_ROLE):
            self._pick_procedure(item.data(ID_ROLE))

    def _pick_procedure(self, code: str) -> None:
        found = self._find_procedure(code)
        if found is None:
            return
        self._procedure = found
        self._pending_code = None
        # a counter-only procedure is filed at the counter; any other is most likely filed online
        default = Channel.COUNTER if found.online_level == OnlineLevel.COUNTER else Channel.ONLINE
        self.channel.setCurrentIndex(max(0, self.channel.findData(default)))
        self._update_terms()
        if found.code != OTHER_PROCEDURE_CODE:  # "khác" keeps the typed name: it is what is recorded
            self.procedure.setText(f"{found.code} — {self._procedure_name(found)}")
        self.procedure_results.hide()
        self.filing_for.setFocus()

    def add_filing(self) -> None:
        self.filing_error.setVisible(False)
        if self._procedure is None:
            self.filing_error.setText(self.tr("Choose a procedure from the list first (type its name or code, then Enter)."))
            self.filing_error.setVisible(True)
            self.procedure.setFocus()
            return
        p = self._procedure
        other_name = self.procedure.text().strip() if p.code == OTHER_PROCEDURE_CODE else ""
        if p.code == OTHER_PROCEDURE_CODE and not other_name:
            self.filing_error.setText(self.tr("Type the name of the other procedure."))
            self.filing_error.setVisible(True)
            self.procedure.setFocus()
            return
        self.filings.append(FilingRow(
            procedure_code=p.code,
            procedure_name=other_name or self._procedure_name(p),
            other_name=other_name,
            resident_id=self.filing_for.currentData(),
            resident_name=self.filing_for.currentText() if self.filing_for.currentData() else "",
            portal=self.portal.currentData(),
            dossier_code=self.dossier.text().strip(),
            status=self.status.currentData(),
            fee_paid_online=self.fee.isChecked(),
            channel=self.channel.currentData(),
            electronic_result=self.electronic.isChecked() if self.status.currentData() == FilingStatus.COMPLETED else None,
        ))
        self._clear_filing_row()
        self.procedure.setFocus()
        self._changed()

    def _clear_filing_row(self) -> None:
        self._procedure = None
        self._pending_code = None
        self.procedure.clear()
        self.procedure_results.hide()
        self.dossier.clear()
        self.fee.setChecked(False)
        self.electronic.setChecked(False)
        self.status.setCurrentIndex(0)
        self.portal.setCurrentIndex(0)
        self.channel.setCurrentIndex(0)
        self._update_terms()

    def _status_picked(self) -> None:
        """An electronic result is known only once the filing is completed."""
        completed = self.status.currentData() == FilingStatus.COMPLETED
        self.electronic.setEnabled(completed)
        if not completed:
            self.electronic.setChecked(False)

    def _fit_filing_columns(self, *_args: object) -> None:
        """Size the columns to the rows now listed (the header sizes to content only when asked:
        left alone, it keeps the widths of the empty table and cuts the portal and dossier code)."""
        header = self.filings_table.horizontalHeader()
        for col in range(self.filings.columnCount()):
            if col != COL_PROCEDURE:
                header.resizeSection(col, max(header.sectionSizeHint(col), self.filings_table.sizeHintForColumn(col)))

    def remove_selected_filing(self) -> None:
        rows = self.filings_table.selectionModel().selectedRows()
        if rows:
            self.filings.remove(rows[0].row())
            self._changed()

    # -- data ----------------------------------------------------------------------------------

    def data(self) -> VisitInput:
        """The form as plain data; raises ``ValidationError`` for what only the form can check."""
        problems: list[FieldProblem] = []
        if not self.household_id:
            problems.append(FieldProblem("household_id", "required", "Cần chọn hộ gia đình.", "Choose a household."))
        try:
            follow_up = self.follow_up.date()
        except ValueError:
            follow_up = None
            problems.append(FieldProblem("follow_up_date", "invalid", "Ngày hẹn phải có dạng ngày/tháng/năm.",
                                         "The follow-up date must be dd/mm/yyyy."))
        if problems:
            raise ValidationError(problems)
        return self.draft().to_input(follow_up)

    def save(self) -> None:
        """Ctrl+S: check the form, settle a filing typed but not added, ask about an empty
        "helped", then save."""
        if not self.save_button.isEnabled() or self.question is not None:
            return
        self.errors.clear()
        self.status_line.clear()
        try:
            self.data()
        except ValidationError as exc:
            self.errors.show(exc.problems, self._ctx.language)
            return
        if self.has_pending_filing():
            if self._pending_filing_complete():
                self.add_filing()  # what "Add filing" would have done
            else:
                self._ask_about_pending_filing()
                return
        self._save_unless_empty_help()

    def has_pending_filing(self) -> bool:
        """Something is typed in the filing row that "Add filing" has not added."""
        return bool(self.procedure.text().strip() or self.dossier.text().strip())

    def _pending_filing_complete(self) -> bool:
        """The row can be added as it is: a procedure picked, and a dossier code if submitted."""
        if self._procedure is None:
            return False
        return self.status.currentData() != FilingStatus.SUBMITTED or bool(self.dossier.text().strip())

    def _ask_about_pending_filing(self) -> None:
        """The row cannot be added as it is: go back (the default), keep it as the best match of
        what was typed (named, so the volunteer sees which procedure), or save without it."""
        typed = self.procedure.text().strip()
        catalogued = [p for p in self.matching_procedures(typed) if p.code != OTHER_PROCEDURE_CODE]
        best = catalogued[:1] if self._procedure is None and typed else []
        dossier_missing = self.status.currentData() == FilingStatus.SUBMITTED and not self.dossier.text().strip()
        keep = best[0] if best and not dossier_missing else None

        def answered(key: str | None) -> None:
            self.question = None
            if key == "keep" and keep is not None:
                self._procedure = keep
                self.add_filing()
                self._save_unless_empty_help()
            elif key == "discard":
                self._clear_filing_row()
                self._save_unless_empty_help()
            else:  # go back (also Esc): finish the row
                self.procedure.setFocus()

        if dossier_missing and self._procedure is not None:
            why = self.tr("A submitted filing needs its dossier code.")
        elif keep is not None:
            why = self.tr("No procedure was chosen from the list for it. Best match: %1").replace(
                "%1", f"{keep.code} — {self._procedure_name(keep)}")
        else:
            why = self.tr("No procedure was chosen from the list for it (type its name or code, then Enter).")
        choices = [Choice("back", self.tr("Go back to the filing"), QMessageBox.ButtonRole.RejectRole, True)]
        if keep is not None:
            choices.append(Choice("keep", self.tr("Add the best match and save"), QMessageBox.ButtonRole.AcceptRole))
        choices.append(Choice("discard", self.tr("Save without it"), QMessageBox.ButtonRole.DestructiveRole))
        self.question = ask(self, self.tr("Filing not added"),
                            self.tr("A filing is typed but not added to the visit: %1").replace("%1", typed or self.dossier.text().strip()),
                            choices, answered, informative=why)

    def nothing_recorded_as_helped(self) -> bool:
        """Outcome "helped" with no filing, no topic and no note: what was helped with?"""
        return (self.outcome.currentData() == Outcome.HELPED and not self.filings.rows
                and not self.topics.text().strip() and not self.notes.toPlainText().strip())

    def _save_unless_empty_help(self) -> None:
        if not self.nothing_recorded_as_helped():
            self._submit()
            return

        def answered(key: str | None) -> None:
            self.question = None
            if key == "save":
                self._submit()
            else:
                self.procedure.setFocus()

        self.question = ask(self, self.tr("Nothing recorded as helped"),
                            self.tr("The outcome is \"helped\" but no filing, topic or note says with what. Save anyway?"),
                            [Choice("back", self.tr("Go back"), QMessageBox.ButtonRole.RejectRole, True),
                             Choice("save", self.tr("Save anyway"), QMessageBox.ButtonRole.AcceptRole)],
                            answered)

    def _submit(self) -> None:
        try:
            data = self.data()
        except ValidationError as exc:
            self.errors.show(exc.problems, self._ctx.language)
            return
        self.save_button.setEnabled(False)
        store, actor = self._ctx.store, self._ctx.actor
        if self._visit is None:
            self._draft_timer.stop()
            draft_id = self._draft_id
            work = lambda: _record_and_drop_draft(store, actor, data, draft_id)  # noqa: E731
            changes = Changes(visits=True)
        else:
            vid = self._visit.id
            work = lambda: update_visit(store, actor, vid, data)  # noqa: E731
            changes = Changes(visits=True, review=True)  # a flagged visit saved again is "corrected"
        self._ctx.runner.mutate(work, changes=changes, on_done=self._saved, on_error=self._save_failed)

    def _saved(self, view: VisitView) -> None:
        self.save_button.setEnabled(True)
        if self._visit is None:
            self.reset()
            self.status_line.setText(self.tr("Visit saved: %1 with %2 filing(s).")
                                     .replace("%1", view.household_head).replace("%2", str(len(view.filings))))
            self._refresh_draft_count()
        self.saved.emit(view)

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.errors.show(exc.problems, self._ctx.language)
        else:
            show_error(self, exc, self._ctx.language)
        if self._visit is None:
            self._changed()  # keep the draft

    def reset(self) -> None:
        """The empty form of a visit not yet begun (its own new draft): the first outcome, this
        computer's user present; the start is stamped when the visit is begun."""
        restoring, self._restoring = self._restoring, True
        try:
            self.household_search.clear()
            self.household_results.hide()
            self._procedure = None
            self._pending_code = None
            self.errors.clear()
            me = self._ctx.actor.member_id
            self._show_draft(VisitDraft(started_at=now_local(), members_present=[me] if me else []))
            self._draft_id = new_draft_id()
            self._began = False
            self._start_by_hand = False
        finally:
            self._restoring = restoring

    def _ask_clear(self) -> None:
        def answered(key: str | None) -> None:
            self.question = None
            if key == "clear":
                draft_id = self._draft_id
                self.reset()
                self._ctx.runner.mutate(discard_visit_draft, self._ctx.store, draft_id, changes=NOTHING,
                                        on_done=lambda _r: self._refresh_draft_count())

        self.question = ask(self, self.tr("Clear the form"), self.tr("Throw away what is typed in this form?"),
                            [Choice("clear", self.tr("Clear")), Choice("keep", self.tr("Keep"), QMessageBox.ButtonRole.RejectRole, True)],
                            answered)

    def load_visit(self, v: VisitView) -> None:
        """Fill the form from a saved visit (editing a flagged visit or a follow-up)."""
        chosen = self.tr("Chosen: %1").replace("%1", f"{v.household_head} — {v.household_address}")
        self._show_draft(VisitDraft.of_visit(v, chosen))
        self.ended_at.setText(self._ended_text(v.started_at, v.ended_at))
        if v.review_status == "flagged" and v.review_note:
            self.status_line.setText(self.tr("Leader's note: %1").replace("%1", v.review_note))

    def _ended_text(self, started: dt.datetime | None, ended: dt.datetime | None) -> str:
        """"10:10 (40 min)": when a saved visit ended and how long it took."""
        if ended is None:
            return self.tr("(not recorded)")
        text = format_datetime(ended) if started is None or started.date() != ended.date() else ended.strftime("%H:%M")
        if started is None or ended < started:
            return text
        minutes = int((ended - started).total_seconds() // 60)
        return self.tr("%1 (%2 min)").replace("%1", text).replace("%2", str(minutes))

    def _show_draft(self, d: VisitDraft) -> None:
        """Put ``d`` into the widgets: the one place that knows which widget shows which field."""
        restoring, self._restoring = self._restoring, True
        try:
            self.household_id = d.household_id
            self._household_text = d.household_text
            self.household_chosen.setText(d.household_label if d.household_id else self.tr("No household chosen yet."))
            self._residents = []
            self._update_filing_for()
            if d.household_id:
                self._load_residents(d.household_id)
            self.started_at.setDateTime(QDateTime(d.started_at or now_local()))
            self.outcome.setCurrentIndex(max(0, self.outcome.findData(d.outcome)))
            self.topics.setText(d.topics)
            self.notes.setPlainText(d.notes)
            self.follow_up.setText(d.follow_up)
            self.satisfaction.setCurrentIndex(max(0, self.satisfaction.findData(d.satisfaction)))
            if d.members_present is not None:  # None: a draft from before members were recorded
                self._show_saved_members(d.members_present)
            self.filings.set_rows(d.filings)
            self.procedure.setText(d.procedure_text)
            self.dossier.setText(d.dossier)
            self._procedure = self._find_procedure(d.pending_procedure)
            self._pending_code = d.pending_procedure if self._procedure is None else None
            self._wanted_for = d.pending_for
            self.filing_for.setCurrentIndex(max(0, self.filing_for.findData(d.pending_for)))
            self.portal.setCurrentIndex(max(0, self.portal.findData(d.pending_portal)))
            self.status.setCurrentIndex(max(0, self.status.findData(d.pending_status)))
            self.fee.setChecked(d.pending_fee)
            self._update_terms()
        finally:
            self._restoring = restoring

    def draft(self) -> VisitDraft:
        """What the widgets hold (the reverse of ``_show_draft``)."""
        started = self.started_at.dateTime().toPython()
        return VisitDraft(
            household_id=self.household_id,
            household_label=self.household_chosen.text(),
            household_text=self._household_text,
            started_at=started if isinstance(started, dt.datetime) else None,
            outcome=self.outcome.currentData(),
            topics=self.topics.text(),
            notes=self.notes.toPlainText(),
            follow_up=self.follow_up.text(),
            satisfaction=self.satisfaction.currentData(),
            members_present=self.members_present(),
            filings=list(self.filings.rows),
            procedure_text=self.procedure.text(),
            dossier=self.dossier.text(),
            pending_procedure=self._procedure.code if self._procedure is not None else self._pending_code,
            pending_for=self.filing_for.currentData() or self._wanted_for,
            pending_portal=self.portal.currentData(),
            pending_status=self.status.currentData(),
            pending_fee=self.fee.isChecked(),
            draft_id=self._draft_id,
        )

    def _show_saved_members(self, member_ids: list[str]) -> None:
        """Tick the saved members, listing any who left the team since, so none is dropped."""
        shown = {self.members.item(i).data(ID_ROLE) for i in range(self.members.count())}
        for mid in member_ids:
            if mid not in shown:
                self._add_member_item(mid, self.tr("(former member)"), False)
        self.set_members_present(member_ids)

    # -- draft ---------------------------------------------------------------------------------

    def _connect_draft(self) -> None:
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft_now)
        if self._visit is not None:
            return
        self.started_at.dateTimeChanged.connect(self._start_changed)
        self.outcome.currentIndexChanged.connect(self._changed)
        self.topics.textChanged.connect(self._changed)
        self.notes.textChanged.connect(self._changed)
        self.follow_up.textChanged.connect(self._changed)
        self.satisfaction.currentIndexChanged.connect(self._changed)
        self.procedure.textChanged.connect(self._changed)
        self.dossier.textChanged.connect(self._changed)
        self.filing_for.activated.connect(self._changed)  # not currentIndexChanged: the list is refilled when residents load
        self.portal.currentIndexChanged.connect(self._changed)
        self.status.currentIndexChanged.connect(self._changed)
        self.fee.toggled.connect(self._changed)

    def _changed(self, *_args: object) -> None:
        if self._visit is None and not self._restoring:
            self._begin()
            self._draft_timer.start()

    def _start_changed(self, *_args: object) -> None:
        if not self._restoring:
            self._start_by_hand = True
        self._changed()

    def _begin(self) -> None:
        """The volunteer's first edit of a new visit: it starts now, unless they typed its start."""
        if self._began or self._visit is not None or self._restoring:
            return
        self._began = True
        if not self._start_by_hand:
            restoring, self._restoring = self._restoring, True
            try:
                self.started_at.setDateTime(QDateTime(now_local()))
            finally:
                self._restoring = restoring

    def is_empty(self) -> bool:
        return self.draft().is_empty()

    def save_draft_now(self, then: Any = None) -> None:
        """Write this visit's draft now (queued on the serial writer); ``then()`` runs once it is written."""
        self._draft_timer.stop()
        if self._visit is not None:
            return

        def written(_result: object) -> None:
            self.draft_saved.emit()
            self._refresh_draft_count()
            if then is not None:
                then()

        self._ctx.runner.mutate(save_visit_draft, self._ctx.store, self.draft(), changes=NOTHING, on_done=written)

    def restore_draft(self, draft: VisitDraft) -> None:
        """Show ``draft`` as the visit being typed (it keeps its key, start and "begun" state)."""
        restoring, self._restoring = self._restoring, True
        try:
            self.reset()
            self._show_draft(draft)
            self._draft_id = draft.draft_id or new_draft_id()
            self._began = True
        finally:
            self._restoring = restoring

    def offer_draft(self, draft: VisitDraft) -> None:
        """A draft survived (crash, kill -9): ask whether to restore it (the main window found it)."""

        def answered(key: str | None) -> None:
            self.question = None
            if key == "restore":
                self.restore_draft(draft)
            elif key == "discard" and draft.draft_id:
                self._ctx.runner.mutate(discard_visit_draft, self._ctx.store, draft.draft_id, changes=NOTHING,
                                        on_done=lambda _r: self._refresh_draft_count())

        self.question = ask(self, self.tr("Unsaved visit found"),
                            self.tr("A visit you were typing was not saved (the app was closed or the computer stopped). Restore it?"),
                            [Choice("restore", self.tr("Restore"), default=True),
                             Choice("discard", self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole),
                             Choice("later", self.tr("Decide later"), QMessageBox.ButtonRole.RejectRole)],
                            answered, informative=draft.household_label)

    # -- several drafts --------------------------------------------------------------------------

    def _refresh_draft_count(self) -> None:
        if self._visit is None:
            self._ctx.runner.query(list_visit_drafts, self._ctx.store, on_done=self._drafts_counted)

    def _drafts_counted(self, drafts: list[DraftSummary]) -> None:
        self.drafts_button.setText(self.tr("Drafts (%1)").replace("%1", str(len(drafts))))

    def open_drafts(self) -> None:
        """"Drafts (N)": keep this visit's draft first (so it is listed too), then list them all."""
        self.save_draft_now(then=self._show_drafts_dialog)

    def begin_another_visit(self) -> None:
        """"New visit": this one stays a draft (under "Drafts (N)"), the form starts the next house."""
        def fresh() -> None:
            self.reset()
            self.household_search.setFocus()

        self.save_draft_now(then=fresh)

    def _show_drafts_dialog(self) -> None:
        dialog = VisitDraftsDialog(self._ctx, self._draft_id, self)
        dialog.chosen.connect(self._open_draft)
        dialog.deleted.connect(self._draft_deleted)
        dialog.finished.connect(lambda _r: setattr(self, "drafts_dialog", None))
        self.drafts_dialog = dialog
        dialog.open()

    def _open_draft(self, draft_id: str) -> None:
        if draft_id != self._draft_id:
            self._ctx.runner.query(load_visit_draft, self._ctx.store, draft_id, on_done=self._draft_reopened)

    def _draft_reopened(self, draft: VisitDraft | None) -> None:
        if draft is not None:
            self.restore_draft(draft)
            self.household_search.setFocus()

    def _draft_deleted(self, draft_id: str) -> None:
        if draft_id == self._draft_id:  # the visit on screen was the one deleted
            self.reset()
        self._refresh_draft_count()

    # -- changes elsewhere -----------------------------------------------------------------------

    def apply_changes(self, changes: Changes, _initiator: object | None) -> None:
        """The catalogue or the team changed (a sync): reload the lists the form picks from."""
        if changes.catalogue:
            self._ctx.runner.query(offered_procedures, self._ctx.store, on_done=self._procedures_loaded)
        if changes.team:
            self._ctx.runner.query(list_team_members, self._ctx.store, self._ctx.actor.team_id, on_done=self._team_loaded)


def _record_and_drop_draft(store: Any, actor: Any, data: VisitInput, draft_id: str) -> VisitView:
    """Save the visit, then drop its draft (serial executor: no draft write can slip between)."""
    view = record_visit(store, actor, data)
    discard_visit_draft(store, draft_id)
    return view

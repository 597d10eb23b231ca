"""One household: residents (with consent), visit history and open follow-ups.

Loads through the services in one background read; every action reloads only this pane and
tells the list which household changed (``changed``), so the big table refetches one row.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from outreach.services.changes import NOTHING, Changes
from outreach.services.consent import give_consent, withdraw_consent
from outreach.services.context import Actor
from outreach.services.households import HouseholdDetail, ResidentView, view_household
from outreach.services.visits import VisitView, visits_of_household
from outreach.ui.core.context import UiContext
from outreach.ui.core.labels import OUTCOME_LABELS, REVIEW_LABELS, SEX_LABELS, format_date, format_time_span, label
from outreach.ui.dialogs.ask import Choice, ask
from outreach.ui.dialogs.consent_dialog import ConsentDialog
from outreach.ui.models.households_model import priority_labels

RES_NAME, RES_RELATION, RES_BORN, RES_SEX, RES_ID, RES_VNEID, RES_CONSENT = range(7)
VIS_DATE, VIS_TIME, VIS_VOLUNTEER, VIS_OUTCOME, VIS_FILINGS, VIS_REVIEW, VIS_FOLLOW_UP = range(7)
ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class HouseholdPage:
    detail: HouseholdDetail
    visits: list[VisitView]


def load_household_page(store: object, actor: Actor, household_id: str) -> HouseholdPage:
    """Background task: the household (its opening recorded in the audit trail, so it runs on
    the writer) and its visits."""
    return HouseholdPage(view_household(store, actor, household_id), visits_of_household(store, household_id))  # type: ignore[arg-type]


class HouseholdDetailView(QWidget):
    changed = Signal(str)  # household id
    edit_household = Signal(object)  # HouseholdDetail
    add_resident = Signal(str)
    edit_resident = Signal(object)  # ResidentView
    new_visit = Signal(str, str)  # household id, label
    open_visit = Signal(str)
    loaded = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.page: HouseholdPage | None = None
        self._household_id: str | None = None
        self.question: QMessageBox | None = None
        self.consent_dialog: ConsentDialog | None = None  # open while consent is being recorded
        self.title = QLabel(self.tr("Choose a household from the list."))
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("detailSubtitle")
        self.subtitle.setWordWrap(True)

        self.edit_button = QPushButton(self.tr("&Edit household"))
        self.visit_button = QPushButton(self.tr("New &visit here"))
        self.edit_button.setObjectName("editHousehold")
        self.visit_button.setObjectName("newVisitHere")
        self.edit_button.clicked.connect(lambda: self.page and self.edit_household.emit(self.page.detail))
        self.visit_button.clicked.connect(self._new_visit)

        self.residents = self._table([self.tr("Name"), self.tr("Relation"), self.tr("Born"), self.tr("Sex"),
                                      self.tr("Personal ID"), self.tr("VNeID"), self.tr("Consent")])
        self.residents.setObjectName("residents")
        self.residents.itemDoubleClicked.connect(lambda _i: self._edit_resident())
        self.add_resident_button = QPushButton(self.tr("&Add resident"))
        self.add_resident_button.setObjectName("addResident")
        self.edit_resident_button = QPushButton(self.tr("Edit resi&dent"))
        self.consent_button = QPushButton(self.tr("Record &consent"))
        self.withdraw_button = QPushButton(self.tr("&Withdraw consent"))
        self.add_resident_button.clicked.connect(lambda: self._household_id and self.add_resident.emit(self._household_id))
        self.edit_resident_button.clicked.connect(self._edit_resident)
        self.consent_button.clicked.connect(self._record_consent)
        self.withdraw_button.clicked.connect(self._withdraw_consent)

        self.visits = self._table([self.tr("Date"), self.tr("Time"), self.tr("Volunteer"), self.tr("Outcome"), self.tr("Filings"),
                                   self.tr("Review"), self.tr("Follow-up")])
        self.visits.setObjectName("visits")
        self.visits.itemActivated.connect(self._open_visit)
        self.follow_up_label = QLabel()
        self.follow_up_label.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.edit_button)
        top.addWidget(self.visit_button)
        top.addStretch(1)
        # two rows of two: one row of four made the pane too wide for the households list beside
        # it to show its addresses on a 1366-px laptop
        res_buttons = QGridLayout()
        for i, b in enumerate((self.add_resident_button, self.edit_resident_button, self.consent_button, self.withdraw_button)):
            res_buttons.addWidget(b, i // 2, i % 2)
        res_buttons.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("Residents")))
        layout.addWidget(self.residents, 2)
        layout.addLayout(res_buttons)
        layout.addWidget(QLabel(self.tr("Open follow-ups")))
        layout.addWidget(self.follow_up_label)
        layout.addWidget(QLabel(self.tr("Visit history")))
        layout.addWidget(self.visits, 2)
        self._set_enabled(False)

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _set_enabled(self, on: bool) -> None:
        for b in (self.edit_button, self.visit_button, self.add_resident_button, self.edit_resident_button,
                  self.consent_button, self.withdraw_button):
            b.setEnabled(on)

    @property
    def household_id(self) -> str | None:
        return self._household_id

    def show_household(self, household_id: str | None) -> None:
        self._household_id = household_id
        if household_id is None:
            self.page = None
            self._set_enabled(False)
            return
        self._ctx.runner.mutate(load_household_page, self._ctx.store, self._ctx.actor, household_id, changes=NOTHING,
                                on_done=lambda page: self._loaded(household_id, page),
                                on_error=self._load_failed)

    def reload(self) -> None:
        self.show_household(self._household_id)

    def _load_failed(self, exc: BaseException) -> None:
        from outreach.ui.core.errors import show_error

        self.page = None
        self._set_enabled(False)
        show_error(self, exc, self._ctx.language)

    def _loaded(self, household_id: str, page: HouseholdPage) -> None:
        if household_id != self._household_id:
            return
        self.page = page
        s = page.detail.summary
        self.title.setText(s.head_name)
        parts = [s.address_text]
        if s.group_name:
            parts.append(s.group_name)
        if s.phone:
            parts.append(self.tr("phone %1").replace("%1", s.phone))
        priorities = priority_labels(s)
        if priorities:
            parts.append(self.tr("priority: %1").replace("%1", ", ".join(priorities)))
        self.subtitle.setText(" · ".join(parts))
        self._fill_residents(page.detail.residents)
        self._fill_visits(page.visits)
        self._set_enabled(True)
        self.loaded.emit()

    def _fill_residents(self, residents: list[ResidentView]) -> None:
        self.residents.setRowCount(len(residents))
        for row, r in enumerate(residents):
            if r.consent_withdrawn_at:
                consent = self.tr("withdrawn %1").replace("%1", format_date(r.consent_withdrawn_at))
            elif r.consent_given_at:
                consent = self.tr("given %1").replace("%1", format_date(r.consent_given_at))
            else:
                consent = self.tr("not recorded")
            values = {
                RES_NAME: r.full_name, RES_RELATION: r.relation_to_head, RES_BORN: format_date(r.date_of_birth),
                RES_SEX: label(SEX_LABELS, r.sex), RES_ID: r.personal_id_masked,
                RES_VNEID: str(r.vneid_level), RES_CONSENT: consent,
            }
            for col, text in values.items():
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, r.id)
                self.residents.setItem(row, col, item)
        if residents:
            self.residents.selectRow(0)

    def _fill_visits(self, visits: list[VisitView]) -> None:
        self.visits.setRowCount(len(visits))
        open_follow_ups = []
        for row, v in enumerate(visits):
            values = {
                VIS_DATE: format_date(v.started_at), VIS_TIME: format_time_span(v.started_at, v.ended_at),
                VIS_VOLUNTEER: v.volunteer_name,
                VIS_OUTCOME: label(OUTCOME_LABELS, v.outcome), VIS_FILINGS: str(len(v.filings)),
                VIS_REVIEW: label(REVIEW_LABELS, v.review_status), VIS_FOLLOW_UP: format_date(v.follow_up_date),
            }
            for col, text in values.items():
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, v.id)
                self.visits.setItem(row, col, item)
            if v.follow_up_date and not v.follow_up_done:
                open_follow_ups.append(self.tr("revisit on %1").replace("%1", format_date(v.follow_up_date)))
            if v.review_status == "flagged":
                open_follow_ups.append(self.tr("returned by the leader: %1").replace("%1", v.review_note))
        self.follow_up_label.setText("\n".join(open_follow_ups) or self.tr("None."))

    def selected_resident(self) -> ResidentView | None:
        if self.page is None:
            return None
        row = self.residents.currentRow()
        residents = self.page.detail.residents
        return residents[row] if 0 <= row < len(residents) else None

    def _edit_resident(self) -> None:
        r = self.selected_resident()
        if r is not None:
            self.edit_resident.emit(r)

    def _new_visit(self) -> None:
        if self.page is not None:
            s = self.page.detail.summary
            self.new_visit.emit(s.id, f"{s.head_name} — {s.address_text}")

    def _open_visit(self, item: QTableWidgetItem) -> None:
        self.open_visit.emit(item.data(ID_ROLE))

    def _record_consent(self) -> None:
        r = self.selected_resident()
        if r is None:
            return
        dialog = ConsentDialog(r.full_name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(lambda purpose: self._write(give_consent, r.id, purpose))
        dialog.finished.connect(lambda _result: setattr(self, "consent_dialog", None))
        self.consent_dialog = dialog
        dialog.open()

    def _withdraw_consent(self) -> None:
        r = self.selected_resident()
        if r is None:
            return

        def answered(key: str | None) -> None:
            self.question = None
            if key == "withdraw":
                self._write(withdraw_consent, r.id)

        self.question = ask(self, self.tr("Withdraw consent"),
                            self.tr("Withdrawing consent erases this person's name, date of birth, ID numbers and phone. "
                                    "Visits and statistics are kept. Continue?"),
                            [Choice("withdraw", self.tr("Withdraw and erase")),
                             Choice("cancel", self.tr("Keep"), QMessageBox.ButtonRole.RejectRole, True)],
                            answered, icon=QMessageBox.Icon.Warning)

    def _write(self, fn: object, *args: object) -> None:
        hid = self._household_id

        def done(_result: object) -> None:
            self.reload()
            if hid:
                self.changed.emit(hid)

        self._ctx.runner.mutate(fn, self._ctx.store, self._ctx.actor, *args,  # type: ignore[arg-type]
                                changes=Changes(households=True), initiator=self, on_done=done)

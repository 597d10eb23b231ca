"""Add or edit a resident, by hand or from a CCCD scan, recording consent first.

Personal data (ID numbers, date of birth, phone) is stored only with the resident's recorded
consent (Law 91/2025/QH15), so for a new resident the consent box must be ticked when any of
those fields is filled. Doubtful ID digits or an ID already in the ward come back as
``NeedsConfirmation``: the user can save anyway, open the existing person, or go back (the
default, back to the ID field: saving doubtful digits must be a deliberate choice).

A scan fills the form and puts focus on the relation, which the card cannot tell; it never
saves (the scan field keeps the scanner's Enter). A second living head is refused by the
service; the dialog then offers to make this person the head instead, in the same write. The
card's printed address is kept with the resident ("Address on the card", read-only). Esc or the
close button asks before throwing away anything typed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from outreach.cccd import CccdRecord
from outreach.errors import FieldProblem, NeedsConfirmation, ValidationError
from outreach.services.changes import Changes
from outreach.services.households import FORMER_HEAD_RELATION, RELATIONS, ResidentInput, ResidentView, add_resident, update_resident
from outreach.ui.core.context import UiContext
from outreach.ui.core.errors import show_error
from outreach.ui.core.labels import SEX_LABELS, label
from outreach.ui.dialogs.ask import Choice, ask
from outreach.ui.dialogs.discard import DiscardGuard
from outreach.ui.dialogs.fit import grow_to_content
from outreach.ui.widgets.cccd_scan import SCAN_FORM_MIN_WIDTH, CccdScanField
from outreach.ui.widgets.date_field import DateField
from outreach.ui.widgets.field_errors import FieldErrors, error_label


class ResidentDialog(QDialog):
    saved = Signal(object)  # ResidentView
    open_household = Signal(str)

    def __init__(self, ctx: UiContext, household_id: str, parent: QWidget | None = None, *,
                 resident: ResidentView | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._household_id = household_id
        self._resident = resident
        self.question: QMessageBox | None = None
        self._confirmed = self._replace_head = False
        self.scanned_address = (resident.card_address or "") if resident else ""
        #: the scanned card's issue date, kept like its address (the reach lists compute renewal from it)
        self.scanned_issued_on = resident.card_issued_on if resident else None
        self.setObjectName("residentDialog")
        self.setWindowTitle(self.tr("Edit resident") if resident else self.tr("Add a resident"))
        self.setModal(True)

        self.scan = CccdScanField(ctx.language, with_button=True)
        self.scan.scanned.connect(self.fill_from_card)
        self.scan.rejected.connect(lambda _why: grow_to_content(self))
        self.full_name = QLineEdit()
        self.full_name.setObjectName("full_name")
        self.date_of_birth = DateField()
        self.date_of_birth.setObjectName("date_of_birth")
        self.sex = QComboBox()
        self.sex.setObjectName("sex")
        self.sex.addItem(self.tr("(not given)"), None)
        for code in SEX_LABELS:
            self.sex.addItem(label(SEX_LABELS, code), code)
        self.personal_id = QLineEdit()
        self.personal_id.setObjectName("personal_id")
        self.personal_id.setMaxLength(12)
        self.personal_id.setPlaceholderText(self.tr("12 digits"))
        self.old_id = QLineEdit()
        self.old_id.setObjectName("old_id")
        self.old_id.setMaxLength(9)
        self.relation = QComboBox()
        self.relation.setObjectName("relation")
        self.relation.setEditable(True)
        self.relation.addItems(list(RELATIONS))  # Vietnamese kinship terms are data, as on forms
        if resident is None:  # chosen by the user, never "Chủ hộ" by default (a second head)
            self.relation.setCurrentIndex(-1)
            line = self.relation.lineEdit()
            if line is not None:
                line.setPlaceholderText(self.tr("choose or type the relation"))
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.vneid = QComboBox()
        self.vneid.setObjectName("vneid")
        for level, text in ((0, self.tr("No account")), (1, self.tr("Level 1")), (2, self.tr("Level 2"))):
            self.vneid.addItem(text, level)
        self.consent = QCheckBox(self.tr("The resident &agrees that the ward keeps these details"))
        self.consent.setObjectName("consent")
        self.purpose = QLineEdit(self.tr("Help with online public services"))
        self.purpose.setObjectName("purpose")
        self.card_address = QLineEdit(self.scanned_address)
        self.card_address.setObjectName("card_address")
        self.card_address.setReadOnly(True)
        self.card_address.setPlaceholderText(self.tr("(filled from a scanned card)"))
        self.card_address.setToolTip(self.tr("The permanent address printed on the ID card, kept as printed"))

        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        form = QFormLayout()
        form.addRow(self.scan)
        self._row(form, self.tr("&Full name:"), self.full_name, "full_name")
        self._row(form, self.tr("Date of &birth:"), self.date_of_birth, "date_of_birth")
        self._row(form, self.tr("&Sex:"), self.sex, "sex")
        self._row(form, self.tr("&Personal ID:"), self.personal_id, "personal_id")
        self._row(form, self.tr("&Old ID (CMND):"), self.old_id, "old_id")
        self._row(form, self.tr("&Relation to head:"), self.relation, "relation_to_head")
        self._row(form, self.tr("P&hone:"), self.phone, "phone")
        self._row(form, self.tr("&VNeID level:"), self.vneid, "vneid_level")
        self._row(form, self.tr("Address on the card:"), self.card_address, "card_address")
        if resident is None:
            form.addRow(self.consent)
            self._row(form, self.tr("P&urpose:"), self.purpose, "consent")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        if resident is not None:
            self._fill(resident)
        self.guard = DiscardGuard(self, self._state)
        self.setMinimumWidth(SCAN_FORM_MIN_WIDTH)  # room for the scan field, its button and a card's address
        self.scan.focus()

    def _state(self) -> tuple[object, ...]:
        """Everything the user can change, to tell whether Esc would throw typing away."""
        return (self.full_name.text(), self.date_of_birth.text(), self.sex.currentIndex(), self.personal_id.text(),
                self.old_id.text(), self.relation.currentText(), self.phone.text(), self.vneid.currentIndex(),
                self.consent.isChecked(), self.purpose.text(), self.scanned_address)

    def reject(self) -> None:
        """Esc, Cancel and the close button: ask first when something was typed."""
        self.guard.reject(super().reject)

    def _row(self, form: QFormLayout, caption: str, widget: QWidget, field: str) -> None:
        text = QLabel(caption)
        text.setBuddy(widget)
        form.addRow(text, widget)
        err = error_label()
        self.errors.add(field, err)
        form.addRow("", err)

    def _fill(self, r: ResidentView) -> None:
        self.full_name.setText(r.full_name)
        self.date_of_birth.set_date(r.date_of_birth)
        self.sex.setCurrentIndex(max(0, self.sex.findData(r.sex)))
        self.personal_id.setText(r.personal_id or "")
        self.old_id.setText(r.old_id or "")
        self.relation.setCurrentText(r.relation_to_head)
        self.phone.setText(r.phone or "")
        self.vneid.setCurrentIndex(max(0, self.vneid.findData(r.vneid_level)))

    def fill_from_card(self, record: CccdRecord) -> None:
        """Copy a scanned card into the fields; nothing is saved until the user saves."""
        self.full_name.setText(record.full_name)
        self.date_of_birth.set_date(record.date_of_birth)
        self.sex.setCurrentIndex(max(0, self.sex.findData(record.sex)))
        self.personal_id.setText(record.personal_id)
        self.old_id.setText(record.old_id or "")
        self.scanned_address = record.address
        self.scanned_issued_on = record.issue_date
        self.card_address.setText(record.address)
        self.card_address.setCursorPosition(0)
        self.relation.setFocus()
        grow_to_content(self)

    def data(self) -> ResidentInput:
        """The form as plain data; raises ``ValidationError`` for what only the form can check."""
        problems: list[FieldProblem] = []
        try:
            dob = self.date_of_birth.date()
        except ValueError:
            dob = None
            problems.append(FieldProblem("date_of_birth", "invalid", "Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 01/02/1990.",
                                         "The date of birth must be dd/mm/yyyy, e.g. 01/02/1990."))
        has_personal = bool(self.personal_id.text().strip() or self.old_id.text().strip() or self.phone.text().strip() or dob)
        if self._resident is None and has_personal and not self.consent.isChecked():
            problems.append(FieldProblem("consent", "consent_required",
                                         "Cần ghi nhận sự đồng ý của người dân trước khi lưu số định danh, ngày sinh hoặc số điện thoại.",
                                         "Record the resident's consent before saving an ID number, date of birth or phone."))
        if problems:
            raise ValidationError(problems)
        return ResidentInput(
            full_name=self.full_name.text(),
            date_of_birth=dob,
            sex=self.sex.currentData(),
            personal_id=self.personal_id.text().strip() or None,
            old_id=self.old_id.text().strip() or None,
            relation_to_head=self.relation.currentText(),
            phone=self.phone.text().strip() or None,
            vneid_level=int(self.vneid.currentData()),
            card_address=self.scanned_address or None,
            card_issued_on=self.scanned_issued_on,
        )

    def save(self, confirm: bool = False, replace_head: bool = False) -> None:
        self.errors.clear()
        try:
            data = self.data()
        except ValidationError as exc:
            self.errors.show(exc.problems, self._ctx.language)
            grow_to_content(self)
            return
        self.buttons.setEnabled(False)
        store, actor = self._ctx.store, self._ctx.actor
        if self._resident is None:
            purpose = self.purpose.text().strip() if self.consent.isChecked() else None
            hid = self._household_id
            work = lambda: add_resident(store, actor, hid, data, consent_purpose=purpose, confirm=confirm,  # noqa: E731
                                        replace_head=replace_head)
        else:
            rid = self._resident.id
            work = lambda: update_resident(store, actor, rid, data, confirm=confirm, replace_head=replace_head)  # noqa: E731
        self._confirmed, self._replace_head = confirm, replace_head
        self._ctx.runner.mutate(work, changes=Changes(households=True), initiator=self, on_done=self._done, on_error=self._failed)

    def _done(self, view: ResidentView) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(view)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.errors.show(exc.problems, self._ctx.language)
            grow_to_content(self)
            if any(p.code == "second_head" for p in exc.problems):
                self._offer_head(exc)
        elif isinstance(exc, NeedsConfirmation):
            self._ask(exc)
        else:
            show_error(self, exc, self._ctx.language)

    def _ask(self, exc: NeedsConfirmation) -> None:
        existing = [e for e in exc.existing if isinstance(e, ResidentView)]
        can_open = bool(existing and existing[0].household_id)
        choices = [Choice("confirm", self.tr("Save anyway"))]
        if can_open:
            choices.insert(0, Choice("open", self.tr("Open the existing person"), default=True))
        # Enter goes back to the field unless there is a person to open: never "save anyway"
        choices.append(Choice("cancel", self.tr("Go back and correct"), QMessageBox.ButtonRole.RejectRole,
                              default=not can_open))

        def answered(key: str | None) -> None:
            self.question = None
            if key == "confirm":
                self.save(confirm=True, replace_head=self._replace_head)
            elif key == "open" and existing and existing[0].household_id:
                self.open_household.emit(existing[0].household_id)
                QDialog.reject(self)  # the user chose to open the other person: nothing to ask
            else:
                self.personal_id.setFocus()
                self.personal_id.selectAll()

        self.question = ask(self, self.tr("Please check"), exc.message(self._ctx.language), choices, answered,
                            informative=self.tr("Compare with the ID card before saving."), icon=QMessageBox.Icon.Warning)

    def _offer_head(self, exc: ValidationError) -> None:
        """The household already has a living head: pick another relation, or make this person the
        head (the former head becomes "Khác"; one write, never two heads)."""
        message = next(p.message(self._ctx.language) for p in exc.problems if p.code == "second_head")

        def answered(key: str | None) -> None:
            self.question = None
            if key == "head":
                self.save(confirm=self._confirmed, replace_head=True)
            else:
                self.relation.setFocus()

        self.question = ask(self, self.tr("The household already has a head"), message,
                            [Choice("head", self.tr("Make this person the head")),
                             Choice("cancel", self.tr("Choose another relation"), QMessageBox.ButtonRole.RejectRole, True)],
                            answered, informative=self.tr("The current head's relation becomes “%1”.").replace("%1", FORMER_HEAD_RELATION),
                            icon=QMessageBox.Icon.Warning)

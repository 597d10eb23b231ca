"""Register or edit a household, with inline validation and the duplicate-address warning.

The dialog validates through the service (one source of truth for the rules) in the serial
write executor; problems come back as a ``ValidationError`` and appear under their fields. A
household already at the same address raises ``NeedsConfirmation``: the user may open the
existing household instead (``open_existing`` signal) or confirm to create a new one.

A new household can start from a scanned ID card (the scan field, "Scan CCCD (Ctrl+Shift+C)"):
the card holder's name becomes the head, the printed address goes to "other details" for the
user to split, and ``scanned`` keeps the card so the screen can add the head as a resident after
saving. Esc or the close button asks before throwing away anything typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from outreach.cccd import CccdRecord
from outreach.errors import NeedsConfirmation, ValidationError
from outreach.services.changes import Changes
from outreach.services.households import (
    HouseholdDetail,
    HouseholdInput,
    HouseholdSummary,
    list_groups,
    register_household,
    update_household,
)
from outreach.ui.core.context import UiContext
from outreach.ui.core.errors import show_error
from outreach.ui.dialogs.ask import Choice, ask
from outreach.ui.dialogs.discard import DiscardGuard
from outreach.ui.dialogs.fit import grow_to_content
from outreach.ui.widgets.cccd_scan import SCAN_FORM_MIN_WIDTH, CccdScanField
from outreach.ui.widgets.field_errors import FieldErrors, error_label

ADDRESS_FIELDS = ("house_number", "alley", "lane", "street", "hamlet", "extra")


class HouseholdDialog(QDialog):
    """Enter saves, Esc cancels. ``saved(HouseholdSummary)`` after a successful save."""

    saved = Signal(object)
    open_existing = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, detail: HouseholdDetail | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._detail = detail
        self.question: QMessageBox | None = None
        self.scanned: CccdRecord | None = None  # the card this household was started from
        self._groups_ready = False
        self.setObjectName("householdDialog")
        self.setWindowTitle(self.tr("Edit household") if detail else self.tr("Register a household"))
        self.setModal(True)

        self.head_name = QLineEdit()
        self.head_name.setObjectName("head_name")
        self.address: dict[str, QLineEdit] = {name: QLineEdit() for name in ADDRESS_FIELDS}
        for name, edit in self.address.items():
            edit.setObjectName(f"address.{name}")
        self.address["house_number"].setPlaceholderText(self.tr("e.g. 12"))
        self.address["alley"].setPlaceholderText(self.tr("e.g. Ngách 4"))
        self.address["lane"].setPlaceholderText(self.tr("e.g. Ngõ 12"))
        self.address["street"].setPlaceholderText(self.tr("e.g. Đội Cấn"))
        self.group = QComboBox()
        self.group.setObjectName("group")
        self.group.addItem(self.tr("(no group)"), None)
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.elderly_alone = QCheckBox(self.tr("&Elderly person living alone"))
        self.disabled = QCheckBox(self.tr("Person with &disability"))
        self.policy_family = QCheckBox(self.tr("&Policy family"))
        self.poor_household = QCheckBox(self.tr("P&oor or near-poor household"))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)

        self.general_error = error_label()
        self.errors = FieldErrors(self.general_error)
        form = QFormLayout()
        self.scan: CccdScanField | None = None
        if detail is None:
            self.scan = CccdScanField(ctx.language, with_button=True)
            self.scan.scanned.connect(self._card_scanned)
            self.scan.rejected.connect(lambda _why: grow_to_content(self))
            form.addRow(self.scan)
        head_label = QLabel(self.tr("Head of ho&usehold:"))
        head_label.setBuddy(self.head_name)
        form.addRow(head_label, self.head_name)
        form.addRow("", self._error_for("head_name"))

        address_box = QGroupBox(self.tr("Address"))
        grid = QGridLayout(address_box)
        captions = {
            "house_number": self.tr("House &number:"),
            "alley": self.tr("&Alley (ngách):"),
            "lane": self.tr("&Lane (ngõ):"),
            "street": self.tr("&Street:"),
            "hamlet": self.tr("Hamlet / &village:"),
            "extra": self.tr("Othe&r address details:"),
        }
        for i, name in enumerate(ADDRESS_FIELDS):
            caption = QLabel(captions[name])
            caption.setBuddy(self.address[name])
            grid.addWidget(caption, i, 0)
            grid.addWidget(self.address[name], i, 1)
        address_error = error_label()
        self.errors.add("address", address_error)
        grid.addWidget(address_error, len(ADDRESS_FIELDS), 0, 1, 2)
        form.addRow(address_box)

        group_label = QLabel(self.tr("Residential &group:"))
        group_label.setBuddy(self.group)
        form.addRow(group_label, self.group)
        phone_label = QLabel(self.tr("P&hone:"))
        phone_label.setBuddy(self.phone)
        form.addRow(phone_label, self.phone)
        form.addRow("", self._error_for("phone"))
        priority = QGroupBox(self.tr("Priority"))
        pl = QVBoxLayout(priority)
        for box in (self.elderly_alone, self.disabled, self.policy_family, self.poor_household):
            pl.addWidget(box)
        form.addRow(priority)
        notes_label = QLabel(self.tr("No&tes:"))
        notes_label.setBuddy(self.notes)
        form.addRow(notes_label, self.notes)
        form.addRow("", self._error_for("notes"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self._fill(detail)
        self.guard = DiscardGuard(self, self._state)
        self.setMinimumWidth(SCAN_FORM_MIN_WIDTH)  # room for the scan field, its button and a card's address
        ctx.runner.query(list_groups, ctx.store, on_done=self._groups_loaded)
        self.head_name.setFocus()

    def _state(self) -> tuple[object, ...]:
        """Everything the user can change, to tell whether Esc would throw typing away."""
        wanted = self._detail.summary.group_id if self._detail else None
        group = self.group.currentData() if self._groups_ready else wanted  # the groups load later
        return (self.head_name.text(), tuple(e.text() for e in self.address.values()), group, self.phone.text(),
                self.elderly_alone.isChecked(), self.disabled.isChecked(), self.policy_family.isChecked(),
                self.poor_household.isChecked(), self.notes.toPlainText())

    def reject(self) -> None:
        """Esc, Cancel and the close button: ask first when something was typed."""
        self.guard.reject(super().reject)

    def _error_for(self, field: str) -> QLabel:
        label = error_label()
        self.errors.add(field, label)
        return label

    def _fill(self, detail: HouseholdDetail | None) -> None:
        if detail is None:
            return
        s = detail.summary
        self.head_name.setText(s.head_name)
        for name, edit in self.address.items():
            edit.setText(detail.address.get(name, ""))
        self.phone.setText(s.phone or "")
        self.elderly_alone.setChecked(s.elderly_alone)
        self.disabled.setChecked(s.disabled)
        self.policy_family.setChecked(s.policy_family)
        self.poor_household.setChecked(s.poor_household)
        self.notes.setPlainText(detail.notes)

    def _groups_loaded(self, groups: list[tuple[str, str]]) -> None:
        wanted = self._detail.summary.group_id if self._detail else None
        for gid, name in groups:
            self.group.addItem(name, gid)
            if gid == wanted:
                self.group.setCurrentIndex(self.group.count() - 1)
        self._groups_ready = True

    def prefill(self, record: CccdRecord) -> None:
        """Fill from a scanned ID card: the printed address goes to "other details" as printed."""
        self.scanned = record
        self.head_name.setText(record.full_name)
        self.address["extra"].setText(record.address)
        self.address["extra"].setCursorPosition(0)

    def _card_scanned(self, record: CccdRecord) -> None:
        self.prefill(record)
        self.address["house_number"].setFocus()  # the card's one-line address still needs splitting
        grow_to_content(self)

    def data(self) -> HouseholdInput:
        return HouseholdInput(
            head_name=self.head_name.text(),
            address={name: edit.text() for name, edit in self.address.items()},
            group_id=self.group.currentData(),
            phone=self.phone.text().strip() or None,
            elderly_alone=self.elderly_alone.isChecked(),
            disabled=self.disabled.isChecked(),
            policy_family=self.policy_family.isChecked(),
            poor_household=self.poor_household.isChecked(),
            notes=self.notes.toPlainText(),
        )

    def save(self, confirm: bool = False) -> None:
        self.errors.clear()
        self.buttons.setEnabled(False)
        data = self.data()
        if self._detail is not None:
            hid = self._detail.summary.id
            self._ctx.runner.mutate(update_household, self._ctx.store, self._ctx.actor, hid, data, changes=Changes(households=True),
                                    initiator=self, on_done=self._done, on_error=self._failed)
        else:
            self._ctx.runner.mutate(lambda: register_household(self._ctx.store, self._ctx.actor, data, confirm=confirm),
                                    changes=Changes(households=True), initiator=self, on_done=self._done, on_error=self._failed)

    def _done(self, summary: HouseholdSummary) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(summary)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationError):
            self.errors.show(exc.problems, self._ctx.language)
            grow_to_content(self)
            self._focus_first_problem(exc)
        elif isinstance(exc, NeedsConfirmation):
            self._ask_duplicate(exc)
        else:
            show_error(self, exc, self._ctx.language)

    def _focus_first_problem(self, exc: ValidationError) -> None:
        field = exc.problems[0].field
        widget = {"head_name": self.head_name, "phone": self.phone, "notes": self.notes}.get(field)
        if widget is None and field.startswith("address"):
            widget = self.address.get(field.partition(".")[2] or "house_number", self.address["house_number"])
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _ask_duplicate(self, exc: NeedsConfirmation) -> None:
        existing = [e for e in exc.existing if isinstance(e, HouseholdSummary)]
        lines = "\n".join(f"• {e.head_name} — {e.address_text}" for e in existing[:5])
        choices = []
        if existing:
            choices.append(Choice("open", self.tr("Open the existing household"), default=True))
        choices += [
            Choice("create", self.tr("Register a new one anyway")),
            Choice("cancel", self.tr("Go back"), QMessageBox.ButtonRole.RejectRole),
        ]

        def answered(key: str | None) -> None:
            self.question = None
            if key == "open" and existing:
                self.open_existing.emit(existing[0].id)
                QDialog.reject(self)  # the user chose the existing household: nothing to ask
            elif key == "create":
                self.save(confirm=True)

        self.question = ask(self, self.tr("Household already registered?"), exc.message(self._ctx.language),
                            choices, answered, informative=lines, icon=QMessageBox.Icon.Warning)

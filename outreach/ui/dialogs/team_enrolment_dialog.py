"""A team leader enrols a team member's laptop in the field: the server issues a one-time code
for the leader's team, shown here as a QR code (scanned into the new laptop's Settings screen
with the USB scanner) and as text to type.

Asking the server waits on the network, so it runs on the task runner; the QR image is made on
the worker too (pure Python, a few ms).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from outreach.services.changes import NOTHING
from outreach.timeutil import VIETNAM
from outreach.ui.core.context import UiContext
from outreach.ui.core.labels import format_datetime
from outreach.ui.widgets.field_errors import error_label

if TYPE_CHECKING:
    from outreach.store.database import Store
    from outreach.sync.client import IssuedEnrolmentCode

QR_BOX_SIZE = 7


def issue_code_with_qr(store: Store, member_name: str) -> tuple[IssuedEnrolmentCode, bytes]:
    """Worker: ask the server for a volunteer code, and draw the QR of its enrolment link."""
    from outreach.qr_image import qr_png_bytes
    from outreach.sync.client import issue_team_enrolment_code

    issued = issue_team_enrolment_code(store, member_name)
    return issued, qr_png_bytes(issued.link, box_size=QR_BOX_SIZE)


class TeamEnrolmentDialog(QDialog):
    """``issued`` once the code is on screen (tests wait on it); ``failed`` with the shown text."""

    issued = Signal()
    failed = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setObjectName("teamEnrolmentDialog")
        self.setWindowTitle(self.tr("Enrol a team member's laptop"))
        self.member_name = QLineEdit()
        self.member_name.setObjectName("memberName")
        self.member_name.setMaxLength(200)
        self.member_name.setPlaceholderText(self.tr("e.g. Lê Thị Mai (optional)"))
        name_caption = QLabel(self.tr("Team member's &name:"))
        name_caption.setBuddy(self.member_name)
        self.get_code = QPushButton(self.tr("&Get a code"))
        self.get_code.setObjectName("getCode")
        self.get_code.setDefault(True)
        self.get_code.clicked.connect(self.request_code)
        self.error = error_label()

        self.qr = QLabel()
        self.qr.setObjectName("enrolmentQr")
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code = QLabel()
        self.code.setObjectName("enrolmentCode")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.8)
        big.setBold(True)
        self.code.setFont(big)
        self.instructions = QLabel()
        self.instructions.setObjectName("enrolmentInstructions")
        self.instructions.setWordWrap(True)

        form = QFormLayout()
        form.addRow(name_caption, self.member_name)
        form.addRow("", self.get_code)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The code lets one more laptop join your team as a volunteer. It works once and "
                               "expires after a few minutes."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.qr)
        layout.addWidget(self.code)
        layout.addWidget(self.instructions)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.member_name.setFocus()

    def request_code(self) -> None:
        self.error.setVisible(False)
        self.get_code.setEnabled(False)
        self._ctx.runner.network(issue_code_with_qr, self._ctx.store, self.member_name.text(), changes=NOTHING,
                                 on_done=self._show, on_error=self._failed)

    def _show(self, result: tuple[IssuedEnrolmentCode, bytes]) -> None:
        issued, png = result
        pixmap = QPixmap()
        pixmap.loadFromData(png, "PNG")
        self.qr.setPixmap(pixmap)
        self.code.setText(issued.code)
        expires = issued.expires_at.astimezone(VIETNAM).replace(tzinfo=None)
        self.instructions.setText(
            self.tr("On the new laptop: open Settings, put the cursor in \"Enrolment code\" and scan this QR code "
                    "(or type the server address and the code). Valid until %1, once.")
            .replace("%1", format_datetime(expires)))
        self.get_code.setEnabled(True)
        self.get_code.setText(self.tr("&Get another code"))
        self.adjustSize()
        self.issued.emit()

    def _failed(self, exc: BaseException) -> None:
        from outreach.ui.core.errors import error_text, log_if_bug

        log_if_bug(exc)
        self.get_code.setEnabled(True)
        text = error_text(exc, self._ctx.language)
        self.error.setText(text)
        self.error.setVisible(True)
        self.failed.emit(text)

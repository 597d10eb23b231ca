"""Settings: language, profile folder, ward server enrolment (sync hook), and about.

Language applies live: the main window reinstalls the translators and rebuilds its screens
(the New visit form's typed content is carried over), and the choice is saved in the profile
so the next start and the CLI use it too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from outreach import __version__
from outreach.services.changes import Changes
from outreach.ui import sync_hook
from outreach.ui.core.context import UiContext
from outreach.ui.core.labels import ROLE_LABELS, label
from outreach.ui.widgets.field_errors import error_label

#: Typing pause after which the code field is checked for a scanned enrolment link.
LINK_PAUSE_MS = 300


class SettingsView(QWidget):
    language_chosen = Signal(str)
    enrolled = Signal()
    #: "Change PIN…": the window's app lock asks the current PIN, then the new one
    change_pin_wanted = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setObjectName("settingsView")
        profile = ctx.store.profile

        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(ctx.language)))
        self.language.currentIndexChanged.connect(lambda _i: self.language_chosen.emit(self.language.currentData()))
        lang_box = QGroupBox(self.tr("Language"))
        lf = QFormLayout(lang_box)
        caption = QLabel(self.tr("&Language:"))
        caption.setBuddy(self.language)
        lf.addRow(caption, self.language)
        lf.addRow(QLabel(self.tr("The change applies at once and is remembered for the next start.")))

        profile_box = QGroupBox(self.tr("Profile"))
        pf = QFormLayout(profile_box)
        folder = QLabel(str(profile.data_dir))
        folder.setObjectName("profileFolder")
        folder.setWordWrap(True)
        open_folder = QPushButton(self.tr("Open &folder"))
        open_folder.setObjectName("openProfileFolder")
        open_folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(profile.data_dir))))
        row = QHBoxLayout()
        row.addWidget(folder, 1)
        row.addWidget(open_folder)
        pf.addRow(self.tr("Profile folder:"), row)
        pf.addRow(self.tr("Signed in as:"), QLabel(f"{profile.member_name or '—'} ({label(ROLE_LABELS, self._ctx.actor.role)})"))
        if profile.demo:
            pf.addRow(QLabel(self.tr("This is a demo profile with synthetic data.")))
        else:
            self.change_pin_button = QPushButton(self.tr("Change the &PIN…"))
            self.change_pin_button.setObjectName("changePin")
            self.change_pin_button.setToolTip(self.tr("The app lock's PIN, asked at start, after 10 idle minutes and on Ctrl+L"))
            self.change_pin_button.clicked.connect(self.change_pin_wanted)
            pf.addRow(self.tr("App lock:"), self.change_pin_button)

        # ---- sync hook: the one place the Settings screen talks to the sync engine -------------
        server_box = QGroupBox(self.tr("Ward server"))
        sf = QFormLayout(server_box)
        self.server_url = QLineEdit(profile.server_url or "")
        self.server_url.setObjectName("serverUrl")
        self.server_url.setPlaceholderText("https://outreach.phuong.example.vn")
        self.code = QLineEdit()
        self.code.setObjectName("enrolCode")
        self.code.setPlaceholderText(self.tr("One-time code from the ward office"))
        self.ca_bundle = QLineEdit(profile.ca_bundle or "")
        self.ca_bundle.setObjectName("caBundle")
        self.ca_bundle.setPlaceholderText(self.tr("Only if the ward uses its own certificate (.pem)"))
        self.ca_browse = QPushButton(self.tr("&Browse…"))
        self.ca_browse.clicked.connect(self._choose_ca_bundle)
        self.enrol_button = QPushButton(self.tr("&Enrol this computer"))
        self.enrol_button.setObjectName("enrol")
        self.enrol_button.clicked.connect(self._enrol)
        self.enrol_message = QLabel()
        self.enrol_message.setObjectName("enrolMessage")
        self.enrol_message.setWordWrap(True)
        self.enrol_error = error_label()
        server_caption = QLabel(self.tr("Server &address:"))
        server_caption.setBuddy(self.server_url)
        code_caption = QLabel(self.tr("Enrolment &code:"))
        code_caption.setBuddy(self.code)
        # A USB scanner types the QR's link one key at a time, usually ending with Enter; read it
        # when Enter comes, or once typing pauses (scanners set to send no Enter).
        self._link_pause = QTimer(self)
        self._link_pause.setSingleShot(True)
        self._link_pause.setInterval(LINK_PAUSE_MS)
        self._link_pause.timeout.connect(self._maybe_scanned_link)
        self.code.textChanged.connect(lambda _t: self._link_pause.start())
        self.code.returnPressed.connect(self._maybe_scanned_link)
        sf.addRow(server_caption, self.server_url)
        sf.addRow(code_caption, self.code)
        ca_caption = QLabel(self.tr("Server ce&rtificate:"))
        ca_caption.setBuddy(self.ca_bundle)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(self.ca_browse)
        sf.addRow(ca_caption, ca_row)
        sf.addRow("", self.enrol_button)
        sf.addRow(self.enrol_message)
        sf.addRow(self.enrol_error)
        self.enrol_member_button: QPushButton | None = None
        if self._ctx.actor.is_leader and profile.server_device_id:
            self.enrol_member_button = QPushButton(self.tr("Enrol a &team member's laptop…"))
            self.enrol_member_button.setObjectName("enrolTeamMember")
            self.enrol_member_button.clicked.connect(self.open_team_enrolment)
            sf.addRow("", self.enrol_member_button)
        self.dialog: QWidget | None = None
        if profile.server_device_id:
            self.enrol_message.setText(self.tr("This computer is enrolled with %1.").replace("%1", profile.server_url or ""))
        # ---- end of sync hook ------------------------------------------------------------------

        about_box = QGroupBox(self.tr("About"))
        af = QFormLayout(about_box)
        af.addRow(self.tr("Version:"), QLabel(__version__))
        db = QLabel(str(profile.database_path))
        db.setObjectName("databasePath")
        db.setWordWrap(True)
        af.addRow(self.tr("Database:"), db)
        encryption = QLabel(self.tr("Encrypted (key kept in the system keyring)") if profile.encrypted
                            else self.tr("NOT encrypted — demo data only"))
        encryption.setObjectName("encryptionState")
        af.addRow(self.tr("Encryption:"), encryption)

        layout = QVBoxLayout(self)
        for box in (lang_box, profile_box, server_box, about_box):
            layout.addWidget(box)
        layout.addStretch(1)
        self.setFocusProxy(self.language)

    def _maybe_scanned_link(self) -> None:
        """A scanned enrolment link in the code field: split it into server address and code."""
        from outreach.wire.enrolment_link import NotAnEnrolmentLink, parse_enrolment_link

        self._link_pause.stop()
        text = self.code.text()
        if "://" not in text:
            return
        try:
            link = parse_enrolment_link(text)
        except NotAnEnrolmentLink:
            return
        if link.server_url:
            self.server_url.setText(link.server_url)
        self.code.setText(link.code)
        self.enrol_button.setFocus()

    def open_team_enrolment(self) -> QWidget:
        from outreach.ui.dialogs.team_enrolment_dialog import TeamEnrolmentDialog

        dialog = TeamEnrolmentDialog(self._ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _enrol(self) -> None:
        self.enrol_error.setVisible(False)
        url, code = self.server_url.text().strip(), self.code.text().strip()
        if not url or not code:
            self.enrol_error.setText(self.tr("Enter the server address and the one-time code."))
            self.enrol_error.setVisible(True)
            return
        ca_bundle = self.ca_bundle.text().strip() or None
        if ca_bundle and not Path(ca_bundle).is_file():
            self.enrol_error.setText(self.tr("The certificate file %1 does not exist.").replace("%1", ca_bundle))
            self.enrol_error.setVisible(True)
            return
        self.enrol_button.setEnabled(False)
        self._ctx.runner.network(sync_hook.enrol, self._ctx.store, url, code, ca_bundle, changes=Changes(sync=True),
                                 on_done=self._enrolled, on_error=self._enrol_failed)

    def _choose_ca_bundle(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("The ward server's certificate"), "",
                                                    self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if path:
            self.ca_bundle.setText(path)

    def _enrolled(self, _result: object) -> None:
        self.enrol_button.setEnabled(True)
        self.code.clear()
        self.enrol_message.setText(self.tr("This computer is enrolled with %1. Restart Outreach to start syncing.")
                                   .replace("%1", self.server_url.text().strip()))
        self.enrolled.emit()

    def _enrol_failed(self, exc: BaseException) -> None:
        from outreach.ui.core.errors import error_text, log_if_bug

        log_if_bug(exc)
        self.enrol_button.setEnabled(True)
        self.enrol_error.setText(error_text(exc, self._ctx.language))
        self.enrol_error.setVisible(True)

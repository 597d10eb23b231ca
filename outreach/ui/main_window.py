"""The main window: navigation between the screens, the status bar, remembered geometry
(always inside the screen: ``window_geometry``).

Screens are built the first time they are shown, so start-up pays only for the Households
screen, and a screen nobody opens costs no memory. A language switch rebuilds the screens with
the new translators installed; the New visit form's typed content is carried across.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from outreach.services.changes import NOTHING, Changes
from outreach.services.visit_draft import VisitDraft, load_visit_draft
from outreach.services.visits import VisitView, get_visit
from outreach.ui import sync_hook
from outreach.ui.core import settings as ui_settings
from outreach.ui.core.context import UiContext
from outreach.ui.core.errors import log_if_bug
from outreach.ui.core.labels import ROLE_LABELS, label
from outreach.ui.dialogs.ask import Choice, ask
from outreach.ui.dialogs.restamp_dialog import RestampPrompt
from outreach.ui.sync_driver import FIRST_SYNC_DELAY_MS, SyncDriver
from outreach.ui.sync_hook import SyncStatus
from outreach.ui.widgets.cccd_scan import SCAN_SHORTCUT
from outreach.ui.widgets.sync_status import SyncStatusLabel
from outreach.ui.window_geometry import initial_placement

if TYPE_CHECKING:  # imported when first used: start-up pays only for the first screen
    from outreach.services.duplicates import ScanResult
    from outreach.ui.dialogs.scan_dialog import ScanDialog

log = logging.getLogger(__name__)

PAGE_HOUSEHOLDS = 0
PAGE_NEW_VISIT = 1
PAGE_TODAY = 2
PAGE_FOLLOW_UPS = 3
PAGE_WEEKLY_LOG = 4
PAGE_COVERAGE = 5
PAGE_PROCEDURES = 6
PAGE_AREAS = 7
PAGE_SETTINGS = 8
PAGE_COUNT = 9

SYNC_SHORTCUT = "Ctrl+Shift+S"
PAGE_ROLE = Qt.ItemDataRole.UserRole + 1


class MainWindow(QMainWindow):
    #: Thread-safe entry for the sync engine: emit from anywhere, rendered on the GUI thread.
    sync_status_posted = Signal(object)
    page_shown = Signal(int)
    language_changed = Signal(str)
    unsent_exported = Signal(int)
    wiped = Signal()
    #: (Changes, initiator): what a write changed, sent to every screen built so far; each one
    #: decides from it whether to reload (``apply_changes``), so no list here says who shows what.
    changes_applied = Signal(object, object)
    #: a duplicate scan finished: how many pairs wait for the leader
    duplicates_scanned = Signal(int)

    def __init__(self, ctx: UiContext, settings: ui_settings.UiSettings) -> None:
        super().__init__()
        self.ctx = ctx
        self.settings = settings
        self.setObjectName("mainWindow")
        self.pages: dict[int, QWidget] = {}
        self.dialog: QWidget | None = None
        self.question: QMessageBox | None = None
        self._sync_status = SyncStatus()
        self.sync_status_posted.connect(self.set_sync_status, Qt.ConnectionType.QueuedConnection)
        self.sync_driver = SyncDriver(ctx, self.post_sync_status, self)
        self.sync_driver.revoked.connect(self.offer_revocation_steps)
        self.restamp_prompt = RestampPrompt(self, ctx, self.sync_driver.sync_now)
        self.sync_driver.restamp_wanted.connect(self.restamp_prompt.offer)
        self._wiped = False
        ctx.runner.changed.connect(self.changes_applied)
        # a save recorded changes: the bar's waiting count follows at once, not at the next sync
        self.changes_applied.connect(lambda _changes, _initiator: self.sync_driver.check_changes())
        self._build()
        self.place_on_screen()
        scan = QShortcut(QKeySequence(SCAN_SHORTCUT), self)
        scan.setContext(Qt.ShortcutContext.ApplicationShortcut)
        scan.activated.connect(self.start_scan)
        sync_now = QShortcut(QKeySequence(SYNC_SHORTCUT), self)
        sync_now.setContext(Qt.ShortcutContext.ApplicationShortcut)
        sync_now.activated.connect(self.sync_driver.sync_now)
        for i in range(PAGE_COUNT):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
            shortcut.activated.connect(lambda key=i: self.show_page(key))
        from outreach.ui.lock_screen import AppLock

        #: the PIN lock over every screen and dialog; off until ``start_app_lock`` (``app.run``)
        self.app_lock = AppLock(self, ctx)

    def start_app_lock(self, *, lock_now: bool = True) -> None:
        """Turn the app lock on if this laptop locks (``store.app_lock.lock_required``)."""
        self.app_lock.start(lock_now=lock_now)

    def place_on_screen(self) -> None:
        """Open inside the screen's available area: the last geometry if it still fits, else a
        fitted, centred one; maximized on a laptop-sized screen (``window_geometry``)."""
        saved: QRect | None = None
        saved_maximized = False
        geometry = self.settings.get(ui_settings.WINDOW_GEOMETRY)
        if geometry is not None and not geometry.isEmpty() and self.restoreGeometry(geometry):
            saved_maximized = self.isMaximized()
            saved = self.normalGeometry() if saved_maximized else self.geometry()
        placement = initial_placement(self.screen().availableGeometry(), saved)
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMaximized)
        self.setGeometry(placement.rect)
        if placement.maximized or saved_maximized:
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    # -- building ------------------------------------------------------------------------------

    def _titles(self) -> list[str]:
        return [
            self.tr("Households"),
            self.tr("New visit"),
            self.tr("Today"),
            self.tr("Follow-ups"),
            self.tr("Weekly log"),
            self.tr("Coverage"),
            self.tr("Procedures & QR"),
            self.tr("Teams & areas"),
            self.tr("Settings"),
        ]

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Outreach — online public services at home"))
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 7px 6px; }")
        for key, title in enumerate(self._titles()):
            item = QListWidgetItem(title)
            item.setData(PAGE_ROLE, key)
            item.setToolTip(self.tr("Ctrl+%1").replace("%1", str(key + 1)))
            self.nav.addItem(item)
        # as wide as its longest title, no wider: at 125 % on a 1366-px laptop every pixel is a page's
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 12)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
        self._placeholders = [QWidget() for _ in range(PAGE_COUNT)]
        for placeholder in self._placeholders:
            self.stack.addWidget(placeholder)
        self.nav.currentRowChanged.connect(self._nav_changed)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 2)  # tight: at 125 % on a 768-px screen each pixel is a page's
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        profile = self.ctx.store.profile
        bar = self.statusBar()
        self.identity = QLabel()
        self.identity.setObjectName("identity")
        self._show_identity()
        self.sync_label = SyncStatusLabel(self.ctx.language)
        self.sync_label.render_status(self._sync_status)
        bar.addWidget(self.identity)
        if not profile.encrypted:
            warning = QLabel(self.tr("Demo profile, NOT encrypted"))
            warning.setStyleSheet("color: #b00020;")
            bar.addWidget(warning)
        if profile.insecure_http:
            insecure = QLabel(self.tr("Syncs over UNENCRYPTED http://"))
            insecure.setObjectName("insecureHttp")
            insecure.setStyleSheet("color: #b00020;")
            bar.addWidget(insecure)
        bar.addPermanentWidget(self.sync_label)
        self.unsent_button = QToolButton()
        self.unsent_button.setObjectName("unsentList")
        self.unsent_button.setText(self.tr("Not yet sent…"))
        self.unsent_button.setToolTip(self.tr("What is saved on this computer but not yet on the ward server"))
        self.unsent_button.clicked.connect(self.open_unsent_list)
        self.unsent_button.setVisible(bool(self._sync_status.pending))
        bar.addPermanentWidget(self.unsent_button)
        self.sync_button = QToolButton()
        self.sync_button.setObjectName("syncNow")
        self.sync_button.setText(self.tr("Sync now"))
        self.sync_button.setToolTip(SYNC_SHORTCUT)
        self.sync_button.clicked.connect(self.sync_driver.sync_now)
        self.sync_button.setVisible(self.sync_driver.active)
        bar.addPermanentWidget(self.sync_button)
        self.problems_button = QToolButton()
        self.problems_button.setObjectName("syncProblems")
        self.problems_button.setText(self.tr("Sync problems…"))
        self.problems_button.clicked.connect(self.open_sync_problems)
        self._update_problems_button()
        bar.addPermanentWidget(self.problems_button)
        self.duplicates_button = QToolButton()
        self.duplicates_button.setObjectName("duplicates")
        self.duplicates_button.setToolTip(self.tr("Households or residents that may have been registered twice"))
        self.duplicates_button.clicked.connect(self.open_duplicates)
        self.duplicates_button.setVisible(False)
        bar.addPermanentWidget(self.duplicates_button)
        self.duplicates_found = 0
        #: pairs the leader has had in front of them this session: the others are "new"
        self.duplicates_seen: set[tuple[str, str]] = set()
        self.duplicates_new = 0
        # not during start-up (the first screen's reads come first): with the first sync's delay
        self._first_scan = QTimer(self)
        self._first_scan.setSingleShot(True)
        self._first_scan.timeout.connect(self.scan_duplicates)
        self._first_scan.start(FIRST_SYNC_DELAY_MS)
        last = self.settings.get(ui_settings.LAST_PAGE)
        self.nav.setCurrentRow(last if 0 <= last < PAGE_COUNT else PAGE_HOUSEHOLDS)

    def _make_page(self, key: int) -> QWidget:
        ctx = self.ctx
        if key == PAGE_HOUSEHOLDS:
            from outreach.ui.screens.households_view import HouseholdsView

            view = HouseholdsView(ctx)
            view.new_visit_requested.connect(self.start_visit_for)
            view.open_visit_requested.connect(self.open_visit)
            splitter_state = self.settings.get(ui_settings.HOUSEHOLD_SPLITTER)
            if splitter_state is not None and not splitter_state.isEmpty():
                view.splitter.restoreState(splitter_state)
            return view
        if key == PAGE_NEW_VISIT:
            from outreach.ui.screens.visit_form import VisitForm

            return VisitForm(ctx)
        if key == PAGE_TODAY:
            from outreach.ui.screens.today_view import TodayView

            return TodayView(ctx)
        if key == PAGE_FOLLOW_UPS:
            from outreach.ui.screens.follow_ups_view import FollowUpsView

            follow = FollowUpsView(ctx)
            follow.open_visit.connect(self.open_visit)
            return follow
        if key == PAGE_WEEKLY_LOG:
            from outreach.ui.screens.weekly_log_view import WeeklyLogView

            weekly = WeeklyLogView(ctx)
            weekly.table.activated.connect(lambda idx: self.open_visit(weekly.model.visits[idx.row()].id))
            return weekly
        if key == PAGE_COVERAGE:
            from outreach.ui.screens.coverage_view import CoverageView

            return CoverageView(ctx)
        if key == PAGE_PROCEDURES:
            from outreach.ui.screens.procedures_view import ProceduresView

            return ProceduresView(ctx)
        if key == PAGE_AREAS:
            from outreach.ui.screens.areas_view import AreasView

            return AreasView(ctx)
        if key == PAGE_SETTINGS:
            from outreach.ui.screens.settings_view import SettingsView

            settings_view = SettingsView(ctx)
            settings_view.language_chosen.connect(self.set_language)
            settings_view.enrolled.connect(self._enrolled)
            settings_view.change_pin_wanted.connect(self.app_lock.change_pin)
            return settings_view
        raise KeyError(key)

    # -- navigation ----------------------------------------------------------------------------

    def page(self, key: int) -> QWidget:
        """The screen ``key`` (PAGE_*), built on first use."""
        if key not in self.pages:
            widget = self._make_page(key)
            placeholder = self._placeholders[key]
            self.stack.insertWidget(key, widget)
            self.stack.removeWidget(placeholder)
            self._placeholders[key] = widget
            self.pages[key] = widget
            apply_changes: Callable[[Changes, object], None] | None = getattr(widget, "apply_changes", None)
            if apply_changes is not None:
                self.changes_applied.connect(apply_changes)
        return self.pages[key]

    def show_page(self, key: int) -> QWidget:
        self.nav.setCurrentRow(key)
        return self.pages[key]

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        widget = self.page(row)
        self.stack.setCurrentWidget(widget)
        widget.setFocus()
        self.page_shown.emit(row)

    def current_page(self) -> int:
        return self.nav.currentRow()

    # -- cross-screen actions ------------------------------------------------------------------

    def start_visit_for(self, household_id: str, text: str) -> None:
        from outreach.ui.screens.visit_form import VisitForm

        form = self.page(PAGE_NEW_VISIT)
        assert isinstance(form, VisitForm)
        form.set_household(household_id, text)
        self.show_page(PAGE_NEW_VISIT)
        form.outcome.setFocus()

    def open_visit(self, visit_id: str) -> None:
        self.ctx.runner.query(get_visit, self.ctx.store, visit_id, on_done=self._show_visit)

    def _show_visit(self, visit: VisitView) -> None:
        from outreach.ui.dialogs.visit_dialog import VisitDialog

        dialog = VisitDialog(self.ctx, visit, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._track(dialog)
        dialog.open()

    def start_scan(self) -> ScanDialog:
        """The global scan shortcut: the Households screen's scan (its "Scan CCCD" button), shown
        on that screen, where the scanned card is answered."""
        from outreach.ui.screens.households_view import HouseholdsView

        view = self.page(PAGE_HOUSEHOLDS)
        assert isinstance(view, HouseholdsView)
        self.show_page(PAGE_HOUSEHOLDS)
        dialog = view.start_scan()
        self._track(dialog)
        return dialog

    def _track(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.destroyed.connect(lambda _o=None, d=dialog: setattr(self, "dialog", None) if self.dialog is d else None)

    def offer_draft(self) -> None:
        """At start: if the New visit form left a draft (crash, kill -9), offer to restore it."""
        self.ctx.runner.query(load_visit_draft, self.ctx.store, on_done=self._draft_loaded)

    def _draft_loaded(self, draft: VisitDraft | None) -> None:
        if draft is None:
            return
        from outreach.ui.screens.visit_form import VisitForm

        form = self.page(PAGE_NEW_VISIT)
        assert isinstance(form, VisitForm)
        self.show_page(PAGE_NEW_VISIT)
        form.offer_draft(draft)

    # -- background sync -----------------------------------------------------------------------

    def start_background_sync(self, first_delay_ms: int = FIRST_SYNC_DELAY_MS) -> None:
        """Sync soon after start and every few minutes (only if this laptop is enrolled)."""
        self.sync_button.setVisible(self.sync_driver.active)
        self.sync_driver.start(first_delay_ms)

    def _enrolled(self) -> None:
        self.start_background_sync(first_delay_ms=0)

    def offer_revocation_steps(self) -> None:
        """The office revoked this laptop: say so, offer the hand-over export and the wipe.

        Reported lost, it has wiped itself already (``sync.client.run_sync``): say that, and close."""
        self.sync_button.setVisible(False)
        if self.sync_driver.last_status.error_code == "wipe":
            self._wiped = True

            def closed(_key: str | None) -> None:
                self.question = None
                self._after_wipe()

            self.question = ask(
                self, self.tr("This computer's data was destroyed"),
                self.tr("The ward office reported this computer lost or stolen. Its Outreach data — the database, "
                        "its key, the backups and the exports it made — has been destroyed. Outreach closes now."),
                [Choice("close", self.tr("Close Outreach"), QMessageBox.ButtonRole.AcceptRole, True)],
                closed, icon=QMessageBox.Icon.Critical)
            return

        def answered(key: str | None) -> None:
            self.question = None
            if key == "export":
                from outreach.timeutil import today_local
                from outreach.ui.core.file_dialogs import save_file_dialog

                self.dialog = save_file_dialog(self, self.tr("Save unsent changes"), f"outreach-chua-gui-{today_local():%Y-%m-%d}.handover",
                                               [self.tr("Outreach hand-over files (*.handover)")],
                                               lambda path: self.ask_handover_passphrase(str(path)))
            elif key == "wipe":
                self.confirm_wipe()

        self.question = ask(
            self, self.tr("This computer can no longer sync"),
            self.tr("The ward office has revoked this computer's access. Nothing on it was deleted. "
                    "Export the unsent changes to hand them over, and wipe this computer's Outreach data "
                    "if the office asked you to."),
            [Choice("export", self.tr("Export unsent changes…")),
             Choice("wipe", self.tr("Wipe this computer's data…"), QMessageBox.ButtonRole.DestructiveRole),
             Choice("later", self.tr("Later"), QMessageBox.ButtonRole.RejectRole, True)],
            answered, icon=QMessageBox.Icon.Warning)

    def ask_handover_passphrase(self, path: str) -> None:
        """The hand-over file is encrypted: ask its passphrase, then write it."""
        from outreach.ui.dialogs.passphrase_dialog import PassphraseDialog

        self.passphrase_dialog = dialog = PassphraseDialog(self)
        dialog.accepted.connect(lambda: self.export_unsent_to(path, dialog.passphrase()))
        dialog.open()

    def export_unsent_to(self, path: str, passphrase: str) -> None:
        from pathlib import Path

        from outreach.services.device import export_unsent

        def done(count: int) -> None:
            from outreach.ui.core.file_dialogs import offer_open_folder

            text = self.tr("%1 unsent changes saved to %2").replace("%1", str(count))
            self.statusBar().showMessage(text.replace("%2", path), 15_000)
            self.question = offer_open_folder(self, Path(path), text.replace("%2", Path(path).name))
            self.unsent_exported.emit(count)

        # a write (the export's audit event), so on the writer; it changes no synced data
        self.ctx.runner.mutate(export_unsent, self.ctx.store, Path(path), passphrase, changes=NOTHING, on_done=done)

    def confirm_wipe(self) -> None:
        def answered(key: str | None) -> None:
            self.question = None
            if key == "wipe":
                self.wipe_now()

        self.question = ask(
            self, self.tr("Wipe this computer's data"),
            self.tr("Delete this profile's database and its key from this computer? Changes that were never "
                    "sent are lost unless you exported them. This cannot be undone."),
            [Choice("wipe", self.tr("Wipe"), QMessageBox.ButtonRole.DestructiveRole),
             Choice("keep", self.tr("Keep"), QMessageBox.ButtonRole.RejectRole, True)],
            answered, icon=QMessageBox.Icon.Warning)

    def wipe_now(self) -> None:
        """Wipe after every queued write (the serial writer), then close the app."""
        from outreach.services.device import wipe_profile

        self.sync_driver.stop()
        self._wiped = True
        self.ctx.runner.mutate(wipe_profile, self.ctx.store, changes=NOTHING, on_done=lambda _r: self._after_wipe())

    def _after_wipe(self) -> None:
        self.wiped.emit()
        self.close()

    # -- sync status hook ----------------------------------------------------------------------

    def set_sync_status(self, status: SyncStatus) -> None:
        """Render ``status`` in the status bar (GUI thread; see ``post_sync_status``)."""
        self._sync_status = status
        self.sync_label.render_status(status)
        self._show_identity()  # a first sync after enrolment names this computer's team member
        self._update_problems_button()
        self.unsent_button.setVisible(bool(status.pending))
        if status.received:  # a sync brought rows (new households among them, maybe): look again
            self.scan_duplicates()

    # -- duplicates ------------------------------------------------------------------------------

    def scan_duplicates(self) -> None:
        """A leader's ward-wide duplicate scan, in the background (``services.duplicates.scan``);
        the status bar's button says how many pairs wait for a decision."""
        if not self.ctx.actor.is_leader or self.ctx.runner.is_shut_down:
            return
        from outreach.services.duplicates import scan

        self.ctx.runner.query(scan, self.ctx.store, self.ctx.actor.ward_id, on_done=self._duplicates_scanned,
                              on_error=log_if_bug)

    def _duplicates_scanned(self, result: ScanResult) -> None:
        self.duplicates_found = result.count
        self.duplicates_new = sum(1 for c in result.households + result.residents if c.pair not in self.duplicates_seen)
        text = (self.tr("Possible duplicates: %1 (%2 new)…").replace("%2", str(self.duplicates_new))
                if self.duplicates_new and self.duplicates_seen else self.tr("Possible duplicates: %1…"))
        self.duplicates_button.setText(text.replace("%1", str(result.count)))
        self.duplicates_button.setVisible(bool(result.count))
        self.duplicates_scanned.emit(result.count)

    def open_duplicates(self) -> QWidget:
        from outreach.ui.dialogs.duplicates_dialog import DuplicatesDialog

        dialog = DuplicatesDialog(self.ctx, self, seen=set(self.duplicates_seen))
        dialog.shown_pairs.connect(self.duplicates_seen.update)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.sync_driver.sync_now)
        dialog.changed.connect(self.scan_duplicates)
        self.changes_applied.connect(dialog.apply_changes)
        self._track(dialog)
        dialog.open()
        return dialog

    def _show_identity(self) -> None:
        profile = self.ctx.store.profile
        who = profile.member_name or self.tr("(no team member set)")
        self.identity.setText(f"{who} · {label(ROLE_LABELS, self.ctx.actor.role)}")  # the trusted role, not profile.json's

    def _update_problems_button(self) -> None:
        """Shown while changes need attention or the last sync failed, and always to an enrolled
        leader (overwritten values)."""
        leader = sync_hook.is_enrolled_leader(self.ctx.actor, self.ctx.store)
        status = self._sync_status
        self.problems_button.setVisible(bool(status.attention or status.error_code) or leader)

    def open_sync_problems(self) -> QWidget:
        from outreach.ui.dialogs.sync_problems_dialog import SyncProblemsDialog

        dialog = SyncProblemsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show_sync_failure(self.sync_label.reason_text(self._sync_status))
        dialog.changed.connect(self.sync_driver.sync_now)
        self._track(dialog)
        dialog.open()
        return dialog

    def open_unsent_list(self) -> QWidget:
        """The records not yet on the server, by name (the bar's count says only how many)."""
        from outreach.ui.dialogs.unsent_dialog import UnsentDialog

        dialog = UnsentDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sync_requested.connect(self.sync_driver.sync_now)
        self.changes_applied.connect(dialog.apply_changes)
        self._track(dialog)
        dialog.open()
        return dialog

    def post_sync_status(self, status: SyncStatus) -> None:
        """Thread-safe: the sync engine may call this from its worker thread."""
        self.sync_status_posted.emit(status)

    # -- language ------------------------------------------------------------------------------

    def set_language(self, language: str) -> None:
        """Apply ``language`` now and remember it in the profile."""
        from outreach.ui.screens.visit_form import VisitForm

        if language == self.ctx.language:
            return
        current = self.current_page()
        form = self.pages.get(PAGE_NEW_VISIT)
        carried = form.draft() if isinstance(form, VisitForm) and not form.is_empty() else None
        self.ctx.translations.apply(language)
        self.ctx.runner.language = language
        profile = self.ctx.store.profile
        profile.language = language
        profile.save()
        self._save_state()
        for widget in self.pages.values():
            widget.deleteLater()
        self.pages.clear()
        old = self.takeCentralWidget()
        if old is not None:
            old.deleteLater()
        for child in [*self.statusBar().findChildren(QLabel), self.unsent_button, self.sync_button, self.problems_button]:
            self.statusBar().removeWidget(child)
            child.deleteLater()
        self._build()
        if carried is not None:
            rebuilt = self.page(PAGE_NEW_VISIT)
            assert isinstance(rebuilt, VisitForm)
            rebuilt.restore_draft(carried)
        self.show_page(current)
        self.language_changed.emit(language)

    # -- closing -------------------------------------------------------------------------------

    def _save_state(self) -> None:
        from outreach.ui.screens.households_view import HouseholdsView

        self.settings.set(ui_settings.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(ui_settings.LAST_PAGE, max(0, self.current_page()))
        households = self.pages.get(PAGE_HOUSEHOLDS)
        if isinstance(households, HouseholdsView):
            self.settings.set(ui_settings.HOUSEHOLD_SPLITTER, households.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        from outreach.ui.screens.visit_form import VisitForm

        self.sync_driver.stop()
        self._first_scan.stop()
        if self._wiped:  # the profile is gone: write nothing back into its folder
            super().closeEvent(event)
            return
        self._save_state()
        form = self.pages.get(PAGE_NEW_VISIT)
        if isinstance(form, VisitForm):
            form.save_draft_now()  # queued on the serial writer; app.run waits for it
        super().closeEvent(event)

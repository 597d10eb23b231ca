"""Starting the desktop app: ``outreach`` with no sub-command calls ``run(args)``.

Order matters for a fast, honest start: the QApplication and translators first (so even a
start-up error is shown in Vietnamese), then the profile and its encrypted store, then the main
window. A ``StoreError``/``KeyringUnavailable`` is shown in a message box and returns 1; at exit
the runner finishes queued writes (the New visit draft among them) before the store closes.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from outreach.errors import OutreachError
from outreach.resources import resource_path
from outreach.store.profile import Profile
from outreach.ui import geometry_report
from outreach.ui.core.context import UiContext
from outreach.ui.core.i18n import Translations
from outreach.ui.core.settings import APPLICATION, ORGANISATION, UiSettings
from outreach.ui.core.tasks import TaskRunner

if TYPE_CHECKING:
    from outreach.store.database import Store
    from outreach.ui.main_window import MainWindow

log = logging.getLogger(__name__)
#: The window and taskbar icon (``scripts/make_icon.py`` draws it; the bundle uses the .ico).
APP_ICON = "outreach.png"


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    if app.windowIcon().isNull():
        icon = resource_path("icons", APP_ICON)
        if icon.is_file():  # a missing icon is a packaging bug that --self-test reports
            app.setWindowIcon(QIcon(str(icon)))
    return app


def open_store_while_importing_ui(data_dir: Path, demo: bool) -> Any:
    """Open the profile's store on a thread while this thread imports the screens.

    Importing SQLAlchemy/Alembic and opening SQLCipher (keyring round trip, migration check) is
    most of the start-up time; loading Qt's widget modules overlaps with it. Raises what
    ``open_store`` raises (``StoreError``, ``KeyringUnavailable``).
    """
    result: dict[str, Any] = {}

    def open_it() -> None:
        try:
            from outreach.services.procedures import seed_catalogue
            from outreach.store.database import load_or_create_profile, open_store

            store = open_store(load_or_create_profile(data_dir, demo=demo))
            seed_catalogue(store)  # a handful of rows; a no-op after the first start
            result["store"] = store
        except BaseException as exc:  # noqa: BLE001 — re-raised on the GUI thread
            result["error"] = exc

    worker = threading.Thread(target=open_it, name="outreach-open-store")
    worker.start()
    import outreach.ui.main_window  # noqa: F401
    import outreach.ui.screens.households_view  # noqa: F401 — the first screen

    worker.join()
    if "error" in result:
        raise result["error"]
    return result["store"]


def build_window(store: Store, translations: Translations) -> tuple[MainWindow, TaskRunner]:
    """The main window over an open store (used by ``run``, tests, screenshots, benchmarks)."""
    from outreach.services.context import Actor
    from outreach.ui.main_window import MainWindow

    runner = TaskRunner()
    runner.language = translations.language
    ctx = UiContext(runner, store, Actor.from_profile(store.profile), translations)
    window = MainWindow(ctx, UiSettings(store.profile.data_dir))
    runner.dialog_parent = window
    return window, runner


def run(args: argparse.Namespace) -> int:
    """Open the desktop app; raises ``NoDisplay`` (a user error) where no window can open."""
    from outreach.store.profile import data_dir_of
    from outreach.ui.display import display_problem

    problem = display_problem()
    if problem is not None:
        raise problem.error()
    app = application()
    translations = Translations()
    data_dir = data_dir_of(args)
    existing = Profile.load(data_dir)
    translations.apply(existing.language if existing else "vi")
    try:
        store = open_store_while_importing_ui(data_dir, bool(getattr(args, "demo", False)))
    except OutreachError as exc:
        box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("App", "Outreach cannot start"),
                          exc.message(translations.language))
        box.exec()
        return 1
    try:
        window, runner = build_window(store, translations)
        window.show()
        geometry_report.install_if_asked(window)  # OUTREACH_GEOMETRY_REPORT: the e2e test's view of the screens
        window.start_app_lock(lock_now=True)  # a real profile asks its PIN first (a demo never locks)
        window.offer_draft()
        window.start_background_sync()
        code = app.exec()
        runner.shutdown(wait=True)
        return int(code)
    finally:
        store.close()

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

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from outreach.errors import OutreachError
from outreach.services.context import Actor
from outreach.services.procedures import seed_catalogue
from outreach.store.database import Store, load_or_create_profile, open_store
from outreach.store.profile import Profile
from outreach.ui.context import UiContext
from outreach.ui.i18n import Translations
from outreach.ui.settings import APPLICATION, ORGANISATION, UiSettings
from outreach.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    return app


def build_window(store: Store, translations: Translations) -> tuple[object, TaskRunner]:
    """The main window over an open store (used by ``run``, tests, screenshots, benchmarks)."""
    from outreach.ui.main_window import MainWindow

    runner = TaskRunner()
    runner.language = translations.language
    ctx = UiContext(runner, store, Actor.from_profile(store.profile), translations)
    window = MainWindow(ctx, UiSettings(store.profile.data_dir))
    runner.dialog_parent = window
    return window, runner


def run(args: argparse.Namespace) -> int:
    from outreach.commands.common import data_dir_of

    app = application()
    translations = Translations()
    data_dir = data_dir_of(args)
    existing = Profile.load(data_dir)
    translations.apply(existing.language if existing else "vi")
    try:
        profile = load_or_create_profile(data_dir, demo=bool(getattr(args, "demo", False)))
        store = open_store(profile)
    except OutreachError as exc:
        box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("App", "Outreach cannot start"),
                          exc.message(translations.language))
        box.exec()
        return 1
    try:
        seed_catalogue(store)  # a handful of rows; a no-op after the first start
        window, runner = build_window(store, translations)
        window.show()  # type: ignore[attr-defined]
        window.offer_draft()  # type: ignore[attr-defined]
        code = app.exec()
        runner.shutdown(wait=True)
        return int(code)
    finally:
        store.close()

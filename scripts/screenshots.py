#!/usr/bin/env python3
"""Render every main screen of the desktop app, in Vietnamese and English, to PNG files.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [OUT_DIR] [--households N]

Builds a throw-away demo ward (synthetic data, unencrypted demo profile) in a temporary folder,
opens the main window at the size a maximized window has on a 1366×768 laptop (1366×698: the
screen less a taskbar and a title bar, as tests/ui/test_fits_laptop.py), visits each screen, waits until its background loads have
finished, and saves ``OUT_DIR/<lang>-<nn>-<screen>.png`` (default OUT_DIR: ``screenshots-out``).
Also saves the register-household dialog with inline validation errors and the CCCD scan
dialog after an implausible scan, since those are what users read most closely.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QWidget  # noqa: E402

if TYPE_CHECKING:
    from outreach.ui.core.tasks import TaskRunner
    from outreach.ui.screens.visit_form import VisitForm
    from outreach.ui.screens.weekly_log_view import WeeklyLogView

SCREENS = ("households", "new-visit", "today", "follow-ups", "weekly-log", "coverage", "procedures", "teams-areas", "settings")

#: The client area of a maximized window on a 1366×768 screen with a taskbar.
LAPTOP_WINDOW_SIZE = (1366, 698)


def settle(runner: object, ms: int = 300) -> None:
    """Process events until the runner is idle, then a little longer for repaints."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if not getattr(runner, "busy", False):
            break
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QCoreApplication.processEvents()
    if getattr(runner, "busy", False):
        settle(runner, ms)


def save(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "screenshots-out")
    parser.add_argument("--households", type=int, default=400)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from outreach.services.demo_data import generate
    from outreach.store.database import open_store
    from outreach.store.profile import Profile
    from outreach.ui.app import application, build_window
    from outreach.ui.core.i18n import Translations
    from outreach.ui.screens.households_view import HouseholdsView
    from outreach.ui.screens.visit_form import VisitForm
    from outreach.ui.screens.weekly_log_view import WeeklyLogView

    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        profile = Profile(data_dir=Path(tmp) / "profile", encrypted=False, demo=True)
        profile.save()
        store = open_store(profile)
        try:
            generate(store, args.households, seed=7)
            for language in ("vi", "en"):
                translations = Translations()
                translations.apply(language)
                window, runner = build_window(store, translations)
                window.show()
                window.showNormal()  # a laptop-sized window, whatever the offscreen screen is
                window.resize(*LAPTOP_WINDOW_SIZE)
                settle(runner)
                for number, name in enumerate(SCREENS):
                    page = window.show_page(number)
                    if name == "new-visit":
                        assert isinstance(page, VisitForm)
                        _fill_visit(page, runner)
                    if name == "weekly-log":
                        assert isinstance(page, WeeklyLogView)
                        _pick_busy_week(page, runner)
                    settle(runner)
                    save(window, args.out / f"{language}-{number + 1:02d}-{name}.png")
                households = window.show_page(0)
                assert isinstance(households, HouseholdsView)
                settle(runner)
                dialog = households.register_household()
                settle(runner)
                dialog.phone.setText("12345")
                dialog.save()
                settle(runner)
                save(dialog, args.out / f"{language}-{len(SCREENS) + 1:02d}-register-errors.png")
                dialog.done(0)  # closes without the "discard what you typed?" question
                scan = window.start_scan()
                scan.field.edit.setText("012345678901|Nguy?n V?n A|01021990|Nam")
                scan.field.edit.returnPressed.emit()
                settle(runner)
                save(scan, args.out / f"{language}-{len(SCREENS) + 2:02d}-scan-rejected.png")
                scan.reject()
                window.close()
                runner.shutdown(wait=True)
                window.deleteLater()
                settle(runner, 50)
        finally:
            store.close()
    app.quit()
    return 0


def _fill_visit(form: VisitForm, runner: TaskRunner) -> None:
    """Type a little into the New visit form so the screenshot shows a visit in progress."""
    form.household_search.setText("Nguyễn")
    form._search_households()
    settle(runner)
    form._pick_current_household()
    form.topics.setText("VNeID mức 2, Dịch vụ công trực tuyến")
    form.notes.setPlainText("Hướng dẫn cài VNeID cho bà; hẹn quay lại nộp hồ sơ.")
    for query, dossier in (("khai sinh", "H01.22-241118-0001"), ("1.004222", "")):
        form.procedure.setText(query)
        form._procedure_text_edited(query)
        form._pick_current_procedure()
        form.dossier.setText(dossier)
        if dossier:
            form.status.setCurrentIndex(form.status.findData("submitted"))
        form.add_filing()


def _pick_busy_week(view: WeeklyLogView, runner: TaskRunner) -> None:
    """The demo's current week may be nearly empty; show the busiest of the last few weeks."""
    best, best_count = 1, -1
    for index in range(1, 8):
        view.week.setCurrentIndex(index)
        settle(runner, 50)
        count = len(view.model.visits)
        if count > best_count:
            best, best_count = index, count
    view.week.setCurrentIndex(best)


if __name__ == "__main__":
    sys.exit(main())

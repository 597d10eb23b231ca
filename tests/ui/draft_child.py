"""Child process for the crash test: opens the app, types into New visit, then waits to be killed.

Prints "DRAFT-SAVED" once the debounced draft has been written, so the parent knows when to
send SIGKILL (no sleeping, no guessing). Run from the repository root as
``python -m tests.ui.draft_child DATA_DIR [two]`` (what ``test_draft_restore`` does); with
``two``, the volunteer then presses "New visit" and begins a second house, so two drafts are kept.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(data_dir: str, two: bool = False) -> None:
    from PySide6.QtCore import Qt, QTimer

    from outreach.store.database import load_or_create_profile, open_store
    from outreach.ui.app import application, build_window
    from outreach.ui.core.i18n import Translations
    from outreach.ui.main_window import PAGE_NEW_VISIT

    app = application()
    store = open_store(load_or_create_profile(Path(data_dir)))
    translations = Translations()
    translations.apply("vi")
    window, runner = build_window(store, translations)
    window.show()
    form = window.show_page(PAGE_NEW_VISIT)
    from outreach.ui.screens.visit_form import VisitForm

    assert isinstance(form, VisitForm)
    from tests.helpers.ui import type_text

    def typed() -> None:
        form.topics.setFocus()
        type_text(form.topics, "VNeID mức 2")
        form.notes.setFocus()
        type_text(form.notes, "Bà cần quay lại nộp hồ sơ khai sinh")
        form.follow_up.setFocus()
        type_text(form.follow_up, "15/01/2099")

    def second_house() -> None:
        form.notes.setFocus()
        type_text(form.notes, "Nhà thứ hai")

    def first_house() -> None:
        typed()
        if two:
            # once the first visit's draft is written and the form cleared, begin the next house
            form.draft_saved.connect(lambda: QTimer.singleShot(0, second_house), Qt.ConnectionType.SingleShotConnection)
            form.new_visit_button.click()

    form.draft_saved.connect(lambda: print("DRAFT-SAVED", flush=True))
    QTimer.singleShot(0, first_house)
    app.exec()


if __name__ == "__main__":
    main(sys.argv[1], two=sys.argv[2:] == ["two"])

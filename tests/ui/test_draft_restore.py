"""A visit being typed survives kill -9: the next start offers to restore it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from outreach.services.drafts import load_draft
from outreach.ui.dialogs.ask import click_choice
from outreach.ui.main_window import PAGE_NEW_VISIT
from outreach.ui.screens.visit_form import DRAFT_ID

#: Run as a module from the repository root, so the child imports ``tests.helpers`` like the suite does.
ROOT = Path(__file__).resolve().parents[2]
CHILD = "tests.ui.draft_child"


def test_restore_draft_after_sigkill(qtbot, make_window, store) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, "-m", CHILD, str(store.profile.data_dir)], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    try:
        for line in child.stdout:  # type: ignore[union-attr]
            if line.startswith("DRAFT-SAVED"):
                payload = load_draft(store, DRAFT_ID)
                if payload and payload.get("follow_up") == "15/01/2099":
                    break
        else:
            raise AssertionError(f"the child never saved the full draft (exit code {child.poll()})")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        child.stdout.close()  # type: ignore[union-attr]
    assert child.returncode == -signal.SIGKILL

    window = make_window()
    window.offer_draft()  # what app.run does right after showing the window
    qtbot.waitUntil(lambda: window.pages.get(PAGE_NEW_VISIT) is not None and window.pages[PAGE_NEW_VISIT].question is not None,
                    timeout=5000)
    form = window.pages[PAGE_NEW_VISIT]
    assert window.current_page() == PAGE_NEW_VISIT
    click_choice(form.question, "Khôi phục")
    assert form.topics.text() == "VNeID mức 2"
    assert form.notes.toPlainText() == "Bà cần quay lại nộp hồ sơ khai sinh"
    assert form.follow_up.text() == "15/01/2099"

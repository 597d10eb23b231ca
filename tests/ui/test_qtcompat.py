"""The PySide6 emit work-around: emitting signals must not drain references to True."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import outreach.ui  # noqa: F401 — installs the work-around


class _Sender(QObject):
    changed = Signal(int)


def test_emit_keeps_true_alive() -> None:
    sender = _Sender()
    before = sys.getrefcount(True)
    for i in range(1000):
        sender.changed.emit(i)
    assert sys.getrefcount(True) >= before - 5


def test_translation_misses_keep_none_alive(qapp) -> None:
    from PySide6.QtCore import QCoreApplication

    from outreach.ui.i18n import Translations

    Translations().apply("vi")
    before = sys.getrefcount(None)
    for _ in range(1000):
        assert QCoreApplication.translate("Nowhere", "not a known string") == "not a known string"
    assert sys.getrefcount(None) >= before - 5
    assert QCoreApplication.translate("Anything", "Households") == "Hộ gia đình"  # empty-context fallback


def test_main_window_and_visit_form_share_the_draft_id() -> None:
    from outreach.ui import main_window, visit_form

    assert main_window.DRAFT_ID == visit_form.DRAFT_ID

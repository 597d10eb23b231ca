"""The PySide6 emit work-around: emitting signals must not drain references to True."""

from __future__ import annotations

import sys
from pathlib import Path

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

    from outreach.ui.core.i18n import Translations

    Translations().apply("vi")
    before = sys.getrefcount(None)
    for _ in range(1000):
        assert QCoreApplication.translate("Nowhere", "not a known string") == "not a known string"
    assert sys.getrefcount(None) >= before - 5


def test_a_string_filed_under_the_empty_context_is_found_from_any_class(qapp, tmp_path) -> None:
    """lupdate files strings it cannot attribute to a class under the empty context."""
    import subprocess

    from PySide6.QtCore import QCoreApplication

    from outreach.ui.core.i18n import _AppTranslator

    ts = tmp_path / "fallback_vi.ts"
    ts.write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="vi">'
        "<context><name></name><message><source>Key figures</source><translation>Số liệu chính</translation>"
        "</message></context></TS>",
        encoding="utf-8",
    )
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(tmp_path / "fallback_vi.qm")], check=True)
    translator = _AppTranslator(qapp)
    assert translator.load("fallback_vi", str(tmp_path))
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("CoverageView", "Key figures") == "Số liệu chính"
    finally:
        qapp.removeTranslator(translator)


def test_main_window_and_visit_form_share_the_draft_id() -> None:
    from outreach.ui import main_window
    from outreach.ui.screens import visit_form
    assert main_window.DRAFT_ID == visit_form.DRAFT_ID

"""Showing errors to the user: plain words for what they can act on, never a traceback.

An ``OutreachError`` carries its own Vietnamese and English message (services run without Qt, so
they cannot use Qt's translator); anything else is a bug — logged with its traceback, and the user
gets a short apology pointing at the log file.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from outreach.errors import OutreachError

log = logging.getLogger(__name__)


def error_text(exc: BaseException, language: str) -> str:
    """The message a user sees for ``exc`` in ``language``."""
    if isinstance(exc, OutreachError):
        return exc.message(language)
    return QCoreApplication.translate(
        "Errors",
        "Something went wrong inside Outreach. Nothing you typed was lost; the details were "
        "written to the log file. Please tell the ward office if it happens again.",
    )


def log_if_bug(exc: BaseException) -> None:
    """Log a bug with its traceback; user errors are expected and are not logged as errors."""
    if not isinstance(exc, OutreachError):
        log.error("Unexpected error in the desktop app", exc_info=(type(exc), exc, exc.__traceback__))


def show_error(parent: QWidget | None, exc: BaseException, language: str) -> None:
    """Tell the user about ``exc`` in a message box (logs it first if it is a bug)."""
    log_if_bug(exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if isinstance(exc, OutreachError) else QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("Errors", "Outreach"))
    box.setText(error_text(exc, language))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()

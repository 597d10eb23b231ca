"""Offer the re-stamp when the server refused changes stamped while the clock was wrong.

A laptop whose clock ran ahead keeps failing after the clock is fixed: its unsent edits carry the
bad stamps, and every later edit is stamped after them (the clock never goes back on its own).
The command line has ``outreach sync --restamp``; a desktop user never sees it, so when the server
answers ``clock_ahead`` and this computer's clock agrees with the server's again, the app asks
and re-stamps (``services.device.restamp_outbox``, one write on the writer thread), then syncs.
While the clock is still wrong it does not offer: re-stamping then would change nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from outreach.services.changes import Changes
from outreach.services.device import restamp_outbox
from outreach.ui.core.context import UiContext
from outreach.ui.dialogs.ask import Choice, ask


class RestampPrompt(QObject):
    """The question, asked at most once at a time; ``box`` is the open question (tests use it)."""

    def __init__(self, parent: QWidget, ctx: UiContext, then_sync: Callable[[], None]) -> None:
        super().__init__(parent)
        self._window, self._ctx, self._then_sync = parent, ctx, then_sync
        self.box: QMessageBox | None = None

    def offer(self) -> None:
        if self.box is not None:
            return
        self.box = ask(
            self._window, self.tr("Send the held-back changes again"),
            self.tr("The server did not accept some unsent changes because they were saved while this computer's "
                    "clock was ahead. The clock looks right now: give them the current time and send them?"),
            [Choice("restamp", self.tr("Fix the times and send"), default=True),
             Choice("later", self.tr("Later"), QMessageBox.ButtonRole.RejectRole)],
            self._answered, informative=self.tr("Nothing is lost: the changes keep their order."),
            icon=QMessageBox.Icon.Warning)

    def _answered(self, key: str | None) -> None:
        self.box = None
        if key == "restamp":
            self._ctx.runner.mutate(restamp_outbox, self._ctx.store, changes=Changes(sync=True),
                                    on_done=lambda _count: self._then_sync())

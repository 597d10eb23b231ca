"""Background sync for the desktop app: when, not how (the how is ``outreach.sync``).

An enrolled laptop syncs a few seconds after start, every few minutes after that, soon after
the user saves something, and at once on "Sync now". Each sync runs on the task runner's pool
(it waits on the network; the serial writer stays free for the user's saves), one at a time.
An offline laptop simply tries again on the next tick: nothing is lost, the status bar says
why ("Cannot reach the server — …") and how many changes wait. The waiting count is re-read as
soon as a change is recorded (``check_changes``, after every save), not at the next sync.

When the office has revoked the laptop, syncing stops for good and ``revoked`` is emitted once,
so the main window can offer the hand-over export and the local wipe the office asked for.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal

from outreach.ui import sync_hook
from outreach.ui.core.context import UiContext
from outreach.ui.sync_hook import STATE_SYNCING, SyncStatus

log = logging.getLogger(__name__)

FIRST_SYNC_DELAY_MS = 3_000
SYNC_INTERVAL_MS = 5 * 60_000
AFTER_CHANGE_DELAY_MS = 20_000
#: How often the store's change counter is looked at (an integer read, no database access).
CHANGE_POLL_MS = 2_000


class SyncDriver(QObject):
    """Schedules ``sync_hook.sync_once``; ``post`` renders each status (thread-safe callers only)."""

    #: Emitted once when the server says this laptop was revoked (or no longer knows it).
    revoked = Signal()
    #: Emitted after every finished sync attempt (tests wait on it).
    synced = Signal()

    def __init__(self, ctx: UiContext, post: Callable[[SyncStatus], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._post = post
        self._running = False
        self._stopped = False
        self.last_status = SyncStatus()
        self.last_error: Exception | None = None
        # how many statuses were shown: a count read that started before a newer status is stale
        self._shown = 0
        self._periodic = QTimer(self)
        self._periodic.setInterval(SYNC_INTERVAL_MS)
        self._periodic.timeout.connect(self.sync_now)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.sync_now)
        self._seen_changes = ctx.store.changes_committed
        self._change_poll = QTimer(self)
        self._change_poll.setInterval(CHANGE_POLL_MS)
        self._change_poll.timeout.connect(self.check_changes)
        self.after_change_delay_ms = AFTER_CHANGE_DELAY_MS

    @property
    def active(self) -> bool:
        return sync_hook.is_enrolled(self._ctx.store) and not self._stopped

    def start(self, first_delay_ms: int = FIRST_SYNC_DELAY_MS) -> None:
        """Show the local status now; sync after ``first_delay_ms`` and then periodically."""
        self._ctx.runner.query(sync_hook.current_status, self._ctx.store, on_done=self._show_local)
        if not self.active:
            return
        self._periodic.start()
        self._change_poll.start()
        self._soon.start(first_delay_ms)

    def local_change(self) -> None:
        """The user saved something: send it soon (debounced, so a burst of saves is one sync)."""
        if self.active and not self._soon.isActive():
            self._soon.start(self.after_change_delay_ms)

    def check_changes(self) -> None:
        """A write may have recorded changes: if it did, show the new waiting count and sync soon.

        Reads only the store's change counter on the GUI thread; the count itself is a query."""
        seen = self._ctx.store.changes_committed
        if seen != self._seen_changes and self.active:
            self._seen_changes = seen
            self._refresh_counts()
            self.local_change()

    def _refresh_counts(self) -> None:
        from outreach.services.device import unsent_counts

        shown = self._shown
        self._ctx.runner.query(unsent_counts, self._ctx.store, on_done=lambda counts: self._counts_read(shown, counts))

    def _counts_read(self, shown: int, counts: tuple[int, int]) -> None:
        if shown == self._shown:  # no newer status (a sync's) arrived meanwhile
            pending, attention = counts
            self._show(replace(self.last_status, pending=pending, attention=attention))

    def sync_now(self) -> None:
        self._soon.stop()
        if self._running or not self.active:
            return
        self._running = True
        previous = self.last_status
        self._show(SyncStatus(STATE_SYNCING, previous.last_success, previous.pending, previous.attention))
        self._ctx.runner.network(sync_hook.sync_once, self._ctx.store, on_done=self._finished, on_error=self._failed)

    def stop(self) -> None:
        self._stopped = True
        self._periodic.stop()
        self._soon.stop()
        self._change_poll.stop()

    # -- results (GUI thread) ------------------------------------------------------------------

    def _show_local(self, status: SyncStatus) -> None:
        if not self._running:
            self._show(status)
        if status.revoked:
            self._revoked()

    def _finished(self, result: tuple[SyncStatus, Exception | None]) -> None:
        self._running = False
        status, error = result
        self.last_error = error
        self._show(status)
        if status.revoked:
            self._revoked()
        self.synced.emit()

    def _failed(self, exc: BaseException) -> None:
        """Not a sync error but a bug: log it, keep the app running, try again next tick."""
        self._running = False
        log.error("background sync failed unexpectedly", exc_info=exc)
        self.synced.emit()

    def _revoked(self) -> None:
        if self._stopped:
            return
        self.stop()
        self.revoked.emit()

    def _show(self, status: SyncStatus) -> None:
        self._shown += 1
        self.last_status = status
        self._post(status)

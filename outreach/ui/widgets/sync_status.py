"""The status bar's sync indicator: renders a ``SyncStatus`` (see ``outreach.ui.sync_hook``).

It says in words why the last sync failed ("Cannot reach the server — changes are kept on this
computer"), not only in a tooltip ending in an exception's class name, and what a finished sync
did ("Sent 3, received 12 changes — 14:05"), so a volunteer knows whether the work got through.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QWidget

from outreach.timeutil import now_local
from outreach.ui.sync_hook import (
    STATE_ATTENTION,
    STATE_NOT_ENROLLED,
    STATE_OFFLINE,
    STATE_SYNCED,
    STATE_SYNCING,
    SyncStatus,
)


class SyncStatusLabel(QLabel):
    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self._language = language
        self.status = SyncStatus()
        self.render_status(self.status)

    def render_status(self, status: SyncStatus, now: dt.datetime | None = None) -> None:
        self.status = status
        self.setText(self.text_for(status, now or now_local()))
        detail = status.detail_en if self._language == "en" else status.detail_vi
        self.setToolTip(detail)

    def reason_text(self, s: SyncStatus) -> str:
        """Why the last sync failed, short, in the UI's language ("" when it did not fail)."""
        reasons = {
            "network_down": self.tr("Cannot reach the server — changes are kept on this computer"),
            "server_error": self.tr("The ward server has a problem — changes are kept on this computer"),
            "tls": self.tr("The server's certificate could not be verified"),
            "clock_ahead": self.tr("This computer's clock is wrong — fix the date and time"),
            "revoked": self.tr("This computer's access was revoked"),
            "unknown_token": self.tr("This computer's access was revoked"),
            "upgrade_required": self.tr("Update Outreach to keep syncing"),
            "sync_busy": self.tr("Another sync is running"),
        }
        if not s.error_code:
            return ""
        if s.error_code in reasons:
            return reasons[s.error_code]
        detail = s.detail_en if self._language == "en" else s.detail_vi
        return self.tr("Sync failed: %1").replace("%1", detail) if detail else self.tr("Sync failed")

    def text_for(self, s: SyncStatus, now: dt.datetime) -> str:
        parts: list[str] = []
        reason = self.reason_text(s)
        if s.state == STATE_NOT_ENROLLED:
            parts.append(self.tr("Not connected to a ward server"))
        elif s.state != STATE_SYNCING and reason:
            parts.append(reason)
        elif s.state == STATE_OFFLINE:
            parts.append(self.tr("Offline"))
        elif s.state == STATE_SYNCING:
            parts.append(self.tr("Syncing…"))
        elif s.state == STATE_SYNCED and s.last_success is not None and s.sent is not None and s.received is not None:
            when = f"{s.last_success:%H:%M}" if s.last_success.date() == now.date() else f"{s.last_success:%d/%m %H:%M}"
            parts.append((self.tr("Sent %1, received %2 changes — %3") if s.sent or s.received
                          else self.tr("Synced, nothing new — %3"))
                         .replace("%1", str(s.sent)).replace("%2", str(s.received)).replace("%3", when))
        elif s.state == STATE_SYNCED and s.last_success is not None:
            minutes = max(0, int((now - s.last_success).total_seconds() // 60))
            parts.append(self.tr("Synced just now") if minutes == 0
                         else self.tr("Synced %1 min ago").replace("%1", str(minutes)))
        elif s.state == STATE_SYNCED:
            parts.append(self.tr("Synced"))
        if s.pending:
            parts.append(self.tr("%1 changes waiting").replace("%1", str(s.pending)))
        if s.attention or s.state == STATE_ATTENTION:
            parts.append(self.tr("%1 need attention").replace("%1", str(s.attention)))
        return " · ".join(parts)

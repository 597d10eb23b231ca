"""The status bar's sync indicator: renders a ``SyncStatus`` (see ``outreach.ui.sync_hook``)."""

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

    def text_for(self, s: SyncStatus, now: dt.datetime) -> str:
        parts: list[str] = []
        if s.state == STATE_NOT_ENROLLED:
            parts.append(self.tr("Not connected to a ward server"))
        elif s.state == STATE_OFFLINE:
            parts.append(self.tr("Offline"))
        elif s.state == STATE_SYNCING:
            parts.append(self.tr("Syncing…"))
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

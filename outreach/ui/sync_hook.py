"""THE place where the desktop app meets the sync engine (built in ``outreach/sync``).

Three small parts:

1. **Status → UI.** The sync engine (or its Qt driver) builds a ``SyncStatus`` and calls
   ``MainWindow.post_sync_status(status)``. That method only emits a signal, so it is safe from
   any thread; the status bar renders it on the GUI thread.

2. **UI → enrolment.** The Settings screen calls ``enrol(store, server_url, code)``
   (``outreach.sync.client.enroll``, raising an ``OutreachError`` the user can act on). It runs on
   the background runner's pool (it waits on the network).

3. **Background sync.** ``sync_once(store)`` runs one push + pull on the runner's network thread
   and returns the status to show plus the error, if any, with what the pull changed (the main
   window broadcasts it, so the screens showing pulled rows reload; ``outreach.ui.sync_driver``
   schedules it);
   ``current_status(store)`` is what the status bar shows before the first sync.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from outreach.services.changes import SYNCED_DATA, Changed, Changes
from outreach.sync.client import enroll

STATE_NOT_ENROLLED = "not_enrolled"
STATE_OFFLINE = "offline"
STATE_SYNCING = "syncing"
STATE_SYNCED = "synced"
STATE_ATTENTION = "attention"


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows about sync. ``pending``: changes waiting in the outbox;
    ``attention``: changes the server rejected, which the user must fix or discard.

    ``error_code`` names why the last attempt failed (``SyncError.code``: "network_down", …), so
    the bar says it in words in the UI's language; ``detail_*`` keep the full message for the
    tooltip. ``sent`` / ``received``: what the sync that just finished pushed and pulled (None
    when the status comes from the local bookkeeping, not from a sync of this session)."""

    state: str = STATE_NOT_ENROLLED
    last_success: dt.datetime | None = None
    pending: int = 0
    attention: int = 0
    detail_vi: str = ""
    detail_en: str = ""
    #: The office revoked this laptop (or the server no longer knows it): syncing has stopped.
    revoked: bool = False
    error_code: str = ""
    sent: int | None = None
    received: int | None = None


def enrol(store: Any, server_url: str, code: str, ca_bundle: str | None = None) -> Any:
    """Background work: enrol this laptop with the ward server (see the module docstring)."""
    return enroll(store, server_url, code, ca_bundle=ca_bundle or None)


def is_enrolled(store: Any) -> bool:
    return bool(store.profile.server_device_id and store.profile.server_url)


def is_enrolled_leader(actor: Any, store: Any) -> bool:
    """A leader's enrolled laptop: it may list and restore values overwritten on the server."""
    return bool(actor.is_leader) and is_enrolled(store)


def current_status(store: Any) -> SyncStatus:
    """Background work: the status from the local bookkeeping alone (no network)."""
    from outreach.services.device import unsent_counts
    from outreach.sync.client import sync_state

    if not is_enrolled(store):
        return SyncStatus()
    pending, attention = unsent_counts(store)
    state = sync_state(store)
    last = state.last_success_at if state is not None else None
    code = state.last_error_code if state is not None else None
    from outreach.sync.errors import STOPPED_CODES

    if code in STOPPED_CODES:
        from outreach.sync.errors import DeviceRevoked

        error = DeviceRevoked(code)
        return SyncStatus(STATE_ATTENTION, last, pending, attention, error.message_vi, error.message_en, revoked=True,
                          error_code=code)
    return SyncStatus(STATE_SYNCED if last else STATE_OFFLINE, last, pending, attention)


def sync_once(store: Any) -> Changed[tuple[SyncStatus, Exception | None]]:
    """Background work: one push + pull; the status to show and the sync error (None if fine),
    with what the pull changed locally.

    A network or server failure is an expected outcome here, not a bug: it is returned, so the
    status bar can say "offline" and the driver can try again later. Nothing local is lost by a
    failed sync (see ``outreach.sync.engine``).
    """
    from outreach.sync.client import run_sync
    from outreach.sync.errors import DeviceRevoked, DeviceWiped, NetworkDown, ServerUnavailable, SyncBusy, SyncError

    try:
        report = run_sync(store)
    except DeviceWiped as wiped:  # reported lost: the data is gone, the store must not be read again
        return Changed((SyncStatus(STATE_ATTENTION, None, 0, 0, wiped.message_vi, wiped.message_en, revoked=True,
                                   error_code=wiped.code), wiped), Changes())
    except SyncBusy:  # a sync from the command line is running: its outcome will show next time
        return Changed((current_status(store), None), Changes(sync=True))
    except SyncError as error:
        # A failed sync may still have applied pages before it stopped: screens reload to be sure.
        status = current_status(store)
        state = STATE_OFFLINE if isinstance(error, (NetworkDown, ServerUnavailable)) else STATE_ATTENTION
        return Changed((SyncStatus(state, status.last_success, status.pending, status.attention, error.message_vi,
                                   error.message_en, revoked=isinstance(error, DeviceRevoked), error_code=error.code),
                        error), SYNCED_DATA)
    done = replace(current_status(store), sent=report.pushed, received=report.pulled)
    return Changed((done, None), pulled_changes(report.pulled, report.flagged_visits))


def pulled_changes(rows_pulled: int, flagged_visits: int) -> Changes:
    """What a sync changed locally: the engine counts the rows it applied, not their kinds, so a
    pull that applied any row may have touched every synced area; a quiet one only the bookkeeping
    (what was sent, what needs attention)."""
    if rows_pulled:
        return SYNCED_DATA
    return Changes(review=True, sync=True) if flagged_visits else Changes(sync=True)

"""THE place where the desktop app meets the sync engine (built in ``outreach/sync``).

Two directions, both small on purpose:

1. **Status → UI.** The sync engine (or its Qt driver) builds a ``SyncStatus`` and calls
   ``MainWindow.post_sync_status(status)``. That method only emits a signal, so it is safe from
   any thread; the status bar renders it on the GUI thread.

2. **UI → enrolment.** The Settings screen calls ``enrol(store, server_url, code)``, which looks
   up ``ENROL_FUNCTION`` (``outreach.sync.client:enroll``, signature
   ``(store, server_url: str, one_time_code: str) -> Enrolment``, raising an ``OutreachError`` the
   user can act on). It runs on the background runner's pool (it waits on the network). If that function is not in this build,
   ``enrolment_available()`` is False and the Settings screen says so honestly.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass
from typing import Any

#: "module:function" of the enrolment entry point the sync engineer provides.
ENROL_FUNCTION = "outreach.sync.client:enroll"

STATE_NOT_ENROLLED = "not_enrolled"
STATE_OFFLINE = "offline"
STATE_SYNCING = "syncing"
STATE_SYNCED = "synced"
STATE_ATTENTION = "attention"


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows about sync. ``pending``: changes waiting in the outbox;
    ``attention``: changes the server rejected, which the user must fix or discard."""

    state: str = STATE_NOT_ENROLLED
    last_success: dt.datetime | None = None
    pending: int = 0
    attention: int = 0
    detail_vi: str = ""
    detail_en: str = ""


def _entry_point() -> Any | None:
    module_name, _, function = ENROL_FUNCTION.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(module, function, None)


def enrolment_available() -> bool:
    return _entry_point() is not None


def enrol(store: Any, server_url: str, code: str) -> Any:
    """Background work: enrol this laptop with the ward server (see the module docstring)."""
    function = _entry_point()
    if function is None:
        from outreach.errors import OutreachError

        raise OutreachError("Bản này chưa có chức năng đăng ký máy với máy chủ.",
                            "Enrolment with a server is not available in this build.")
    return function(store, server_url, code)

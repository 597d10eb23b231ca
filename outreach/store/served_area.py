"""The part of the ward this laptop holds full rows of (issue 14), as the server last said.

Kept in ``sync_state.served_area`` by the sync (``sync/scope_local.py``) and read by the services
that must not write what a volunteer's laptop does not hold (``services/area_scope.py``).
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from outreach.model import SyncState


def served_area(session: Session) -> list[str] | None:
    """The group ids of the area this laptop holds, sorted; None for the whole ward (a leader's
    laptop, or one whose scope is not known yet, e.g. never synced)."""
    stored = session.scalar(select(SyncState.served_area).where(SyncState.id == 1))
    value = json.loads(stored) if stored else None
    return sorted(str(item) for item in value) if isinstance(value, list) else None

"""What a laptop's last push said about it (its app version, how many changes were refused):
the office console's Laptops page and Overview show it, so the office sees a laptop stuck on an
old version or pushing refused changes without asking for its log."""

from __future__ import annotations

import re

from sqlalchemy import update

from outreach.server.db import ServerDb
from outreach.server.schema import Device

_USER_AGENT = re.compile(r"^outreach/([0-9A-Za-z.+\-]{1,40})")


def app_version_of(user_agent: str | None) -> str | None:
    """"0.9.1" of the laptop's ``User-Agent: outreach/0.9.1``; None for anything else."""
    found = _USER_AGENT.match(user_agent or "")
    return found.group(1) if found else None


def note_push(db: ServerDb, device_id: str, user_agent: str | None, rejected: int) -> None:
    """Remember the device's app version and its last push's refused count. Bookkeeping only:
    its own short transaction on the engine, outside the ordered (seq-assigning) writes."""
    with db.engine.begin() as conn:
        conn.execute(update(Device).where(Device.id == device_id)
                     .values(app_version=app_version_of(user_agent), last_push_rejected=rejected))

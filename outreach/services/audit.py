"""The audit trail of personal-data exports and views (Decree 356/2025/NĐ-CP).

It answers "who exported whose data, when, and to where", and what was on a lost laptop.
Entries are written by the same transaction as nothing else: an export first records its event,
so a crash mid-export still leaves the trace.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from outreach.model import AuditEvent
from outreach.services.context import Actor, require_leader
from outreach.store.database import Store
from outreach.timeutil import now_local

EXPORT_PERSONAL_DATA = "export_personal_data"
EXPORT_AGGREGATE = "export_aggregate"
VIEW_PERSONAL_DATA = "view_personal_data"


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    actor_id: str | None
    actor_name: str
    action: str
    subject: str
    detail: dict[str, Any]


def record(store: Store, actor: Actor, action: str, subject: str, detail: dict[str, Any] | None = None) -> None:
    with store.write() as tx:
        tx.session.add(
            AuditEvent(at=now_local(), actor_id=actor.member_id, actor_name=actor.name, action=action, subject=subject, detail=detail or {})
        )


def authorize_personal_export(store: Store, actor: Actor, subject: str, destination: str, rows: int, *,
                              password_protected: bool = False) -> None:
    """Refuse non-leaders, then record the export *before* it is written (see module doc); the
    entry says whether the file is protected with a password."""
    require_leader(actor, "xuất dữ liệu cá nhân", "export personal data")
    record(store, actor, EXPORT_PERSONAL_DATA, subject,
           {"destination": destination, "rows": rows, "password_protected": password_protected})


def entries(store: Store, limit: int = 500) -> list[AuditEntry]:
    with store.read() as session:
        rows = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)).all()
        return [AuditEntry(r.at, r.actor_id, r.actor_name, r.action, r.subject, dict(r.detail or {})) for r in rows]

"""The audit trail of personal-data exports and views (Decree 356/2025/NĐ-CP).

It answers "who exported or opened whose data, when, and to where", and what was on a lost
laptop. An event is written in the same transaction as its act (``record_in`` inside the act's
``store.write()``); an export first records its event, so a crash mid-export still leaves the
trace. Every event is uploaded to the office at the next sync (``sync/audit_upload.py``) and
names its record by id (``target_kind``/``target_id``), never by the person's fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from outreach.model import AuditEvent
from outreach.services.context import Actor, require_leader
from outreach.store.database import Store
from outreach.timeutil import now_local
from outreach.vocabulary import AuditAction, RecordKind

EXPORT_PERSONAL_DATA = AuditAction.EXPORT_PERSONAL_DATA
EXPORT_AGGREGATE = AuditAction.EXPORT_AGGREGATE
VIEW_PERSONAL_DATA = AuditAction.VIEW_PERSONAL_DATA


@dataclass(frozen=True)
class AuditEntry:
    at: dt.datetime
    actor_id: str | None
    actor_name: str
    action: str
    subject: str
    detail: dict[str, Any]
    target_kind: str | None = None
    target_id: str | None = None
    uploaded: bool = False


def record_in(session: Session, actor: Actor, action: AuditAction | str, subject: str, detail: dict[str, Any] | None = None,
              *, target_kind: RecordKind | str | None = None, target_id: str | None = None) -> None:
    """Add one event to the caller's write transaction (it commits or rolls back with the act)."""
    session.add(AuditEvent(at=now_local(), actor_id=actor.member_id, actor_name=actor.name, action=str(action), subject=subject,
                           detail=detail or {}, target_kind=None if target_kind is None else str(target_kind),
                           target_id=target_id))


def record(store: Store, actor: Actor, action: AuditAction | str, subject: str, detail: dict[str, Any] | None = None, *,
           target_kind: RecordKind | str | None = None, target_id: str | None = None) -> None:
    """An event that is its own act (an export about to be written, a view)."""
    with store.write() as tx:
        record_in(tx.session, actor, action, subject, detail, target_kind=target_kind, target_id=target_id)


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
        return [AuditEntry(r.at, r.actor_id, r.actor_name, r.action, r.subject, dict(r.detail or {}), r.target_kind, r.target_id,
                           r.uploaded_at is not None) for r in rows]

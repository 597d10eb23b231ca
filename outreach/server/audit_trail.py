"""The office's audit trail: record an event, read events back with filters (issue 14).

Decree 356/2025 asks the ward, as controller, to show who touched whose personal data. The
server keeps one append-only table (``schema.AuditRecord``; the database refuses UPDATE and
DELETE): its own events (enrolment, revocation, data-subject requests, erasure, the console) are
written here by ``record`` in the same transaction as the act, and the laptops' events arrive by
their upload (keyed by the laptop's event id, so a retried upload is stored once).

An event names people by id only (``target_kind``/``target_id``, ``actor_id``), never by their
personal fields: the trail survives an erasure unchanged and still says who looked at the erased
person's record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, Table, and_, func, insert, or_, select

from outreach.model.base import table_of
from outreach.model.entities import Resident
from outreach.model.ids import uuid7
from outreach.server.schema import AuditRecord
from outreach.vocabulary import AuditAction, AuditActorKind, RecordKind
from outreach.wire.audit import WireEvent


def utcnow() -> dt.datetime:
    """Now, in UTC without a zone, as the server stores times (``auth.utcnow``: auth records
    enrolments here, so this module does not import it)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


_TABLE: Table = AuditRecord.__table__  # type: ignore[assignment]  # a mapped class's table


@dataclass(frozen=True)
class AuditRow:
    """One event as the office reads it."""

    id: int
    event_id: str
    at: dt.datetime
    received_at: dt.datetime
    ward_id: str | None
    device_id: str | None
    device_seq: int | None
    actor_kind: str
    actor_id: str | None
    actor_name: str
    action: str
    target_kind: str | None
    target_id: str | None
    detail: dict[str, Any]


def record(
    conn: Connection,
    /,
    *,
    actor_kind: AuditActorKind | str,
    actor_id: str | None,
    action: AuditAction | str,
    ward_id: str | None,
    target_kind: RecordKind | str | None = None,
    target_id: str | None = None,
    detail: dict[str, Any] | None = None,
    actor_name: str = "",
    device_id: str | None = None,
    at: dt.datetime | None = None,
) -> str:
    """Append one event in ``conn``'s transaction (the caller's act commits or rolls back with it);
    returns its event id. ``at`` defaults to now (UTC, naive, as the server stores times)."""
    event_id = uuid7()
    now = utcnow()
    conn.execute(insert(_TABLE).values(
        event_id=event_id, at=at or now, received_at=now, ward_id=ward_id, device_id=device_id, device_seq=None,
        actor_kind=str(actor_kind), actor_id=actor_id, actor_name=actor_name, action=str(action),
        target_kind=None if target_kind is None else str(target_kind), target_id=target_id, detail=dict(detail or {}),
    ))
    return event_id


def receive(conn: Connection, /, *, device_id: str, ward_id: str, member_id: str | None, events: list[WireEvent]) -> int:
    """Store a laptop's uploaded events (``wire/audit.py``) that the office does not hold yet, in
    their order; returns how many were new. The caller's transaction is serialised (``db.write``),
    so two uploads of the same batch cannot both store it. The actor is the device's member as
    enrolled, not whatever the laptop says."""
    if not events:
        return 0
    known = set(conn.execute(select(_TABLE.c.event_id).where(_TABLE.c.event_id.in_([e.event_id for e in events]))).scalars())
    now = utcnow()
    rows = [
        {"event_id": e.event_id, "at": e.at, "received_at": now, "ward_id": ward_id, "device_id": device_id,
         "device_seq": e.seq, "actor_kind": AuditActorKind.MEMBER, "actor_id": member_id or e.actor_id,
         "actor_name": e.actor_name, "action": e.action, "target_kind": e.target_kind, "target_id": e.target_id,
         "detail": e.detail}
        for e in events if e.event_id not in known
    ]
    for row in rows:  # one by one: the server's id follows the laptop's order on every database
        conn.execute(insert(_TABLE).values(**row))
    return len(rows)


def _filtered(
    statement: Select[Any],
    *,
    ward_ids: list[str] | None,
    actor: str | None,
    resident_id: str | None,
    device_id: str | None,
    since: dt.datetime | None,
    until: dt.datetime | None,
    action: str | None,
) -> Select[Any]:
    c = _TABLE.c
    if ward_ids is not None:
        statement = statement.where(c.ward_id.in_(ward_ids))
    if actor is not None:
        statement = statement.where(c.actor_id == actor)
    if device_id is not None:
        statement = statement.where(c.device_id == device_id)
    if since is not None:
        statement = statement.where(c.at >= since)
    if until is not None:
        statement = statement.where(c.at < until)
    if action is not None:
        statement = statement.where(c.action == str(action))
    if resident_id is not None:
        # the resident's own events, and those about the household they live in (opening a
        # household's detail shows every member's fields)
        residents = table_of(Resident)
        household = select(residents.c.household_id).where(residents.c.id == resident_id).scalar_subquery()
        statement = statement.where(or_(
            and_(c.target_kind == RecordKind.RESIDENT, c.target_id == resident_id),
            and_(c.target_kind == RecordKind.HOUSEHOLD, c.target_id == household),
        ))
    return statement


def query(
    conn: Connection,
    /,
    *,
    ward_ids: list[str] | None = None,
    actor: str | None = None,
    resident_id: str | None = None,
    device_id: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    action: AuditAction | str | None = None,
    limit: int,
    offset: int = 0,
    oldest_first: bool = False,
) -> list[AuditRow]:
    """Events matching every filter given (``until`` excluded), newest arrival first unless
    ``oldest_first``. ``ward_ids=None`` means every ward (the office's command line); the
    console passes the wards its user may see."""
    order = _TABLE.c.id.asc() if oldest_first else _TABLE.c.id.desc()
    statement = _filtered(select(_TABLE), ward_ids=ward_ids, actor=actor, resident_id=resident_id, device_id=device_id,
                          since=since, until=until, action=None if action is None else str(action))
    rows = conn.execute(statement.order_by(order).limit(limit).offset(offset)).mappings().all()
    return [AuditRow(**{**row, "detail": dict(row["detail"] or {})}) for row in rows]


def count(
    conn: Connection,
    /,
    *,
    ward_ids: list[str] | None = None,
    actor: str | None = None,
    resident_id: str | None = None,
    device_id: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    action: AuditAction | str | None = None,
) -> int:
    """How many events ``query`` would page through with the same filters."""
    statement = _filtered(select(func.count()).select_from(_TABLE), ward_ids=ward_ids, actor=actor, resident_id=resident_id,
                          device_id=device_id, since=since, until=until, action=None if action is None else str(action))
    return int(conn.execute(statement).scalar_one())

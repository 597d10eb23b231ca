"""The data-subject request register (issue 14): receive, acknowledge, close; overdue at a glance.

The office handles requests, so the register lives on the server only (``schema.DataRequest``),
read by ``outreach-server request`` and the console. Deadlines come from ``privacy_rules`` in
working days from the day received. Each step is one transaction with its audit event, which
names the request and the resident by id (the requester's name stays in the register).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, insert, select, update

from outreach.model.ids import uuid7
from outreach.privacy_rules import PrivacyRules, privacy_rules
from outreach.server import audit_trail
from outreach.server.db import ServerDb
from outreach.server.schema import DataRequest
from outreach.timeutil import today_local
from outreach.vocabulary import AuditAction, AuditActorKind, AuditTarget, DataRight, RequestStatus

_TABLE: Table = DataRequest.__table__  # type: ignore[assignment]  # a mapped class's table
OPEN_STATUSES = (RequestStatus.RECEIVED, RequestStatus.ACKNOWLEDGED)


class RequestRefused(Exception):
    """A request command the register cannot take (unknown right or request, closed already)."""


@dataclass(frozen=True)
class RequestRow:
    id: str
    ward_id: str
    right: str
    requester_name: str
    requester_contact: str
    resident_id: str | None
    received_on: dt.date
    acknowledge_by: dt.date
    respond_by: dt.date
    status: str
    handler: str
    note: str
    acknowledged_on: dt.date | None
    closed_on: dt.date | None
    outcome: str
    residual: list[Any]

    def overdue(self, today: dt.date) -> bool:
        """Open past its response deadline, or not acknowledged past the acknowledgement one."""
        if self.status not in OPEN_STATUSES:
            return False
        return today > self.respond_by or (self.status == RequestStatus.RECEIVED and today > self.acknowledge_by)


def _row(mapping: Any) -> RequestRow:
    values = {name: mapping[name] for name in RequestRow.__dataclass_fields__}
    values["residual"] = list(values["residual"] or [])
    return RequestRow(**values)


def add_request(db: ServerDb, ward_id: str, right: DataRight | str, requester_name: str, *, requester_contact: str = "",
                resident_id: str | None = None, received_on: dt.date | None = None, handler: str = "", note: str = "",
                rules: PrivacyRules | None = None) -> RequestRow:
    """Register a request; its deadlines are computed now from the rules in data."""
    if right not in set(DataRight):
        raise RequestRefused(f"unknown right {right!r}: one of {', '.join(DataRight)}")
    if not requester_name.strip():
        raise RequestRefused("who asked? (--name)")
    received = received_on or today_local()
    acknowledge_by, respond_by = (rules or privacy_rules()).deadlines(right, received)
    request_id = uuid7()
    with db.write() as conn:
        conn.execute(insert(_TABLE).values(
            id=request_id, ward_id=ward_id, right=str(right), requester_name=requester_name.strip(),
            requester_contact=requester_contact.strip(), resident_id=resident_id, received_on=received, acknowledge_by=acknowledge_by,
            respond_by=respond_by, status=RequestStatus.RECEIVED, handler=handler.strip(), note=note.strip(), outcome="", residual=[],
            created_at=audit_trail.utcnow(),
        ))
        audit_trail.record(conn, actor_kind=AuditActorKind.OFFICE, actor_id=None, actor_name=handler, action=AuditAction.REQUEST_ADDED,
                           ward_id=ward_id, target_kind=AuditTarget.DATA_REQUEST, target_id=request_id,
                           detail={"right": str(right), "resident_id": resident_id})
        return _get(conn, request_id)


def _get(conn: Connection, request_id: str) -> RequestRow:
    found = conn.execute(select(_TABLE).where(_TABLE.c.id == request_id)).mappings().first()
    if found is None:
        raise RequestRefused(f"no request {request_id}")
    return _row(found)


def get_request(db: ServerDb, request_id: str) -> RequestRow:
    with db.read() as conn:
        return _get(conn, request_id)


def acknowledge_request(db: ServerDb, request_id: str, *, handler: str = "", on: dt.date | None = None) -> RequestRow:
    """Record that the person was told their request is being handled (the 2-working-day duty)."""
    with db.write() as conn:
        row = _get(conn, request_id)
        if row.status != RequestStatus.RECEIVED:
            raise RequestRefused(f"request {request_id} is {row.status}, not received")
        conn.execute(update(_TABLE).where(_TABLE.c.id == request_id).values(
            status=RequestStatus.ACKNOWLEDGED, acknowledged_on=on or today_local(), handler=handler.strip() or row.handler))
        return _get(conn, request_id)


def close_request(db: ServerDb, request_id: str, outcome: str, *, handler: str = "", refused: bool = False,
                  residual: list[str] | None = None, on: dt.date | None = None) -> RequestRow:
    """Close a request with its outcome (done, or refused with the reasons in ``outcome``);
    ``residual`` is what the app could not erase (a deletion's record says it)."""
    if not outcome.strip():
        raise RequestRefused("say how the request ended (--outcome)")
    with db.write() as conn:
        row = _get(conn, request_id)
        if row.status not in OPEN_STATUSES:
            raise RequestRefused(f"request {request_id} is closed already ({row.status})")
        status = RequestStatus.REFUSED if refused else RequestStatus.DONE
        conn.execute(update(_TABLE).where(_TABLE.c.id == request_id).values(
            status=status, closed_on=on or today_local(), outcome=outcome.strip(), handler=handler.strip() or row.handler,
            residual=list(residual if residual is not None else row.residual)))
        audit_trail.record(conn, actor_kind=AuditActorKind.OFFICE, actor_id=None, actor_name=handler or row.handler,
                           action=AuditAction.REQUEST_CLOSED, ward_id=row.ward_id, target_kind=AuditTarget.DATA_REQUEST,
                           target_id=request_id, detail={"right": row.right, "status": str(status), "resident_id": row.resident_id})
        return _get(conn, request_id)


def list_requests(db: ServerDb, *, ward_ids: list[str] | None = None, open_only: bool = False,
                  resident_id: str | None = None) -> list[RequestRow]:
    """The register, oldest deadline first; ``open_only`` leaves out closed requests."""
    statement = select(_TABLE).order_by(_TABLE.c.respond_by, _TABLE.c.received_on, _TABLE.c.id)
    if ward_ids is not None:
        statement = statement.where(_TABLE.c.ward_id.in_(ward_ids))
    if open_only:
        statement = statement.where(_TABLE.c.status.in_([str(s) for s in OPEN_STATUSES]))
    if resident_id is not None:
        statement = statement.where(_TABLE.c.resident_id == resident_id)
    with db.read() as conn:
        return [_row(r) for r in conn.execute(statement).mappings()]


def overdue_requests(db: ServerDb, *, ward_ids: list[str] | None = None, today: dt.date | None = None) -> list[RequestRow]:
    """Open requests past a deadline (the console's overview)."""
    day = today or today_local()
    return [r for r in list_requests(db, ward_ids=ward_ids, open_only=True) if r.overdue(day)]

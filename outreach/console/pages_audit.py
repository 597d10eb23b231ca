"""Audit: the office's append-only trail (``server.audit_trail``), newest first, filtered by
action and dd/mm/yyyy dates, within the account's wards (the city admin: everything, the
catalogue's ward-less events too). Read-only: nothing in the console edits or deletes events."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from fastapi import APIRouter, Request
from fastapi.responses import Response

from outreach.console.messages import MESSAGES
from outreach.console.rendering import render
from outreach.console.scope import sees_all_wards, visible_wards
from outreach.server import audit_trail
from outreach.server.db import ServerDb
from outreach.timeutil import VIETNAM
from outreach.vocabulary import AuditAction, AuditActorKind

router = APIRouter()
PAGE_SIZE = 100


def _utc_start(text: str) -> dt.datetime | None:
    """The UTC instant a Vietnam day dd/mm/yyyy begins (events are stored in naive UTC)."""
    try:
        day = dt.datetime.strptime(text.strip(), "%d/%m/%Y")
    except ValueError:
        return None
    return day.replace(tzinfo=VIETNAM).astimezone(dt.UTC).replace(tzinfo=None)


def _code(kind: type[StrEnum], value: str) -> StrEnum | str:
    """A stored code as its code list's member (its words on the page); an unknown one as it is."""
    try:
        return kind(value)
    except ValueError:
        return value


@router.get("/audit")
def audit(request: Request, action: str = "", first: str = "", last: str = "", page: int = 0) -> Response:
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    ward_ids = None if sees_all_wards(account) else [w["id"] for w in visible_wards(db, account)]
    chosen = action if action in set(AuditAction) else None
    since = _utc_start(first)
    until_day = _utc_start(last)
    until = until_day + dt.timedelta(days=1) if until_day else None
    page = max(0, min(page, 10_000))
    with db.read() as conn:
        rows = audit_trail.query(conn, ward_ids=ward_ids, action=chosen, since=since, until=until, limit=PAGE_SIZE, offset=page * PAGE_SIZE)
        total = audit_trail.count(conn, ward_ids=ward_ids, action=chosen, since=since, until=until)
    names = {w["id"]: w["name"] for w in visible_wards(db, account)}
    shown = [{**vars(r), "actor_kind": _code(AuditActorKind, r.actor_kind), "action": _code(AuditAction, r.action)} for r in rows]
    return render(request, "audit.html", rows=shown, total=total, actions=list(AuditAction), action=chosen or "", first=first[:10],
                  last=last[:10], page=page, pages=(total + PAGE_SIZE - 1) // PAGE_SIZE, ward_names=names, known_keys=MESSAGES)

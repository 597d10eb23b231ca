"""Laptops: the list (member, role, team, last seen), enrolment (a one-time code as text and
QR, with its expiry), what each laptop holds (``server.inventory``) and revocation with a reason — the same server functions as the CLI's
``device enroll`` and ``device revoke``, so the console cannot enrol or revoke differently.

The code and its QR are shown on the page that issued it (the QR inline, never at a URL: a
code in a URL would sit in browser history and proxy logs)."""

from __future__ import annotations

import base64
import logging
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from outreach.console.audit import note
from outreach.console.rendering import PREFIX, render
from outreach.console.scope import ADMINS, check_team, check_ward, sees_all_wards
from outreach.console.security import Forbidden
from outreach.model import Team, TeamMember, Ward
from outreach.qr_image import qr_png_bytes
from outreach.server import admin
from outreach.server.db import ServerDb
from outreach.server.inventory import inventory
from outreach.server.schema import Device
from outreach.vocabulary import AuditAction, ConsoleRole, RecordKind, RevokeReason, Role
from outreach.wire.enrolment_link import enrolment_link

log = logging.getLogger("outreach.server.console")
router = APIRouter()
REVOKE_REASONS = tuple(RevokeReason)  # retired: may hand over what it has; lost: wipes itself


def laptops_in_scope(db: ServerDb, account: Any) -> list[dict[str, Any]]:
    """Every laptop the account sees, newest first, with its team's and member's names."""
    query = (select(Device.id, Device.ward_id, Device.role, Device.label, Device.enrolled_at, Device.last_seen_at, Device.revoked_at,
                    Device.pending, Device.app_version, Device.last_push_rejected, Device.revoke_reason, Device.held,
                    Team.name.label("team_name"), TeamMember.full_name.label("member_name"), Ward.name.label("ward_name"))
             .outerjoin(Team, Team.id == Device.team_id).outerjoin(TeamMember, TeamMember.id == Device.member_id)
             .outerjoin(Ward, Ward.id == Device.ward_id).order_by(Device.enrolled_at.desc()))
    if not sees_all_wards(account):
        query = query.where(Device.ward_id == account.ward_id)
    if account.role == ConsoleRole.TEAM_LEADER:
        query = query.where(Device.team_id == account.team_id)
    with db.read() as conn:
        return [{**r, "role": Role(r["role"]), "revoke_reason": RevokeReason(r["revoke_reason"]) if r["revoke_reason"] else None}
                for r in conn.execute(query).mappings()]


def teams_for_enrolment(db: ServerDb, account: Any) -> list[dict[str, Any]]:
    query = (select(Team.id, Team.name, Ward.name.label("ward_name")).join(Ward, Ward.id == Team.ward_id)
             .where(Team.deleted.is_(False)).order_by(Ward.name, Team.name))
    if account.role == ConsoleRole.TEAM_LEADER:
        query = query.where(Team.id == account.team_id)
    elif account.role not in ADMINS:
        return []
    elif not sees_all_wards(account):
        query = query.where(Team.ward_id == account.ward_id)
    with db.read() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def _page(request: Request, **extra: Any) -> Response:
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    roles = [Role.VOLUNTEER] if account.role == ConsoleRole.TEAM_LEADER else [Role.VOLUNTEER, Role.LEADER]
    return render(request, "laptops.html", laptops=laptops_in_scope(db, account), teams=teams_for_enrolment(db, account),
                  roles=roles, reasons=REVOKE_REASONS, may_revoke=account.role in ADMINS, issued=None, **extra)


@router.get("/laptops")
def laptops(request: Request) -> Response:
    return _page(request)


@router.post("/laptops/enrol")
def enrol(request: Request, team_id: str = Form(max_length=36), role: str = Form(max_length=20),
          member_name: str = Form(default="", max_length=200), minutes: int = Form(default=15, ge=1, le=60 * 24 * 7)) -> Response:
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    team = check_team(db, account, team_id)
    if role not in (Role.VOLUNTEER, Role.LEADER) or (account.role == ConsoleRole.TEAM_LEADER and role != Role.VOLUNTEER):
        raise Forbidden
    name = " ".join(member_name.split()) or None
    try:
        issued = admin.issue_enrolment_code(db, team["id"], role, name, minutes)
    except admin.AdminError as exc:
        return _page(request, error_text=str(exc))
    server_url = str(request.base_url).rstrip("/")
    if server_url.endswith(PREFIX):
        server_url = server_url[: -len(PREFIX)]
    link = enrolment_link(server_url, issued.code)
    qr = base64.b64encode(qr_png_bytes(link, box_size=8)).decode()
    note(db, account, AuditAction.CONSOLE_CHANGE, team["ward_id"], what="enrolment_code", target_kind=RecordKind.TEAM,
         target_id=team["id"], role=role, minutes=minutes)
    log.info("console enrolment code issued", extra={"event": "code_issued", "account_id": account.id, "ward_id": team["ward_id"]})
    return render(request, "enrolled.html", code=issued.code, expires_at=issued.expires_at, qr=qr, team=team, role=Role(role),
                  server_url=server_url)


@router.post("/laptops/{device_id}/revoke")
def revoke(request: Request, device_id: str, reason: str = Form(max_length=20)) -> Response:
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    with db.read() as conn:
        ward_id = conn.scalar(select(Device.ward_id).where(Device.id == device_id))
    check_ward(account, ward_id)
    if account.role not in ADMINS:
        raise Forbidden
    if reason not in REVOKE_REASONS:
        return _page(request, error_text=reason)
    if admin.revoke_device(db, device_id, reason):
        note(db, account, AuditAction.DEVICE_REVOKED, ward_id, device=device_id, reason=reason)
        log.info("console revoked a laptop", extra={"event": "revoked", "account_id": account.id, "device_id": device_id,
                                                     "reason": reason})
    return RedirectResponse(f"{PREFIX}/laptops", status_code=303)


@router.get("/laptops/{device_id}")
def held(request: Request, device_id: str) -> Response:
    """What the laptop holds (the breach inventory: counts as of its last completed pull), for the
    72-hour report of a lost one. Counts only: no resident is named here."""
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    shown = next((d for d in laptops_in_scope(db, account) if d["id"] == device_id), None)
    if shown is None:
        raise Forbidden  # another ward's (or team's) laptop, or none: the same answer
    return render(request, "laptop.html", laptop=shown, item=inventory(db, device_id))

"""Wards and groups: a ward is created by picking it from the bundled administrative units
(``outreach.admin_units``: code and official name, never free text); each ward's residential
groups and teams are added here through the office's own write path (``server.admin``)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from outreach import admin_units
from outreach.console.audit import note
from outreach.console.rendering import PREFIX, render
from outreach.console.scope import check_admin, sees_all_wards, visible_wards
from outreach.console.security import Forbidden
from outreach.model import ResidentialGroup, Team, Ward
from outreach.server import admin
from outreach.server.db import ServerDb
from outreach.vocabulary import AuditAction, GroupKind, RecordKind

log = logging.getLogger("outreach.server.console")
router = APIRouter()
MAX_MATCHES = 50


def _groups_and_teams(db: ServerDb, ward_ids: list[str]) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    groups: dict[str, list[Any]] = {w: [] for w in ward_ids}
    teams: dict[str, list[Any]] = {w: [] for w in ward_ids}
    with db.read() as conn:
        for g in conn.execute(select(ResidentialGroup.ward_id, ResidentialGroup.name, ResidentialGroup.kind).where(
                ResidentialGroup.ward_id.in_(ward_ids), ResidentialGroup.deleted.is_(False))
                .order_by(ResidentialGroup.sort_order, ResidentialGroup.name)).mappings():
            groups[g["ward_id"]].append({**g, "kind": GroupKind(g["kind"])})
        for team in conn.execute(select(Team.ward_id, Team.name).where(Team.ward_id.in_(ward_ids), Team.deleted.is_(False))
                                 .order_by(Team.name)).mappings():
            teams[team["ward_id"]].append(team)
    return groups, teams


@router.get("/wards")
def wards(request: Request, province: str = "", q: str = "", message: str = "") -> Response:
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    shown = visible_wards(db, account)
    groups, teams = _groups_and_teams(db, [w["id"] for w in shown])
    may_create = sees_all_wards(account)
    matches: list[admin_units.Commune] = []
    if may_create and (q.strip() or province):
        matches = admin_units.find_communes(q, province or None)[:MAX_MATCHES] if q.strip() else \
            list(admin_units.communes(province))[:MAX_MATCHES]
    present = {w["code"] for w in shown}
    return render(request, "wards.html", wards=shown, groups=groups, teams=teams, may_create=may_create,
                  provinces=admin_units.provinces() if may_create else (), province=province, q=q, matches=matches, present=present,
                  province_name=lambda code: (admin_units.province(code) or admin_units.Province(code, "", "")).name,
                  may_edit=lambda ward_id: _may_edit(account, ward_id), kinds=list(GroupKind), message=message)


def _may_edit(account: Any, ward_id: str) -> bool:
    try:
        check_admin(account, ward_id)
    except Forbidden:
        return False
    return True


@router.post("/wards")
def create_ward(request: Request, commune_code: str = Form(max_length=5)) -> Response:
    """Create the ward of administrative unit ``commune_code`` (city admin only)."""
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    if not sees_all_wards(account):
        raise Forbidden
    unit = admin_units.commune(commune_code)
    if unit is None:
        return RedirectResponse(f"{PREFIX}/wards", status_code=303)
    with db.read() as conn:
        exists = conn.scalar(select(Ward.id).where(Ward.code == unit.code, Ward.deleted.is_(False))) is not None
    if exists:
        return RedirectResponse(f"{PREFIX}/wards?message=ward_exists", status_code=303)
    province = admin_units.province(unit.province_code)
    ward_id = admin.add_ward(db, unit.full_name, unit.code, unit.province_code, province.name if province else "")
    note(db, account, AuditAction.CONSOLE_CHANGE, ward_id, what="ward_added", target_kind=RecordKind.WARD, target_id=ward_id,
         code=unit.code)
    log.info("console created a ward", extra={"event": "ward_added", "account_id": account.id, "ward_id": ward_id})
    return RedirectResponse(f"{PREFIX}/wards", status_code=303)


@router.post("/wards/{ward_id}/groups")
def add_group(request: Request, ward_id: str, name: str = Form(min_length=1, max_length=200),
              kind: GroupKind = Form(default=GroupKind.TO_DAN_PHO)) -> Response:
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    check_admin(account, ward_id)
    group_id = admin.add_group(db, ward_id, " ".join(name.split()), kind)
    note(db, account, AuditAction.CONSOLE_CHANGE, ward_id, what="group_added", target_kind=RecordKind.RESIDENTIAL_GROUP, target_id=group_id)
    return RedirectResponse(f"{PREFIX}/wards", status_code=303)


@router.post("/wards/{ward_id}/teams")
def add_team(request: Request, ward_id: str, name: str = Form(min_length=1, max_length=200)) -> Response:
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    check_admin(account, ward_id)
    team_id = admin.add_team(db, ward_id, " ".join(name.split()))
    note(db, account, AuditAction.CONSOLE_CHANGE, ward_id, what="team_added", target_kind=RecordKind.TEAM, target_id=team_id)
    return RedirectResponse(f"{PREFIX}/wards", status_code=303)

"""Teams and areas: a ward's teams and their members, which residential groups each team covers
today, the dated history of those assignments, and (for the ward's admins) assigning a group
to a team from a date. Reads are the laptop's ``services.areas`` over the server's tables; the
write is ``areas_write`` (the same two records a leader's laptop makes, as an office push)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from outreach.console.areas_write import assign_group_office
from outreach.console.audit import note
from outreach.console.rendering import PREFIX, parse_day, render
from outreach.console.scope import check_admin, visible_wards
from outreach.console.security import Forbidden
from outreach.console.server_reader import ServerReader
from outreach.model import Team, TeamMember
from outreach.server.admin import AdminError
from outreach.server.db import ServerDb
from outreach.services.areas import area_history, group_areas
from outreach.timeutil import today_local
from outreach.vocabulary import AuditAction, RecordKind, Role

router = APIRouter()
#: history rows shown per ward (newest first)
HISTORY_ROWS = 50


def _teams(db: ServerDb, ward_id: str) -> list[dict[str, Any]]:
    """The ward's live teams by name, each with its active members (leaders first)."""
    with db.read() as conn:
        teams = [dict(r) for r in conn.execute(select(Team.id, Team.name).where(Team.ward_id == ward_id, Team.deleted.is_(False))
                                               .order_by(Team.name)).mappings()]
        members = conn.execute(select(TeamMember.team_id, TeamMember.full_name, TeamMember.role).where(
            TeamMember.team_id.in_([t["id"] for t in teams]), TeamMember.deleted.is_(False), TeamMember.active.is_(True))
            .order_by(TeamMember.full_name)).all()
    for team in teams:
        team["members"] = sorted(({"name": m.full_name, "role": Role(m.role)} for m in members if m.team_id == team["id"]),
                                 key=lambda m: m["role"] != Role.LEADER)
    return teams


def _ward_areas(db: ServerDb, ward: dict[str, str], today: dt.date) -> dict[str, Any]:
    reader = ServerReader(db)
    groups = group_areas(reader, today, ward["id"])
    teams = _teams(db, ward["id"])
    for team in teams:
        team["groups"] = [g.name for g in groups if g.team_id == team["id"]]
    return {**ward, "teams": teams, "groups": groups, "unassigned": [g.name for g in groups if g.team_id is None],
            "history": area_history(reader, ward_id=ward["id"])[:HISTORY_ROWS]}


def _may_edit(account: Any, ward_id: str) -> bool:
    try:
        check_admin(account, ward_id)
    except Forbidden:
        return False
    return True


@router.get("/areas")
def areas(request: Request, error: str = "") -> Response:
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    today = today_local()
    wards = [_ward_areas(db, w, today) for w in visible_wards(db, account)]
    return render(request, "areas.html", wards=wards, today=today, may_edit=lambda ward_id: _may_edit(account, ward_id),
                  error=error if error == "bad_date" else "")


@router.post("/areas/{ward_id}/assign")
def assign(request: Request, ward_id: str, group_id: str = Form(max_length=36), team_id: str = Form(default="", max_length=36),
           from_date: str = Form(max_length=10)) -> Response:
    """Assign one group of ``ward_id`` to one of its teams (empty: to none) from ``from_date``."""
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    check_admin(account, ward_id)
    day = parse_day(from_date)
    if day is None:
        return RedirectResponse(f"{PREFIX}/areas?error=bad_date", status_code=303)
    try:
        row_id = assign_group_office(db, ward_id, group_id, team_id or None, day, by=account.login)
    except AdminError:
        raise Forbidden from None  # a group or team of another ward (or none): refused like any out-of-scope form
    note(db, account, AuditAction.CONSOLE_CHANGE, ward_id, what="area_assigned", target_kind=RecordKind.RESIDENTIAL_GROUP,
         target_id=group_id, assignment=row_id)
    return RedirectResponse(f"{PREFIX}/areas", status_code=303)

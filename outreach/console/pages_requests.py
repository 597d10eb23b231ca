"""Requests: the data-subject request register (``server.data_requests``: the same functions as
``outreach-server request``): the list with its deadlines, add, acknowledge, close. Overdue
requests are also counted on the Overview's attention list.

A request holds the requester's name and contact, so the page shows them only to the ward's own
accounts and never puts them in a URL; audit events name the request by id (the register's own)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from outreach.console.rendering import PREFIX, parse_day, render
from outreach.console.scope import check_admin, check_ward, visible_wards
from outreach.console.security import Forbidden
from outreach.server import data_requests
from outreach.server.db import ServerDb
from outreach.timeutil import today_local
from outreach.vocabulary import ConsoleRole, DataRight, RequestStatus

log = logging.getLogger("outreach.server.console")
router = APIRouter()
#: the refusals the page explains (data_requests.RequestRefused carries English for the CLI)
PROBLEMS = ("request_refused", "bad_date")


def _may_edit(account: Any, ward_id: str) -> bool:
    try:
        check_admin(account, ward_id)
    except Forbidden:
        return False
    return True


@router.get("/requests")
def requests_page(request: Request, show: str = "open", problem: str = "") -> Response:
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    if account.role == ConsoleRole.TEAM_LEADER:
        raise Forbidden  # the register names requesters: the ward office's (and its chairman's), not a team's
    wards = visible_wards(db, account)
    rows = data_requests.list_requests(db, ward_ids=[w["id"] for w in wards], open_only=show != "all")
    today = today_local()
    return render(request, "requests.html", wards=wards, ward_names={w["id"]: w["name"] for w in wards}, rows=rows, today=today,
                  show="all" if show == "all" else "open", rights=list(DataRight), may_edit=lambda ward_id: _may_edit(account, ward_id),
                  editable=[w for w in wards if _may_edit(account, w["id"])], received=RequestStatus.RECEIVED,
                  right=DataRight, status=RequestStatus, problem=problem if problem in PROBLEMS else "")


def _back(problem: str = "") -> Response:
    return RedirectResponse(f"{PREFIX}/requests" + (f"?problem={problem}" if problem else ""), status_code=303)


def _ward_of(db: ServerDb, request_id: str, account: Any) -> data_requests.RequestRow:
    """The request if the account may change it (an admin of its ward), else ``Forbidden``."""
    try:
        row = data_requests.get_request(db, request_id)
    except data_requests.RequestRefused:
        raise Forbidden from None
    check_admin(account, row.ward_id)
    return row


@router.post("/requests")
def add(request: Request, ward_id: str = Form(max_length=36), right: str = Form(max_length=20),
        requester_name: str = Form(max_length=200), requester_contact: str = Form(default="", max_length=200),
        received_on: str = Form(default="", max_length=10), note: str = Form(default="", max_length=2000)) -> Response:
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    check_admin(account, check_ward(account, ward_id))
    received = parse_day(received_on) if received_on.strip() else today_local()
    if received is None:
        return _back("bad_date")
    try:
        row = data_requests.add_request(db, ward_id, right, " ".join(requester_name.split()), requester_contact=requester_contact,
                                        received_on=received, handler=account.login, note=note)
    except data_requests.RequestRefused:
        return _back("request_refused")
    log.info("console request added", extra={"event": "request_added", "account_id": account.id, "ward_id": ward_id,
                                              "request_id": row.id})
    return _back()


@router.post("/requests/{request_id}/acknowledge")
def acknowledge(request: Request, request_id: str) -> Response:
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    _ward_of(db, request_id, account)
    try:
        data_requests.acknowledge_request(db, request_id, handler=account.login)
    except data_requests.RequestRefused:
        return _back("request_refused")
    return _back()


@router.post("/requests/{request_id}/close")
def close(request: Request, request_id: str, outcome: str = Form(default="", max_length=2000), refused: str = Form(default="")) -> Response:
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    _ward_of(db, request_id, account)
    try:
        data_requests.close_request(db, request_id, outcome, handler=account.login, refused=refused == "1")
    except data_requests.RequestRefused:
        return _back("request_refused")
    return _back()

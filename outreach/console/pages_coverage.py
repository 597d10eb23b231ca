"""Coverage: the laptop's coverage figures (``services.coverage.compute_coverage``, the same
call the laptop's screen makes) over the server's database, for a ward and any period, with the
same exports (``reports.write_coverage``: XLSX, PDF, CSV, in Vietnamese as every export is).
The city admin also gets the wards side by side. A team leader sees their team's figures."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response
from starlette.background import BackgroundTask
from starlette.responses import FileResponse

from outreach.console.audit import note
from outreach.console.rendering import parse_day, render
from outreach.console.scope import check_ward, sees_all_wards, visible_wards
from outreach.console.server_reader import ServerReader
from outreach.labels import EXPORT_LANGUAGE
from outreach.reports import COVERAGE_FORMATS, write_coverage
from outreach.server.accounts import Account
from outreach.server.db import ServerDb
from outreach.services.coverage import CoverageReport, CoverageSummary, compute_coverage, coverage_summary
from outreach.services.periods import WARD, Period, PeriodError, Scope, range_period
from outreach.timeutil import iso_week_bounds, iso_week_of, today_local
from outreach.vocabulary import AuditAction, ConsoleRole

router = APIRouter()
MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf", "csv": "text/csv"}


def period_of(first: str, last: str) -> Period:
    """The dd/mm/yyyy range asked for; this ISO week when none is given."""
    start, end = parse_day(first), parse_day(last)
    if start is None or end is None:
        week_start, week_end = iso_week_bounds(iso_week_of(today_local()))
        start, end = start or week_start, end or week_end - dt.timedelta(days=1)
    return range_period(start, end)


def scope_of(account: Account) -> Scope:
    return Scope("team", account.team_id) if account.role == ConsoleRole.TEAM_LEADER else WARD


def ward_report(db: ServerDb, account: Account, ward_id: str, period: Period) -> CoverageReport:
    return compute_coverage(ServerReader(db), period, scope_of(account), ward_id=check_ward(account, ward_id))


@router.get("/coverage")
def coverage(request: Request, ward: str = "", first: str = "", last: str = "") -> Response:
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    wards = visible_wards(db, account)
    try:
        period = period_of(first, last)
    except PeriodError as exc:
        return render(request, "coverage.html", wards=wards, ward="", period=None, report=None, side_by_side=[], first=first,
                      last=last, problem=exc.message_en if request.state.lang == "en" else exc.message_vi, formats=COVERAGE_FORMATS)
    if not ward and not sees_all_wards(account):
        ward = account.ward_id or ""
    report = ward_report(db, account, ward, period) if ward else None
    side: list[tuple[dict[str, Any], CoverageSummary]] = []
    if not ward:
        side = [(w, coverage_summary(ServerReader(db), period, ward_id=w["id"])) for w in wards]
    return render(request, "coverage.html", wards=wards, ward=ward, period=period, report=report, side_by_side=side,
                  first=period.start.strftime("%d/%m/%Y"), last=period.last_day.strftime("%d/%m/%Y"), problem="",
                  formats=COVERAGE_FORMATS)


@router.post("/coverage/export")
def export(request: Request, ward: str = Form(max_length=36), fmt: str = Form(max_length=4), first: str = Form(default="", max_length=10),
           last: str = Form(default="", max_length=10)) -> Response:
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    if fmt not in COVERAGE_FORMATS:
        return render(request, "error.html", status_code=422, title_key="bad_input_title", body_key="back")
    try:
        period = period_of(first, last)
    except PeriodError:
        return render(request, "error.html", status_code=422, title_key="bad_input_title", body_key="back")
    report = ward_report(db, account, ward, period)
    folder = tempfile.mkdtemp(prefix="outreach-console-export-")
    path = write_coverage(report, Path(folder) / f"bao-cao-bao-phu.{fmt}", fmt, EXPORT_LANGUAGE)
    note(db, account, AuditAction.EXPORT_AGGREGATE, ward, what="coverage", format=fmt, period=period.label, scope=str(report.scope))
    return FileResponse(path, media_type=MEDIA[fmt], filename=path.name,
                        background=BackgroundTask(_remove, Path(folder)))


def _remove(folder: Path) -> None:
    for item in folder.iterdir():
        item.unlink()
    folder.rmdir()

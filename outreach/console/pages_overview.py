"""Overview: per ward the week's work (the laptop's coverage figures), its laptops and what
needs attention (refused pushes, overwritten values, silent laptops, overdue data requests);
for the city admin every ward side by side and the city's totals."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import case, func, select

from outreach.console.rendering import render
from outreach.console.scope import sees_all_wards, visible_wards
from outreach.console.server_reader import ServerReader
from outreach.server.auth import utcnow
from outreach.server.data_requests import overdue_requests
from outreach.server.db import ServerDb
from outreach.server.schema import Device, LostValueRecord
from outreach.services.coverage import coverage_summary
from outreach.services.periods import week_period
from outreach.timeutil import iso_week_of, today_local

router = APIRouter()
#: a laptop that has not pushed for this many days is listed as needing attention
SILENT_DAYS = 7


@dataclass
class WardOverview:
    ward_id: str
    name: str
    visits: int = 0
    households_visited: int = 0
    households_total: int = 0
    dossiers_online: int = 0
    #: the denominator of ``dossiers_online`` (as the laptop's coverage figure: submitted dossiers)
    dossiers_submitted: int = 0
    priority_reached: int = 0
    priority_total: int = 0
    laptops: int = 0
    last_sync: dt.datetime | None = None
    silent_laptops: int = 0
    #: laptops whose last push had changes the server refused
    refused_laptops: int = 0
    lost_values: int = 0
    attention: list[tuple[str, int]] = field(default_factory=list)


def ward_overviews(db: ServerDb, wards: list[dict[str, str]], week_label: str, now: dt.datetime) -> list[WardOverview]:
    """The overview figures of ``wards`` for the ISO week ``week_label`` (the coverage report's
    headline figures from ``services.coverage.coverage_summary``, laptops and attention items from
    the server's own tables)."""
    if not wards:
        return []
    period = week_period(week_label)
    reader = ServerReader(db)
    ids = [w["id"] for w in wards]
    silent_before = now - dt.timedelta(days=SILENT_DAYS)
    with db.read() as conn:
        devices = {r.ward_id: r for r in conn.execute(
            select(Device.ward_id, func.count().label("n"), func.max(Device.last_seen_at).label("last"),
                   func.sum(case((func.coalesce(Device.last_seen_at, Device.enrolled_at) < silent_before, 1), else_=0)).label("silent"),
                   func.sum(case((Device.last_push_rejected > 0, 1), else_=0)).label("refused"))
            .where(Device.ward_id.in_(ids), Device.revoked_at.is_(None), Device.pending.is_(False)).group_by(Device.ward_id))}
        lost = dict(conn.execute(select(LostValueRecord.ward_id, func.count()).where(
            LostValueRecord.ward_id.in_(ids), LostValueRecord.resolved_at.is_(None)).group_by(LostValueRecord.ward_id)).all())
    overdue = Counter(r.ward_id for r in overdue_requests(db, ward_ids=ids, today=today_local()))
    result = []
    for ward in wards:
        report = coverage_summary(reader, period, ward_id=ward["id"])
        d = devices.get(ward["id"])
        item = WardOverview(ward["id"], ward["name"], report.visits_total, report.households_visited, report.households_total,
                            report.dossiers.online.part, report.dossiers.online.whole, report.priority_reached, report.priority_total,
                            int(d.n) if d else 0, d.last if d else None, int(d.silent or 0) if d else 0,
                            int(d.refused or 0) if d else 0, int(lost.get(ward["id"], 0)))
        if item.refused_laptops:
            item.attention.append(("attention_refused", item.refused_laptops))
        if item.lost_values:
            item.attention.append(("attention_lost_values", item.lost_values))
        if item.silent_laptops:
            item.attention.append(("attention_silent", item.silent_laptops))
        if overdue[ward["id"]]:
            item.attention.append(("attention_requests_overdue", overdue[ward["id"]]))
        result.append(item)
    return result


def city_total(items: list[WardOverview]) -> WardOverview:
    total = WardOverview("", "")
    for item in items:
        for name in ("visits", "households_visited", "households_total", "dossiers_online", "dossiers_submitted",
                     "priority_reached", "priority_total", "laptops", "silent_laptops", "refused_laptops", "lost_values"):
            setattr(total, name, getattr(total, name) + getattr(item, name))
        if item.last_sync and (total.last_sync is None or item.last_sync > total.last_sync):
            total.last_sync = item.last_sync
    return total


@router.get("/")
def overview(request: Request) -> Response:
    db: ServerDb = request.app.state.db
    account = request.state.session.account
    week = iso_week_of(today_local())
    items = ward_overviews(db, visible_wards(db, account), week, utcnow())
    server_app = request.app.state.server_app
    clock_behind = server_app.state.clock_watch.server_behind_ms() if server_app is not None else None
    return render(request, "overview.html", wards=items, city=city_total(items) if sees_all_wards(account) else None,
                  week=week_period(week), clock_behind=clock_behind, silent_days=SILENT_DAYS)

"""Keeping personal data no longer than needed (Law 91/2025/QH15 Art. 3.3; issue 14).

The rule is data (``resources/privacy.json``, per ward by its code, ``privacy_rules``):

- a resident whose household had no visit, and whose own row no edit, for
  ``inactive_resident_years``, and who has no open data-subject request, is erased through the
  same mechanism as an erasure on request (``erasure.erase_resident``, reason ``retention``): the
  server's row, kept losing values, every laptop through sync;
- a visit older than ``visit_detail_years`` keeps its statistics only: its free-text notes and
  the leader's review note are cleared, and its filings lose their dossier code; the date, the
  outcome, the team, each filing's procedure, status and channel stay, so the figures still count.

``preview`` says what a run would clear (the console shows it); ``run`` does it and records one
``retention_run`` audit event with the counts. ``outreach-server retention preview|run``; the
nightly backup job runs it after the dump (docs/deploy.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from outreach.model import Filing, Resident, Visit, Ward
from outreach.model.base import table_of
from outreach.model.clock import wall_ms_of
from outreach.privacy_rules import PrivacyRules, RetentionRule, privacy_rules
from outreach.server import audit_trail
from outreach.server.admin import office_write_many
from outreach.server.data_requests import OPEN_STATUSES
from outreach.server.db import ServerDb
from outreach.server.erasure import erase_resident
from outreach.server.schema import DataRequest
from outreach.timeutil import VIETNAM, today_local
from outreach.vocabulary import AuditAction, AuditActorKind, AuditTarget, ErasureReason


@dataclass(frozen=True)
class RetentionPlan:
    ward_id: str
    rule: RetentionRule
    residents: list[str]
    visits: list[str]
    filings: list[str]


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _last_edit(clocks: dict[str, str] | None) -> dt.date | None:
    stamps = [s for s in (clocks or {}).values() if isinstance(s, str)]
    if not stamps:
        return None
    ms = max(wall_ms_of(s) for s in stamps)
    return dt.datetime.fromtimestamp(ms / 1000, VIETNAM).date()


def preview(db: ServerDb, ward_id: str, *, today: dt.date | None = None, rules: PrivacyRules | None = None) -> RetentionPlan:
    """What ``run`` would clear in the ward today (nothing is written)."""
    day = today or today_local()
    residents, visits, filings, wards = table_of(Resident), table_of(Visit), table_of(Filing), table_of(Ward)
    requests = DataRequest.__table__
    with db.read() as conn:
        code = conn.execute(select(wards.c.code).where(wards.c.id == ward_id)).scalar() or ""
        rule = (rules or privacy_rules()).retention(code)
        inactive_before = dt.datetime.combine(_years_before(day, rule.inactive_resident_years), dt.time())
        detail_before = dt.datetime.combine(_years_before(day, rule.visit_detail_years), dt.time())
        last_visit = dict(conn.execute(
            select(visits.c.household_id, func.max(visits.c.started_at)).where(visits.c.ward_id == ward_id, visits.c.deleted.is_(False))
            .group_by(visits.c.household_id)).all())
        asked = set(conn.execute(select(requests.c.resident_id).where(
            requests.c.ward_id == ward_id, requests.c.status.in_([str(s) for s in OPEN_STATUSES]))).scalars())
        people = conn.execute(select(residents.c.id, residents.c.household_id, residents.c.clocks).where(
            residents.c.ward_id == ward_id, residents.c.deleted.is_(False), residents.c.erased_at.is_(None))).all()
        old_visits = list(conn.execute(select(visits.c.id).where(
            visits.c.ward_id == ward_id, visits.c.started_at < detail_before,
            (visits.c.notes != "") | (visits.c.review_note != "")).order_by(visits.c.started_at)).scalars())
        old_filings = [fid for fid, dossier in conn.execute(select(filings.c.id, filings.c.dossier).join(
            visits, visits.c.id == filings.c.visit_id).where(filings.c.ward_id == ward_id, visits.c.started_at < detail_before))
            if (dossier or {}).get("dossier_code")]
    due = []
    for rid, household_id, clocks in people:
        visited = last_visit.get(household_id)
        edited = _last_edit(clocks)
        if rid in asked or (visited is not None and visited >= inactive_before):
            continue
        if edited is not None and edited >= inactive_before.date():
            continue
        due.append(rid)
    return RetentionPlan(ward_id, rule, sorted(due), old_visits, sorted(old_filings))


def run(db: ServerDb, ward_id: str, *, today: dt.date | None = None, by: str = "retention",
        rules: PrivacyRules | None = None) -> RetentionPlan:
    """Apply the ward's rule (see the module doc); returns what was cleared."""
    plan = preview(db, ward_id, today=today, rules=rules)
    for rid in plan.residents:
        erase_resident(db, rid, reason=ErasureReason.RETENTION, by=by)
    if plan.visits:
        office_write_many(db, Visit, [(vid, {"notes": "", "review_note": ""}, False) for vid in plan.visits], ward_id)
    if plan.filings:
        with db.read() as conn:
            filings = table_of(Filing)
            dossiers = dict(conn.execute(select(filings.c.id, filings.c.dossier).where(filings.c.id.in_(plan.filings))).all())
        office_write_many(db, Filing, [(fid, {"dossier": {**(dossiers[fid] or {}), "dossier_code": ""}}, False) for fid in plan.filings],
                          ward_id)
    with db.write() as conn:
        audit_trail.record(conn, actor_kind=AuditActorKind.SYSTEM, actor_id=None, actor_name=by, action=AuditAction.RETENTION_RUN,
                           ward_id=ward_id, target_kind=AuditTarget.WARD_DATA, target_id=ward_id,
                           detail={"residents_erased": len(plan.residents), "visits_cleared": len(plan.visits),
                                   "filings_cleared": len(plan.filings), "rule": [plan.rule.inactive_resident_years,
                                                                                  plan.rule.visit_detail_years]})
    return plan

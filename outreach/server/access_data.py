"""Gather everything the office holds about one resident (issue 14, the right of access).

One read snapshot: the resident's and household's rows, the household's visits, the person's
filings, the consent history (from the row and the audit trail), the audit of who opened,
exported or changed the record, and the person's requests. The exporters render it
(``reports/access_export.py``); making the export is itself audited (``ACCESS_EXPORT``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from outreach.model import Filing, Household, Procedure, Resident, ResidentialGroup, Team, TeamMember, Visit, Ward
from outreach.model.address import address_text
from outreach.model.base import table_of
from outreach.model.subject_record import SubjectRecord
from outreach.server import audit_trail, data_requests
from outreach.server.admin import AdminError
from outreach.server.db import ServerDb
from outreach.timeutil import VIETNAM, now_local
from outreach.vocabulary import AuditAction, AuditActorKind, RecordKind

_CONSENT_ACTIONS = (AuditAction.CONSENT_GIVEN, AuditAction.CONSENT_WITHDRAWN)


def _local(at: dt.datetime) -> dt.datetime:
    """An audit time (UTC, as the server keeps it) in Vietnam's time, as the rows' times are."""
    return at.replace(tzinfo=dt.UTC).astimezone(VIETNAM).replace(tzinfo=None)


def gather(db: ServerDb, resident_id: str) -> SubjectRecord:
    """The record of ``resident_id``; raises ``AdminError`` for an unknown resident."""
    residents, households, visits, filings = table_of(Resident), table_of(Household), table_of(Visit), table_of(Filing)
    with db.read() as conn:
        person = conn.execute(select(residents).where(residents.c.id == resident_id, residents.c.deleted.is_(False))).mappings().first()
        if person is None:
            raise AdminError(f"no resident {resident_id}")
        ward = conn.execute(select(table_of(Ward).c.name).where(table_of(Ward).c.id == person["ward_id"])).scalar() or ""
        home = conn.execute(select(households).where(households.c.id == person["household_id"])).mappings().first()
        group = ""
        if home is not None and home["group_id"]:
            groups = table_of(ResidentialGroup)
            group = conn.execute(select(groups.c.name).where(groups.c.id == home["group_id"])).scalar() or ""
        members = dict(conn.execute(select(table_of(TeamMember).c.id, table_of(TeamMember).c.full_name)).all())
        teams = dict(conn.execute(select(table_of(Team).c.id, table_of(Team).c.name)).all())
        visit_rows = conn.execute(select(visits).where(visits.c.household_id == person["household_id"], visits.c.deleted.is_(False))
                                  .order_by(visits.c.started_at)).mappings().all()
        filing_rows = conn.execute(select(filings).where(filings.c.resident_id == resident_id, filings.c.deleted.is_(False))
                                   .order_by(filings.c.submitted_at)).mappings().all()
        names = dict(conn.execute(select(table_of(Procedure).c.id, table_of(Procedure).c.name_vi)).all())
        trail = audit_trail.query(conn, resident_id=resident_id, limit=10_000, oldest_first=True)
    visit_days = {v["id"]: v["started_at"] for v in visit_rows}
    resident = {k: person[k] for k in ("full_name", "date_of_birth", "sex", "personal_id", "old_id", "card_address", "relation_to_head",
                                        "phone", "vneid_level", "consent_given_at", "consent_withdrawn_at", "erased_at")}
    household: dict[str, Any] = {}
    if home is not None:
        household = {"head_name": home["head_name"], "address": address_text(home["address"] or {}), "phone": home["phone"],
                     "group": group, "elderly_alone": home["elderly_alone"], "disabled": home["disabled"],
                     "policy_family": home["policy_family"], "poor_household": home["poor_household"], "notes": home["notes"]}
    # the row says the current consent; the trail says each time it was given or withdrawn
    consent = [{"event": "given" if r.action == AuditAction.CONSENT_GIVEN else "withdrawn", "at": _local(r.at), "purpose": "",
                "by": members.get(r.actor_id or "", r.actor_name)} for r in trail if r.action in _CONSENT_ACTIONS]
    consent += [{"event": "given", "at": person["consent_given_at"], "purpose": (person["consent_detail"] or {}).get("purpose", ""),
                "by": members.get((person["consent_detail"] or {}).get("recorded_by"), "")}] if person["consent_given_at"] else []
    if person["consent_withdrawn_at"]:
        consent.append({"event": "withdrawn", "at": person["consent_withdrawn_at"], "purpose": "",
                        "by": members.get((person["consent_detail"] or {}).get("withdrawn_recorded_by"), "")})
    return SubjectRecord(
        resident_id=resident_id, ward_name=ward, generated_at=now_local(), resident=resident, household=household,
        visits=[{"started_at": v["started_at"], "outcome": v["outcome"], "team": teams.get(v["team_id"], ""),
                 "volunteer": members.get(v["volunteer_id"], ""), "review_status": v["review_status"]} for v in visit_rows],
        filings=[{"procedure_code": f["procedure_code"], "procedure_name": names.get(f["procedure_code"], ""), "status": f["status"],
                  "channel": f["channel"], "dossier_code": (f["dossier"] or {}).get("dossier_code", ""),
                  "submitted_at": f["submitted_at"] or visit_days.get(f["visit_id"])} for f in filing_rows],
        consent=consent,
        accesses=[{"at": _local(r.at), "action": r.action, "actor": members.get(r.actor_id or "", r.actor_name) or r.actor_kind,
                   "actor_kind": r.actor_kind, "device": r.device_id or ""} for r in trail if r.action not in _CONSENT_ACTIONS],
        requests=[{"right": q.right, "received_on": q.received_on, "status": q.status, "respond_by": q.respond_by, "outcome": q.outcome}
                  for q in data_requests.list_requests(db, resident_id=resident_id)],
    )


def record_access_export(db: ServerDb, record: SubjectRecord, *, by: str, files: list[str], password_protected: bool = False) -> None:
    """The access export is itself an access: audited with who made it, which files, and whether
    the workbook is protected with a password."""
    with db.read() as conn:
        ward_id = conn.execute(select(table_of(Resident).c.ward_id).where(table_of(Resident).c.id == record.resident_id)).scalar()
    with db.write() as conn:
        audit_trail.record(conn, actor_kind=AuditActorKind.OFFICE, actor_id=None, actor_name=by, action=AuditAction.ACCESS_EXPORT,
                           ward_id=ward_id, target_kind=RecordKind.RESIDENT, target_id=record.resident_id,
                           detail={"files": files, "password_protected": password_protected})

"""What a visit receipt says: the household, the date, the team, each filing and its dossier code.

The receipt is the resident's own record of what was filed for them, so it carries their
household's name and address; printing it is allowed to every team member (it happens at the
door), and each print is written to the audit log, since the file holds personal data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select

from outreach.model import Team, Ward
from outreach.services import audit
from outreach.services.context import Actor
from outreach.services.visits import get_visit
from outreach.store.database import Store
from outreach.vocabulary import AuditAction, RecordKind

EXPORT_VISIT_RECEIPT = AuditAction.EXPORT_VISIT_RECEIPT


@dataclass(frozen=True)
class ReceiptFiling:
    procedure_code: str
    procedure_name: str
    portal: str
    dossier_code: str
    status: str
    fee_paid_online: bool


@dataclass(frozen=True)
class VisitReceipt:
    visit_id: str
    ward_name: str
    team_name: str
    team_phone: str
    volunteer_name: str
    started_at: dt.datetime | None
    household_head: str
    household_address: str
    outcome: str
    follow_up_date: dt.date | None
    filings: list[ReceiptFiling] = field(default_factory=list)


def visit_receipt(store: Store, actor: Actor, visit_id: str, destination: str = "") -> VisitReceipt:
    """The receipt's content for ``visit_id``; records the print in the audit log."""
    visit = get_visit(store, visit_id)
    with store.read() as session:
        team = session.get(Team, visit.team_id) if visit.team_id else None
        ward_stmt = select(Ward.name).where(Ward.deleted.is_(False))
        if actor.ward_id:
            ward_stmt = ward_stmt.where(Ward.id == actor.ward_id)
        ward_name = session.scalar(ward_stmt.limit(1)) or ""
    receipt = VisitReceipt(
        visit_id=visit.id,
        ward_name=ward_name,
        team_name=team.name if team else "",
        team_phone=(team.contact_phone or "") if team else "",
        volunteer_name=visit.volunteer_name,
        started_at=visit.started_at,
        household_head=visit.household_head,
        household_address=visit.household_address,
        outcome=visit.outcome,
        follow_up_date=visit.follow_up_date if not visit.follow_up_done else None,
        filings=[
            ReceiptFiling(f.procedure_code, f.procedure_name, f.portal, f.dossier_code, f.status, f.fee_paid_online)
            for f in visit.filings
        ],
    )
    audit.record(store, actor, EXPORT_VISIT_RECEIPT, f"visit {visit_id}", {"destination": destination, "filings": len(receipt.filings)},
                 target_kind=RecordKind.VISIT, target_id=visit_id)
    return receipt

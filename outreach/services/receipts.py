"""What a visit receipt says: the household, the date, the team, each filing and its dossier code,
and for each filing the next steps: the papers still to bring, the fee and the expected result date.

The receipt is the resident's own record of what was filed for them, so it carries their
household's name and address; printing it is allowed to every team member (it happens at the
door), and each print is written to the audit log, since the file holds personal data. The next
steps come from the laptop's synced catalogue (``services.procedures.terms_of``, the ward's
province overrides applied), and the expected result date counts Vietnamese working days
(``services.working_days``), so what the resident is told is what the office publishes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from outreach.catalogue import OTHER_PROCEDURE_CODE
from outreach.model import Procedure, Team, Ward
from outreach.services import audit
from outreach.services.context import Actor
from outreach.services.procedures import FilingTerms, terms_of, ward_province
from outreach.services.visits import FilingView, get_visit
from outreach.services.working_days import add_working_days
from outreach.store.database import Store
from outreach.vocabulary import AuditAction, Channel, FilingStatus, OnlineLevel, RecordKind

EXPORT_VISIT_RECEIPT = AuditAction.EXPORT_VISIT_RECEIPT

#: Statuses after which the office is working on the dossier: the resident waits for the result.
_WAITING = (FilingStatus.SUBMITTED,)
#: Statuses with nothing left for the resident to do.
_DONE = (FilingStatus.COMPLETED,)


@dataclass(frozen=True)
class NextStep:
    """What the resident does next for one filing.

    ``papers``: for a dossier not submitted yet, everything to submit and to show; for one the
    office is working on, what to show when collecting the result. ``expected_on``: submitted date
    + processing days in working days (None: not submitted yet, or no processing time known)."""

    channel: str
    fee_vnd: int | None
    days: int | None
    papers: tuple[str, ...] = ()
    submitted: bool = False
    expected_on: dt.date | None = None


@dataclass(frozen=True)
class ReceiptFiling:
    procedure_code: str
    procedure_name: str
    portal: str
    dossier_code: str
    status: str
    fee_paid_online: bool
    next_step: NextStep | None = None


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


def next_step(f: FilingView, terms: FilingTerms, fallback_day: dt.date | None, days_off: Collection[dt.date] = ()) -> NextStep | None:
    """The next step of filing ``f`` under ``terms`` (None: completed, nothing left to do)."""
    if f.status in _DONE:
        return None
    if f.status in _WAITING:
        submitted_on = f.submitted_at.date() if f.submitted_at else fallback_day
        expected = add_working_days(submitted_on, terms.days, days_off) if submitted_on and terms.days is not None else None
        return NextStep(terms.channel, terms.fee_vnd, terms.days, terms.papers_show, True, expected)
    return NextStep(terms.channel, terms.fee_vnd, terms.days, terms.papers_submit + terms.papers_show)


def _next_steps(session: Session, visit_filings: list[FilingView], province: str, visit_day: dt.date | None,
                days_off: Collection[dt.date]) -> list[NextStep | None]:
    """Each filing's next step, in order; the catalogue rows are read once for the visit."""
    codes = {f.procedure_code for f in visit_filings} - {OTHER_PROCEDURE_CODE}
    rows = {row.id: row for row in session.execute(
        select(Procedure.id, Procedure.online_level, Procedure.channels, Procedure.province_overrides, Procedure.papers)
        .where(Procedure.id.in_(codes), Procedure.deleted.is_(False)))} if codes else {}
    steps: list[NextStep | None] = []
    for f in visit_filings:
        row = rows.get(f.procedure_code)
        if row is None:  # "khác": the catalogue knows nothing to tell
            steps.append(None)
            continue
        channel = f.channel or (Channel.COUNTER if row.online_level == OnlineLevel.COUNTER else Channel.ONLINE)
        terms = terms_of(row.id, row.channels, row.province_overrides, row.papers, channel, province)
        steps.append(next_step(f, terms, visit_day, days_off))
    return steps


def visit_receipt(store: Store, actor: Actor, visit_id: str, destination: str = "", *,
                  days_off: Collection[dt.date] = ()) -> VisitReceipt:
    """The receipt's content for ``visit_id``; records the print in the audit log. ``days_off``:
    the office's extra days off, on top of the public holidays, for the expected result dates."""
    visit = get_visit(store, visit_id)
    with store.read() as session:
        team = session.get(Team, visit.team_id) if visit.team_id else None
        ward_stmt = select(Ward.name).where(Ward.deleted.is_(False))
        if actor.ward_id:
            ward_stmt = ward_stmt.where(Ward.id == actor.ward_id)
        ward_name = session.scalar(ward_stmt.limit(1)) or ""
        province = ward_province(session, actor.ward_id)
        steps = _next_steps(session, visit.filings, province, visit.started_at.date() if visit.started_at else None, days_off)
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
            ReceiptFiling(f.procedure_code, f.procedure_name, f.portal, f.dossier_code, f.status, f.fee_paid_online, step)
            for f, step in zip(visit.filings, steps, strict=True)
        ],
    )
    audit.record(store, actor, EXPORT_VISIT_RECEIPT, f"visit {visit_id}", {"destination": destination, "filings": len(receipt.filings)},
                 target_kind=RecordKind.VISIT, target_id=visit_id)
    return receipt

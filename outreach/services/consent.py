"""Residents' consent to the storage of their personal data (Law 91/2025/QH15).

Consent records what, why and who. Withdrawing it clears the personal fields (name, date of
birth, personal and old ID numbers, phone) in one transaction, while the resident row, sex,
VNeID level and every visit and filing stay, so the ward's statistics keep adding up.
"""

from __future__ import annotations

from outreach.errors import NotFound, Problems
from outreach.model import Resident
from outreach.model.entities import RESIDENT_IDENTIFYING_FIELDS, RESIDENT_PERSONAL_FIELDS
from outreach.services.audit import record_in
from outreach.services.context import Actor
from outreach.services.households import ResidentView, resident_view
from outreach.store.database import Store
from outreach.timeutil import now_local
from outreach.vocabulary import AuditAction, RecordKind

WITHDRAWN_NAME = "(đã rút đồng ý)"
PERSONAL_FIELDS = RESIDENT_PERSONAL_FIELDS


def give_consent(store: Store, actor: Actor, resident_id: str, purpose: str) -> ResidentView:
    problems = Problems()
    if not purpose.strip():
        problems.add("purpose", "required", "Cần ghi mục đích sử dụng dữ liệu.", "State the purpose of the data.")
    problems.raise_if_any()
    with store.write() as tx:
        row = tx.session.get(Resident, resident_id)
        if row is None or row.deleted:
            raise NotFound("Không tìm thấy người dân.", "Resident not found.")
        tx.recorder.update(
            row,
            {
                "consent_given_at": now_local(),
                "consent_withdrawn_at": None,
                "consent_detail": {"recorded_by": actor.member_id, "purpose": purpose.strip()},
            },
        )
        record_in(tx.session, actor, AuditAction.CONSENT_GIVEN, f"resident {resident_id}", target_kind=RecordKind.RESIDENT,
                  target_id=resident_id)
        return resident_view(row)


def withdraw_consent(store: Store, actor: Actor, resident_id: str) -> ResidentView:
    """Record the withdrawal and clear the personal fields; statistics are kept."""
    with store.write() as tx:
        row = tx.session.get(Resident, resident_id)
        if row is None or row.deleted:
            raise NotFound("Không tìm thấy người dân.", "Resident not found.")
        detail = dict(row.consent_detail or {})
        detail["withdrawn_recorded_by"] = actor.member_id
        tx.recorder.update(
            row,
            {
                "full_name": WITHDRAWN_NAME,
                **dict.fromkeys(RESIDENT_IDENTIFYING_FIELDS),
                "consent_withdrawn_at": now_local(),
                "consent_detail": detail,
            },
        )
        record_in(tx.session, actor, AuditAction.CONSENT_WITHDRAWN, f"resident {resident_id}", target_kind=RecordKind.RESIDENT,
                  target_id=resident_id)
        return resident_view(row)

"""Households and residents: register, edit, delete (tombstone), look up, find duplicates.

Every write is one transaction through ``Store.write()``: the row, its outbox entry and its
search-index row commit together or not at all. Input is validated completely *before* the
transaction starts, so bad input never half-writes anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from outreach import validation
from outreach.errors import FieldProblem, FieldWarning, NeedsConfirmation, NotFound, Problems, ValidationError
from outreach.model import Household, Resident, ResidentialGroup, Visit, field_rules
from outreach.model.address import address_text
from outreach.services.area_scope import refuse_outside_area
from outreach.services.audit import record, record_in
from outreach.services.context import Actor
from outreach.store import search_index
from outreach.store.database import Store
from outreach.store.outbox import ChangeRecorder
from outreach.timeutil import now_local, today_local
from outreach.vietnamese_fold import fold_key, fold_tokens
from outreach.vocabulary import AuditAction, RecordKind, Sex

ADDRESS_PARTS = field_rules.ADDRESS_PARTS
SEXES: tuple[Sex, ...] = tuple(Sex)
#: The relation that makes a resident the household's head; a household has at most one living.
HEAD = "Chủ hộ"
#: What the former head becomes when someone else is made the head (editable afterwards).
FORMER_HEAD_RELATION = "Khác"
RELATIONS = (HEAD, "Vợ", "Chồng", "Con", "Bố", "Mẹ", "Ông", "Bà", "Cháu", "Anh", "Chị", "Em", "Khác")


@dataclass(frozen=True)
class HouseholdInput:
    head_name: str
    address: dict[str, str]
    group_id: str | None = None
    phone: str | None = None
    elderly_alone: bool = False
    disabled: bool = False
    policy_family: bool = False
    poor_household: bool = False
    notes: str = ""


@dataclass(frozen=True)
class HouseholdSummary:
    id: str
    head_name: str
    address_text: str
    group_id: str | None
    group_name: str
    phone: str | None
    elderly_alone: bool
    disabled: bool
    policy_family: bool
    poor_household: bool
    resident_count: int = 0
    last_visit_at: dt.datetime | None = None

    @property
    def is_priority(self) -> bool:
        return self.elderly_alone or self.disabled or self.policy_family or self.poor_household


@dataclass(frozen=True)
class ResidentInput:
    full_name: str
    date_of_birth: dt.date | None = None
    sex: str | None = None
    personal_id: str | None = None
    old_id: str | None = None
    relation_to_head: str = ""
    phone: str | None = None
    vneid_level: int = 0
    #: The permanent address as printed on the scanned chip card, kept verbatim (it can differ
    #: from the household's address); None when the resident was not scanned.
    card_address: str | None = None
    #: The scanned card's issue date (when it must be renewed: ``reach_rules``); None if not scanned.
    card_issued_on: dt.date | None = None


@dataclass(frozen=True)
class ResidentView:
    id: str
    household_id: str | None
    full_name: str
    date_of_birth: dt.date | None
    sex: str | None
    personal_id: str | None
    personal_id_masked: str
    old_id: str | None
    relation_to_head: str
    phone: str | None
    vneid_level: int
    consent_given_at: dt.datetime | None
    consent_withdrawn_at: dt.datetime | None
    card_address: str | None = None
    card_issued_on: dt.date | None = None

    @property
    def has_consent(self) -> bool:
        return self.consent_given_at is not None and self.consent_withdrawn_at is None


@dataclass(frozen=True)
class HouseholdDetail:
    summary: HouseholdSummary
    address: dict[str, str]
    notes: str
    residents: list[ResidentView] = field(default_factory=list)


def mask_personal_id(pid: str | None) -> str:
    """Lists show only the first 3 and last 2 digits (DESIGN.md §5)."""
    if not pid:
        return ""
    if len(pid) <= 5:
        return "*" * len(pid)
    return pid[:3] + "*" * (len(pid) - 5) + pid[-2:]


# ---------------------------------------------------------------- validation


def _clean_address(address: dict[str, Any]) -> dict[str, str]:
    return {k: str(address.get(k) or "").strip() for k in ADDRESS_PARTS if str(address.get(k) or "").strip()}


def _validate_household(data: HouseholdInput) -> HouseholdInput:
    problems = Problems()
    head = data.head_name.strip()
    validation.check_required(head, "head_name", "Tên chủ hộ", "Head of household", problems)
    validation.check_length(head, "head_name", 200, "Tên chủ hộ", "Head of household", problems)
    address = _clean_address(data.address)
    if not address:
        problems.add("address", "required", "Cần nhập địa chỉ.", "An address is required.")
    for part, value in address.items():
        validation.check_length(value, f"address.{part}", 200, "Địa chỉ", "Address", problems)
    phone = validation.check_phone(data.phone, "phone", problems) if data.phone else None
    validation.check_length(data.notes, "notes", field_rules.HOUSEHOLD_NOTES_MAX, "Ghi chú", "Notes", problems)
    problems.raise_if_any()
    return HouseholdInput(
        head_name=head,
        address=address,
        group_id=data.group_id,
        phone=phone,
        elderly_alone=data.elderly_alone,
        disabled=data.disabled,
        policy_family=data.policy_family,
        poor_household=data.poor_household,
        notes=data.notes.strip(),
    )


def _validate_resident(data: ResidentInput, today: dt.date) -> tuple[ResidentInput, list[FieldWarning]]:
    problems = Problems()
    name = " ".join(data.full_name.split())
    validation.check_required(name, "full_name", "Họ và tên", "Full name", problems)
    validation.check_length(name, "full_name", 200, "Họ và tên", "Full name", problems)
    if data.sex is not None and data.sex not in SEXES:
        problems.add("sex", "invalid", "Giới tính phải là Nam hoặc Nữ.", "Sex must be Nam or Nữ.")
    if data.date_of_birth is not None:
        validation.check_birth_date(data.date_of_birth, today, problems)
    warnings: list[FieldWarning] = []
    pid = (data.personal_id or "").strip() or None
    if pid is not None:
        errors, warnings = validation.check_personal_id(pid, date_of_birth=data.date_of_birth, sex=data.sex)
        problems.items.extend(errors)
    old_id = (data.old_id or "").strip() or None
    if old_id is not None and not (len(old_id) == 9 and old_id.isdigit()):
        problems.add("old_id", "invalid", "Số CMND cũ phải gồm đúng 9 chữ số.", "The old ID number must be exactly 9 digits.")
    phone = validation.check_phone(data.phone, "phone", problems) if data.phone else None
    if data.vneid_level not in (0, 1, 2):
        problems.add("vneid_level", "invalid", "Mức định danh VNeID phải là 0, 1 hoặc 2.", "VNeID level must be 0, 1 or 2.")
    validation.check_length(data.relation_to_head, "relation_to_head", 50, "Quan hệ với chủ hộ", "Relation to head", problems)
    card_address = " ".join((data.card_address or "").split()) or None
    validation.check_length(card_address or "", "card_address", 300, "Địa chỉ trên thẻ", "Address on the card", problems)
    issued = data.card_issued_on
    if issued is not None and (issued > today or (data.date_of_birth is not None and issued < data.date_of_birth)):
        problems.add("card_issued_on", "invalid", "Ngày cấp thẻ phải sau ngày sinh và không sau hôm nay.",
                     "The card's issue date must be after the date of birth and not after today.")
    problems.raise_if_any()
    clean = ResidentInput(
        full_name=name,
        date_of_birth=data.date_of_birth,
        sex=data.sex,
        personal_id=pid,
        old_id=old_id,
        relation_to_head=data.relation_to_head.strip(),
        phone=phone,
        vneid_level=data.vneid_level,
        card_address=card_address,
        card_issued_on=issued,
    )
    return clean, warnings


# ---------------------------------------------------------------- reads


def _summaries(session: Session, ids: list[str]) -> list[HouseholdSummary]:
    """Summaries of ``ids`` in the given order (missing or deleted ids are skipped).

    Three index-only look-ups merged in Python: SQLite joins of grouped subqueries would
    materialise them and cost nearly twice as much per search keystroke.
    """
    if not ids:
        return []
    # Only the columns a summary shows: loading whole ORM rows would also decode every row's
    # per-field clocks.
    rows = session.execute(select(*_SUMMARY_COLUMNS).where(Household.id.in_(ids), Household.deleted.is_(False))).all()
    counts: dict[str | None, int] = {
        hid: n
        for hid, n in session.execute(
            select(Resident.household_id, func.count())
            .where(Resident.household_id.in_(ids), Resident.deleted.is_(False))
            .group_by(Resident.household_id)
        )
    }
    last_visits: dict[str | None, dt.datetime | None] = {
        hid: last
        for hid, last in session.execute(
            select(Visit.household_id, func.max(Visit.started_at))
            .where(Visit.household_id.in_(ids), Visit.deleted.is_(False))
            .group_by(Visit.household_id)
        )
    }
    group_ids = {row.group_id for row in rows if row.group_id}
    groups: dict[str, str] = {
        gid: name
        for gid, name in session.execute(
            select(ResidentialGroup.id, ResidentialGroup.name).where(ResidentialGroup.id.in_(group_ids))
        )
    }
    by_id = {
        row.id: _summary(row, groups.get(row.group_id), counts.get(row.id, 0), last_visits.get(row.id)) for row in rows
    }
    return [by_id[i] for i in ids if i in by_id]


_SUMMARY_COLUMNS = (
    Household.id,
    Household.head_name,
    Household.address,
    Household.group_id,
    Household.phone,
    Household.elderly_alone,
    Household.disabled,
    Household.policy_family,
    Household.poor_household,
)


def _summary(h: Any, group_name: str | None, residents: int = 0, last: dt.datetime | None = None) -> HouseholdSummary:
    """A summary from a Household row or a row of ``_SUMMARY_COLUMNS``."""
    return HouseholdSummary(
        id=h.id,
        head_name=h.head_name,
        address_text=address_text(h.address),
        group_id=h.group_id,
        group_name=group_name or "",
        phone=h.phone,
        elderly_alone=h.elderly_alone,
        disabled=h.disabled,
        policy_family=h.policy_family,
        poor_household=h.poor_household,
        resident_count=residents,
        last_visit_at=last,
    )


def resident_view(r: Resident) -> ResidentView:
    return ResidentView(
        id=r.id,
        household_id=r.household_id,
        full_name=r.full_name,
        date_of_birth=r.date_of_birth,
        sex=r.sex,
        personal_id=r.personal_id,
        personal_id_masked=mask_personal_id(r.personal_id),
        old_id=r.old_id,
        relation_to_head=r.relation_to_head,
        phone=r.phone,
        vneid_level=r.vneid_level,
        consent_given_at=r.consent_given_at,
        consent_withdrawn_at=r.consent_withdrawn_at,
        card_address=r.card_address,
        card_issued_on=r.card_issued_on,
    )


def search_households(store: Store, query: str, limit: int = 50, offset: int = 0) -> list[HouseholdSummary]:
    """Households matching what the user typed, best first (diacritic-insensitive, prefix)."""
    with store.read() as session:
        hits = search_index.search(session, query, limit=limit, offset=offset)
        return _summaries(session, [h.household_id for h in hits])


def search_household_ids(store: Store, query: str, limit: int = 1000) -> list[str]:
    """Ids only, ranked: what a lazy table model holds while it fetches rows on demand."""
    with store.read() as session:
        return [h.household_id for h in search_index.search(session, query, limit=limit)]


SORT_COLUMNS = {
    "head_name": Household.head_name,
    "group": ResidentialGroup.sort_order,
    "phone": Household.phone,
}


def list_household_ids(store: Store, *, sort: str = "head_name", descending: bool = False, group_id: str | None = None) -> list[str]:
    """All live household ids, sorted in SQL (20,000 short strings: cheap to hold)."""
    column = SORT_COLUMNS.get(sort, Household.head_name)
    order = column.desc() if descending else column.asc()
    stmt = (
        select(Household.id)
        .outerjoin(ResidentialGroup, ResidentialGroup.id == Household.group_id)
        .where(Household.deleted.is_(False))
        .order_by(order, Household.id)
    )
    if group_id:
        stmt = stmt.where(Household.group_id == group_id)
    with store.read() as session:
        return list(session.scalars(stmt))


def household_summaries(store: Store, ids: list[str]) -> list[HouseholdSummary]:
    """Rows for a page of ids, in that order (the lazy table's fetch)."""
    with store.read() as session:
        return _summaries(session, ids)


def get_household(store: Store, household_id: str) -> HouseholdDetail:
    with store.read() as session:
        household = session.get(Household, household_id)
        if household is None or household.deleted:
            raise NotFound("Không tìm thấy hộ gia đình.", "Household not found.")
        summary = _summaries(session, [household_id])[0]
        residents = session.scalars(
            select(Resident)
            .where(Resident.household_id == household_id, Resident.deleted.is_(False))
            .order_by(Resident.relation_to_head != HEAD, Resident.date_of_birth)
        ).all()
        return HouseholdDetail(summary, dict(household.address or {}), household.notes, [resident_view(r) for r in residents])


def view_household(store: Store, actor: Actor, household_id: str) -> HouseholdDetail:
    """Open a household's detail (its members' personal fields): the view is recorded in the
    audit trail (``VIEW_PERSONAL_DATA``) before the detail is returned, like an export, so the
    office knows who looked at whom and nothing is shown unrecorded."""
    detail = get_household(store, household_id)  # a missing household records nothing
    record(store, actor, AuditAction.VIEW_PERSONAL_DATA, f"household {household_id}", {"residents": len(detail.residents)},
           target_kind=RecordKind.HOUSEHOLD, target_id=household_id)
    return detail


def find_households_at_address(session: Session, address: Mapping[str, object], ward_id: str | None) -> list[str]:
    """Live households whose folded address equals this one (duplicate detection)."""
    wanted = fold_key(address_text(address))
    if not wanted:
        return []
    expression = " ".join(f'"{t}"' for t in wanted.split())
    candidates = session.execute(
        text(f"SELECT household_id, address FROM {search_index.FTS_TABLE} WHERE address MATCH :q LIMIT 200"),
        {"q": expression},
    ).all()
    matches = [hid for hid, folded in candidates if fold_key(folded) == wanted]
    if ward_id is not None and matches:
        matches = list(
            session.scalars(select(Household.id).where(Household.id.in_(matches), Household.ward_id == ward_id))
        )
    return matches


#: Words a card or a household list may put before a house number or not: "Số 12" and "12".
_ADDRESS_FILLER = frozenset({"so"})


def _address_tokens(text: str) -> list[str]:
    return [t for t in fold_tokens(text) if t not in _ADDRESS_FILLER]


def card_matches_address(card_address: str, household_address_text: str) -> bool:
    """Does the address printed on a chip card name this household's address?

    The card prints the whole permanent address ("Số 5 Lê Lợi, Phường Bến Thành, TP. Hồ Chí
    Minh"); a household keeps only the part inside the ward ("Số 5, Lê Lợi"). So, folded
    (diacritics and case ignored, "Số" optional), the household's words must appear in the card's
    words as one run. Used to choose the safe default after a scan, never to decide alone.
    """
    wanted = _address_tokens(household_address_text)
    card = _address_tokens(card_address)
    if not wanted:
        return False
    n = len(wanted)
    return any(card[i:i + n] == wanted for i in range(len(card) - n + 1))


def find_residents_by_personal_id(session: Session, personal_id: str, ward_id: str | None, exclude: str | None = None) -> list[Resident]:
    stmt = select(Resident).where(Resident.personal_id == personal_id, Resident.deleted.is_(False))
    if ward_id is not None:
        stmt = stmt.where(Resident.ward_id == ward_id)
    if exclude is not None:
        stmt = stmt.where(Resident.id != exclude)
    return list(session.scalars(stmt))


# ---------------------------------------------------------------- writes


def _household_values(data: HouseholdInput) -> dict[str, Any]:
    return {
        "head_name": data.head_name,
        "address": data.address,
        "group_id": data.group_id,
        "phone": data.phone,
        "elderly_alone": data.elderly_alone,
        "disabled": data.disabled,
        "policy_family": data.policy_family,
        "poor_household": data.poor_household,
        "notes": data.notes,
    }


def register_household(store: Store, actor: Actor, data: HouseholdInput, *, confirm: bool = False) -> HouseholdSummary:
    """Create a household. A household already at the same (folded) address needs ``confirm``."""
    clean = _validate_household(data)
    with store.write() as tx:
        if not confirm:
            existing = find_households_at_address(tx.session, clean.address, actor.ward_id)
            if existing:
                raise NeedsConfirmation(
                    [
                        FieldWarning(
                            "address",
                            "duplicate_household",
                            "Đã có hộ gia đình ở địa chỉ này. Mở hộ đã có, hoặc xác nhận để tạo hộ mới.",
                            "A household at this address already exists. Open it, or confirm to create a new one.",
                        )
                    ],
                    existing=_summaries(tx.session, existing),
                )
        row = tx.recorder.create(Household, {**_household_values(clean), "ward_id": actor.ward_id})
        tx.session.flush()
        return _summary(row, _group_name(tx.session, row.group_id))


def update_household(store: Store, actor: Actor, household_id: str, data: HouseholdInput) -> HouseholdSummary:
    clean = _validate_household(data)
    with store.write() as tx:
        row = _live(tx.session, Household, household_id)
        values = _household_values(clean)
        refuse_outside_area(tx.session, row, [name for name, value in values.items() if getattr(row, name) != value])
        tx.recorder.update(row, values)
        return _summary(row, _group_name(tx.session, row.group_id))


def delete_household(store: Store, actor: Actor, household_id: str) -> None:
    """Tombstone the household and its residents (visits stay, for the statistics)."""
    with store.write() as tx:
        row = _live(tx.session, Household, household_id)
        for resident in tx.session.scalars(
            select(Resident).where(Resident.household_id == household_id, Resident.deleted.is_(False))
        ):
            tx.recorder.delete(resident)
        tx.recorder.delete(row)


def _resident_values(data: ResidentInput) -> dict[str, Any]:
    return {
        "full_name": data.full_name,
        "date_of_birth": data.date_of_birth,
        "sex": data.sex,
        "personal_id": data.personal_id,
        "old_id": data.old_id,
        "relation_to_head": data.relation_to_head,
        "phone": data.phone,
        "vneid_level": data.vneid_level,
        "card_address": data.card_address,
        "card_issued_on": data.card_issued_on,
    }


#: What needs the resident's consent before it is stored (Law 91/2025/QH15; DOMAIN.md "Personal
#: data"): the name alone identifies a household member the team talks to, these go further.
CONSENTED_FIELDS = ("personal_id", "old_id", "date_of_birth", "phone", "card_address")


def _refuse_without_consent(data: ResidentInput, consented: bool) -> None:
    """The service's own check, whatever the dialog did: no ID, date of birth or phone without
    consent (an import, the CLI or a crafted call would otherwise store them)."""
    if consented or not any(getattr(data, name) for name in CONSENTED_FIELDS):
        return
    problems = Problems()
    problems.add("consent", "consent_required",
                 "Cần ghi nhận sự đồng ý của người dân trước khi lưu số định danh, ngày sinh hoặc số điện thoại.",
                 "Record the resident's consent before saving an ID number, date of birth or phone.")
    problems.raise_if_any()


def _refuse_erased(row: Resident, data: ResidentInput) -> None:
    """A person the office erased stays erased: their personal fields are not written again here
    (the server refuses it too, ``Reason.ERASED``)."""
    if row.erased_at is None or not (any(getattr(data, name) for name in CONSENTED_FIELDS) or data.full_name != row.full_name):
        return
    problems = Problems()
    problems.add("full_name", "erased", "Dữ liệu cá nhân của người này đã được xoá theo yêu cầu; không thể ghi lại.",
                 "This person's personal data was erased on request; it cannot be written again.")
    problems.raise_if_any()


def _living_head(session: Session, household_id: str, exclude: str | None = None) -> Resident | None:
    query = select(Resident).where(Resident.household_id == household_id, Resident.relation_to_head == HEAD,
                                   Resident.deleted.is_(False))
    if exclude is not None:
        query = query.where(Resident.id != exclude)
    return session.scalars(query.limit(1)).first()


def _refuse_second_head(session: Session, household_id: str, relation: str, exclude: str | None = None) -> None:
    """A household has at most one living head: a second one is refused, naming the first, so the
    user either picks another relation or makes the new person the head (``make_head``)."""
    if relation != HEAD:
        return
    head = _living_head(session, household_id, exclude)
    if head is not None:
        raise ValidationError([FieldProblem(
            "relation_to_head", "second_head",
            f"Hộ này đã có chủ hộ ({head.full_name}). Chọn quan hệ khác, hoặc dùng “Đặt làm chủ hộ” để đổi chủ hộ.",
            f"This household already has a head ({head.full_name}). Pick another relation, or use “Make head” to change the head.",
        )])


def _check_former_head_relation(relation: str) -> None:
    if relation == HEAD or relation not in RELATIONS:
        raise ValidationError([FieldProblem("relation_to_head", "bad_relation", "Quan hệ của chủ hộ cũ không hợp lệ.",
                                            "The former head's relation is not valid.")])


def _take_over_head(session: Session, recorder: ChangeRecorder, row: Resident, former_head_relation: str) -> None:
    """Inside a write: ``row`` becomes its household's only living head; the former head (if any)
    takes ``former_head_relation`` and the household's head name follows."""
    household_id = row.household_id or ""  # a resident of no household: NotFound below
    household = _live(session, Household, household_id)
    former = _living_head(session, household_id, exclude=row.id)
    if former is not None:
        recorder.update(former, {"relation_to_head": former_head_relation})
    if row.relation_to_head != HEAD:
        recorder.update(row, {"relation_to_head": HEAD})
    if household.head_name != row.full_name:
        recorder.update(household, {"head_name": row.full_name})


def make_head(store: Store, actor: Actor, resident_id: str, *, former_head_relation: str = FORMER_HEAD_RELATION) -> ResidentView:
    """Make a resident the head of their household, in one transaction: the former head (if any)
    takes ``former_head_relation``, and the household's head name follows."""
    _check_former_head_relation(former_head_relation)
    with store.write() as tx:
        row = _live(tx.session, Resident, resident_id)
        _take_over_head(tx.session, tx.recorder, row, former_head_relation)
        return resident_view(row)


def add_resident(
    store: Store,
    actor: Actor,
    household_id: str,
    data: ResidentInput,
    *,
    consent_purpose: str | None = None,
    confirm: bool = False,
    replace_head: bool = False,
    former_head_relation: str = FORMER_HEAD_RELATION,
) -> ResidentView:
    """Add a resident. Doubtful ID digits or a personal ID already in the ward need ``confirm``.

    ``consent_purpose`` records the resident's consent in the same transaction; an ID number, a
    date of birth or a phone without it is refused (``consent_required``). A second living head is refused unless
    ``replace_head``: then the new person becomes the head in the same transaction, as ``make_head``
    does (the former head takes ``former_head_relation``), so there is never a moment with two.
    """
    clean, warnings = _validate_resident(data, today_local())
    _refuse_without_consent(clean, bool(consent_purpose and consent_purpose.strip()))
    replacing = replace_head and clean.relation_to_head == HEAD
    if replacing:
        _check_former_head_relation(former_head_relation)
    with store.write() as tx:
        refuse_outside_area(tx.session, _live(tx.session, Household, household_id))
        if not replacing:
            _refuse_second_head(tx.session, household_id, clean.relation_to_head)
        existing: list[Resident] = []
        if clean.personal_id:
            existing = find_residents_by_personal_id(tx.session, clean.personal_id, actor.ward_id)
        if (warnings or existing) and not confirm:
            all_warnings = list(warnings)
            if existing:
                all_warnings.append(
                    FieldWarning(
                        "personal_id",
                        "duplicate_resident",
                        "Số định danh này đã có trong phường. Mở người đã có, hoặc xác nhận để vẫn thêm.",
                        "This personal ID already exists in the ward. Open the existing person, or confirm to add anyway.",
                    )
                )
            raise NeedsConfirmation(all_warnings, existing=[resident_view(r) for r in existing])
        values = {**_resident_values(clean), "household_id": household_id, "ward_id": actor.ward_id}
        if consent_purpose and consent_purpose.strip():
            values["consent_given_at"] = now_local()
            values["consent_detail"] = {"recorded_by": actor.member_id, "purpose": consent_purpose.strip()}
        row = tx.recorder.create(Resident, values)
        if consent_purpose and consent_purpose.strip():
            record_in(tx.session, actor, AuditAction.CONSENT_GIVEN, f"resident {row.id}", target_kind=RecordKind.RESIDENT,
                      target_id=row.id)
        if replacing:
            tx.session.flush()
            _take_over_head(tx.session, tx.recorder, row, former_head_relation)
        return resident_view(row)


def update_resident(store: Store, actor: Actor, resident_id: str, data: ResidentInput, *, confirm: bool = False,
                    replace_head: bool = False, former_head_relation: str = FORMER_HEAD_RELATION) -> ResidentView:
    """Edit a resident; the same rules as ``add_resident`` (``replace_head`` and consent included:
    a resident without consent, or who withdrew it, keeps no ID, date of birth or phone)."""
    clean, warnings = _validate_resident(data, today_local())
    replacing = replace_head and clean.relation_to_head == HEAD
    if replacing:
        _check_former_head_relation(former_head_relation)
    with store.write() as tx:
        row = _live(tx.session, Resident, resident_id)
        household = tx.session.get(Household, row.household_id) if row.household_id else None
        if household is not None:
            refuse_outside_area(tx.session, household)
        _refuse_erased(row, clean)
        _refuse_without_consent(clean, row.consent_given_at is not None and row.consent_withdrawn_at is None)
        if not replacing:
            _refuse_second_head(tx.session, row.household_id, clean.relation_to_head, exclude=resident_id)
        existing: list[Resident] = []
        if clean.personal_id and clean.personal_id != row.personal_id:
            existing = find_residents_by_personal_id(tx.session, clean.personal_id, actor.ward_id, exclude=resident_id)
        if (warnings or existing) and not confirm:
            if existing:
                warnings = warnings + [
                    FieldWarning(
                        "personal_id",
                        "duplicate_resident",
                        "Số định danh này đã có trong phường.",
                        "This personal ID already exists in the ward.",
                    )
                ]
            raise NeedsConfirmation(warnings, existing=[resident_view(r) for r in existing])
        tx.recorder.update(row, _resident_values(clean))
        if replacing:
            _take_over_head(tx.session, tx.recorder, row, former_head_relation)
        return resident_view(row)


def delete_resident(store: Store, actor: Actor, resident_id: str) -> None:
    with store.write() as tx:
        tx.recorder.delete(_live(tx.session, Resident, resident_id))


def list_groups(store: Store) -> list[tuple[str, str]]:
    """(id, name) of the ward's residential groups, in the ward's order."""
    with store.read() as session:
        return [
            (gid, name)
            for gid, name in session.execute(
                select(ResidentialGroup.id, ResidentialGroup.name)
                .where(ResidentialGroup.deleted.is_(False))
                .order_by(ResidentialGroup.sort_order, ResidentialGroup.name)
            )
        ]


def _group_name(session: Session, group_id: str | None) -> str:
    if not group_id:
        return ""
    return session.scalar(select(ResidentialGroup.name).where(ResidentialGroup.id == group_id)) or ""


def _live(session: Session, entity: type, row_id: str) -> Any:
    row = session.get(entity, row_id)
    if row is None or row.deleted:
        raise NotFound("Không tìm thấy bản ghi.", "Record not found.")
    return row

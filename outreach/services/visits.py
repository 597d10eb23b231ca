"""Visits and their filings: record in one call, edit, follow-ups, the weekly log.

A visit and all its filings are written in one transaction (one service call), so a visit is
never saved without the filings the volunteer entered with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from outreach import validation
from outreach.catalogue import OTHER_PROCEDURE_CODE, channel_terms
from outreach.errors import NotFound, PermissionDenied, Problems, WeekLocked
from outreach.model import Filing, Household, Procedure, Resident, ResidentialGroup, TeamMember, Visit, WeekLock, field_rules
from outreach.model.address import address_text
from outreach.model.ids import stable_id
from outreach.services.context import Actor
from outreach.services.outings import open_outing_id
from outreach.services.procedures import ward_province
from outreach.store.database import Store, WriteContext
from outreach.timeutil import iso_week_bounds, iso_week_of, now_local, today_local
from outreach.vocabulary import Channel, FilingStatus, FollowUpKind, OnlineLevel, Outcome, Portal, ReviewStatus

OUTCOMES: tuple[Outcome, ...] = tuple(Outcome)
FILING_STATUSES: tuple[FilingStatus, ...] = tuple(FilingStatus)
PORTALS: tuple[Portal, ...] = tuple(Portal)
CHANNELS: tuple[Channel, ...] = tuple(Channel)
REVIEW_STATUSES: tuple[ReviewStatus, ...] = tuple(ReviewStatus)


@dataclass(frozen=True)
class FilingInput:
    procedure_code: str
    resident_id: str | None = None
    portal: str = Portal.DVCQG
    dossier_code: str = ""
    status: str = FilingStatus.PREPARED
    fee_paid_online: bool = False
    submitted_at: dt.datetime | None = None
    id: str | None = None  # set when editing an existing filing
    #: A procedure not in the catalogue ("khác"): its name as typed, and its code if known. A
    #: filing with a name and a code the catalogue lacks is recorded under ``OTHER_PROCEDURE_CODE``.
    other_name: str = ""
    other_code: str = ""
    #: How the dossier was filed (``Channel``); None when not said (a filing only prepared).
    channel: str | None = None
    #: Whether the result came back electronically; only for a completed filing.
    electronic_result: bool | None = None


@dataclass(frozen=True)
class VisitInput:
    household_id: str
    started_at: dt.datetime
    outcome: str = Outcome.HELPED
    members_present: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    notes: str = ""
    follow_up_date: dt.date | None = None
    satisfaction: int | None = None
    filings: list[FilingInput] = field(default_factory=list)


@dataclass(frozen=True)
class FilingView:
    id: str
    procedure_code: str
    procedure_name: str
    resident_id: str | None
    portal: str
    dossier_code: str
    status: str
    fee_paid_online: bool
    submitted_at: dt.datetime | None
    other_name: str = ""
    other_code: str = ""
    channel: str | None = None
    electronic_result: bool | None = None


@dataclass(frozen=True)
class VisitView:
    id: str
    household_id: str | None
    household_head: str
    household_address: str
    group_name: str
    team_id: str | None
    volunteer_id: str | None
    volunteer_name: str
    members_present: list[str]
    started_at: dt.datetime | None
    outcome: str
    topics: list[str]
    notes: str
    follow_up_date: dt.date | None
    follow_up_done: bool
    satisfaction: int | None
    review_status: str
    review_note: str
    reviewed_by: str | None
    reviewed_at: dt.datetime | None
    filings: list[FilingView] = field(default_factory=list)
    #: when the visit was recorded (saved on the laptop); None for visits from before it was kept
    ended_at: dt.datetime | None = None

    @property
    def iso_week(self) -> str:
        return iso_week_of(self.started_at.date()) if self.started_at else ""


#: What a "khác" filing's typed name and code may hold (the dossier's rule in model/field_rules.py).
OTHER_NAME_MAX = 300
OTHER_CODE_MAX = 20


def _procedure_name(code: str, catalogue_name: str | None, other_name: str) -> str:
    """A filing's procedure as lists show it: a "khác" filing by the name the volunteer typed."""
    if code == OTHER_PROCEDURE_CODE and other_name:
        return other_name
    return catalogue_name or code


# ---------------------------------------------------------------- validation


@dataclass(frozen=True)
class _Checked:
    """Validated input plus what validation looked up, reused to build the saved view."""

    data: VisitInput
    household: Household
    procedure_names: dict[str, str]


def _validate(data: VisitInput, session: Session, now: dt.datetime) -> _Checked:
    problems = Problems()
    household = session.get(Household, data.household_id) if data.household_id else None
    if household is None or household.deleted:
        problems.add("household_id", "required", "Cần chọn hộ gia đình.", "Choose a household.")
    validation.check_visit_time(data.started_at, now, problems)
    if data.outcome not in OUTCOMES:
        problems.add("outcome", "invalid", "Kết quả thăm hộ không hợp lệ.", "Unknown visit outcome.")
    if data.follow_up_date is not None and data.started_at and data.follow_up_date < data.started_at.date():
        problems.add(
            "follow_up_date", "before_visit", "Ngày hẹn quay lại phải sau ngày thăm.", "The follow-up date must be after the visit."
        )
    if data.satisfaction is not None and not 1 <= data.satisfaction <= 5:
        problems.add("satisfaction", "invalid", "Mức hài lòng từ 1 đến 5.", "Satisfaction is from 1 to 5.")
    validation.check_length(data.notes, "notes", field_rules.TEXT_MAX_LENGTH, "Ghi chú", "Notes", problems)
    if len(data.topics) > 30 or any(len(t) > 100 for t in data.topics):
        problems.add("topics", "too_long", "Quá nhiều chủ đề hoặc chủ đề quá dài.", "Too many or too long topics.")
    codes = {f.procedure_code for f in data.filings}
    known: dict[str, str] = {}
    repealed: dict[str, tuple[dt.date, str | None]] = {}
    levels: dict[str, str] = {}
    fees: dict[str, tuple[Any, Any]] = {}
    if codes:
        rows = session.execute(select(Procedure.id, Procedure.name_vi, Procedure.repealed_from, Procedure.replaced_by,
                                      Procedure.online_level, Procedure.channels, Procedure.province_overrides)
                               .where(Procedure.id.in_(codes | {OTHER_PROCEDURE_CODE}), Procedure.deleted.is_(False)))
        for code, name, repealed_from, replaced_by, level, channels, overrides in rows:
            known[code] = name
            levels[code] = level
            fees[code] = (channels, overrides)
            if repealed_from is not None:
                repealed[code] = (repealed_from, replaced_by)
    filings = [_as_other(f, known) for f in data.filings]
    paid = [f for f in filings if f.fee_paid_online]
    province = ward_province(session, household.ward_id if household is not None else None) if paid else ""
    # an edit keeps a stored "paid online" it does not change (recorded before fees were known, or
    # before the office set the fee to 0 đ): the figures count payments of fee dossiers only, and
    # a leader correcting a visit must not be stopped by a filing nobody touched
    kept_paid = _stored_paid(session, [f.id for f in paid if f.id])
    visit_day = data.started_at.date() if data.started_at else None
    for index, filing in enumerate(filings):
        where = f"filings[{index}]"
        if filing.procedure_code not in known:
            problems.add(
                f"{where}.procedure_code", "unknown_procedure", "Thủ tục không có trong danh mục: chọn “Thủ tục khác” và ghi tên thủ tục.",
                "The procedure is not in the catalogue: choose “Other procedure” and type its name."
            )
        elif filing.procedure_code == OTHER_PROCEDURE_CODE:
            _check_other(filing, where, problems)
        if filing.procedure_code in repealed and visit_day is not None and visit_day >= repealed[filing.procedure_code][0]:
            since, replaced_by = repealed[filing.procedure_code]
            instead_vi, instead_en = (f"; dùng {replaced_by}", f"; use {replaced_by}") if replaced_by else ("", "")
            problems.add(f"{where}.procedure_code", "repealed_procedure", f"Thủ tục đã bãi bỏ từ {since:%d/%m/%Y}{instead_vi}.",
                         f"The procedure is repealed from {since:%Y-%m-%d}{instead_en}.")
        if filing.status not in FILING_STATUSES:
            problems.add(f"{where}.status", "invalid", "Trạng thái hồ sơ không hợp lệ.", "Unknown filing status.")
        if filing.portal not in PORTALS:
            problems.add(f"{where}.portal", "invalid", "Cổng dịch vụ không hợp lệ.", "Unknown portal.")
        validation.check_length(filing.dossier_code, f"{where}.dossier_code", 40, "Mã hồ sơ", "Dossier code", problems)
        if filing.status == FilingStatus.SUBMITTED and not filing.dossier_code.strip():
            problems.add(f"{where}.dossier_code", "required", "Hồ sơ đã nộp cần có mã hồ sơ.", "A submitted filing needs its dossier code.")
        _check_channel(filing, levels.get(filing.procedure_code), where, problems)
        if filing.fee_paid_online and filing.procedure_code in fees and kept_paid.get(filing.id or "") != (
                filing.procedure_code, filing.channel):
            _check_fee_paid(filing, *fees[filing.procedure_code], province, where, problems)
        if filing.resident_id is not None:
            resident = session.get(Resident, filing.resident_id)
            if resident is None or resident.household_id != data.household_id:
                problems.add(
                    f"{where}.resident_id", "invalid", "Người được hỗ trợ không thuộc hộ này.", "That person is not in this household."
                )
    problems.raise_if_any()
    assert household is not None
    clean = replace(data, notes=data.notes.strip(), topics=[t.strip() for t in data.topics if t.strip()], filings=filings)
    return _Checked(clean, household, known)


def _as_other(f: FilingInput, known: dict[str, str]) -> FilingInput:
    """A filing of a code the catalogue lacks, with the procedure's name typed, is recorded as
    "khác" (the code kept as ``other_code``) instead of being refused: the volunteer can always
    record what happened, and the office sees it in ``other_filings``."""
    name, code = f.other_name.strip(), f.other_code.strip()
    if f.procedure_code == OTHER_PROCEDURE_CODE:
        return replace(f, other_name=name, other_code=code)
    if f.procedure_code not in known and name:
        return replace(f, procedure_code=OTHER_PROCEDURE_CODE, other_name=name, other_code=code or f.procedure_code.strip())
    return replace(f, other_name="", other_code="")


def _check_other(f: FilingInput, where: str, problems: Problems) -> None:
    if not f.other_name:
        problems.add(f"{where}.other_name", "required", "Cần ghi tên thủ tục khác.", "Type the name of the other procedure.")
    validation.check_length(f.other_name, f"{where}.other_name", OTHER_NAME_MAX, "Tên thủ tục", "Procedure name", problems)
    validation.check_length(f.other_code, f"{where}.other_code", OTHER_CODE_MAX, "Mã thủ tục", "Procedure code", problems)


def _check_channel(filing: FilingInput, level: str | None, where: str, problems: Problems) -> None:
    """The channel a dossier used must be one the procedure offers, and an electronic result is
    known only once the filing is completed: the coverage figures count what these say."""
    if filing.channel is not None and filing.channel not in CHANNELS:
        problems.add(f"{where}.channel", "invalid", "Hình thức nộp hồ sơ không hợp lệ.", "Unknown filing channel.")
    if filing.channel == Channel.ONLINE and level == OnlineLevel.COUNTER:
        problems.add(
            f"{where}.channel", "counter_only",
            "Thủ tục này chỉ nộp trực tiếp tại bộ phận một cửa, không nộp trực tuyến được.",
            "This procedure is filed at the counter only; it cannot be submitted online.",
        )
    if filing.electronic_result is not None and filing.status != FilingStatus.COMPLETED:
        problems.add(
            f"{where}.electronic_result", "not_completed",
            "Chỉ ghi nhận việc nhận kết quả điện tử khi hồ sơ đã có kết quả.",
            "Whether the result came back electronically is recorded once the filing is completed.",
        )


def _stored_paid(session: Session, filing_ids: list[str]) -> dict[str, tuple[str, str | None]]:
    """(procedure, channel) of the stored filings among ``filing_ids`` already marked paid online."""
    if not filing_ids:
        return {}
    rows = session.execute(select(Filing.id, Filing.procedure_code, Filing.channel)
                           .where(Filing.id.in_(filing_ids), Filing.fee_paid_online.is_(True), Filing.deleted.is_(False)))
    return {fid: (code, channel) for fid, code, channel in rows}


def _check_fee_paid(filing: FilingInput, channels: Any, overrides: Any, province: str, where: str, problems: Problems) -> None:
    """"Paid online" only for a dossier that carries a fee in its channel (online when not said)
    and the ward's province: the online-payment figure divides by those dossiers, so a fee-free
    one marked paid would count a payment that never happened."""
    channel = filing.channel or Channel.ONLINE
    if channel_terms(channels, overrides, channel, province).get("fee_vnd") == 0:
        problems.add(
            f"{where}.fee_paid_online", "fee_free",
            "Thủ tục này không mất phí khi nộp theo hình thức này: không thể ghi “đã nộp phí trực tuyến”.",
            "This procedure is free of charge by this channel: it cannot be marked as paid online.",
        )


def week_is_locked(session: Session, team_id: str | None, day: dt.date) -> bool:
    if team_id is None:
        return False
    lock = session.get(WeekLock, week_lock_id(team_id, iso_week_of(day)))
    return bool(lock and lock.locked and not lock.deleted)


def week_lock_id(team_id: str, iso_week: str) -> str:
    return stable_id("week_lock", team_id, iso_week)


def _refuse_if_locked(session: Session, team_id: str | None, day: dt.date) -> None:
    if week_is_locked(session, team_id, day):
        raise WeekLocked(
            f"Tuần {iso_week_of(day)} đã được duyệt và khoá. Đội trưởng cần mở khoá trước khi sửa.",
            f"Week {iso_week_of(day)} is approved and locked. A team leader must unlock it before edits.",
        )


# ---------------------------------------------------------------- writes


def _filing_values(f: FilingInput, visit_id: str, ward_id: str | None) -> dict[str, Any]:
    return {
        "visit_id": visit_id,
        "resident_id": f.resident_id,
        "procedure_code": f.procedure_code,
        "dossier": {"portal": f.portal, "dossier_code": f.dossier_code.strip(),
                    **({"other_name": f.other_name, "other_code": f.other_code} if f.procedure_code == OTHER_PROCEDURE_CODE else {})},
        "status": f.status,
        "fee_paid_online": f.fee_paid_online,
        "submitted_at": f.submitted_at,
        "channel": f.channel,
        "electronic_result": f.electronic_result,
        "ward_id": ward_id,
    }


def _visit_values(clean: VisitInput, members: list[str]) -> dict[str, Any]:
    """The fields of a visit the volunteer's form sets (recording and editing alike)."""
    return {
        "household_id": clean.household_id,
        "members_present": members,
        "started_at": clean.started_at,
        "outcome": clean.outcome,
        "topics": clean.topics,
        "notes": clean.notes,
        "follow_up_date": clean.follow_up_date,
        "satisfaction": clean.satisfaction,
    }


def record_visit(store: Store, actor: Actor, data: VisitInput) -> VisitView:
    """Save a visit with all its filings in one transaction; returns the saved visit.

    The visit ends when it is recorded: ``ended_at`` is stamped now (with ``started_at``, how long
    a home visit takes). Editing a visit later keeps its end time.
    """
    with store.write() as tx:
        return record_visit_in(tx, actor, data)


def record_visit_in(tx: WriteContext, actor: Actor, data: VisitInput) -> VisitView:
    """``record_visit`` inside a write the caller holds (the day's plan marks a line in the same
    transaction as the not-at-home visit it records)."""
    now = now_local()
    checked = _validate(data, tx.session, now)
    clean = checked.data
    _refuse_if_locked(tx.session, actor.team_id, clean.started_at.date())
    members = list(dict.fromkeys(clean.members_present or ([actor.member_id] if actor.member_id else [])))
    ended = max(now, clean.started_at)  # a start typed a few minutes ahead never ends before it began
    visit = {**_visit_values(clean, members), "ended_at": ended, "team_id": actor.team_id,
             "volunteer_id": actor.member_id, "ward_id": actor.ward_id,
             "outing_id": open_outing_id(tx.session, actor.team_id, now.date()) if clean.started_at.date() == now.date() else None}
    [visit_id] = tx.recorder.insert_many(Visit, [visit])
    filing_rows = [_filing_values(f, visit_id, actor.ward_id) for f in clean.filings]
    filing_ids = tx.recorder.insert_many(Filing, filing_rows)
    household = checked.household
    filings = [
        FilingView(fid, f.procedure_code,
                   _procedure_name(f.procedure_code, checked.procedure_names.get(f.procedure_code), f.other_name), f.resident_id,
                   f.portal, f.dossier_code.strip(), f.status, f.fee_paid_online, f.submitted_at, f.other_name, f.other_code,
                   f.channel, f.electronic_result)
        for fid, f in zip(filing_ids, clean.filings, strict=True)
    ]
    return VisitView(
        id=visit_id, household_id=household.id, household_head=household.head_name,
        household_address=address_text(household.address), group_name=_group_name(tx.session, household.group_id),
        team_id=actor.team_id, volunteer_id=actor.member_id, volunteer_name=actor.name, members_present=members,
        started_at=clean.started_at, outcome=clean.outcome, topics=clean.topics, notes=clean.notes,
        follow_up_date=clean.follow_up_date, follow_up_done=False, satisfaction=clean.satisfaction,
        review_status=ReviewStatus.PENDING, review_note="", reviewed_by=None, reviewed_at=None, filings=filings,
        ended_at=ended,
    )


def _group_name(session: Session, group_id: str | None) -> str:
    if not group_id:
        return ""
    return session.scalar(select(ResidentialGroup.name).where(ResidentialGroup.id == group_id)) or ""


def update_visit(store: Store, actor: Actor, visit_id: str, data: VisitInput) -> VisitView:
    """Edit a visit and its filings. A flagged visit corrected by its volunteer becomes "corrected"."""
    with store.write() as tx:
        visit = tx.session.get(Visit, visit_id)
        if visit is None or visit.deleted:
            raise NotFound("Không tìm thấy lần thăm hộ.", "Visit not found.")
        if not actor.is_leader and visit.volunteer_id not in (None, actor.member_id):
            raise PermissionDenied(
                "Chỉ người ghi lần thăm hoặc đội trưởng được sửa.", "Only the visit's volunteer or a leader may edit it."
            )
        clean = _validate(data, tx.session, now_local()).data
        assert visit.started_at is not None
        _refuse_if_locked(tx.session, visit.team_id, visit.started_at.date())
        _refuse_if_locked(tx.session, visit.team_id, clean.started_at.date())
        values = _visit_values(clean, list(dict.fromkeys(clean.members_present)))
        if visit.review_status == ReviewStatus.FLAGGED:
            values["review_status"] = ReviewStatus.CORRECTED
        tx.recorder.update(visit, values)
        existing = {f.id: f for f in tx.session.scalars(select(Filing).where(Filing.visit_id == visit_id, Filing.deleted.is_(False)))}
        kept: set[str] = set()
        for filing in clean.filings:
            if filing.id and filing.id in existing:
                kept.add(filing.id)
                tx.recorder.update(existing[filing.id], _filing_values(filing, visit_id, visit.ward_id))
            else:
                tx.recorder.create(Filing, _filing_values(filing, visit_id, visit.ward_id))
        for filing_id, row in existing.items():
            if filing_id not in kept:
                tx.recorder.delete(row)
        tx.session.flush()
        return _views(tx.session, [visit_id])[0]


def delete_visit(store: Store, actor: Actor, visit_id: str) -> None:
    with store.write() as tx:
        visit = tx.session.get(Visit, visit_id)
        if visit is None or visit.deleted:
            raise NotFound("Không tìm thấy lần thăm hộ.", "Visit not found.")
        if visit.started_at is not None:
            _refuse_if_locked(tx.session, visit.team_id, visit.started_at.date())
        for filing in tx.session.scalars(select(Filing).where(Filing.visit_id == visit_id, Filing.deleted.is_(False))):
            tx.recorder.delete(filing)
        tx.recorder.delete(visit)


def mark_follow_up_done(store: Store, actor: Actor, visit_id: str, done: bool = True) -> None:
    with store.write() as tx:
        visit = tx.session.get(Visit, visit_id)
        if visit is None or visit.deleted:
            raise NotFound("Không tìm thấy lần thăm hộ.", "Visit not found.")
        tx.recorder.update(visit, {"follow_up_done": done})


# ---------------------------------------------------------------- reads


def _views(session: Session, visit_ids: list[str]) -> list[VisitView]:
    """Views of these visits, in this order. Plain columns, not ORM objects: a busy week's log is
    1,500 visits, and building entities (with their field clocks decoded) cost most of its time."""
    if not visit_ids:
        return []
    rows = session.execute(
        select(Visit.id, Visit.household_id, Visit.team_id, Visit.volunteer_id, Visit.members_present, Visit.started_at,
               Visit.ended_at, Visit.outcome, Visit.topics, Visit.notes, Visit.follow_up_date, Visit.follow_up_done, Visit.satisfaction,
               Visit.review_status, Visit.review_note, Visit.reviewed_by, Visit.reviewed_at,
               Household.head_name, Household.address, ResidentialGroup.name, TeamMember.full_name)
        .outerjoin(Household, Household.id == Visit.household_id)
        .outerjoin(ResidentialGroup, ResidentialGroup.id == Household.group_id)
        .outerjoin(TeamMember, TeamMember.id == Visit.volunteer_id)
        .where(Visit.id.in_(visit_ids))
    ).all()
    filings: dict[str, list[FilingView]] = {}
    for fid, visit_id, code, name, resident_id, dossier, status, fee_paid, submitted_at, channel, electronic in session.execute(
        select(Filing.id, Filing.visit_id, Filing.procedure_code, Procedure.name_vi, Filing.resident_id, Filing.dossier,
               Filing.status, Filing.fee_paid_online, Filing.submitted_at, Filing.channel, Filing.electronic_result)
        .outerjoin(Procedure, Procedure.id == Filing.procedure_code)
        .where(Filing.visit_id.in_(visit_ids), Filing.deleted.is_(False))
        .order_by(Filing.id)
    ):
        dossier = dossier or {}
        filings.setdefault(visit_id, []).append(
            FilingView(fid, code, _procedure_name(code, name, dossier.get("other_name", "")), resident_id, dossier.get("portal", ""),
                       dossier.get("dossier_code", ""), status, fee_paid, submitted_at,
                       dossier.get("other_name", ""), dossier.get("other_code", ""), channel, electronic)
        )
    by_id = {
        r.id: VisitView(
            id=r.id,
            household_id=r.household_id,
            household_head=r.head_name or "",
            household_address=address_text(r.address),
            group_name=r.name or "",
            team_id=r.team_id,
            volunteer_id=r.volunteer_id,
            volunteer_name=r.full_name or "",
            members_present=list(r.members_present or []),
            started_at=r.started_at,
            outcome=r.outcome,
            topics=list(r.topics or []),
            notes=r.notes,
            follow_up_date=r.follow_up_date,
            follow_up_done=r.follow_up_done,
            satisfaction=r.satisfaction,
            review_status=r.review_status,
            review_note=r.review_note,
            reviewed_by=r.reviewed_by,
            reviewed_at=r.reviewed_at,
            filings=filings.get(r.id, []),
            ended_at=r.ended_at,
        )
        for r in rows
    }
    return [by_id[i] for i in visit_ids if i in by_id]


def get_visit(store: Store, visit_id: str) -> VisitView:
    with store.read() as session:
        views = _views(session, [visit_id])
        if not views:
            raise NotFound("Không tìm thấy lần thăm hộ.", "Visit not found.")
        return views[0]


def visits_of_household(store: Store, household_id: str) -> list[VisitView]:
    with store.read() as session:
        ids = list(
            session.scalars(
                select(Visit.id)
                .where(Visit.household_id == household_id, Visit.deleted.is_(False))
                .order_by(Visit.started_at.desc())
            )
        )
        return _views(session, ids)


@dataclass(frozen=True)
class FollowUp:
    visit: VisitView
    kind: FollowUpKind


def follow_ups(store: Store, actor: Actor, *, today: dt.date | None = None, horizon_days: int = 7) -> list[FollowUp]:
    """Revisits due within ``horizon_days`` or overdue, plus this volunteer's flagged visits.

    Flagged visits come first: the leader asked for a correction, which blocks approval of the
    week. Then overdue revisits (oldest first), then those due soon.
    """
    today = today or today_local()
    with store.read() as session:
        # a volunteer sees their own flagged visits; a leader sees all of the team's
        mine = Visit.team_id == actor.team_id if actor.is_leader else Visit.volunteer_id == actor.member_id
        flagged = list(
            session.scalars(
                select(Visit.id)
                .where(Visit.deleted.is_(False), Visit.review_status == ReviewStatus.FLAGGED, mine)
                .order_by(Visit.started_at)
            )
        )
        due_rows = session.execute(
            select(Visit.id, Visit.follow_up_date)
            .where(
                Visit.deleted.is_(False),
                Visit.follow_up_done.is_(False),
                Visit.follow_up_date.is_not(None),
                Visit.follow_up_date <= today + dt.timedelta(days=horizon_days),
            )
            .order_by(Visit.follow_up_date)
        ).all()
        views = {v.id: v for v in _views(session, flagged + [r[0] for r in due_rows])}
    result = [FollowUp(views[i], FollowUpKind.FLAGGED) for i in flagged if i in views]
    for visit_id, due in due_rows:
        if visit_id in views and due is not None:  # the query asks for a date; the column may be NULL
            result.append(FollowUp(views[visit_id], FollowUpKind.OVERDUE if due < today else FollowUpKind.DUE))
    return result


@dataclass(frozen=True)
class WeeklyLog:
    iso_week: str
    visits: list[VisitView]
    locked: bool
    counts: dict[str, int]


def weekly_log(
    store: Store,
    iso_week: str,
    *,
    team_id: str | None = None,
    volunteer_id: str | None = None,
    group_id: str | None = None,
    outcome: str | None = None,
    review_status: str | None = None,
) -> WeeklyLog:
    """The visits of one ISO week with the filters a leader uses, and counts for the header."""
    monday, next_monday = iso_week_bounds(iso_week)
    start = dt.datetime.combine(monday, dt.time())
    end = dt.datetime.combine(next_monday, dt.time())
    conditions = [Visit.deleted.is_(False), Visit.started_at >= start, Visit.started_at < end]
    if team_id:
        conditions.append(Visit.team_id == team_id)
    if volunteer_id:
        conditions.append(Visit.volunteer_id == volunteer_id)
    if outcome:
        conditions.append(Visit.outcome == outcome)
    if review_status:
        conditions.append(Visit.review_status == review_status)
    stmt = select(Visit.id).where(and_(*conditions)).order_by(Visit.started_at)
    if group_id:
        stmt = stmt.join(Household, Household.id == Visit.household_id).where(Household.group_id == group_id)
    with store.read() as session:
        ids = list(session.scalars(stmt))
        views = _views(session, ids)
        locked = week_is_locked(session, team_id, monday) if team_id else False
    counts = {"visits": len(views), "filings": sum(len(v.filings) for v in views)}
    for status in REVIEW_STATUSES:
        counts[status] = sum(1 for v in views if v.review_status == status)
    return WeeklyLog(iso_week, views, locked, counts)


def count_visits(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Visit).where(Visit.deleted.is_(False))) or 0

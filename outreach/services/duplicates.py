"""Duplicate households and residents: the ward-wide scan, "not the same", merge and undo (issue 17).

The scan reads the ward's live households and residents and scores pairs with the pure scorer
(``outreach/duplicate_score.py``, shared with the office server); pairs a leader already decided
about (``DuplicatePair``: "not the same", or merged) are not offered again.

A merge is an ordinary synced change, all in one write transaction through ``ChangeRecorder``:
the survivor takes the chosen value of each field (by default the more recent of the two, by the
fields' HLC stamps, but never an empty value over a filled one); the residents and visits of a merged-away household (the filings of a
merged-away resident) are re-pointed to the survivor; the other record becomes a tombstone with
``merged_into``; the pair's row remembers what moved and the survivor's old values, so a leader
can undo the merge within ``UNDO_DAYS``. Rows the merging laptop could not see are re-pointed by
each laptop after its pull (``store/repoint.py``). Consent records are the resident's own fields
and follow-ups the visit's, so they move with them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from outreach.duplicate_score import (
    Candidate,
    HouseholdRecord,
    ResidentRecord,
    collection_paused,
    household_candidates,
    let_others_run,
    resident_candidates,
)
from outreach.errors import FieldProblem, NotFound, ValidationError
from outreach.model import DuplicatePair, Filing, Household, Resident, ResidentialGroup, Visit
from outreach.model.address import address_text
from outreach.model.codec import decode_value, encode_value
from outreach.model.field_rules import MERGE_FIELDS
from outreach.model.ids import stable_id
from outreach.services.context import Actor, require_leader
from outreach.services.households import mask_personal_id
from outreach.store.database import Store, WriteContext
from outreach.timeutil import now_local
from outreach.vocabulary import PairStatus, RecordKind

#: How long after a merge a leader may still undo it.
UNDO_DAYS = 7
#: What each kind of merge re-points: entity -> (model, the field naming the merged record).
_MOVES: dict[str, tuple[tuple[str, Any, Any], ...]] = {
    RecordKind.HOUSEHOLD: (("resident", Resident, Resident.household_id), ("visit", Visit, Visit.household_id)),
    RecordKind.RESIDENT: (("filing", Filing, Filing.resident_id),),
}
_MODELS: dict[str, type[Household] | type[Resident]] = {RecordKind.HOUSEHOLD: Household, RecordKind.RESIDENT: Resident}


def _get(session: Session, kind: str, row_id: str) -> Household | Resident | None:
    """The household or resident ``row_id`` (typed for both kinds at once)."""
    if kind == RecordKind.HOUSEHOLD:
        return session.get(Household, row_id)
    return session.get(Resident, row_id)


def pair_id(kind: str, a: str, b: str) -> str:
    """The id of the decision about a pair: the same on every laptop, whichever order."""
    first, second = sorted((a, b))
    return stable_id("duplicate_pair", str(kind), first, second)


# ---------------------------------------------------------------------- scan


@dataclass(frozen=True)
class ScanResult:
    """The open candidate pairs of the ward, best first."""

    households: list[Candidate]
    residents: list[Candidate]
    #: id -> how a list names it: a household's head and address, a resident's name
    titles: dict[str, str] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.households) + len(self.residents)


def _decided(session: Session) -> set[tuple[str, str, str]]:
    rows = session.execute(select(DuplicatePair.kind, DuplicatePair.first_id, DuplicatePair.second_id).where(
        DuplicatePair.deleted.is_(False), DuplicatePair.status.in_((PairStatus.NOT_SAME, PairStatus.MERGED))))
    return {(str(kind), str(a), str(b)) for kind, a, b in rows}


def scan_records(session: Session, ward_id: str | None) -> tuple[list[HouseholdRecord], list[ResidentRecord]]:
    """The ward's live households (with their residents' personal IDs) and residents, as the
    scorer reads them: a few columns, no ORM objects (a large ward is 80,000 rows)."""
    h_query = select(Household.id, Household.address, Household.head_name, Household.phone).where(Household.deleted.is_(False))
    r_query = select(Resident.id, Resident.household_id, Resident.full_name, Resident.date_of_birth, Resident.personal_id,
                     Resident.phone).where(Resident.deleted.is_(False))
    if ward_id is not None:
        h_query, r_query = h_query.where(Household.ward_id == ward_id), r_query.where(Resident.ward_id == ward_id)
    residents = []
    pids: dict[str, set[str]] = defaultdict(set)
    for index, row in enumerate(session.execute(r_query)):
        let_others_run(index)  # the scan runs beside the GUI thread
        r = ResidentRecord(*row)
        residents.append(r)
        if r.personal_id and r.household_id:
            pids[r.household_id].add(r.personal_id)
    households = []
    for index, (hid, address, head, phone) in enumerate(session.execute(h_query)):
        let_others_run(index)
        households.append(HouseholdRecord(hid, address or {}, head or "", phone, frozenset(pids.get(hid, ()))))
    return households, residents


def scan(store: Store, ward_id: str | None) -> ScanResult:
    """The candidate pairs nobody has decided about yet (run off the UI thread: a few seconds on
    a large ward; the collector paused meanwhile, see ``collection_paused``)."""
    with collection_paused():
        return _scan(store, ward_id)


def _scan(store: Store, ward_id: str | None) -> ScanResult:
    with store.read() as session:
        households, residents = scan_records(session, ward_id)
        decided = _decided(session)
    pairs_h = household_candidates(households, skip=lambda a, b: (RecordKind.HOUSEHOLD, a, b) in decided)
    pairs_r = resident_candidates(residents, skip=lambda a, b: (RecordKind.RESIDENT, a, b) in decided)
    named = {i for c in pairs_h + pairs_r for i in c.pair}
    titles = {h.id: f"{h.head_name} · {address_text(h.address)}" for h in households if h.id in named}
    titles.update({r.id: r.full_name for r in residents if r.id in named})
    return ScanResult(pairs_h, pairs_r, titles)


@dataclass(frozen=True)
class Side:
    """One record of a pair as the leader compares it (values, not display text)."""

    id: str
    #: household: its address; resident: the name
    title: str
    head_name: str
    phone: str
    #: resident: date of birth, masked personal ID, household address
    date_of_birth: dt.date | None
    personal_id_masked: str
    household_address: str
    #: household: resident names; resident: nothing
    members: tuple[str, ...]
    visits: int
    filings: int
    #: the most recent stamp of its fields (the default merge keeps the more recent value)
    changed: str


def _household_side(session: Session, row: Household) -> Side:
    names = tuple(session.scalars(select(Resident.full_name).where(Resident.household_id == row.id, Resident.deleted.is_(False))
                                  .order_by(Resident.full_name)))
    visits = session.scalar(select(func.count()).select_from(Visit).where(Visit.household_id == row.id, Visit.deleted.is_(False))) or 0
    return Side(row.id, address_text(row.address), row.head_name, row.phone or "", None, "", "", names, visits, 0,
                max((row.clocks or {}).values(), default=""))


def _resident_side(session: Session, row: Resident) -> Side:
    household = session.get(Household, row.household_id) if row.household_id else None
    filings = session.scalar(select(func.count()).select_from(Filing).where(Filing.resident_id == row.id, Filing.deleted.is_(False))) or 0
    return Side(row.id, row.full_name, household.head_name if household else "", row.phone or "", row.date_of_birth,
                mask_personal_id(row.personal_id), address_text(household.address) if household else "", (), 0, filings,
                max((row.clocks or {}).values(), default=""))


def pair_sides(store: Store, kind: str, first_id: str, second_id: str) -> tuple[Side, Side]:
    """The two records of a pair side by side."""
    model = _MODELS[kind]
    with store.read() as session:
        rows = [session.get(model, i) for i in (first_id, second_id)]
        if any(r is None for r in rows):
            raise NotFound("Không tìm thấy bản ghi.", "Record not found.")
        side = _household_side if kind == RecordKind.HOUSEHOLD else _resident_side
        return side(session, rows[0]), side(session, rows[1])  # type: ignore[arg-type]  # checked above


@dataclass(frozen=True)
class FieldChoice:
    """A field whose values differ between the two records: what the leader may choose."""

    field: str
    first: Any
    second: Any
    #: the id whose value the merge keeps unless the leader chooses (the more recent one)
    default_id: str


def field_choices(store: Store, kind: str, first_id: str, second_id: str) -> list[FieldChoice]:
    """The merged fields whose values differ, in the order of ``MERGE_FIELDS``; a household's
    group is given by its name (what the leader recognises), every other value as stored."""
    with store.read() as session:
        first, second = _get(session, kind, first_id), _get(session, kind, second_id)
        if first is None or second is None:
            raise NotFound("Không tìm thấy bản ghi.", "Record not found.")
        defaults = _choices(kind, first, second)
        found = []
        for name in MERGE_FIELDS[kind]:
            a, b = getattr(first, name), getattr(second, name)
            if a == b or (name in ("household_id", "consent_detail")):
                continue  # a resident's household follows its household's merge; consent detail its dates
            if name == "group_id":
                a, b = (session.scalar(select(ResidentialGroup.name).where(ResidentialGroup.id == g)) if g else None for g in (a, b))
            found.append(FieldChoice(name, a, b, defaults[name]))
        return found


# ---------------------------------------------------------------------- decisions


def _pair_row(tx: WriteContext, actor: Actor, kind: str, a: str, b: str, values: Mapping[str, Any]) -> DuplicatePair:
    first, second = sorted((a, b))
    row_id = pair_id(kind, a, b)
    decided = {"decided_by": actor.member_id, "decided_at": now_local(), **values}
    row = tx.session.get(DuplicatePair, row_id)
    if row is None:
        return tx.recorder.create(DuplicatePair, {"ward_id": actor.ward_id, "kind": str(kind), "first_id": first,
                                                  "second_id": second, **decided}, id=row_id)
    tx.recorder.update(row, {"deleted": False, **decided})
    return row


def mark_not_same(store: Store, actor: Actor, kind: str, a: str, b: str) -> None:
    """Remember that ``a`` and ``b`` are two records (synced: no leader is offered them again)."""
    require_leader(actor, "đánh dấu hồ sơ không trùng", "mark records as not the same")
    with store.write() as tx:
        _pair_row(tx, actor, kind, a, b, {"status": PairStatus.NOT_SAME, "survivor_id": None, "merged_id": None,
                                          "moved": {}, "previous": {}})


def default_choices(store: Store, kind: str, survivor_id: str, merged_id: str) -> dict[str, str]:
    """Per merged field, the id of the record whose value the merge keeps by default (see
    ``_choices``: a value over none, else the more recently written)."""
    with store.read() as session:
        survivor, merged = _get(session, kind, survivor_id), _get(session, kind, merged_id)
        if survivor is None or merged is None:
            raise NotFound("Không tìm thấy bản ghi.", "Record not found.")
        return _choices(kind, survivor, merged)


def _blank(value: Any) -> bool:
    """Nothing typed: no text, no date, no address, an unset flag (False) or VNeID level 0."""
    return value is None or value == "" or value == {} or value is False or value == 0


def _choices(kind: str, survivor: Household | Resident, merged: Household | Resident) -> dict[str, str]:
    """Per field, the record whose value a merge keeps by default: the one holding a value when
    the other holds none (an empty phone typed later must not erase the phone; a priority flag set
    on either stays set), else the more recent (the greater field stamp)."""
    mine, theirs = survivor.clocks or {}, merged.clocks or {}
    found = {}
    for name in MERGE_FIELDS[kind]:
        a, b = getattr(survivor, name), getattr(merged, name)
        if _blank(a) != _blank(b):
            found[name] = survivor.id if _blank(b) else merged.id
        else:
            found[name] = merged.id if theirs.get(name, "") > mine.get(name, "") else survivor.id
    return found


def merge(store: Store, actor: Actor, kind: str, survivor_id: str, merged_id: str,
          choices: Mapping[str, str] | None = None) -> str:
    """Merge ``merged_id`` into ``survivor_id`` (see the module doc); returns the pair's id.

    ``choices``: field -> the id of the record whose value the survivor keeps (fields left out:
    the more recent value)."""
    require_leader(actor, "gộp hồ sơ trùng", "merge duplicate records")
    if survivor_id == merged_id:
        raise ValidationError([FieldProblem("merged_id", "same_record", "Không thể gộp một hồ sơ với chính nó.",
                                            "A record cannot be merged with itself.")])
    with store.write() as tx:
        survivor, merged = _get(tx.session, kind, survivor_id), _get(tx.session, kind, merged_id)
        if survivor is None or merged is None or survivor.deleted or merged.deleted:
            raise NotFound("Không tìm thấy bản ghi (đã bị xoá hoặc đã gộp?).", "Record not found (deleted or merged already?).")
        chosen = _choices(kind, survivor, merged) | dict(choices or {})
        values = {name: getattr(merged if chosen.get(name) == merged.id else survivor, name) for name in MERGE_FIELDS[kind]}
        if isinstance(survivor, Resident) and values.get("household_id") is None:
            values["household_id"] = survivor.household_id
        previous = {name: encode_value(getattr(survivor, name)) for name, value in values.items() if getattr(survivor, name) != value}
        tx.recorder.update(survivor, values)
        moved: dict[str, list[str]] = {}
        for name, entity, column in _MOVES[kind]:
            rows = tx.session.scalars(select(entity).where(column == merged_id, entity.deleted.is_(False))).all()
            for row in rows:
                tx.recorder.update(row, {column.key: survivor_id})
            if rows:
                moved[name] = sorted(r.id for r in rows)
        tx.recorder.update(merged, {"deleted": True, "merged_into": survivor_id})
        _pair_row(tx, actor, kind, survivor_id, merged_id, {"status": PairStatus.MERGED, "survivor_id": survivor_id,
                                                            "merged_id": merged_id, "moved": moved, "previous": previous})
        return pair_id(kind, survivor_id, merged_id)


@dataclass(frozen=True)
class MergeView:
    """A merge a leader may still undo."""

    pair_id: str
    kind: str
    survivor_id: str
    merged_id: str
    decided_at: dt.datetime | None
    undo_until: dt.datetime | None
    #: how a list names the survivor (a household's head and address, a resident's name)
    title: str = ""


def recent_merges(store: Store, now: dt.datetime | None = None) -> list[MergeView]:
    """The merges of the last ``UNDO_DAYS`` (the ones that can be undone), newest first."""
    since = (now or now_local()) - dt.timedelta(days=UNDO_DAYS)
    with store.read() as session:
        rows = session.scalars(select(DuplicatePair).where(DuplicatePair.status == PairStatus.MERGED,
                                                           DuplicatePair.deleted.is_(False), DuplicatePair.decided_at >= since)
                               .order_by(DuplicatePair.decided_at.desc())).all()
        return [MergeView(r.id, r.kind, str(r.survivor_id), str(r.merged_id), r.decided_at,
                          r.decided_at + dt.timedelta(days=UNDO_DAYS) if r.decided_at else None,
                          _title(_get(session, r.kind, str(r.survivor_id)))) for r in rows]


def _title(row: Household | Resident | None) -> str:
    if isinstance(row, Household):
        return f"{row.head_name} · {address_text(row.address)}"
    return row.full_name if row is not None else ""


def undo_merge(store: Store, actor: Actor, pair: str, now: dt.datetime | None = None) -> None:
    """Undo a merge of the last ``UNDO_DAYS``: the tombstone lives again, what the merge moved
    (and still points at the survivor) goes back, the survivor gets its old values back."""
    require_leader(actor, "hoàn tác việc gộp hồ sơ", "undo a merge")
    with store.write() as tx:
        row = tx.session.get(DuplicatePair, pair)
        if row is None or row.deleted or row.status != PairStatus.MERGED or not row.survivor_id or not row.merged_id:
            raise NotFound("Không tìm thấy lần gộp này.", "This merge was not found.")
        if row.decided_at is None or (now or now_local()) - row.decided_at > dt.timedelta(days=UNDO_DAYS):
            raise ValidationError([FieldProblem("pair", "too_late", f"Chỉ hoàn tác được trong {UNDO_DAYS} ngày sau khi gộp.",
                                                f"A merge can be undone only within {UNDO_DAYS} days.")])
        model = _MODELS[row.kind]
        survivor, merged = _get(tx.session, row.kind, row.survivor_id), _get(tx.session, row.kind, row.merged_id)
        if survivor is None or merged is None:
            raise NotFound("Không tìm thấy bản ghi.", "Record not found.")
        tx.recorder.update(merged, {"deleted": False, "merged_into": None})
        for name, entity, column in _MOVES[row.kind]:
            for moved_id in (row.moved or {}).get(name, []):
                moved = tx.session.get(entity, moved_id)
                if moved is not None and getattr(moved, column.key) == row.survivor_id:
                    tx.recorder.update(moved, {column.key: row.merged_id})
        previous = {name: decode_value(model, name, value) for name, value in (row.previous or {}).items()}
        if previous:
            tx.recorder.update(survivor, previous)
        tx.recorder.update(row, {"status": PairStatus.UNDONE, "decided_by": actor.member_id, "decided_at": now_local()})

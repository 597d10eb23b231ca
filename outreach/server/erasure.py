"""Erasing one person's personal fields everywhere the server keeps them (issue 14, Law Art. 14).

What goes: the resident's personal fields (``RESIDENT_PERSONAL_FIELDS``: name, date of birth,
ID numbers, card address, phone) on the server's row, and the household's head name and phone
when they are the person's; every kept losing value of concurrent edits of those rows
(``lost_values``) and every field a newer client sent that this server keeps aside
(``extra_fields``). ``received_changes`` holds change ids only, no payload. What stays: the
resident row (sex, VNeID level, relation, consent dates), their visits and filings, so the
statistics still count them (the visit, the filing's procedure and date).

The erasure is an office write like any other (new stamps, a ``server_seq``, the digest), so it
reaches every laptop by pull, and ``erased_at`` tells each laptop to scrub its own traces
(``store/erasure_scrub.py``). From then on the server refuses any laptop's write of a personal
field to the row (``rights``: ``Reason.ERASED``), so a laptop that was offline cannot bring it
back. The erasure log (``schema.ErasureRecord``) is written first and is what a restore from an
older dump re-applies (``reapply``; docs/deploy.md), with ``export_log`` beside each dump.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table, and_, delete, insert, or_, select, update

from outreach.model import Household, Resident
from outreach.model.base import table_of
from outreach.model.entities import ERASED_NAME, RESIDENT_PERSONAL_FIELDS
from outreach.privacy_rules import privacy_rules
from outreach.server import audit_trail
from outreach.server.admin import AdminError, office_write
from outreach.server.db import ServerDb
from outreach.server.schema import DataRequest, ErasureRecord, ExtraField, LostValueRecord
from outreach.timeutil import now_local
from outreach.vocabulary import AuditAction, AuditActorKind, ErasureReason, RecordKind

#: The relation that makes a resident the household's head (``services.households.HEAD``).
HEAD_RELATION = "Chủ hộ"
_RESIDENTS = table_of(Resident)
_HOUSEHOLDS = table_of(Household)
_LOG: Table = ErasureRecord.__table__  # type: ignore[assignment]  # a mapped class's table
#: What the erased row's personal fields become.
ERASED_VALUES: dict[str, Any] = {name: None for name in RESIDENT_PERSONAL_FIELDS} | {"full_name": ERASED_NAME}


@dataclass(frozen=True)
class ErasureResult:
    resident_id: str
    ward_id: str
    household_cleared: bool
    lost_values_removed: int
    extra_fields_removed: int


def _resident(db: ServerDb, resident_id: str) -> dict[str, Any]:
    with db.read() as conn:
        row = conn.execute(select(_RESIDENTS).where(_RESIDENTS.c.id == resident_id)).mappings().first()
        if row is None:
            raise AdminError(f"no resident {resident_id}")
        household = None
        if row["household_id"]:
            household = conn.execute(select(_HOUSEHOLDS.c.head_name, _HOUSEHOLDS.c.phone).where(
                _HOUSEHOLDS.c.id == row["household_id"])).mappings().first()
        return {**row, "_household": dict(household) if household else None}


def _scrub_rows(db: ServerDb, resident: dict[str, Any], household_cleared: bool) -> tuple[int, int]:
    """Remove the kept copies of the erased values: lost values and extra fields of the row(s)."""
    targets = [and_(LostValueRecord.entity == RecordKind.RESIDENT, LostValueRecord.entity_id == resident["id"])]
    if household_cleared:
        targets.append(and_(LostValueRecord.entity == RecordKind.HOUSEHOLD, LostValueRecord.entity_id == resident["household_id"],
                            LostValueRecord.field.in_(("head_name", "phone"))))
    with db.write() as conn:
        lost = conn.execute(delete(LostValueRecord).where(or_(*targets))).rowcount
        extra = conn.execute(delete(ExtraField).where(ExtraField.entity == RecordKind.RESIDENT,
                                                      ExtraField.entity_id == resident["id"])).rowcount
    return int(lost or 0), int(extra or 0)


def _apply(db: ServerDb, resident: dict[str, Any], erased_at: dt.datetime) -> tuple[bool, int, int]:
    """Blank the row (and the household's head fields when they are the person's), then the
    kept copies. Idempotent: a second run writes the same blanks."""
    office_write(db, Resident, resident["id"], {**ERASED_VALUES, "erased_at": erased_at}, resident["ward_id"], create=False)
    household = resident["_household"]
    name, phone = resident["full_name"], resident["phone"]
    head_fields: dict[str, Any] = {}
    if household is not None:
        is_head = resident["relation_to_head"] == HEAD_RELATION or (bool(name) and name != ERASED_NAME and household["head_name"] == name)
        if is_head and household["head_name"] != ERASED_NAME:
            head_fields["head_name"] = ERASED_NAME  # the household's name is the head's
        if household["phone"] and (is_head or household["phone"] == phone):
            head_fields["phone"] = None
    if head_fields:
        office_write(db, Household, resident["household_id"], head_fields, resident["ward_id"], create=False)
    lost, extra = _scrub_rows(db, resident, bool(head_fields))
    return bool(head_fields), lost, extra


def erase_resident(db: ServerDb, resident_id: str, *, reason: ErasureReason = ErasureReason.REQUEST, request_id: str | None = None,
                   by: str = "") -> ErasureResult:
    """Erase one resident's personal fields (see the module doc); logged and audited first, so
    a failure half-way is finished by ``reapply``. A request's record gets the list of what the
    app cannot erase (``privacy_rules.not_erasable``)."""
    resident = _resident(db, resident_id)
    erased_at = now_local()
    with db.write() as conn:
        known = conn.execute(select(_LOG.c.resident_id).where(_LOG.c.resident_id == resident_id)).first()
        if known is None:
            conn.execute(insert(_LOG).values(resident_id=resident_id, ward_id=resident["ward_id"], erased_at=erased_at,
                                             reason=str(reason), request_id=request_id, by=by))
        audit_trail.record(conn, actor_kind=AuditActorKind.OFFICE if reason == ErasureReason.REQUEST else AuditActorKind.SYSTEM,
                           actor_id=None, actor_name=by, action=AuditAction.ERASURE, ward_id=resident["ward_id"],
                           target_kind=RecordKind.RESIDENT, target_id=resident_id,
                           detail={"reason": str(reason), "request_id": request_id})
        if request_id is not None:
            conn.execute(update(DataRequest).where(DataRequest.id == request_id).values(
                residual=list(privacy_rules().not_erasable)))
    household_cleared, lost, extra = _apply(db, resident, erased_at)
    return ErasureResult(resident_id, resident["ward_id"], household_cleared, lost, extra)


def is_erased(db: ServerDb, resident_id: str) -> bool:
    with db.read() as conn:
        return conn.execute(select(_LOG.c.resident_id).where(_LOG.c.resident_id == resident_id)).first() is not None


def export_log(db: ServerDb) -> list[dict[str, Any]]:
    """The erasure log as plain rows (written beside each nightly dump: ``erasure log --out``)."""
    with db.read() as conn:
        rows = conn.execute(select(_LOG).order_by(_LOG.c.erased_at, _LOG.c.resident_id)).mappings().all()
    return [{**dict(r), "erased_at": r["erased_at"].isoformat()} for r in rows]


def write_log(db: ServerDb, path: Path) -> int:
    """Write ``export_log`` to ``path`` as JSON lines; returns how many."""
    rows = export_log(db)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return len(rows)


def reapply(db: ServerDb, entries: list[dict[str, Any]] | None = None) -> int:
    """Erase again every logged resident whose row holds personal fields (after a restore from
    a dump older than some erasures); ``entries`` from an exported log, or this database's own.
    Returns how many rows had to be erased again."""
    rows = entries if entries is not None else export_log(db)
    again = 0
    for entry in rows:
        try:
            resident = _resident(db, str(entry["resident_id"]))
        except AdminError:
            continue  # not in this copy at all: nothing to erase
        with db.write() as conn:
            if conn.execute(select(_LOG.c.resident_id).where(_LOG.c.resident_id == resident["id"])).first() is None:
                conn.execute(insert(_LOG).values(
                    resident_id=resident["id"], ward_id=resident["ward_id"],
                    erased_at=dt.datetime.fromisoformat(str(entry["erased_at"])),
                    reason=str(entry.get("reason", ErasureReason.REQUEST)), request_id=entry.get("request_id"),
                    by=str(entry.get("by", ""))))
        blank = all(resident[name] in (None, ERASED_NAME) for name in RESIDENT_PERSONAL_FIELDS) and resident["erased_at"] is not None
        if blank:
            continue
        _apply(db, resident, dt.datetime.fromisoformat(str(entry["erased_at"])))
        again += 1
    return again


def read_log(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

"""The duplicate scan on the office server: the ward's candidate pairs for the office console.

The same scorer as the leaders' laptops (``outreach/duplicate_score.py``, a base module: the
server may not import ``services``), over the server's copy of the ward; pairs a leader has
decided about (a synced ``DuplicatePair``: "not the same" or merged) are left out, as on the
laptops.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from outreach.duplicate_score import (
    Candidate,
    HouseholdRecord,
    ResidentRecord,
    collection_paused,
    household_candidates,
    resident_candidates,
)
from outreach.model import DuplicatePair, Household, Resident
from outreach.model.base import table_of
from outreach.server.db import ServerDb
from outreach.vocabulary import PairStatus, RecordKind


def scan_ward(db: ServerDb, ward_id: str) -> tuple[list[Candidate], list[Candidate]]:
    """(household pairs, resident pairs) of ``ward_id`` nobody has decided about, best first
    (the collector paused meanwhile: the server's other requests go on, see ``collection_paused``)."""
    with collection_paused():
        return _scan_ward(db, ward_id)


def _scan_ward(db: ServerDb, ward_id: str) -> tuple[list[Candidate], list[Candidate]]:
    households, residents, pairs = table_of(Household), table_of(Resident), table_of(DuplicatePair)
    with db.read() as conn:
        resident_rows = [ResidentRecord(*row) for row in conn.execute(
            select(residents.c.id, residents.c.household_id, residents.c.full_name, residents.c.date_of_birth,
                   residents.c.personal_id, residents.c.phone)
            .where(residents.c.ward_id == ward_id, residents.c.deleted.is_(False)))]
        household_rows = conn.execute(select(households.c.id, households.c.address, households.c.head_name, households.c.phone)
                                      .where(households.c.ward_id == ward_id, households.c.deleted.is_(False))).all()
        decided = {(str(kind), str(a), str(b)) for kind, a, b in conn.execute(
            select(pairs.c.kind, pairs.c.first_id, pairs.c.second_id).where(
                pairs.c.ward_id == ward_id, pairs.c.deleted.is_(False),
                pairs.c.status.in_((PairStatus.NOT_SAME, PairStatus.MERGED))))}
    pids: dict[str, set[str]] = defaultdict(set)
    for r in resident_rows:
        if r.personal_id and r.household_id:
            pids[r.household_id].add(r.personal_id)
    records = [HouseholdRecord(hid, address or {}, head or "", phone, frozenset(pids.get(hid, ())))
               for hid, address, head, phone in household_rows]
    return (household_candidates(records, skip=lambda a, b: (RecordKind.HOUSEHOLD, a, b) in decided),
            resident_candidates(resident_rows, skip=lambda a, b: (RecordKind.RESIDENT, a, b) in decided))

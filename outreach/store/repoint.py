"""Re-point rows that still name a merged-away household or resident to its survivor.

A merge (``services/duplicates.py``) moves every row its laptop holds. A row it could not see —
a visit recorded on a laptop that was offline, or pushed before the merge reached the leader —
still names the tombstone when the merge arrives by pull. So after every pull the laptop calls
``repoint_merged`` (``sync/engine.py``) and records the re-point as its own synced change, in one
write transaction, and pushes it in the same sync.

Why on the laptops and not on the server at push: the server never invents a change of its own
in a device's push (its rows are merged state, and a server-made stamp would race the device's
next edit); a re-point made here is an ordinary change through ``ChangeRecorder``, checked by the
server's rights like any other. Every laptop that may write the row computes the same survivor
(``model/merge_chain``), so two of them re-pointing it write the same value and converge. Who
re-points what (the server's rights, ``server/rights.py``): a leader any stored visit's household
and filing's resident (``REPOINT_FIELDS``); a volunteer the visits it recorded and their
filings, outside a week locked for its team; residents are every device's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from outreach.model import Filing, Household, Resident, Synced, Visit, WeekLock
from outreach.model.merge_chain import survivors
from outreach.store.outbox import ChangeRecorder
from outreach.timeutil import iso_week_of


@dataclass
class Repointed:
    """What one ``repoint_merged`` changed (counts of rows)."""

    residents: int = 0
    visits: int = 0
    filings: int = 0
    revived: int = 0

    @property
    def any(self) -> bool:
        return bool(self.residents or self.visits or self.filings or self.revived)


def _chains(session: Session, entity: type[Household] | type[Resident]) -> tuple[dict[str, str], set[str]]:
    # only merged_into in SQL: the partial index ix_*_merged (migration 0005d) holds just these rows
    rows = session.execute(select(entity.id, entity.merged_into, entity.deleted).where(entity.merged_into.is_not(None)))
    return survivors({row_id: into for row_id, into, deleted in rows if deleted})


def _chunks(ids: Iterable[str], size: int = 500) -> Iterable[list[str]]:
    items = list(ids)
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _revive(session: Session, recorder: ChangeRecorder, entity: type[Synced], ids: set[str]) -> int:
    count = 0
    for row_id in sorted(ids):
        row = session.get(entity, row_id)
        if row is not None and recorder.update(row, {"deleted": False, "merged_into": None}):
            count += 1
    return count


def _locked_weeks(session: Session) -> set[tuple[str | None, str]]:
    return {(team, week) for team, week in session.execute(
        select(WeekLock.team_id, WeekLock.iso_week).where(WeekLock.locked.is_(True), WeekLock.deleted.is_(False)))}


def _volunteer_may(visit: Visit | None, member_id: str | None, locked: set[tuple[str | None, str]]) -> bool:
    """Whether a volunteer's laptop may re-point ``visit`` (or a filing of it): one it recorded,
    outside a week locked for its team (the server would refuse it, ``week_locked``, and the
    change would wait in "needs attention"; a leader's laptop re-points it instead)."""
    if visit is None or member_id is None or visit.volunteer_id != member_id:
        return False
    return visit.started_at is None or (visit.team_id, iso_week_of(visit.started_at.date())) not in locked


def repoint_merged(session: Session, recorder: ChangeRecorder, *, leader: bool, member_id: str | None) -> Repointed:
    """Re-point the live rows naming a merged-away household or resident (see the module doc);
    ``leader``: this laptop may re-point every team's visits and filings (and revive the
    survivor of a merge cycle); otherwise only the visits ``member_id`` recorded."""
    done = Repointed()
    locked = set() if leader else _locked_weeks(session)
    households, revive_households = _chains(session, Household)
    residents_map, revive_residents = _chains(session, Resident)
    if leader:
        done.revived += _revive(session, recorder, Household, revive_households)
        done.revived += _revive(session, recorder, Resident, revive_residents)
    for chunk in _chunks(households):
        for resident in session.scalars(select(Resident).where(Resident.household_id.in_(chunk), Resident.deleted.is_(False))):
            recorder.update(resident, {"household_id": households[str(resident.household_id)]})
            done.residents += 1
        for visit in session.scalars(select(Visit).where(Visit.household_id.in_(chunk), Visit.deleted.is_(False))):
            if leader or _volunteer_may(visit, member_id, locked):
                recorder.update(visit, {"household_id": households[str(visit.household_id)]})
                done.visits += 1
    for chunk in _chunks(residents_map):
        query = select(Filing, Visit).outerjoin(Visit, Visit.id == Filing.visit_id).where(
            Filing.resident_id.in_(chunk), Filing.deleted.is_(False))
        for filing, visit in session.execute(query):
            if leader or _volunteer_may(visit, member_id, locked):
                recorder.update(filing, {"resident_id": residents_map[str(filing.resident_id)]})
                done.filings += 1
    return done

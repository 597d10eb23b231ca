"""What is not yet on the ward server, record by record, for the volunteer to check.

The status bar's "N changes waiting" counts outbox entries, which says little: is the visit to
Bà Lan among them? This reads the outbox, groups its entries by the record they change, and
describes each record the way the screens name it (a household by its head and address, a
resident by name and household, a visit by its household and time). It returns codes and data,
never display words: the record kind is a ``RecordKind`` the UI labels in its language.

A read of the local database only, so it runs on a worker thread like any other query; an outbox
of thousands of entries is one grouped query plus one query per kind of record.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from outreach.model import (
    AreaAssignment,
    Filing,
    Household,
    OfficeDayOff,
    OutboxEntry,
    Outing,
    Procedure,
    Resident,
    ResidentialGroup,
    Target,
    Team,
    TeamMember,
    Visit,
    Ward,
    WeekLock,
)
from outreach.model.address import address_text
from outreach.store.database import Store
from outreach.vocabulary import RecordKind

#: The order of the list: what a volunteer records, first; team and catalogue bookkeeping last.
KIND_ORDER = (RecordKind.HOUSEHOLD, RecordKind.RESIDENT, RecordKind.VISIT, RecordKind.FILING, RecordKind.WEEK_LOCK)
#: SQLite's limit on bound variables is far above this; chunks keep each IN list small.
_CHUNK = 500


@dataclass(frozen=True)
class UnsentRecord:
    """One record with changes the server has not acknowledged yet.

    ``name`` and ``detail`` are the record's own data (a head's name and the address, a resident's
    name and their household's head, a visit's household and time); ``changes`` how many unsent
    edits it has; ``last_change`` when the newest was made. A record deleted since shows empty
    ``name``."""

    kind: str
    entity_id: str
    name: str
    detail: str
    changes: int
    last_change: dt.datetime


def unsent_records(store: Store) -> list[UnsentRecord]:
    """Every record with unsent changes, households first, then residents, visits, filings."""
    with store.read() as session:
        grouped = session.execute(
            select(OutboxEntry.entity, OutboxEntry.entity_id, func.count(), func.max(OutboxEntry.created_at), func.min(OutboxEntry.seq))
            .group_by(OutboxEntry.entity, OutboxEntry.entity_id)
        ).all()
        ids: dict[str, list[str]] = defaultdict(list)
        for entity, entity_id, *_rest in grouped:
            ids[entity].append(entity_id)
        described = {entity: dict(_describe(session, entity, entity_ids)) for entity, entity_ids in ids.items()}
    records = [
        (order, first_seq, UnsentRecord(entity, entity_id, *described[entity].get(entity_id, ("", "")), count, last))
        for entity, entity_id, count, last, first_seq in grouped
        for order in [KIND_ORDER.index(entity) if entity in KIND_ORDER else len(KIND_ORDER)]
    ]
    return [record for _order, _seq, record in sorted(records, key=lambda r: (r[0], r[1]))]


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


def _visit_text(head: str | None, started: dt.datetime | None) -> str:
    when = f"{started:%d/%m/%Y %H:%M}" if started else ""
    return " — ".join(part for part in (head or "", when) if part)


def _describe(session: Session, entity: str, entity_ids: list[str]) -> Iterable[tuple[str, tuple[str, str]]]:
    """(id, (name, detail)) for the records of one kind that are still here."""
    for chunk in _chunks(entity_ids):
        if entity == RecordKind.HOUSEHOLD:
            for hid, head, address in session.execute(
                select(Household.id, Household.head_name, Household.address).where(Household.id.in_(chunk))
            ):
                yield hid, (head or "", address_text(address))
        elif entity == RecordKind.RESIDENT:
            for rid, name, head in session.execute(
                select(Resident.id, Resident.full_name, Household.head_name)
                .outerjoin(Household, Household.id == Resident.household_id).where(Resident.id.in_(chunk))
            ):
                yield rid, (name or "", head or "")
        elif entity == RecordKind.VISIT:
            for vid, head, address, started in session.execute(
                select(Visit.id, Household.head_name, Household.address, Visit.started_at)
                .outerjoin(Household, Household.id == Visit.household_id).where(Visit.id.in_(chunk))
            ):
                yield vid, (_visit_text(head, started), address_text(address))
        elif entity == RecordKind.FILING:
            for fid, code, name, head, started in session.execute(
                select(Filing.id, Filing.procedure_code, Procedure.name_vi, Household.head_name, Visit.started_at)
                .outerjoin(Procedure, Procedure.id == Filing.procedure_code)
                .outerjoin(Visit, Visit.id == Filing.visit_id)
                .outerjoin(Household, Household.id == Visit.household_id).where(Filing.id.in_(chunk))
            ):
                yield fid, (name or code or "", _visit_text(head, started))
        elif entity == RecordKind.WEEK_LOCK:
            for lid, week in session.execute(select(WeekLock.id, WeekLock.iso_week).where(WeekLock.id.in_(chunk))):
                yield lid, (week or "", "")
        elif entity in _PLANNING:
            yield from _describe_planning(session, entity, chunk)
        elif entity in _NAMED:
            model, column = _NAMED[entity]
            for rid, name in session.execute(select(model.id, column).where(model.id.in_(chunk))):
                yield rid, (name or "", "")


#: A team's planning records (issue 12): an area step (its group, from when), an outing (its
#: day), a target (its period).
_PLANNING = frozenset({RecordKind.AREA_ASSIGNMENT, RecordKind.OUTING, RecordKind.TARGET})


def _day(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _describe_planning(session: Session, entity: str, chunk: list[str]) -> Iterable[tuple[str, tuple[str, str]]]:
    if entity == RecordKind.AREA_ASSIGNMENT:
        for aid, group, since in session.execute(
            select(AreaAssignment.id, ResidentialGroup.name, AreaAssignment.from_date)
            .outerjoin(ResidentialGroup, ResidentialGroup.id == AreaAssignment.group_id).where(AreaAssignment.id.in_(chunk))
        ):
            yield aid, (group or "", _day(since))
    elif entity == RecordKind.OUTING:
        for oid, day, team in session.execute(
            select(Outing.id, Outing.day, Team.name).outerjoin(Team, Team.id == Outing.team_id).where(Outing.id.in_(chunk))
        ):
            yield oid, (_day(day), team or "")
    else:
        for tid, start, end, team in session.execute(
            select(Target.id, Target.period_start, Target.period_end, Team.name)
            .outerjoin(Team, Team.id == Target.team_id).where(Target.id.in_(chunk))
        ):
            yield tid, (f"{_day(start)}–{_day(end)}", team or "")


#: Records named by one column (the ward's, a group's, a team's, a member's name).
_NAMED: dict[str, tuple[Any, Any]] = {
    RecordKind.WARD: (Ward, Ward.name),
    RecordKind.RESIDENTIAL_GROUP: (ResidentialGroup, ResidentialGroup.name),
    RecordKind.TEAM: (Team, Team.name),
    RecordKind.TEAM_MEMBER: (TeamMember, TeamMember.full_name),
    RecordKind.PROCEDURE: (Procedure, Procedure.name_vi),
    RecordKind.OFFICE_DAY_OFF: (OfficeDayOff, OfficeDayOff.note),
}

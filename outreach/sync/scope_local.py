"""The laptop's side of the least-data scope (issue 14; the server's is ``server/scope.py``).

Every pull page says which part of the ward the device is served (``device.area``: its team's
group ids, or null for the whole ward). After a pull the laptop makes its tables match:

- a household outside the area keeps only its directory (``HOUSEHOLD_DIRECTORY_FIELDS``):
  the other fields go back to their defaults *and lose their stamps*, so the row never pushes
  or hashes a blank as a value, and the next full row the server sends (the group came back)
  is taken whole;
- a resident of a household outside the area is removed from the laptop (the server does not
  serve those), with its search-index entry; so are other teams' visits outside the area and
  the filings of visits it does not hold;
- a row with a change still in the outbox is left until that change is acknowledged (sync
  pushes before it pulls, so that is the next sync): the volunteer's own work is never dropped
  unsent. Drafts are this laptop's own unsaved typing and are kept.

When the area grew (a group joined), rows of the new groups lie before the cursor: the engine
pulls again from zero (merges are idempotent, the rows it holds are skipped) and only then
remembers the new area, so an interrupted re-pull is done again at the next sync.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Text, bindparam, delete, or_, select, update

from outreach.model import Filing, Household, OutboxEntry, Resident, SyncState, Visit
from outreach.model.base import table_of
from outreach.model.field_rules import HOUSEHOLD_DIRECTORY_FIELDS
from outreach.model.rowio import field_defaults
from outreach.store import search_index
from outreach.store.database import Store
from outreach.store.served_area import served_area


class Unknown:
    """The reply did not say (an older server): nothing is dropped then."""


UNKNOWN = Unknown()
#: what a reply serves: the area's group ids, None for the whole ward, or UNKNOWN
Served = list[str] | None | Unknown
#: a household's fields that a directory row does not hold
_NOT_DIRECTORY = tuple(name for name in field_defaults(Household) if name not in HOUSEHOLD_DIRECTORY_FIELDS)


def area_of(reply: Mapping[str, Any]) -> Served:
    """The area a pull reply serves: a list of group ids, None (the whole ward) or ``UNKNOWN``."""
    device = reply.get("device")
    if not isinstance(device, Mapping) or "area" not in device:
        return UNKNOWN
    area = device["area"]
    if area is None:
        return None
    if isinstance(area, list) and all(isinstance(item, str) for item in area):
        return sorted(area)
    return UNKNOWN


def held_area(store: Store) -> list[str] | None:
    """The area this laptop holds full rows of (None: the whole ward, also when not known)."""
    with store.read() as session:
        return served_area(session)


def grew(held: list[str] | None, served: list[str] | None) -> bool:
    """Whether ``served`` covers a group that ``held`` did not (then rows must be pulled again)."""
    if held is None:
        return False
    return served is None or bool(set(served) - set(held))


def remember(store: Store, served: list[str] | None) -> None:
    """Record the area now held (after its rows were pulled)."""
    with store.write() as tx:
        tx.session.execute(update(SyncState).where(SyncState.id == 1).values(served_area=json.dumps(served)))


def drop_outside(store: Store, area: list[str], team_id: str | None, member_id: str | None = None) -> int:
    """Drop what this laptop must not hold outside ``area`` (see the module doc); one
    transaction. Returns how many rows changed (0: nothing written)."""
    households, residents, visits, filings = table_of(Household), table_of(Resident), table_of(Visit), table_of(Filing)
    with store.read() as session:
        pending = {(entity, row_id) for entity, row_id in session.execute(select(OutboxEntry.entity, OutboxEntry.entity_id))}
        inside = select(households.c.id).where(households.c.group_id.in_(area))
        gone = [(row_id, household) for row_id, household in session.execute(
            select(residents.c.id, residents.c.household_id).where(
                or_(residents.c.household_id.is_(None), residents.c.household_id.not_in(inside))))
            if ("resident", row_id) not in pending]
        # a household row holds a stamp of a non-directory field: its clocks text names it
        named = or_(*(households.c.clocks.cast(Text).contains(f'"{name}"') for name in _NOT_DIRECTORY))
        to_blank = [(row_id, clocks) for row_id, clocks in session.execute(
            select(households.c.id, households.c.clocks).where(
                or_(households.c.group_id.is_(None), households.c.group_id.not_in(area)), named))
            if ("household", row_id) not in pending]
        # visits: the team's and the member's own, and those at a household of the area; filings: of those
        kept_visits = select(visits.c.id).where(or_(visits.c.team_id == team_id, visits.c.volunteer_id == member_id,
                                                    visits.c.household_id.in_(inside)))
        other_visits = [row_id for (row_id,) in session.execute(select(visits.c.id).where(visits.c.id.not_in(kept_visits)))
                        if ("visit", row_id) not in pending]
        other_filings = [row_id for (row_id,) in session.execute(select(filings.c.id).where(
            or_(filings.c.visit_id.is_(None), filings.c.visit_id.not_in(kept_visits)))) if ("filing", row_id) not in pending]
    if not gone and not to_blank and not other_visits and not other_filings:
        return 0
    defaults = {name: value for name, value in field_defaults(Household).items() if name in _NOT_DIRECTORY}
    with store.write() as tx:
        conn = tx.session.connection()
        for table, ids in ((residents, [row_id for row_id, _household in gone]), (visits, other_visits), (filings, other_filings)):
            for start in range(0, len(ids), 500):
                conn.execute(delete(table).where(table.c.id.in_(ids[start : start + 500])))
        if to_blank:
            conn.execute(
                update(households).where(households.c.id == bindparam("row_id")).values(clocks=bindparam("kept"), **defaults),
                [{"row_id": row_id, "kept": {f: s for f, s in (clocks or {}).items() if f in HOUSEHOLD_DIRECTORY_FIELDS}}
                 for row_id, clocks in to_blank],
            )
        touched = {household for _id, household in gone if household} | {row_id for row_id, _c in to_blank}
        search_index.refresh_households(tx.session, touched)
    return len(gone) + len(to_blank) + len(other_visits) + len(other_filings)

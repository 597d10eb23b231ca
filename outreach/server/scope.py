"""What of its ward a device is served (issue 14, least data on each laptop).

A leader's laptop (and any device without a team) is served the whole ward. A volunteer's laptop
is served, for the households whose group is in its team's *current* area
(``ResidentialGroup.team_id``), every field; for the rest of the ward only a directory of the
households (``field_rules.HOUSEHOLD_DIRECTORY_FIELDS``: address, head's name, group), and their
residents not at all: finding a household and warning of a duplicate by address needs no person,
and a resident row without its personal fields would still carry a name. Of the visits it gets
its own team's and those at a household of the area, with their filings (a filing's dossier is
about a resident; other teams' work elsewhere in the ward is theirs). Every other entity (groups,
teams, members, outings, targets...) is served whole, as before.

The scope is applied in SQL, in the same snapshot as the page: a table's rows are split into
*parts* (``area``, ``directory`` or ``all``), each with its extra condition and its columns. The
page end is found over the scoped rows, so a volunteer's pages are full pages of what it gets.

A group that joins the area brings rows whose ``server_seq`` the laptop's cursor has passed; the
server tells the device its area with every page (``area``: the group ids, or null for the whole
ward) and the laptop re-pulls from zero when the area grew (``sync/scope_local.py``). The ward
digest of the last page is computed over what the scope sees (``scope_digest``).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, text

from outreach.model import ENTITY_BY_NAME, Synced, synced_fields
from outreach.model.base import table_of
from outreach.model.field_rules import HOUSEHOLD_DIRECTORY_FIELDS
from outreach.server.auth import DeviceIdentity
from outreach.server.digests import row_digest_hash
from outreach.vocabulary import Role

Part = Literal["all", "area", "directory"]

#: the groups of the team's current area, as SQL over the page's snapshot
_AREA_GROUPS = 'SELECT "id" FROM "residential_groups" WHERE "team_id" = :team AND "ward_id" = :ward'
_AREA_HOUSEHOLDS = ('SELECT "id" FROM "households" WHERE "ward_id" = :ward AND "group_id" IN '
                    f'({_AREA_GROUPS})')
#: the visits a volunteer's laptop holds: its team's and its own, and any at a household of the area
_SCOPE_VISITS = f'("team_id" = :team OR "volunteer_id" = :member OR "household_id" IN ({_AREA_HOUSEHOLDS}))'
_CONDITION: Mapping[tuple[str, Part], str] = {
    ("resident", "area"): f'"household_id" IN ({_AREA_HOUSEHOLDS})',
    ("household", "area"): f'"group_id" IN ({_AREA_GROUPS})',
    ("household", "directory"): f'("group_id" IS NULL OR "group_id" NOT IN ({_AREA_GROUPS}))',
    ("visit", "area"): _SCOPE_VISITS,
    ("filing", "area"): f'"visit_id" IN (SELECT "id" FROM "visits" WHERE "ward_id" = :ward AND {_SCOPE_VISITS})',
}
#: the parts a volunteer's laptop gets of the entities its scope splits
_SCOPED_PARTS: Mapping[str, tuple[Part, ...]] = {
    "resident": ("area",), "household": ("area", "directory"), "visit": ("area",), "filing": ("area",)}


@dataclass(frozen=True)
class PullScope:
    """Who is asking for a pull: ``team_id`` None means the whole ward."""

    ward_id: str
    team_id: str | None
    #: the device's member: its own visits are always served
    member_id: str = ""

    @property
    def whole_ward(self) -> bool:
        return self.team_id is None

    def parts(self, entity_name: str) -> tuple[Part, ...]:
        """The parts of the entity's table this scope is served."""
        return ("all",) if self.whole_ward else _SCOPED_PARTS.get(entity_name, ("all",))

    def params(self) -> dict[str, Any]:
        return {"ward": self.ward_id, "team": self.team_id, "member": self.member_id}

    def area_groups(self, conn: Connection) -> list[str] | None:
        """The group ids of the area (sorted), or None for the whole ward: sent with every page."""
        if self.whole_ward:
            return None
        return sorted(row[0] for row in conn.execute(text(_AREA_GROUPS), self.params()))


def scope_of(device: DeviceIdentity) -> PullScope:
    """A volunteer's device is scoped to its team's area; a leader's (or a device without a
    team: the office, a demo) gets the whole ward. A volunteer without a team gets the directory."""
    if device.role == Role.VOLUNTEER:
        return PullScope(device.ward_id, device.team_id or "", device.member_id or "")
    return PullScope(device.ward_id, None)


def condition(entity_name: str, part: Part) -> str:
    """The SQL condition (on the entity's own table, unqualified columns) of one part; "" for all."""
    return _CONDITION.get((entity_name, part), "")


def columns_of(entity: type[Synced], part: Part) -> tuple[str, ...]:
    """The fields served in one part: the directory's for ``directory``, all of them otherwise."""
    if part == "directory":
        return tuple(name for name in synced_fields(entity) if name in HOUSEHOLD_DIRECTORY_FIELDS)
    return synced_fields(entity)


def and_condition(entity_name: str, part: Part) -> str:
    """``condition`` prefixed with `` AND `` (or "")."""
    found = condition(entity_name, part)
    return f" AND {found}" if found else ""


# ---------------------------------------------------------------------- the digest of a scope

_CACHE_SIZE = 64
_cache: OrderedDict[tuple[Any, ...], tuple[dict[str, int], int]] = OrderedDict()
_cache_lock = threading.Lock()


@functools.cache
def _latest_sql() -> str:
    return " UNION ALL ".join(
        f'SELECT max("server_seq") FROM "{table_of(ENTITY_BY_NAME[name]).name}" WHERE "ward_id" = :ward'
        for name in ("residential_group", "household", "resident", "visit", "filing"))


def _scoped_sums(conn: Connection, scope: PullScope) -> tuple[dict[str, int], int]:
    """(count per entity, sum of row hashes) of the entities the scope splits, as served: each
    row's hash over the fields (and their clocks) of its part. Cached per ward state."""
    key = (conn.engine.url.render_as_string(), scope, tuple(row[0] for row in conn.execute(text(_latest_sql()), scope.params())))
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    counts: dict[str, int] = {}
    total = 0
    for name in _SCOPED_PARTS:
        entity = ENTITY_BY_NAME[name]
        table = table_of(entity)
        for part in scope.parts(name):
            served = set(columns_of(entity, part))
            query = text(f'SELECT * FROM "{table.name}" WHERE "ward_id" = :ward{and_condition(name, part)}')
            typed = query.columns(*table.columns)
            for rec in conn.execute(typed, scope.params()).mappings():
                clocks = {f: s for f, s in dict(rec["clocks"] or {}).items() if f in served}
                counts[name] = counts.get(name, 0) + 1
                total += row_digest_hash(name, rec["id"], clocks, dict(rec))
    found = (counts, total % (1 << 128))
    with _cache_lock:
        _cache[key] = found
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return found


def scope_digest(conn: Connection, scope: PullScope, ward_digest: dict[str, Any],
                 ward_sums: Mapping[str, tuple[int, int]]) -> dict[str, Any]:
    """The digest of what ``scope`` sees: the ward's digest, with the split entities' running
    sums (``ward_sums``: entity -> (count, hash sum)) replaced by their sums as served."""
    if scope.whole_ward:
        return ward_digest
    counts = {name: count for name, count in ward_digest["counts"].items() if name not in _SCOPED_PARTS}
    total = int(ward_digest["hash"], 16)
    for name in _SCOPED_PARTS:
        total -= ward_sums.get(name, (0, 0))[1]
    scoped_counts, scoped_total = _scoped_sums(conn, scope)
    counts.update({name: count for name, count in scoped_counts.items() if count})
    total = (total + scoped_total) % (1 << 128)
    return {"counts": dict(sorted(counts.items())), "hash": f"{total:032x}"}

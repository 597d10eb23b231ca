"""Who may write what: the server's own decision for every pushed change (docs/server.md §Write rights).

A laptop's checks (``services``) are a convenience: ``profile.json`` can be edited and a request
can be crafted, so the server decides again from the device's identity (``DeviceIdentity``: ward,
team, member, role as enrolled) and from the rows it holds. The rules:

- office data: the ward and its residential groups are the office's alone (``outreach-server``);
  a team, its members (their roles included) and its week locks are also a leader's *of that
  team*; the procedure catalogue and the office's extra days off are the office's
  (``push.OFFICE_ONLY_ENTITIES``);
- a visit is written by the volunteer who recorded it (``volunteer_id`` is their member id, before
  and after the change) or by a leader of its team (the review); a volunteer may also tick
  ``follow_up_done`` on a visit of their own team (the revisit list is the team's), nothing else;
- a filing follows its visit (every version of it the server knows: stored and in this batch);
- households and residents of the ward are every device's of the ward, except that only the
  office erases a resident (``erased_at``) and an erased resident's personal fields are refused
  (``erased``) from every laptop afterwards (issue 14);
- areas (issue 12): a leader changes one field of a residential group, ``team_id``: to their own
  team (taking the group into its area) or from it to none (giving it back); the group's dated
  history rows (``area_assignment``) follow the same rule; a team's outings and targets are
  team data (its leader's, and the office's);
- a line of a team's day plan (``plan_entry``) is its team's devices' (the team before and after
  the change); only a leader adds or drops a household (``adjustment``), anyone of the team marks
  it done or not at home;
- a leader re-points a stored visit (``household_id`` alone) or filing (``resident_id`` alone)
  of any team after a merge; merging (``merged_into``) and the decisions about duplicate pairs
  are a leader's (``push._needs_leader``);
- a visit (and its filings) in a week locked for its team is not created or edited by a volunteer
  (``week_locked``); a device sets a lock only on a week that has ended in the ward's time
  zone (``week_not_ended``, for a leader too);
- a row never references a row of another ward (``outside_ward``); a reference to a row the
  server does not hold yet (a child synced before its parent) is allowed.

Everything a batch needs from the database is read up front by ``load_facts``: one query per
referenced entity, one for the ward's locks, one for stored filings' visits — never per change,
so a first push of 5,000 visits costs a handful of queries. The checks then run per change on
plain values (the wire values of whole new rows in bulk, or decoded values change by change:
ids are strings either way, times are read by ``_as_datetime``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Connection

from outreach.model.codec import dumps_compact
from outreach.model.entities import ERASED_NAME, RESIDENT_PERSONAL_FIELDS
from outreach.server.auth import DeviceIdentity
from outreach.timeutil import iso_week_bounds, iso_week_of, now_local
from outreach.vocabulary import Role
from outreach.wire.protocol import is_wire_id
from outreach.wire.reasons import Reason

#: Fields that name a row of another entity (a ward-scoped one), per entity.
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "team_member": (("team_id", "team"),),
    "household": (("group_id", "residential_group"), ("merged_into", "household")),
    "resident": (("household_id", "household"), ("merged_into", "resident")),
    "visit": (("household_id", "household"), ("team_id", "team"), ("volunteer_id", "team_member"),
              ("reviewed_by", "team_member")),
    "filing": (("visit_id", "visit"), ("resident_id", "resident")),
    "week_lock": (("team_id", "team"), ("changed_by", "team_member")),
    # -- areas, outings, targets (issue 12)
    "residential_group": (("team_id", "team"),),
    "area_assignment": (("group_id", "residential_group"), ("team_id", "team"), ("from_team_id", "team"),
                        ("made_by", "team_member")),
    "outing": (("team_id", "team"), ("led_by", "team_member")),
    "target": (("team_id", "team"),),
    "plan_entry": (("team_id", "team"), ("household_id", "household"), ("changed_by", "team_member")),
}
REFERENCES["visit"] += (("outing_id", "outing"),)
_TABLES = {"team": "teams", "team_member": "team_members", "household": "households", "resident": "residents",
           "residential_group": "residential_groups", "visit": "visits", "filing": "filings", "outing": "outings"}
#: Changed by the office alone.
OFFICE_DATA = frozenset({"ward", "residential_group"})
#: Changed by the office or a leader of the row's team.
TEAM_DATA = frozenset({"team", "team_member", "week_lock", "outing", "target"})
#: The one field of a residential group a leader changes: which team's area it is in.
AREA_FIELDS = frozenset({"team_id"})
#: What a volunteer may change on a visit of their team that someone else recorded.
TEAM_VISIT_FIELDS = frozenset({"follow_up_done"})
#: Written by the devices of the row's team; the field only its leader changes.
PLAN_DATA = frozenset({"plan_entry"})
PLAN_LEADER_FIELD = "adjustment"
#: What a leader may change alone on a stored visit or filing of any team of the ward: its
#: household or resident, re-pointed after a merge (issue 17, ``store/repoint.py``): a merge
#: moves every visit of the merged-away household, whoever recorded it.
REPOINT_FIELDS = {"visit": frozenset({"household_id"}), "filing": frozenset({"resident_id"})}


@dataclass(frozen=True, slots=True)
class VisitFacts:
    """What the rules read of one version of a visit (``started_at`` as decoded or as sent: it
    is read only when the ward has a locked week)."""

    team_id: Any
    volunteer_id: Any
    started_at: Any


@dataclass
class Facts:
    """What one batch's checks need from the database, read once (``load_facts``)."""

    #: (entity, id) of every referenced row the server holds in another ward (mostly none)
    foreign: set[tuple[str, str]] = field(default_factory=set)
    #: visit id (of a filing in the batch) -> its stored version and its version in this batch
    visits: dict[str, list[VisitFacts]] = field(default_factory=dict)
    #: stored filing id -> its visit id
    filing_visits: dict[str, str | None] = field(default_factory=dict)
    #: (team, ISO week) locked in the ward
    locked: frozenset[tuple[str, str]] = frozenset()
    #: the ward's wall time now (a lock needs its week to have ended)
    now: dt.datetime = field(default_factory=now_local)
    #: household whose head the office erased (renamed in this batch) -> the names of its living,
    #: not erased residents: the only head names a device may give it now
    erased_heads: dict[str, set[str]] = field(default_factory=dict)


def _as_datetime(value: Any) -> dt.datetime | None:
    """A visit's time as decoded (datetime) or as sent (ISO text); None if neither."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def _version(values: Mapping[str, Any], before: Mapping[str, Any]) -> VisitFacts:
    """A visit as it is after ``values`` are set on ``before`` (its stored values, or {})."""
    get, old = values.get, before.get
    return VisitFacts(get("team_id", old("team_id")), get("volunteer_id", old("volunteer_id")), get("started_at", old("started_at")))


def _select_by_ids(conn: Connection, table: str, columns: tuple[str, ...], ids: list[str], key: str = "id",
                   extra: str = "") -> list[tuple[Any, ...]]:
    """Rows of ``table`` whose ``key`` is in ``ids`` (and ``extra``, a fixed SQL condition): one
    statement with one parameter, however many."""
    cols = ", ".join(f'"{c}"' for c in columns)
    if conn.dialect.name == "postgresql":
        sql, param = f'SELECT {cols} FROM "{table}" WHERE "{key}" = ANY(%s){extra}', cast(object, ids)
    else:
        sql, param = f'SELECT {cols} FROM "{table}" WHERE "{key}" IN (SELECT value FROM json_each(?)){extra}', dumps_compact(ids)
    return [tuple(r) for r in conn.exec_driver_sql(sql, (param,)).all()]


def load_facts(conn: Connection, ward_id: str, changes: Iterable[tuple[str, str, Mapping[str, Any]]]) -> Facts:
    """Read what the rules need for ``changes`` ((entity, id, new values) of one batch)."""
    facts = Facts()
    mark = "%s" if conn.dialect.name == "postgresql" else "?"
    facts.locked = frozenset(
        (team, week) for team, week in conn.exec_driver_sql(
            f"SELECT team_id, iso_week FROM week_locks WHERE ward_id = {mark} AND locked AND NOT deleted", (ward_id,))
        if team is not None
    )
    wanted: dict[str, set[str]] = defaultdict(set)
    batch_visits: dict[str, Mapping[str, Any]] = {}
    filing_ids: list[str] = []
    renamed: list[str] = []
    batch_names: dict[str, set[str]] = defaultdict(set)
    for entity, entity_id, values in changes:
        if entity == "household" and values.get("head_name") not in (None, ERASED_NAME):
            renamed.append(entity_id)
        elif entity == "resident" and isinstance(values.get("full_name"), str) and is_wire_id(values.get("household_id")):
            batch_names[str(values["household_id"])].add(values["full_name"])
        refs = REFERENCES.get(entity)
        if refs:
            for name, target in refs:
                ref = values.get(name)
                if is_wire_id(ref):  # anything else names no stored row (and is refused by the field rules)
                    wanted[target].add(ref)
        if entity == "visit":
            earlier = batch_visits.get(entity_id)
            batch_visits[entity_id] = values if earlier is None else {**earlier, **values}
        elif entity == "filing":
            filing_ids.append(entity_id)
    if renamed:
        erased = [hid for (hid,) in _select_by_ids(conn, "households", ("id",), sorted(set(renamed)),
                                                    extra=f" AND head_name = '{ERASED_NAME}'")]
        if erased:
            facts.erased_heads = {hid: set(batch_names.get(hid, ())) for hid in erased}
            for hid, name in _select_by_ids(conn, "residents", ("household_id", "full_name"), erased, key="household_id",
                                            extra=" AND NOT deleted AND erased_at IS NULL"):
                facts.erased_heads[hid].add(name)
    if filing_ids:
        facts.filing_visits = dict(_select_by_ids(conn, "filings", ("id", "visit_id"), filing_ids))
        wanted["visit"].update(v for v in facts.filing_visits.values() if v)
    for target, ids in wanted.items():
        if target == "visit":
            stored: dict[str, dict[str, Any]] = {}
            for vid, ward, team, volunteer, started in _select_by_ids(
                    conn, "visits", ("id", "ward_id", "team_id", "volunteer_id", "started_at"), sorted(ids)):
                if ward != ward_id:
                    facts.foreign.add(("visit", vid))
                stored[vid] = {"team_id": team, "volunteer_id": volunteer, "started_at": started}
            for vid in ids:  # every version the server knows of each visit a filing names
                before, batch = stored.get(vid), batch_visits.get(vid)
                versions = [_version({}, before)] if before is not None else []
                if batch is not None:
                    versions.append(_version(batch, before or {}))
                if versions:
                    facts.visits[vid] = versions
        else:
            for rid, ward in _select_by_ids(conn, _TABLES[target], ("id", "ward_id"), sorted(ids)):
                if ward != ward_id:
                    facts.foreign.add((target, rid))
    return facts


def _week(started: Any) -> str | None:
    when = _as_datetime(started)
    return iso_week_of(when.date()) if when is not None else None


def week_ended(iso_week: str, now: dt.datetime) -> bool:
    """Whether ``iso_week`` is over at the ward's wall time ``now`` (its Sunday has passed)."""
    try:
        _monday, next_monday = iso_week_bounds(iso_week)
    except ValueError:
        return False
    return now.date() >= next_monday


def check(device: DeviceIdentity | None, entity: str, entity_id: str, values: Mapping[str, Any],
          stored: Mapping[str, Any] | None, facts: Facts) -> Reason | None:
    """Why ``device`` may not set ``values`` on the row now holding ``stored`` (None: a new row),
    or None when it may. ``device=None`` is the office, which may write anything of its ward."""
    if device is None:
        return None
    if facts.foreign:
        for name, target in REFERENCES.get(entity, ()):
            ref = values.get(name)
            if ref.__class__ is str and (target, ref) in facts.foreign:
                return Reason.OUTSIDE_WARD
    leader = device.role == Role.LEADER
    before: Mapping[str, Any] = stored or {}
    if entity == "residential_group" and stored is not None and values.keys() <= AREA_FIELDS:
        return _area_rule(device, leader, values.get("team_id"), before.get("team_id"))
    if entity == "area_assignment":
        return _assignment_rule(device, leader, values, before)
    if entity in OFFICE_DATA:
        return Reason.NOT_PERMITTED
    if entity in TEAM_DATA:
        # the row's team before and after the change: both must be the leader's
        teams = {entity_id} if entity == "team" else {values.get("team_id", before.get("team_id"))}
        if entity != "team" and stored is not None:
            teams.add(before.get("team_id"))
        if not leader:
            return Reason.LEADER_ONLY if entity == "week_lock" else Reason.NOT_PERMITTED
        if device.team_id is None or teams != {device.team_id}:
            return Reason.NOT_PERMITTED
        if entity == "week_lock" and values.get("locked", before.get("locked")) is True:
            if not week_ended(str(values.get("iso_week", before.get("iso_week", ""))), facts.now):
                return Reason.WEEK_NOT_ENDED
        return None
    if entity in PLAN_DATA:
        teams = {values.get("team_id", before.get("team_id"))} | ({before.get("team_id")} if stored is not None else set())
        if device.team_id is None or teams != {device.team_id}:
            return Reason.NOT_PERMITTED
        if not leader and values.get(PLAN_LEADER_FIELD, before.get(PLAN_LEADER_FIELD, "")) != before.get(PLAN_LEADER_FIELD, ""):
            return Reason.LEADER_ONLY
        return None
    if entity == "resident":
        return _resident_rule(values, before)
    if entity == "household" and entity_id in facts.erased_heads:
        # the erased head's name does not come back from a laptop that kept it (a later head is
        # one of the household's living residents: ``make_head``)
        head = values.get("head_name")
        if head not in (None, ERASED_NAME) and head not in facts.erased_heads[entity_id]:
            return Reason.ERASED
        return None
    if leader and stored is not None and entity in REPOINT_FIELDS and values.keys() <= REPOINT_FIELDS[entity]:
        return None
    if entity == "visit":
        versions = [_version({}, before), _version(values, before)] if stored is not None else [_version(values, before)]
        only_team_fields = stored is not None and values.keys() <= TEAM_VISIT_FIELDS
        return _visit_rule(device, leader, versions, facts, team_fields_only=only_team_fields)
    if entity == "filing":
        visit_ids = {values.get("visit_id"), facts.filing_visits.get(entity_id), before.get("visit_id")} - {None}
        versions = [v for vid in visit_ids for v in facts.visits.get(str(vid), [])]
        return _visit_rule(device, leader, versions, facts, team_fields_only=False) if versions else None
    return None


def _area_rule(device: DeviceIdentity, leader: bool, new_team: Any, old_team: Any) -> Reason | None:
    """A leader takes a group into their own team's area (from no team or from another: the
    ward's leaders share one map, the history shows who took what, and two leaders taking the
    same group at once resolve by the merge rule), or gives one of their own back (None)."""
    if not leader or device.team_id is None:
        return Reason.NOT_PERMITTED
    if new_team == device.team_id or (new_team is None and old_team == device.team_id):
        return None
    return Reason.NOT_PERMITTED


def _assignment_rule(device: DeviceIdentity, leader: bool, values: Mapping[str, Any],
                     before: Mapping[str, Any]) -> Reason | None:
    """An area-history row follows ``_area_rule``, for its stored and its new version: it takes a
    group into the leader's team, or releases one from it (``from_team_id``)."""
    versions = [before] if before else []
    versions.append({**before, **values})
    for version in versions:
        refusal = _area_rule(device, leader, version.get("team_id"), version.get("from_team_id"))
        if refusal is not None:
            return refusal
    return None


def _resident_rule(values: Mapping[str, Any], before: Mapping[str, Any]) -> Reason | None:
    """Only the office erases (``erased_at``); an erased person's personal fields are never
    written again by a laptop, whichever laptop held them and however late it syncs."""
    if values.get("erased_at") is not None:
        return Reason.NOT_PERMITTED
    if before.get("erased_at") is not None:
        for name in RESIDENT_PERSONAL_FIELDS:
            value = values.get(name)
            if value is not None and value != ERASED_NAME:
                return Reason.ERASED
    return None


def _visit_rule(device: DeviceIdentity, leader: bool, versions: list[VisitFacts], facts: Facts, *,
                team_fields_only: bool) -> Reason | None:
    """The rule for a visit (or a filing of it) known in ``versions``: every one must allow it."""
    for version in versions:
        if leader:
            if version.team_id != device.team_id:
                return Reason.NOT_PERMITTED
            continue
        if version.volunteer_id != device.member_id and not (team_fields_only and version.team_id == device.team_id):
            return Reason.NOT_PERMITTED
    if not leader and facts.locked:
        for version in versions:
            week = _week(version.started_at)
            # (a batch's values are read before they are checked: a team id may be anything)
            if isinstance(version.team_id, str) and week is not None and (version.team_id, week) in facts.locked:
                return Reason.WEEK_LOCKED
    return None

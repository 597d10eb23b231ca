"""Lists of the people to reach: saved filters over residents and households (issue 12).

Each list is a ``ReachList`` code; ``reach_list`` returns its rows for the ward or an area (a set
of residential groups: a team's area). The ages and dates come from ``outreach.reach_rules``
(the statutory numbers are data in ``resources/reach-rules.json``), computed for each candidate
row the SQL narrows to: the SQL bound is only a pre-filter that never drops a row the rule would
keep (``test_reach_lists`` pins the lists at the rule's boundaries), so the rule lives once.

A resident without the date a list needs (no date of birth, no card issue date) is left out of
that list: a list names people the data shows are due, never a guess. Rows are personal data
(names, dates of birth): exports go through ``export_reach_list`` (leaders only, audited).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Integer, Text, and_, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from outreach.model import Household, Resident, ResidentialGroup, Visit
from outreach.model.address import address_text
from outreach.reach_rules import ReachRules, add_months, born_by, card_renewal_due, load_rules, social_pension_from
from outreach.services.areas import groups_of_team
from outreach.services.audit import authorize_personal_export
from outreach.services.context import Actor
from outreach.store.database import Store
from outreach.timeutil import today_local
from outreach.vocabulary import Outcome, ReachList

#: The lists in the order a picker offers them (the most useful first: DOMAIN.md, VNeID).
REACH_LISTS: tuple[ReachList, ...] = tuple(ReachList)
#: Lists whose "months ahead" setting widens the window.
MONTHS_LISTS = frozenset({ReachList.CARD_RENEWAL, ReachList.SOCIAL_PENSION, ReachList.PRIORITY_NOT_VISITED})


@dataclass(frozen=True)
class ReachRow:
    """One person (or, for household lists, one household) on a reach list."""

    list_code: ReachList
    household_id: str
    #: None on a household list (priority households)
    resident_id: str | None
    #: the resident's name, or the head's on a household list
    name: str
    date_of_birth: dt.date | None
    #: the date that puts the row on the list: renewal due, pension age reached, birth
    #: registration due, or (priority households) the last visit (None: never visited)
    key_date: dt.date | None
    head_name: str
    #: the household's address parts as stored (JSON text): ``address`` parses them
    address_json: str | None
    group_name: str

    @property
    def address(self) -> dict[str, Any]:
        return parse_address(self.address_json)

    @property
    def address_line(self) -> str:
        return address_text(self.address)


@dataclass(frozen=True)
class ReachOptions:
    """What a list is computed for: the day, the window in months, the area (None: the ward)."""

    as_of: dt.date
    months: int
    group_ids: frozenset[str] | None = None
    #: only these households' people (the day's plan names people on the lines it has)
    households: frozenset[str] | None = None


def reach_list(
    store: Store, code: ReachList | str, *, as_of: dt.date | None = None, months: int | None = None,
    group_ids: Collection[str] | None = None, rules: ReachRules | None = None,
) -> list[ReachRow]:
    """The rows of list ``code`` on ``as_of`` (today), ``months`` ahead (the rules' default),
    for the residential groups ``group_ids`` (None: the whole ward)."""
    with store.read() as session:
        return reach_list_in(session, ReachList(code), options(as_of, months, group_ids, code, rules), rules or load_rules())


@dataclass(frozen=True)
class TeamReachList:
    """A list over a team's area on a day; ``area`` None: the team has no area and it is the ward's."""

    rows: list[ReachRow]
    area: frozenset[str] | None


def team_reach_list(store: Store, code: ReachList | str, team_id: str | None, *, as_of: dt.date | None = None,
                    months: int | None = None, ward_id: str | None = None) -> TeamReachList:
    """List ``code`` over ``team_id``'s area on ``as_of`` (``services/areas``), the ward's when the
    team has none (as the day's plan does) or when ``team_id`` is None."""
    day = as_of or today_local()
    rules = load_rules()
    with store.read() as session:
        area = frozenset(groups_of_team(session, team_id, day, ward_id)) or None if team_id else None
        rows = reach_list_in(session, ReachList(code), options(day, months, area, code, rules), rules)
    return TeamReachList(rows, area)


def options(as_of: dt.date | None, months: int | None, group_ids: Collection[str] | None, code: ReachList | str,
            rules: ReachRules | None = None) -> ReachOptions:
    rules = rules or load_rules()
    default = rules.priority_not_visited_months if code == ReachList.PRIORITY_NOT_VISITED else rules.months_ahead
    return ReachOptions(as_of or today_local(), default if months is None else months,
                        frozenset(group_ids) if group_ids is not None else None)


def reach_list_in(session: Session, code: ReachList, opts: ReachOptions, rules: ReachRules,
                  houses: Mapping[str, HouseInfo] | None = None) -> list[ReachRow]:
    """``reach_list`` inside a session the caller holds. ``houses``: the area's households
    (``households_info(session, None, opts.group_ids)``), read once by a caller reading several
    lists (the day's plan) instead of once per list."""
    return _LISTS[code](session, opts, rules, houses)


# ---------------------------------------------------------------- the lists


@dataclass(frozen=True, slots=True)
class HouseInfo:
    """What a list or the plan shows of a household (read through ``ix_households_plan``).

    The address is kept as the stored JSON text and parsed when asked for: a ward list touches
    20,000 households and shows a screenful (parsing them all cost a third of the list)."""

    head_name: str
    address_json: str | None
    group_name: str
    phone: str
    priority: bool
    poor_household: bool

    @property
    def address(self) -> dict[str, Any]:
        return parse_address(self.address_json)


def parse_address(text: str | None) -> dict[str, Any]:
    """The address parts from their stored JSON text ({} for none or for anything not an object)."""
    if not text:
        return {}
    value = json.loads(text)
    return value if isinstance(value, dict) else {}


PRIORITY = or_(Household.elderly_alone.is_(True), Household.disabled.is_(True), Household.policy_family.is_(True),
               Household.poor_household.is_(True))
#: Above this many households a list reads the whole covering index once instead of looking
#: each household up (a look-up costs about what reading 10 index entries does).
SCAN_ABOVE = 1_500
_CHUNK = 900  # SQLite's bound-parameter limit, with room


def households_info(session: Session, ids: Collection[str] | None, group_ids: frozenset[str] | None = None, *,
                    priority_only: bool = False) -> dict[str, HouseInfo]:
    """Live households of ``ids`` (None: all) in ``group_ids`` (None: any), from the covering
    index alone; a household outside the groups is left out (that is how an area filters)."""
    groups: dict[str, str] = {gid: name for gid, name in session.execute(select(ResidentialGroup.id, ResidentialGroup.name))}
    # the flags as plain integers, the priority one computed by SQLite: no Boolean result
    # processing for 4 columns of 20,000 rows (a quarter of a ward-wide read)
    columns = (Household.id, Household.head_name, type_coerce(Household.address, Text), Household.group_id, Household.phone,
               type_coerce(PRIORITY, Integer), type_coerce(Household.poor_household, Integer))
    base = select(*columns).where(Household.deleted.is_(False))
    if group_ids is not None:
        base = base.where(Household.group_id.in_(sorted(group_ids)))
    if priority_only:
        base = base.where(PRIORITY)
    wanted = None if ids is None else set(ids)
    if wanted is None or len(wanted) > SCAN_ABOVE:
        batches = [base]
    else:
        ordered = sorted(wanted)
        batches = [base.where(Household.id.in_(ordered[i:i + _CHUNK])) for i in range(0, len(ordered), _CHUNK)]
    info: dict[str, HouseInfo] = {}
    for stmt in batches:
        for hid, head, address, group, phone, priority, poor in session.connection().execute(stmt).all():
            if wanted is None or hid in wanted:
                info[hid] = HouseInfo(head or "", address, groups.get(group or "", "") or "", phone or "", bool(priority), bool(poor))
    return info


def _people(session: Session, opts: ReachOptions, houses: Mapping[str, HouseInfo] | None, *conditions: ColumnElement[bool],
            extra: tuple[Any, ...] = ()) -> list[tuple[Any, HouseInfo]]:
    """Live residents matching ``conditions`` (id, household, name, date of birth, then ``extra``
    columns), read through ``ix_residents_reach`` alone, each with its household if that is
    live and in the area."""
    stmt = (select(Resident.id, Resident.household_id, Resident.full_name, Resident.date_of_birth, *extra)
            .where(Resident.deleted.is_(False), *conditions))
    if opts.households is not None:
        stmt = stmt.where(Resident.household_id.in_(sorted(opts.households)))
    rows = session.connection().execute(stmt).all()  # Core rows: no ORM loading for 20,000 plain tuples
    if houses is None:
        houses = households_info(session, {r[1] for r in rows if r[1]}, opts.group_ids)
    return [(r, houses[r[1]]) for r in rows if r[1] in houses]


def _row(code: ReachList, found: tuple[Any, HouseInfo], key_date: dt.date | None) -> ReachRow:
    r, house = found
    return ReachRow(code, r[1], r[0], r[2] or "", r[3], key_date, house.head_name, house.address_json, house.group_name)


def _by_date(rows: list[ReachRow]) -> list[ReachRow]:
    return sorted(rows, key=lambda row: (row.key_date or dt.date.min, row.group_name, row.head_name, row.name))


def _by_place(rows: list[ReachRow]) -> list[ReachRow]:
    return sorted(rows, key=lambda row: (row.group_name, row.head_name, row.household_id, row.name))


def _blank(column: Any) -> ColumnElement[bool]:
    return or_(column.is_(None), column == "")


def _no_vneid_level2(session: Session, opts: ReachOptions, rules: ReachRules,
        houses: Mapping[str, HouseInfo] | None = None) -> list[ReachRow]:
    """Aged 14+ (on ``as_of``) without VNeID level 2: they cannot log in to online services."""
    rows = _people(session, opts, houses, Resident.date_of_birth.is_not(None),
                   Resident.date_of_birth <= born_by(opts.as_of, rules.vneid_min_age), Resident.vneid_level < 2)
    return _by_place([_row(ReachList.NO_VNEID_LEVEL2, r, None) for r in rows])


def _card_renewal(session: Session, opts: ReachOptions, rules: ReachRules,
        houses: Mapping[str, HouseInfo] | None = None) -> list[ReachRow]:
    """Chip cards due for renewal by ``months`` ahead (those already past due too: not renewed).

    Pre-filter: a card is due by the horizon only if, for some renewal age A reached by then, it
    was issued before the birthday A - grace years (SQLite's ``date(dob, '+N years')`` moves
    29 February to 1 March, like ``reach_rules.birthday``); ``card_renewal_due`` decides."""
    horizon = add_months(opts.as_of, opts.months)
    ages = [a for a in rules.card_renewal_ages if a >= rules.card_grace_years]
    could = [and_(Resident.date_of_birth <= born_by(horizon, age),
                  Resident.card_issued_on < func.date(Resident.date_of_birth, f"+{age - rules.card_grace_years} years"))
             for age in ages]
    if not could:
        return []
    rows = _people(session, opts, houses, Resident.date_of_birth.is_not(None), Resident.card_issued_on.is_not(None), or_(*could),
                   extra=(Resident.card_issued_on,))
    result = []
    for found in rows:
        r = found[0]
        due = card_renewal_due(r[3], r[4], rules)
        if due is not None and due <= horizon:
            result.append(_row(ReachList.CARD_RENEWAL, found, due))
    return _by_date(result)


def _old_cmnd_only(session: Session, opts: ReachOptions, rules: ReachRules,
        houses: Mapping[str, HouseInfo] | None = None) -> list[ReachRow]:
    """Known to hold only the old 9-digit CMND (valid only until the end of 2024): an old ID
    recorded (typed, or the QR's old-ID field) and no 12-digit personal ID."""
    rows = _people(session, opts, houses, ~_blank(Resident.old_id), _blank(Resident.personal_id))
    return _by_place([_row(ReachList.OLD_CMND_ONLY, r, rules.old_cmnd_valid_until) for r in rows])


def _child_without_id(session: Session, opts: ReachOptions, rules: ReachRules,
        houses: Mapping[str, HouseInfo] | None = None) -> list[ReachRow]:
    """Children under 6 with no personal ID recorded (the liên thông procedure gives them one)."""
    rows = _people(session, opts, houses, Resident.date_of_birth.is_not(None),
                   Resident.date_of_birth > born_by(opts.as_of, rules.child_id_under_age),
                   Resident.date_of_birth <= opts.as_of, _blank(Resident.personal_id))
    return _by_date([_row(ReachList.CHILD_WITHOUT_ID, found, found[0][3]) for found in rows])


def _newborn(session: Session, opts: ReachOptions, rules: ReachRules,
        houses: Mapping[str, HouseInfo] | None = None) -> list[ReachRow]:
    """Born in the last ``newborn_days`` days and not yet given a personal ID (a registered birth
    gets one): the birth must be registered within 60 days; the key date is that deadline."""
    since = opts.as_of - dt.timedelta(days=rules.newborn_days)
    rows = _people(session, opts, houses, Resident.date_of_birth.is_not(None), Resident.date_of_birth >= since,
                   Resident.date_of_birth <= opts.as_of, _blank(Resident.personal_id))
    return _by_date([_row(ReachList.NEWBORN, found, found[0][3] + dt.timedelta(days=rules.birth_registration_days))
                     for found in rows])


def _social_pension(session: Session, opts: ReachOptions, rules: ReachRules,
        houses: Mapping[str, HouseInfo] | None = None) -> list[ReachRow]:
    """Reaching the social pension's age from ``as_of`` to ``months`` ahead (the lower age in a
    poor household)."""
    horizon = add_months(opts.as_of, opts.months)
    yesterday = opts.as_of - dt.timedelta(days=1)

    def reaching(age: int) -> ColumnElement[bool]:
        return and_(Resident.date_of_birth > born_by(yesterday, age), Resident.date_of_birth <= born_by(horizon, age))

    rows = _people(session, opts, houses, Resident.date_of_birth.is_not(None),
                   or_(reaching(rules.social_pension_age), reaching(rules.social_pension_age_poor)))
    result = []
    for found in rows:
        on = social_pension_from(found[0][3], found[1].poor_household, rules)
        if on is not None and opts.as_of <= on <= horizon:
            result.append(_row(ReachList.SOCIAL_PENSION, found, on))
    return _by_date(result)


def last_reached(session: Session, household_ids: Collection[str] | None = None) -> dict[str, dt.date]:
    """Each household's last visit that reached someone (a not-at-home visit does not), read
    through ``ix_visits_reached`` alone."""
    base = (select(Visit.household_id, func.max(Visit.started_at))
            .where(Visit.deleted.is_(False), Visit.outcome != Outcome.NOT_HOME, Visit.household_id.is_not(None))
            .group_by(Visit.household_id))
    if household_ids is None or len(household_ids) > SCAN_ABOVE * 4:
        batches = [base]
    else:
        ordered = sorted(household_ids)
        batches = [base.where(Visit.household_id.in_(ordered[i:i + _CHUNK])) for i in range(0, len(ordered), _CHUNK)]
    return {hid: when.date() for stmt in batches for hid, when in session.connection().execute(stmt).all() if hid and when is not None}


def _priority_not_visited(session: Session, opts: ReachOptions, rules: ReachRules,
        houses: Mapping[str, HouseInfo] | None = None) -> list[ReachRow]:
    """Priority households (elderly alone, disabled, policy family, poor) not reached in ``months``."""
    if houses is not None:
        priority = {hid: h for hid, h in houses.items() if h.priority}
    else:
        priority = households_info(session, None, opts.group_ids, priority_only=True)
    last = last_reached(session, list(priority))
    since = add_months(opts.as_of, -opts.months)
    result = [
        ReachRow(ReachList.PRIORITY_NOT_VISITED, hid, None, h.head_name, None, last.get(hid), h.head_name, h.address_json,
                 h.group_name)
        for hid, h in priority.items()
        if last.get(hid, dt.date.min) < since
    ]
    return _by_date(result)


_LISTS: dict[ReachList, Callable[[Session, ReachOptions, ReachRules, Mapping[str, HouseInfo] | None], list[ReachRow]]] = {
    ReachList.NO_VNEID_LEVEL2: _no_vneid_level2,
    ReachList.CARD_RENEWAL: _card_renewal,
    ReachList.OLD_CMND_ONLY: _old_cmnd_only,
    ReachList.CHILD_WITHOUT_ID: _child_without_id,
    ReachList.NEWBORN: _newborn,
    ReachList.SOCIAL_PENSION: _social_pension,
    ReachList.PRIORITY_NOT_VISITED: _priority_not_visited,
}
assert set(_LISTS) == set(ReachList), "every reach list has its query"


def export_reach_list(
    store: Store, actor: Actor, code: ReachList | str, destination: str, *, as_of: dt.date | None = None,
    months: int | None = None, group_ids: Collection[str] | None = None,
) -> list[ReachRow]:
    """A reach list for writing to ``destination``: leaders only, audited before the rows are
    returned (the trace exists even if writing the file fails; see ``services.audit``)."""
    rows = reach_list(store, code, as_of=as_of, months=months, group_ids=group_ids)
    authorize_personal_export(store, actor, f"reach list {code}", destination, len(rows))
    return rows

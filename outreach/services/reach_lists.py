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
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from outreach.model import Household, Resident, ResidentialGroup, Visit
from outreach.model.address import address_text
from outreach.reach_rules import ReachRules, add_months, born_by, card_renewal_due, load_rules, social_pension_from
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
    address: dict[str, Any]
    group_name: str

    @property
    def address_line(self) -> str:
        return address_text(self.address)


@dataclass(frozen=True)
class ReachOptions:
    """What a list is computed for: the day, the window in months, the area (None: the ward)."""

    as_of: dt.date
    months: int
    group_ids: frozenset[str] | None = None


def reach_list(
    store: Store, code: ReachList | str, *, as_of: dt.date | None = None, months: int | None = None,
    group_ids: Collection[str] | None = None, rules: ReachRules | None = None,
) -> list[ReachRow]:
    """The rows of list ``code`` on ``as_of`` (today), ``months`` ahead (the rules' default),
    for the residential groups ``group_ids`` (None: the whole ward)."""
    with store.read() as session:
        return reach_list_in(session, ReachList(code), options(as_of, months, group_ids, code, rules), rules or load_rules())


def options(as_of: dt.date | None, months: int | None, group_ids: Collection[str] | None, code: ReachList | str,
            rules: ReachRules | None = None) -> ReachOptions:
    rules = rules or load_rules()
    default = rules.priority_not_visited_months if code == ReachList.PRIORITY_NOT_VISITED else rules.months_ahead
    return ReachOptions(as_of or today_local(), default if months is None else months,
                        frozenset(group_ids) if group_ids is not None else None)


def reach_list_in(session: Session, code: ReachList, opts: ReachOptions, rules: ReachRules) -> list[ReachRow]:
    """``reach_list`` inside a session the caller holds (the day's plan reads several lists)."""
    return _LISTS[code](session, opts, rules)


# ---------------------------------------------------------------- the lists


_PERSON_COLUMNS = (Resident.id, Resident.household_id, Resident.full_name, Resident.date_of_birth,
                   Household.head_name, Household.address, ResidentialGroup.name)


def _people(session: Session, opts: ReachOptions, *conditions: ColumnElement[bool], extra: tuple[Any, ...] = ()) -> list[Any]:
    """Live residents of live households in the area matching ``conditions``: the person
    columns, then ``extra`` ones."""
    stmt = (
        select(*_PERSON_COLUMNS, *extra)
        .join(Household, Household.id == Resident.household_id)
        .outerjoin(ResidentialGroup, ResidentialGroup.id == Household.group_id)
        .where(Resident.deleted.is_(False), Household.deleted.is_(False), *conditions)
    )
    if opts.group_ids is not None:
        stmt = stmt.where(Household.group_id.in_(sorted(opts.group_ids)))
    return list(session.execute(stmt))


def _row(code: ReachList, r: Any, key_date: dt.date | None) -> ReachRow:
    return ReachRow(code, r[1], r[0], r[2] or "", r[3], key_date, r[4] or "", dict(r[5] or {}), r[6] or "")


def _by_date(rows: list[ReachRow]) -> list[ReachRow]:
    return sorted(rows, key=lambda row: (row.key_date or dt.date.min, row.group_name, row.head_name, row.name))


def _by_place(rows: list[ReachRow]) -> list[ReachRow]:
    return sorted(rows, key=lambda row: (row.group_name, row.head_name, row.household_id, row.name))


def _blank(column: Any) -> ColumnElement[bool]:
    return or_(column.is_(None), column == "")


def _no_vneid_level2(session: Session, opts: ReachOptions, rules: ReachRules) -> list[ReachRow]:
    """Aged 14+ (on ``as_of``) without VNeID level 2: they cannot log in to online services."""
    rows = _people(session, opts, Resident.date_of_birth.is_not(None),
                   Resident.date_of_birth <= born_by(opts.as_of, rules.vneid_min_age), Resident.vneid_level < 2)
    return _by_place([_row(ReachList.NO_VNEID_LEVEL2, r, None) for r in rows])


def _card_renewal(session: Session, opts: ReachOptions, rules: ReachRules) -> list[ReachRow]:
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
    rows = _people(session, opts, Resident.date_of_birth.is_not(None), Resident.card_issued_on.is_not(None), or_(*could),
                   extra=(Resident.card_issued_on,))
    result = []
    for r in rows:
        due = card_renewal_due(r[3], r[7], rules)
        if due is not None and due <= horizon:
            result.append(_row(ReachList.CARD_RENEWAL, r, due))
    return _by_date(result)


def _old_cmnd_only(session: Session, opts: ReachOptions, rules: ReachRules) -> list[ReachRow]:
    """Known to hold only the old 9-digit CMND (valid only until the end of 2024): an old ID
    recorded (typed, or the QR's old-ID field) and no 12-digit personal ID."""
    rows = _people(session, opts, ~_blank(Resident.old_id), _blank(Resident.personal_id))
    return _by_place([_row(ReachList.OLD_CMND_ONLY, r, rules.old_cmnd_valid_until) for r in rows])


def _child_without_id(session: Session, opts: ReachOptions, rules: ReachRules) -> list[ReachRow]:
    """Children under 6 with no personal ID recorded (the liên thông procedure gives them one)."""
    rows = _people(session, opts, Resident.date_of_birth.is_not(None),
                   Resident.date_of_birth > born_by(opts.as_of, rules.child_id_under_age),
                   Resident.date_of_birth <= opts.as_of, _blank(Resident.personal_id))
    return _by_date([_row(ReachList.CHILD_WITHOUT_ID, r, r[3]) for r in rows])


def _newborn(session: Session, opts: ReachOptions, rules: ReachRules) -> list[ReachRow]:
    """Born in the last ``newborn_days`` days and not yet given a personal ID (a registered birth
    gets one): the birth must be registered within 60 days; the key date is that deadline."""
    since = opts.as_of - dt.timedelta(days=rules.newborn_days)
    rows = _people(session, opts, Resident.date_of_birth.is_not(None), Resident.date_of_birth >= since,
                   Resident.date_of_birth <= opts.as_of, _blank(Resident.personal_id))
    return _by_date([_row(ReachList.NEWBORN, r, r[3] + dt.timedelta(days=rules.birth_registration_days)) for r in rows])


def _social_pension(session: Session, opts: ReachOptions, rules: ReachRules) -> list[ReachRow]:
    """Reaching the social pension's age from ``as_of`` to ``months`` ahead (the lower age in a
    poor household)."""
    horizon = add_months(opts.as_of, opts.months)
    yesterday = opts.as_of - dt.timedelta(days=1)

    def reaching(age: int) -> ColumnElement[bool]:
        return and_(Resident.date_of_birth > born_by(yesterday, age), Resident.date_of_birth <= born_by(horizon, age))

    rows = _people(session, opts, Resident.date_of_birth.is_not(None),
                   or_(reaching(rules.social_pension_age),
                       and_(Household.poor_household.is_(True), reaching(rules.social_pension_age_poor))),
                   extra=(Household.poor_household,))
    result = []
    for r in rows:
        on = social_pension_from(r[3], bool(r[7]), rules)
        if on is not None and opts.as_of <= on <= horizon:
            result.append(_row(ReachList.SOCIAL_PENSION, r, on))
    return _by_date(result)


PRIORITY = or_(Household.elderly_alone.is_(True), Household.disabled.is_(True), Household.policy_family.is_(True),
               Household.poor_household.is_(True))


def last_reached(session: Session, household_ids: Collection[str] | None = None) -> dict[str, dt.date]:
    """Each household's last visit that reached someone (a not-at-home visit does not)."""
    stmt = select(Visit.household_id, func.max(Visit.started_at)).where(
        Visit.deleted.is_(False), Visit.outcome != Outcome.NOT_HOME, Visit.household_id.is_not(None))
    if household_ids is not None:
        stmt = stmt.where(Visit.household_id.in_(sorted(household_ids)))
    return {hid: when.date() for hid, when in session.execute(stmt.group_by(Visit.household_id)) if hid and when is not None}


def _priority_not_visited(session: Session, opts: ReachOptions, rules: ReachRules) -> list[ReachRow]:
    """Priority households (elderly alone, disabled, policy family, poor) not reached in ``months``."""
    stmt = (
        select(Household.id, Household.head_name, Household.address, ResidentialGroup.name)
        .outerjoin(ResidentialGroup, ResidentialGroup.id == Household.group_id)
        .where(Household.deleted.is_(False), PRIORITY)
    )
    if opts.group_ids is not None:
        stmt = stmt.where(Household.group_id.in_(sorted(opts.group_ids)))
    households = list(session.execute(stmt))
    last = last_reached(session, [h[0] for h in households])
    since = add_months(opts.as_of, -opts.months)
    result = [
        ReachRow(ReachList.PRIORITY_NOT_VISITED, hid, None, head or "", None, last.get(hid), head or "", dict(address or {}), group or "")
        for hid, head, address, group in households
        if last.get(hid, dt.date.min) < since
    ]
    return _by_date(result)


_LISTS: dict[ReachList, Callable[[Session, ReachOptions, ReachRules], list[ReachRow]]] = {
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

"""Coverage of a ward for a period and scope: the figures leaders print, send and defend.

What is measured follows DOMAIN.md ("What the ward measures"). Every figure is a SQL aggregate:
a large ward has 100,000 visits and 40,000 filings, and a report must be ready in under a second
on a 2-core laptop, so rows are counted where they are, never loaded into Python. Python only
folds the handful of grouped rows the queries return into dataclasses.

Definitions (also printed in the report's notes, so a figure can be defended):
- A visit belongs to the period by its ``started_at`` (Vietnam local time). A filing belongs to
  the period, team and volunteer of the visit it was recorded in.
- Scope ``group`` counts visits to the group's households and uses the group's households as the
  denominator; scopes ``team`` and ``volunteer`` count their own visits against all households of
  the ward, so "coverage" reads "how much of the ward did this team reach".
- A priority household has any of the four flags (elderly living alone, disabled, policy family,
  poor household).
- The dossier figures (online dossiers, fully-online share, online payment, electronic result,
  due and overdue dossiers) and the VNeID figures are each defined once below, in the function
  that computes them; ``outreach.reports.tables.DEFINITIONS`` says the same in the words the
  exports print (and docs/figures.md). The catalogue's fees and processing times and the office's
  days off are read from the database inside the report (``procedure_terms``, ``office_days``);
  the contribution to the ward's figures (the one-stop register the leader imports) is
  ``services.one_stop``.
- Follow-ups are a current state, not a period figure: open revisits whose date has passed
  (overdue) or falls in the next 7 days (due), counted as of ``as_of`` (default today).
- The trend covers the 12 ISO weeks ending with the week of the period's last day.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, Column, Integer, MetaData, Select, String, Table, and_, case, distinct, func, literal_column, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from outreach.errors import NotFound
from outreach.model import Filing, Household, Procedure, Resident, ResidentialGroup, Team, TeamMember, Visit, Ward
from outreach.model.address import address_text
from outreach.model.clock import wall_ms_of
from outreach.services.area_coverage import AreaFigures, area_figures
from outreach.services.audit import EXPORT_AGGREGATE, authorize_personal_export, record
from outreach.services.context import Actor
from outreach.services.figures import SUBMITTED_STATUSES, Ratio, share
from outreach.services.office_days import office_days_off
from outreach.services.one_stop import OneStopFigures, one_stop_figures
from outreach.services.periods import (
    SCOPE_GROUP,
    SCOPE_TEAM,
    SCOPE_VOLUNTEER,
    SCOPE_WARD,
    WARD,
    Period,
    Scope,
)
from outreach.services.procedure_terms import ProcedureTerms, catalogue_terms
from outreach.services.read_source import ReadSource
from outreach.services.working_days import add_working_days
from outreach.store.database import Store
from outreach.timeutil import VIETNAM, iso_week_bounds, iso_week_of, now_local, today_local
from outreach.vocabulary import (
    STORED_ONLINE_LEVELS,
    Channel,
    FilingStatus,
    OnlineLevel,
    Outcome,
    Placeholder,
    PriorityFlag,
)

#: VNeID counts residents of this age or older (the age a citizen gets a chip card and account).
VNEID_MIN_AGE = 14
VNEID_LEVELS = (0, 1, 2)
TREND_WEEKS = 12
FOLLOW_UP_HORIZON_DAYS = 7
OUTCOMES: tuple[Outcome, ...] = tuple(Outcome)
ONLINE_LEVELS = STORED_ONLINE_LEVELS
PRIORITY_FLAGS: tuple[PriorityFlag, ...] = tuple(PriorityFlag)
UNKNOWN_LEVEL = OnlineLevel.UNKNOWN


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class DossierFigures:
    """The dossier figures of a period (definitions in ``_dossier_figures``)."""

    online: Ratio = Ratio(0, 0)
    online_returned: Ratio = Ratio(0, 0)
    full_online: Ratio = Ratio(0, 0)
    online_payment: Ratio = Ratio(0, 0)
    #: submitted dossiers left out of ``online_payment``: no fee data for their channel
    payment_unknown: int = 0
    electronic_result: Ratio = Ratio(0, 0)


@dataclass(frozen=True)
class DueDossiers:
    """Dossiers still waiting for their result, as of a day (definitions in ``_due_dossiers``)."""

    as_of: dt.date
    waiting: int = 0
    due: int = 0
    overdue: int = 0
    #: waiting dossiers whose procedure has no processing time: never counted due or overdue
    without_time: int = 0

    @property
    def due_ratio(self) -> Ratio:
        return Ratio(self.due, self.waiting - self.without_time)

    @property
    def overdue_ratio(self) -> Ratio:
        return Ratio(self.overdue, self.waiting - self.without_time)


@dataclass(frozen=True)
class VneidFigures:
    """Residents aged 14+ by their stored VNeID level, and those brought to level 2 in the period."""

    aged_14_plus: int = 0
    by_level: Mapping[int, int] = field(default_factory=dict)
    brought_to_level2: int = 0

    @property
    def level2(self) -> Ratio:
        return Ratio(self.by_level.get(2, 0), self.aged_14_plus)


@dataclass(frozen=True)
class GroupCoverage:
    group_id: str | None
    group_name: str
    households: int
    households_visited: int
    priority_households: int
    priority_reached: int

    @property
    def coverage(self) -> float | None:
        return share(self.households_visited, self.households)

    @property
    def priority_coverage(self) -> float | None:
        return share(self.priority_reached, self.priority_households)


@dataclass(frozen=True)
class PriorityCoverage:
    flag: str
    households: int
    reached: int

    @property
    def coverage(self) -> float | None:
        return share(self.reached, self.households)


@dataclass(frozen=True)
class OutcomeCount:
    outcome: str
    visits: int


@dataclass(frozen=True)
class ProcedureFilings:
    code: str
    name_vi: str
    online_level: str
    filings: int
    with_dossier_code: int
    fee_paid_online: int
    returned: int


@dataclass(frozen=True)
class LevelFilings:
    level: str
    filings: int
    with_dossier_code: int
    fee_paid_online: int


@dataclass(frozen=True)
class FilingTotals:
    filings: int = 0
    with_dossier_code: int = 0
    fee_paid_online: int = 0
    returned: int = 0
    guided_only: int = 0

    @property
    def dossier_code_share(self) -> float | None:
        return share(self.with_dossier_code, self.filings)


@dataclass(frozen=True)
class VolunteerVisits:
    member_id: str | None
    name: str
    team_name: str
    visits: int
    households: int
    filings: int


@dataclass(frozen=True)
class WeekTrend:
    iso_week: str
    start: dt.date
    visits: int
    households_visited: int
    filings: int
    full_online_filings: int


@dataclass(frozen=True)
class FollowUpCounts:
    as_of: dt.date
    due: int
    overdue: int


@dataclass(frozen=True)
class CoverageReport:
    """Aggregates only: no resident's name, ID, phone or address appears here."""

    ward_name: str
    period: Period
    scope: Scope
    #: The group's, team's or volunteer's own name, or ``Placeholder.WHOLE_WARD``: a heading says
    #: it with ``outreach.labels.scope_text`` in the reader's language.
    scope_name: str
    generated_at: dt.datetime
    households_total: int
    households_visited: int
    priority_total: int
    priority_reached: int
    groups: list[GroupCoverage]
    priority: list[PriorityCoverage]
    visits_total: int
    outcomes: list[OutcomeCount]
    filings: FilingTotals
    by_procedure: list[ProcedureFilings]
    by_level: list[LevelFilings]
    dossiers: DossierFigures
    due_dossiers: DueDossiers
    vneid: VneidFigures
    follow_ups: FollowUpCounts
    volunteers: list[VolunteerVisits]
    trend: list[WeekTrend]
    satisfaction_average: float | None
    satisfaction_responses: int
    notes: list[str] = field(default_factory=list)
    #: The team-area, outing and target figures (services/area_coverage.py; issue 12).
    areas: AreaFigures | None = None
    #: the team's part in the ward one-stop register's online intake (``services.one_stop``)
    one_stop: OneStopFigures = OneStopFigures(0, 0)

    @property
    def coverage(self) -> float | None:
        return share(self.households_visited, self.households_total)

    @property
    def priority_coverage(self) -> float | None:
        return share(self.priority_reached, self.priority_total)

    def outcome_count(self, outcome: str) -> int:
        return next((o.visits for o in self.outcomes if o.outcome == outcome), 0)


# ---------------------------------------------------------------- query building


def _scope_conditions(scope: Scope, *, ranged: bool = False) -> list[ColumnElement[bool]]:
    """Conditions on ``Visit`` that select the scope's visits (period not included).

    With ``ranged`` (a date range is also applied) the team/volunteer columns are wrapped so
    SQLite keeps to the started_at index: without statistics it prefers any equality, and a
    team's two years of visits are 25,000 rows against a month's 3,000.
    """
    if scope.kind == SCOPE_TEAM:
        return [(Visit.team_id.concat("") if ranged else Visit.team_id) == scope.id]
    if scope.kind == SCOPE_VOLUNTEER:
        return [(Visit.volunteer_id.concat("") if ranged else Visit.volunteer_id) == scope.id]
    if scope.kind == SCOPE_GROUP:
        in_group = select(Household.id).where(Household.group_id == scope.id)
        return [Visit.household_id.in_(in_group)]
    return []


def _visit_conditions(
    ward_id: str | None, scope: Scope, start: dt.datetime | None, end: dt.datetime | None, *, ranged: bool | None = None
) -> list[ColumnElement[bool]]:
    """The scope's visits (of ``start``..``end`` when given). ``ranged``: another range on the
    visits narrows the query (the open follow-ups' dates), so keep SQLite to its index; by
    default when a period is given."""
    ranged = start is not None or end is not None if ranged is None else ranged
    conditions: list[ColumnElement[bool]] = [Visit.deleted.is_(False), *_scope_conditions(scope, ranged=ranged)]
    if ward_id is not None:
        # ``ward_id || ''`` keeps SQLite from choosing the ward index: on a laptop every row has
        # the same ward, and without statistics the planner would scan all 100,000 visits through
        # it instead of using the started_at / follow_up_date ranges (10x slower).
        conditions.append(Visit.ward_id.concat("") == ward_id)
    if start is not None:
        conditions.append(Visit.started_at >= start)
    if end is not None:
        conditions.append(Visit.started_at < end)
    return conditions


def _int(value: Any) -> int:
    return int(value or 0)


def _has_dossier_code() -> ColumnElement[bool]:
    code = Filing.dossier["dossier_code"].as_string()
    return and_(code.is_not(None), code != "")


def _count_if(condition: ColumnElement[bool]) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


# The visits and filings a report needs (the period plus the 12-week trend window), copied once
# into narrow temporary tables. Synced rows are wide (a JSON clock per field), so reading the same
# 10,000 visit rows for every figure costed most of the time; the copy is read once and every
# aggregate then runs over a few small columns. Temporary tables belong to the connection, so
# concurrent reports (UI and CLI, several threads) never see each other's rows.
_work = MetaData()
report_visits = Table(
    "outreach_report_visits", _work,
    Column("id", String), Column("household_id", String), Column("volunteer_id", String),
    Column("outcome", String), Column("satisfaction", Integer),
    Column("in_period", Boolean), Column("week", Integer),
    prefixes=["TEMPORARY"],
)
report_filings = Table(
    "outreach_report_filings", _work,
    Column("volunteer_id", String), Column("resident_id", String), Column("procedure_code", String),
    Column("status", String), Column("has_code", Boolean), Column("fee_paid_online", Boolean),
    Column("channel", String), Column("electronic_result", Boolean),
    Column("in_period", Boolean), Column("week", Integer),
    prefixes=["TEMPORARY"],
)


def _fill_work_tables(session: Session, ward_id: str | None, scope: Scope, period: Period, weeks: list[tuple[str, dt.date]]) -> None:
    trend_start = dt.datetime.combine(weeks[0][1], dt.time())
    trend_end = dt.datetime.combine(weeks[-1][1] + dt.timedelta(days=7), dt.time())
    start, end = min(period.start_at, trend_start), max(period.end_at, trend_end)
    in_period = and_(Visit.started_at >= period.start_at, Visit.started_at < period.end_at)
    week = case(
        (Visit.started_at < trend_start, None),
        *[(Visit.started_at < dt.datetime.combine(monday + dt.timedelta(days=7), dt.time()), i) for i, (_, monday) in enumerate(weeks)],
        else_=None,
    )
    connection = session.connection()
    for table in (report_filings, report_visits):
        table.drop(connection, checkfirst=True)
        table.create(connection)
    session.execute(
        report_visits.insert().from_select(
            ["id", "household_id", "volunteer_id", "outcome", "satisfaction", "in_period", "week"],
            select(Visit.id, Visit.household_id, Visit.volunteer_id, Visit.outcome, Visit.satisfaction, in_period, week)
            .where(*_visit_conditions(ward_id, scope, start, end)),
        )
    )
    v = report_visits.c
    session.execute(
        report_filings.insert().from_select(
            ["volunteer_id", "resident_id", "procedure_code", "status", "has_code", "fee_paid_online", "channel",
             "electronic_result", "in_period", "week"],
            select(v.volunteer_id, Filing.resident_id, Filing.procedure_code, Filing.status, _has_dossier_code(),
                   Filing.fee_paid_online, Filing.channel, Filing.electronic_result, v.in_period, v.week)
            .select_from(report_visits)
            .join(Filing, and_(Filing.visit_id == v.id, Filing.deleted.is_(False))),
        )
    )


def _drop_work_tables(session: Session) -> None:
    connection = session.connection()
    for table in (report_filings, report_visits):
        table.drop(connection, checkfirst=True)


# ---------------------------------------------------------------- the figures


def _group_coverage_in_own_session(
    store: ReadSource, ward_id: str | None, scope: Scope, period: Period
) -> tuple[list[GroupCoverage], list[PriorityCoverage]]:
    with store.read() as session:
        return _group_coverage(session, ward_id, scope, period)


def _group_coverage(
    session: Session, ward_id: str | None, scope: Scope, period: Period
) -> tuple[list[GroupCoverage], list[PriorityCoverage]]:
    visited = (
        select(Visit.household_id).where(*_visit_conditions(ward_id, scope, period.start_at, period.end_at)).distinct().subquery()
    )
    is_visited = visited.c.household_id.is_not(None)
    priority = Household.elderly_alone | Household.disabled | Household.policy_family | Household.poor_household
    flag_columns = []
    for flag in PRIORITY_FLAGS:
        column = getattr(Household, flag)
        flag_columns += [_count_if(column.is_(True)), _count_if(and_(column.is_(True), is_visited))]
    stmt: Select[Any] = (
        select(
            Household.group_id,
            func.count(),
            _count_if(is_visited),
            _count_if(priority),
            _count_if(and_(priority, is_visited)),
            *flag_columns,
        )
        .outerjoin(visited, visited.c.household_id == Household.id)
        .where(Household.deleted.is_(False))
        .group_by(Household.group_id)
    )
    if ward_id is not None:
        stmt = stmt.where(Household.ward_id.concat("") == ward_id)  # see _visit_conditions
    if scope.kind == SCOPE_GROUP:
        stmt = stmt.where(Household.group_id == scope.id)
    counts = {row[0]: row[1:] for row in session.execute(stmt)}

    group_stmt = select(ResidentialGroup.id, ResidentialGroup.name).where(ResidentialGroup.deleted.is_(False))
    if ward_id is not None:
        group_stmt = group_stmt.where(ResidentialGroup.ward_id == ward_id)
    if scope.kind == SCOPE_GROUP:
        group_stmt = group_stmt.where(ResidentialGroup.id == scope.id)
    groups = session.execute(group_stmt.order_by(ResidentialGroup.sort_order, ResidentialGroup.name)).all()

    result: list[GroupCoverage] = []
    flag_totals = [0] * (2 * len(PRIORITY_FLAGS))
    known = {g[0] for g in groups}
    for gid, name in [*groups, *((gid, "") for gid in counts if gid not in known)]:
        c = counts.get(gid)
        if c is None:
            result.append(GroupCoverage(gid, name, 0, 0, 0, 0))
            continue
        result.append(GroupCoverage(gid, name or Placeholder.NO_GROUP, _int(c[0]), _int(c[1]), _int(c[2]), _int(c[3])))
        for i, value in enumerate(c[4:]):
            flag_totals[i] += _int(value)
    priority_rows = [
        PriorityCoverage(flag, flag_totals[2 * i], flag_totals[2 * i + 1]) for i, flag in enumerate(PRIORITY_FLAGS)
    ]
    return result, priority_rows


def _outcomes(session: Session) -> tuple[list[OutcomeCount], float | None, int]:
    v = report_visits.c
    rows = session.execute(
        select(v.outcome, func.count(), func.sum(v.satisfaction), func.count(v.satisfaction))
        .where(v.in_period.is_(True))
        .group_by(v.outcome)
    ).all()
    by_outcome = {r[0]: _int(r[1]) for r in rows}
    rated_sum = sum(_int(r[2]) for r in rows)
    rated = sum(_int(r[3]) for r in rows)
    ordered = [OutcomeCount(o, by_outcome.pop(o, 0)) for o in OUTCOMES]
    ordered += [OutcomeCount(o, n) for o, n in sorted(by_outcome.items())]
    return ordered, (rated_sum / rated if rated else None), rated


def _filings(session: Session) -> tuple[FilingTotals, list[ProcedureFilings], list[LevelFilings]]:
    f = report_filings.c
    rows = session.execute(
        select(
            f.procedure_code,
            func.max(Procedure.name_vi),
            func.max(Procedure.online_level),
            func.count(),
            _count_if(f.has_code.is_(True)),
            _count_if(f.fee_paid_online.is_(True)),
            _count_if(f.status == FilingStatus.RETURNED),
            _count_if(f.status == FilingStatus.GUIDED_ONLY),
        )
        .outerjoin(Procedure, Procedure.id == f.procedure_code)
        .where(f.in_period.is_(True))
        .group_by(f.procedure_code)
    ).all()
    procedures: list[ProcedureFilings] = []
    levels: dict[str, list[int]] = {level: [0, 0, 0] for level in ONLINE_LEVELS}
    totals = [0] * 5
    for code, name, level, n, coded, fee, returned, guided in rows:
        level = level or UNKNOWN_LEVEL
        n, coded, fee, returned, guided = map(_int, (n, coded, fee, returned, guided))
        procedures.append(ProcedureFilings(code, name or code, level, n, coded, fee, returned))
        bucket = levels.setdefault(level, [0, 0, 0])
        bucket[0] += n
        bucket[1] += coded
        bucket[2] += fee
        for i, value in enumerate((n, coded, fee, returned, guided)):
            totals[i] += value
    procedures.sort(key=lambda p: (-p.filings, p.code))
    by_level = [LevelFilings(level, *values) for level, values in levels.items()]
    return FilingTotals(*totals), procedures, by_level


def _dossier_figures(session: Session, terms: Mapping[str, ProcedureTerms]) -> DossierFigures:
    """The period's dossier figures, over its filings (grouped in SQL, folded here):

    - a *submitted dossier* has a dossier code and status submitted or completed;
    - online dossiers = submitted dossiers whose channel was online / all submitted dossiers;
      returned online dossiers (code, status returned, channel online) are counted apart, over
      online dossiers plus them;
    - fully online (toàn trình) = online dossiers of a procedure the catalogue lists as fully
      online / online dossiers;
    - online payment = submitted dossiers paid online / submitted dossiers that carried a fee in
      their channel (``terms``); a dossier whose procedure has no fee data for its channel (or no
      channel) is in neither, and counted in ``payment_unknown``;
    - electronic result = completed filings whose result came back electronically / completed filings.
    """
    f = report_filings.c
    rows = session.execute(
        select(f.procedure_code, func.max(Procedure.online_level), f.channel, f.status, f.has_code, f.fee_paid_online,
               f.electronic_result, func.count())
        .outerjoin(Procedure, Procedure.id == f.procedure_code)
        .where(f.in_period.is_(True))
        .group_by(f.procedure_code, f.channel, f.status, f.has_code, f.fee_paid_online, f.electronic_result)
    ).all()
    submitted = online = returned_online = full = fee_dossiers = paid = unknown = completed = electronic = 0
    no_terms = ProcedureTerms()
    for code, level, channel, status, has_code, fee_paid, electronic_result, n in rows:
        n = _int(n)
        if status == FilingStatus.COMPLETED:
            completed += n
            electronic += n if electronic_result else 0
        if has_code and status == FilingStatus.RETURNED and channel == Channel.ONLINE:
            returned_online += n
        if not has_code or status not in SUBMITTED_STATUSES:
            continue
        submitted += n
        if channel == Channel.ONLINE:
            online += n
            full += n if level == OnlineLevel.FULL else 0
        carries = terms.get(code, no_terms).carries_fee(channel)
        if carries is None:
            unknown += n
        elif carries:
            fee_dossiers += n
            paid += n if fee_paid else 0
    return DossierFigures(
        online=Ratio(online, submitted),
        online_returned=Ratio(returned_online, online + returned_online),
        full_online=Ratio(full, online),
        online_payment=Ratio(paid, fee_dossiers),
        payment_unknown=unknown,
        electronic_result=Ratio(electronic, completed),
    )


@dataclass(frozen=True)
class WaitingDossier:
    """One submitted dossier still waiting for its result, with its expected result date."""

    filing_id: str
    dossier_code: str
    procedure_code: str
    procedure_name: str
    submitted_on: dt.date
    #: None when the procedure has no processing time in the catalogue
    expected_on: dt.date | None
    household_head: str
    resident_name: str
    #: the household visited (the day's plan puts it on the team's round)
    household_id: str | None = None


def _waiting_rows(session: Session, ward_id: str | None, scope: Scope, only: Collection[int] | None = None) -> list[Any]:
    """(filing id, dossier, procedure code, name, submitted at, household head, resident name,
    household id) of
    every dossier of the scope still waiting: status submitted, which the app takes only with a
    dossier code (a current state: no period); of the filings ``only`` (their rowids) when given."""
    submitted_at = func.coalesce(Filing.submitted_at, Visit.started_at)
    stmt = (
        select(Filing.id, Filing.dossier["dossier_code"].as_string(), Filing.procedure_code, Procedure.name_vi,
               submitted_at, Household.head_name, Resident.full_name, Visit.household_id)
        .join(Visit, Visit.id == Filing.visit_id)
        .outerjoin(Procedure, Procedure.id == Filing.procedure_code)
        .outerjoin(Household, Household.id == Visit.household_id)
        .outerjoin(Resident, Resident.id == Filing.resident_id)
        .where(*_visit_conditions(ward_id, scope, None, None), Filing.deleted.is_(False),
               Filing.status == FilingStatus.SUBMITTED)
    )
    connection = session.connection()  # Core rows: no ORM loading for plain tuples
    if only is None:
        return list(connection.execute(stmt).all())
    if len(only) > 900:
        # SQLite reads the waiting filings through ix_filings_waiting for each batch of rowids
        # (12,000 on a large ward, 17 batches when most are overdue): one pass, kept by rowid
        wanted = set(only)
        return [tuple(row)[:-1] for row in connection.execute(stmt.add_columns(_FILING_ROWID)) if row[-1] in wanted]
    ordered = sorted(only)
    return [row for i in range(0, len(ordered), 900) for row in connection.execute(stmt.where(_FILING_ROWID.in_(ordered[i:i + 900])))]


#: SQLite's own row number of a filing: what an index entry holds (the text id is in the row)
_FILING_ROWID: ColumnElement[int] = literal_column("filings.rowid", Integer)


def _overdue_candidates(session: Session, ward_id: str | None, as_of: dt.date,
                        expected: Callable[[str, dt.date], dt.date | None]) -> set[int]:
    """The waiting filings that may be overdue on ``as_of``, read through ix_filings_waiting
    alone: those with their own submitted time past their expected date, and those without one
    (their visit's time decides, read in ``_waiting_rows``). A large ward waits on 12,000
    dossiers; reading each one's visit, household and resident took most of a second, while
    the overdue ones are a few hundred."""
    conditions = [Filing.status == FilingStatus.SUBMITTED, Filing.deleted.is_(False)]
    if ward_id is not None:
        conditions.append(Filing.ward_id.concat("") == ward_id)  # a filter on the index, not a look-up
    found: set[int] = set()
    for fid, procedure, submitted_at in session.connection().execute(  # Core rows: 12,000 plain tuples
            select(_FILING_ROWID, Filing.procedure_code, Filing.submitted_at).where(*conditions)):
        if submitted_at is None:
            found.add(fid)
            continue
        on = expected(procedure, submitted_at.date())
        if on is not None and on < as_of:
            found.add(fid)
    return found


def _expected(terms: Mapping[str, ProcedureTerms], days_off: Collection[dt.date]) -> Callable[[str, dt.date], dt.date | None]:
    """Expected result date of a dossier (procedure, submitted on): submitted date + the
    procedure's processing time in Vietnamese working days; None without a processing time.
    Cached per (processing time, day, days off) across calls (``_working_day_after``): a large
    ward has thousands of waiting dossiers on a few hundred days, procedures share a handful of
    processing times, and the day's plan and Follow-ups ask again on every refresh."""
    frozen_off = frozenset(days_off)

    def expected(code: str, submitted_on: dt.date) -> dt.date | None:
        days = terms[code].processing_days if code in terms else None
        if days is None:
            return None
        return _working_day_after(submitted_on, days, frozen_off)
    return expected


@functools.lru_cache(maxsize=32_768)
def _working_day_after(start: dt.date, days: int, days_off: frozenset[dt.date]) -> dt.date:
    """``add_working_days``, remembered: a pure function of its arguments (the office's days
    off are part of the key, so a changed calendar is a new entry, never a stale one)."""
    return add_working_days(start, days, days_off)


def _due_dossiers(
    session: Session, ward_id: str | None, scope: Scope, as_of: dt.date,
    terms: Mapping[str, ProcedureTerms], days_off: Collection[dt.date],
) -> DueDossiers:
    """Waiting dossiers (status submitted — the app takes it only with a dossier code — of the
    scope, whatever the period) as of ``as_of``:
    overdue when the expected result date is before ``as_of``, due when it falls in the next 7 days;
    a dossier whose procedure has no processing time is counted in ``without_time`` only."""
    expected = _expected(terms, days_off)
    horizon = as_of + dt.timedelta(days=FOLLOW_UP_HORIZON_DAYS)
    due = overdue = 0
    # Read through ix_filings_waiting without touching a filing or visit row: a large ward has
    # 12,000 waiting dossiers, and looking each one's visit up cost most of the report. Only for a
    # narrower scope, or a filing without its own submitted time, is the visit read.
    if scope.kind == SCOPE_WARD:
        waiting_filter = [Filing.status == FilingStatus.SUBMITTED, Filing.deleted.is_(False)]
        if ward_id is not None:
            waiting_filter.append(Filing.ward_id.concat("") == ward_id)  # a filter on the index, not a look-up
        rows: list[Any] = [tuple(r) for r in session.execute(
            select(Filing.procedure_code, Filing.submitted_at).where(*waiting_filter, Filing.submitted_at.is_not(None)))]
        rows += [tuple(r) for r in session.execute(
            select(Filing.procedure_code, Visit.started_at).join(Visit, Visit.id == Filing.visit_id)
            .where(*waiting_filter, Filing.submitted_at.is_(None), Visit.deleted.is_(False)))]
    else:
        rows = [tuple(r) for r in session.execute(
            select(Filing.procedure_code, func.coalesce(Filing.submitted_at, Visit.started_at))
            .join(Visit, Visit.id == Filing.visit_id)
            .where(*_visit_conditions(ward_id, scope, None, None), Filing.deleted.is_(False), Filing.status == FilingStatus.SUBMITTED))]
    days = Counter((procedure, when.date()) for procedure, when in rows if isinstance(when, dt.datetime))
    waiting = len(rows)
    without = waiting - sum(days.values())  # no date at all: no expected date
    for (procedure, submitted_on), n in days.items():
        on = expected(procedure, submitted_on)
        if on is None:
            without += n
        elif on < as_of:
            overdue += n
        elif on < horizon:
            due += n
    return DueDossiers(as_of, waiting, due, overdue, without)


def waiting_dossiers(
    store: ReadSource, scope: Scope = WARD, *, ward_id: str | None = None, as_of: dt.date | None = None,
    overdue_only: bool = True,
) -> list[WaitingDossier]:
    """Waiting dossiers with their expected result date (overdue ones only by default), oldest
    expected first: the list a leader looks up on the portal. Names the household: personal data.
    Processing times are the catalogue's in the database (``catalogue_terms``), the calendar's
    extra days off the office's (``office_days_off``)."""
    as_of = as_of or today_local()
    with store.read() as session:
        expected = _expected(catalogue_terms(session, ward_id), office_days_off(session, ward_id))
        only = _overdue_candidates(session, ward_id, as_of, expected) if overdue_only else None
        rows = _waiting_rows(session, ward_id, scope, only)
    result = []
    for fid, code, procedure, name, submitted_at, head, resident, household_id in rows:
        if submitted_at is None:
            continue
        on = expected(procedure, submitted_at.date())
        if overdue_only and (on is None or on >= as_of):
            continue
        result.append(WaitingDossier(fid, code or "", procedure, name or procedure, submitted_at.date(), on, head or "", resident or "",
                                     household_id))
    result.sort(key=lambda d: (d.expected_on or dt.date.max, d.submitted_on, d.dossier_code))
    return result


def _stamp_ms(day: dt.date) -> int:
    """The HLC wall milliseconds of Vietnam midnight starting ``day``."""
    return int(dt.datetime.combine(day, dt.time(), VIETNAM).timestamp() * 1000)


def _vneid_levels(session: Session, ward_id: str | None, scope: Scope, period: Period) -> dict[int, int]:
    """Residents of the scope's households (a group's; the ward's for other scopes, like the
    household denominators) aged 14 or over on the period's last day, per stored VNeID level; a
    resident without a date of birth is not counted. Read through ix_residents_vneid_age."""
    last = period.last_day
    born_by = last.replace(year=last.year - VNEID_MIN_AGE) if not (last.month == 2 and last.day == 29) \
        else dt.date(last.year - VNEID_MIN_AGE, 2, 28)
    conditions: list[ColumnElement[bool]] = [Resident.deleted.is_(False), Resident.date_of_birth.is_not(None),
                                             Resident.date_of_birth <= born_by]
    if ward_id is not None:
        conditions.append(Resident.ward_id == ward_id)
    if scope.kind == SCOPE_GROUP:
        conditions.append(Resident.household_id.in_(select(Household.id).where(Household.group_id == scope.id)))
    by_level = {level: 0 for level in VNEID_LEVELS}
    for level, n in session.execute(select(Resident.vneid_level, func.count()).where(*conditions).group_by(Resident.vneid_level)):
        by_level[_int(level)] = by_level.get(_int(level), 0) + _int(n)
    return by_level


def _vneid_levels_in_own_session(store: ReadSource, ward_id: str | None, scope: Scope, period: Period) -> dict[int, int]:
    with store.read() as session:
        return _vneid_levels(session, ward_id, scope, period)


def _brought_to_level2(session: Session, period: Period) -> int:
    """Residents of the households the scope visited in the period who are at VNeID level 2 and
    whose level last changed in the period (the team brings people to level 2 on its visits). The
    only history of a level the data keeps is the HLC stamp of the field's last write; a level set
    when the resident was first recorded (the same stamp as the household link) is not a change.
    Reads the period's work table: run after ``_fill_work_tables``."""
    start_ms, end_ms = _stamp_ms(period.start), _stamp_ms(period.end)
    visited = select(report_visits.c.household_id).where(report_visits.c.in_period.is_(True)).distinct()
    brought = 0
    for (clocks,) in session.execute(
        select(Resident.clocks).where(Resident.household_id.in_(visited), Resident.deleted.is_(False), Resident.vneid_level == 2)
    ):
        stamp = clocks.get("vneid_level")
        if stamp and stamp != clocks.get("household_id") and start_ms <= wall_ms_of(stamp) < end_ms:
            brought += 1
    return brought


def _follow_ups(session: Session, ward_id: str | None, scope: Scope, as_of: dt.date) -> FollowUpCounts:
    horizon = as_of + dt.timedelta(days=FOLLOW_UP_HORIZON_DAYS)
    # through the partial index ix_visits_open_follow_ups (a few thousand open follow-ups), not a
    # team's or volunteer's 25,000 visits
    conditions = _visit_conditions(ward_id, scope, None, None, ranged=True) + [
        Visit.follow_up_done.is_(False),
        Visit.follow_up_date.is_not(None),
        Visit.follow_up_date < horizon,
    ]
    due, overdue = session.execute(
        select(_count_if(Visit.follow_up_date >= as_of), _count_if(Visit.follow_up_date < as_of)).where(*conditions)
    ).one()
    return FollowUpCounts(as_of, _int(due), _int(overdue))


def _due_dossiers_in_own_session(
    store: ReadSource, ward_id: str | None, scope: Scope, as_of: dt.date, terms: Mapping[str, ProcedureTerms], days_off: Collection[dt.date]
) -> DueDossiers:
    with store.read() as session:
        return _due_dossiers(session, ward_id, scope, as_of, terms, days_off)


def _area_figures_in_own_session(store: ReadSource, period: Period, scope: Scope, ward_id: str | None) -> AreaFigures:
    with store.read() as session:
        return area_figures(session, period, scope, ward_id)


def _follow_ups_in_own_session(store: ReadSource, ward_id: str | None, scope: Scope, as_of: dt.date) -> FollowUpCounts:
    with store.read() as session:
        return _follow_ups(session, ward_id, scope, as_of)


def _volunteers(session: Session) -> list[VolunteerVisits]:
    v, f = report_visits.c, report_filings.c
    visits = session.execute(
        select(v.volunteer_id, func.count(), func.count(distinct(v.household_id)))
        .where(v.in_period.is_(True))
        .group_by(v.volunteer_id)
    ).all()
    filings: dict[str | None, int] = dict(
        session.execute(select(f.volunteer_id, func.count()).where(f.in_period.is_(True)).group_by(f.volunteer_id)).all()
    )
    ids = [row[0] for row in visits if row[0]]
    names = {
        mid: (name, team or "")
        for mid, name, team in session.execute(
            select(TeamMember.id, TeamMember.full_name, Team.name)
            .outerjoin(Team, Team.id == TeamMember.team_id)
            .where(TeamMember.id.in_(ids))
        )
    }
    result = [
        VolunteerVisits(
            mid, names.get(mid, (Placeholder.UNKNOWN_MEMBER, ""))[0], names.get(mid, ("", ""))[1], _int(n), _int(h), _int(filings.get(mid))
        )
        for mid, n, h in visits
    ]
    result.sort(key=lambda r: (-r.visits, r.name))
    return result


def trend_weeks(last_day: dt.date, weeks: int = TREND_WEEKS) -> list[tuple[str, dt.date]]:
    """(label, monday) of the ``weeks`` ISO weeks ending with the week of ``last_day``."""
    monday, _ = iso_week_bounds(iso_week_of(last_day))
    first = monday - dt.timedelta(weeks=weeks - 1)
    return [(iso_week_of(first + dt.timedelta(weeks=i)), first + dt.timedelta(weeks=i)) for i in range(weeks)]


def _trend(session: Session, weeks: list[tuple[str, dt.date]]) -> list[WeekTrend]:
    v, f = report_visits.c, report_filings.c
    visit_rows = {
        w: (_int(n), _int(h))
        for w, n, h in session.execute(
            select(v.week, func.count(), func.count(distinct(v.household_id))).where(v.week.is_not(None)).group_by(v.week)
        )
    }
    filing_rows = {
        w: (_int(n), _int(full))
        for w, n, full in session.execute(
            select(f.week, func.count(), _count_if(and_(
                f.has_code.is_(True), f.status.in_(SUBMITTED_STATUSES), f.channel == Channel.ONLINE,
                Procedure.online_level == OnlineLevel.FULL)))
            .outerjoin(Procedure, Procedure.id == f.procedure_code)
            .where(f.week.is_not(None))
            .group_by(f.week)
        )
    }
    return [
        WeekTrend(label, monday, *visit_rows.get(i, (0, 0)), *filing_rows.get(i, (0, 0)))
        for i, (label, monday) in enumerate(weeks)
    ]


def _ward_name(session: Session, ward_id: str | None) -> str:
    stmt = select(Ward.name).where(Ward.deleted.is_(False))
    if ward_id is not None:
        stmt = stmt.where(Ward.id == ward_id)
    return session.scalar(stmt.limit(1)) or ""


def scope_name(session: Session, scope: Scope) -> str:
    """The scope's own name ("Tổ dân phố số 3", "Đội cơ động số 1", a volunteer's name), or
    ``Placeholder.WHOLE_WARD``: data, worded by ``outreach.labels.scope_text`` where it is shown."""
    if scope.kind == SCOPE_GROUP:
        name = session.scalar(select(ResidentialGroup.name).where(ResidentialGroup.id == scope.id))
    elif scope.kind == SCOPE_TEAM:
        name = session.scalar(select(Team.name).where(Team.id == scope.id))
    elif scope.kind == SCOPE_VOLUNTEER:
        name = session.scalar(select(TeamMember.full_name).where(TeamMember.id == scope.id))
    else:
        return Placeholder.WHOLE_WARD
    if name is None:
        raise NotFound(
            f"Không tìm thấy phạm vi báo cáo {scope}.", f"The report scope {scope} was not found."
        )
    return name


def compute_coverage(
    store: ReadSource,
    period: Period,
    scope: Scope = WARD,
    *,
    ward_id: str | None = None,
    as_of: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CoverageReport:
    """All coverage figures of ``period`` and ``scope``, computed in SQL in one read transaction.

    ``ward_id`` narrows to one ward (a laptop holds one; the server several). ``progress`` is
    called with (step, steps) between queries so a UI can show progress; it may raise to cancel.
    The catalogue's fees and processing times come from the database (``catalogue_terms``, read
    once here so every part of the report uses the same), and so do the office's extra days off
    of the working-day calendar (``office_days_off``).
    """
    with store.read() as session:
        terms = catalogue_terms(session, ward_id)
        days_off = office_days_off(session, ward_id)
    as_of = as_of or today_local()
    weeks = trend_weeks(period.last_day)
    steps = 6

    def step(i: int) -> None:
        if progress is not None:
            progress(i, steps)

    # Three independent reads run side by side on their own connections (SQLite releases the GIL
    # while it reads and decrypts pages, and a laptop has 2+ cores): the household denominators
    # (every household of the ward), the follow-up state (a current figure, not one of the
    # period) and the period's visits and filings. Each is one consistent read; a visit saved
    # in the same instant may show in one part and not yet in another, never half-counted.
    # The waiting dossiers and the residents' VNeID levels are current-state reads of whole
    # tables too, so they run beside them the same way.
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="coverage") as pool:
        groups_future = pool.submit(_group_coverage_in_own_session, store, ward_id, scope, period)
        follow_up_future = pool.submit(_follow_ups_in_own_session, store, ward_id, scope, as_of)
        due_future = pool.submit(_due_dossiers_in_own_session, store, ward_id, scope, as_of, terms, days_off)
        vneid_future = pool.submit(_vneid_levels_in_own_session, store, ward_id, scope, period)
        areas_future = pool.submit(_area_figures_in_own_session, store, period, scope, ward_id)
        with store.read() as session:
            name = scope_name(session, scope)
            try:
                _fill_work_tables(session, ward_id, scope, period, weeks)
                step(1)
                outcomes, satisfaction, rated = _outcomes(session)
                filings, by_procedure, by_level = _filings(session)
                dossiers = _dossier_figures(session, terms)
                volunteers = _volunteers(session)
                trend = _trend(session, weeks)
                step(2)
                ward_name = _ward_name(session, ward_id)
                brought = _brought_to_level2(session, period)
                # ranged: the one-stop queries narrow the visits by id or date; a team's equality must not win
                # the register is imported on a leader's laptop and kept there (never synced): the
                # office server has no copy, so the console's report shows the figures as not imported
                one_stop = one_stop_figures(session, period,
                                            lambda start, end: _visit_conditions(ward_id, scope, start, end, ranged=True)) \
                    if isinstance(store, Store) else OneStopFigures((period.last_day - period.start).days + 1, 0)
            finally:
                _drop_work_tables(session)
        step(3)
        groups, priority = groups_future.result()
        step(4)
        follow_ups = follow_up_future.result()
        due_dossiers = due_future.result()
        vneid_levels = vneid_future.result()
        vneid = VneidFigures(sum(vneid_levels.values()), vneid_levels, brought)
        step(5)
    report = CoverageReport(
        ward_name=ward_name,
        period=period,
        scope=scope,
        scope_name=name,
        generated_at=now_local(),
        households_total=sum(g.households for g in groups),
        households_visited=sum(g.households_visited for g in groups),
        priority_total=sum(g.priority_households for g in groups),
        priority_reached=sum(g.priority_reached for g in groups),
        groups=groups,
        priority=priority,
        visits_total=sum(o.visits for o in outcomes),
        outcomes=outcomes,
        filings=filings,
        by_procedure=by_procedure,
        by_level=by_level,
        dossiers=dossiers,
        due_dossiers=due_dossiers,
        vneid=vneid,
        follow_ups=follow_ups,
        volunteers=volunteers,
        trend=trend,
        satisfaction_average=satisfaction,
        satisfaction_responses=rated,
        areas=areas_future.result(),
        one_stop=one_stop,
    )
    step(steps)
    return report


@dataclass(frozen=True)
class CoverageSummary:
    """The headline figures of a ``CoverageReport`` (what an overview of many wards shows), with
    the same definitions: computed by the same helpers as ``compute_coverage``, in one session,
    without the tables and trend a full report also reads."""

    households_total: int
    households_visited: int
    priority_total: int
    priority_reached: int
    visits_total: int
    filings: FilingTotals
    dossiers: DossierFigures

    @property
    def coverage(self) -> float | None:
        return share(self.households_visited, self.households_total)


def coverage_summary(source: ReadSource, period: Period, scope: Scope = WARD, *, ward_id: str | None = None) -> CoverageSummary:
    """``compute_coverage``'s headline figures of ``period`` (a ward overview, the city's table
    of wards: one short read per ward instead of a whole report)."""
    with source.read() as session:
        groups, _priority = _group_coverage(session, ward_id, scope, period)
        try:
            _fill_work_tables(session, ward_id, scope, period, trend_weeks(period.last_day, weeks=1))
            outcomes, _satisfaction, _rated = _outcomes(session)
            filings, _by_procedure, _by_level = _filings(session)
            dossiers = _dossier_figures(session, catalogue_terms(session, ward_id))
        finally:
            _drop_work_tables(session)
    return CoverageSummary(
        households_total=sum(g.households for g in groups), households_visited=sum(g.households_visited for g in groups),
        priority_total=sum(g.priority_households for g in groups), priority_reached=sum(g.priority_reached for g in groups),
        visits_total=sum(o.visits for o in outcomes), filings=filings, dossiers=dossiers)


def record_aggregate_export(store: Store, actor: Actor, report: CoverageReport, destination: str) -> None:
    """Aggregate exports carry no personal data, but the office still wants to know who sent
    which figures where."""
    record(store, actor, EXPORT_AGGREGATE, f"coverage {report.period.label} {report.scope}", {"destination": destination})


# ---------------------------------------------------------------- personal data: follow-up list


@dataclass(frozen=True)
class FollowUpContact:
    """One open follow-up with the household's contact details: personal data."""

    visit_id: str
    follow_up_date: dt.date
    overdue: bool
    head_name: str
    address: str
    phone: str
    group_name: str
    volunteer_name: str
    outcome: str
    visited_on: dt.date | None


def follow_up_contacts(
    store: Store, scope: Scope = WARD, *, ward_id: str | None = None, as_of: dt.date | None = None
) -> list[FollowUpContact]:
    """Open follow-ups (overdue or due within 7 days) with names and phones, soonest first.

    Callers that write this list to a file must go through ``export_follow_up_contacts``.
    """
    as_of = as_of or today_local()
    horizon = as_of + dt.timedelta(days=FOLLOW_UP_HORIZON_DAYS)
    conditions = _visit_conditions(ward_id, scope, None, None) + [
        Visit.follow_up_done.is_(False),
        Visit.follow_up_date.is_not(None),
        Visit.follow_up_date < horizon,
    ]
    with store.read() as session:
        rows = session.execute(
            select(
                Visit.id, Visit.follow_up_date, Visit.outcome, Visit.started_at,
                Household.head_name, Household.address, Household.phone,
                ResidentialGroup.name, TeamMember.full_name,
            )
            .outerjoin(Household, Household.id == Visit.household_id)
            .outerjoin(ResidentialGroup, ResidentialGroup.id == Household.group_id)
            .outerjoin(TeamMember, TeamMember.id == Visit.volunteer_id)
            .where(*conditions)
            .order_by(Visit.follow_up_date, Household.head_name)
        ).all()
    return [
        FollowUpContact(
            vid, due, due < as_of, head or "", address_text(address), phone or "", group or "",
            volunteer or "", outcome, started.date() if started else None,
        )
        for vid, due, outcome, started, head, address, phone, group, volunteer in rows
    ]


def export_follow_up_contacts(
    store: Store, actor: Actor, destination: str, scope: Scope = WARD, *, as_of: dt.date | None = None,
    password_protected: bool = False,
) -> list[FollowUpContact]:
    """The follow-up list for writing to ``destination``: leaders only, audited before writing.

    The audit event is recorded before the rows are returned, so the trace exists even if the
    caller crashes while writing the file (see ``services.audit``).
    """
    rows = follow_up_contacts(store, scope, ward_id=actor.ward_id, as_of=as_of)
    authorize_personal_export(store, actor, f"follow-up list {scope}", destination, len(rows), password_protected=password_protected)
    return rows


# ---------------------------------------------------------------- scope pickers


@dataclass(frozen=True)
class ScopeChoice:
    scope: Scope
    label: str


def scope_choices(store: Store, ward_id: str | None = None) -> list[ScopeChoice]:
    """What a scope picker offers: the ward, then its groups, teams and active members."""
    choices: list[ScopeChoice] = [ScopeChoice(WARD, Placeholder.WHOLE_WARD)]
    with store.read() as session:
        groups = select(ResidentialGroup.id, ResidentialGroup.name).where(ResidentialGroup.deleted.is_(False))
        teams = select(Team.id, Team.name).where(Team.deleted.is_(False))
        members = select(TeamMember.id, TeamMember.full_name).where(TeamMember.deleted.is_(False), TeamMember.active.is_(True))
        if ward_id is not None:
            groups = groups.where(ResidentialGroup.ward_id == ward_id)
            teams = teams.where(Team.ward_id == ward_id)
            members = members.where(TeamMember.ward_id == ward_id)
        choices += [
            ScopeChoice(Scope(SCOPE_GROUP, gid), name)
            for gid, name in session.execute(groups.order_by(ResidentialGroup.sort_order, ResidentialGroup.name))
        ]
        choices += [ScopeChoice(Scope(SCOPE_TEAM, tid), name) for tid, name in session.execute(teams.order_by(Team.name))]
        choices += [ScopeChoice(Scope(SCOPE_VOLUNTEER, mid), name) for mid, name in session.execute(members.order_by(TeamMember.full_name))]
    return choices

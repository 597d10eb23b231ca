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
- Residents helped toward VNeID level 2: distinct residents with a filing of the VNeID level-2
  procedure (booked or guided at the police) in the period.
- Follow-ups are a current state, not a period figure: open revisits whose date has passed
  (overdue) or falls in the next 7 days (due), counted as of ``as_of`` (default today).
- The trend covers the 12 ISO weeks ending with the week of the period's last day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Boolean, Column, Integer, MetaData, Select, String, Table, and_, case, distinct, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from outreach.errors import NotFound
from outreach.model import Filing, Household, Procedure, ResidentialGroup, Team, TeamMember, Visit, Ward
from outreach.model.address import address_text
from outreach.services.audit import EXPORT_AGGREGATE, authorize_personal_export, record
from outreach.services.context import Actor
from outreach.services.periods import (
    SCOPE_GROUP,
    SCOPE_TEAM,
    SCOPE_VOLUNTEER,
    WARD,
    Period,
    Scope,
)
from outreach.store.database import Store
from outreach.timeutil import iso_week_bounds, iso_week_of, now_local, today_local
from outreach.vocabulary import STORED_ONLINE_LEVELS, FilingStatus, OnlineLevel, Outcome, Placeholder, PriorityFlag

#: Mã TTHC of "Cấp tài khoản định danh điện tử mức độ 2" (DOMAIN.md procedure table).
VNEID_LEVEL2_CODE = "3.000228"
TREND_WEEKS = 12
FOLLOW_UP_HORIZON_DAYS = 7
OUTCOMES: tuple[Outcome, ...] = tuple(Outcome)
ONLINE_LEVELS = STORED_ONLINE_LEVELS
PRIORITY_FLAGS: tuple[PriorityFlag, ...] = tuple(PriorityFlag)
UNKNOWN_LEVEL = OnlineLevel.UNKNOWN


# ---------------------------------------------------------------- results


def share(part: int, whole: int) -> float | None:
    """part/whole as a fraction, or None when there is nothing to divide (shown as "–")."""
    return part / whole if whole else None


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
    full_online: int = 0

    @property
    def dossier_code_share(self) -> float | None:
        return share(self.with_dossier_code, self.filings)

    @property
    def fee_online_share(self) -> float | None:
        return share(self.fee_paid_online, self.filings)

    @property
    def full_online_share(self) -> float | None:
        """Share of filings for fully-online (toàn trình) procedures: the ward's headline KPI."""
        return share(self.full_online, self.filings)


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
    vneid_level2_residents: int
    follow_ups: FollowUpCounts
    volunteers: list[VolunteerVisits]
    trend: list[WeekTrend]
    satisfaction_average: float | None
    satisfaction_responses: int
    notes: list[str] = field(default_factory=list)

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


def _visit_conditions(ward_id: str | None, scope: Scope, start: dt.datetime | None, end: dt.datetime | None) -> list[ColumnElement[bool]]:
    ranged = start is not None or end is not None
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
            ["volunteer_id", "resident_id", "procedure_code", "status", "has_code", "fee_paid_online", "in_period", "week"],
            select(v.volunteer_id, Filing.resident_id, Filing.procedure_code, Filing.status, _has_dossier_code(),
                   Filing.fee_paid_online, v.in_period, v.week)
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
    store: Store, ward_id: str | None, scope: Scope, period: Period
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


def _filings(session: Session) -> tuple[FilingTotals, list[ProcedureFilings], list[LevelFilings], int]:
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
    totals = [0] * 6
    for code, name, level, n, coded, fee, returned, guided in rows:
        level = level or UNKNOWN_LEVEL
        n, coded, fee, returned, guided = map(_int, (n, coded, fee, returned, guided))
        procedures.append(ProcedureFilings(code, name or code, level, n, coded, fee, returned))
        bucket = levels.setdefault(level, [0, 0, 0])
        bucket[0] += n
        bucket[1] += coded
        bucket[2] += fee
        for i, value in enumerate((n, coded, fee, returned, guided, n if level == OnlineLevel.FULL else 0)):
            totals[i] += value
    procedures.sort(key=lambda p: (-p.filings, p.code))
    vneid = _int(
        session.scalar(
            select(func.count(distinct(f.resident_id))).where(
                f.in_period.is_(True), f.procedure_code == VNEID_LEVEL2_CODE, f.resident_id.is_not(None)
            )
        )
    )
    by_level = [LevelFilings(level, *values) for level, values in levels.items()]
    return FilingTotals(*totals), procedures, by_level, vneid


def _follow_ups(session: Session, ward_id: str | None, scope: Scope, as_of: dt.date) -> FollowUpCounts:
    horizon = as_of + dt.timedelta(days=FOLLOW_UP_HORIZON_DAYS)
    conditions = _visit_conditions(ward_id, scope, None, None) + [
        Visit.follow_up_done.is_(False),
        Visit.follow_up_date.is_not(None),
        Visit.follow_up_date < horizon,
    ]
    due, overdue = session.execute(
        select(_count_if(Visit.follow_up_date >= as_of), _count_if(Visit.follow_up_date < as_of)).where(*conditions)
    ).one()
    return FollowUpCounts(as_of, _int(due), _int(overdue))


def _follow_ups_in_own_session(store: Store, ward_id: str | None, scope: Scope, as_of: dt.date) -> FollowUpCounts:
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
            select(f.week, func.count(), _count_if(Procedure.online_level == OnlineLevel.FULL))
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
    store: Store,
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
    """
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
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="coverage") as pool:
        groups_future = pool.submit(_group_coverage_in_own_session, store, ward_id, scope, period)
        follow_up_future = pool.submit(_follow_ups_in_own_session, store, ward_id, scope, as_of)
        with store.read() as session:
            name = scope_name(session, scope)
            try:
                _fill_work_tables(session, ward_id, scope, period, weeks)
                step(1)
                outcomes, satisfaction, rated = _outcomes(session)
                filings, by_procedure, by_level, vneid = _filings(session)
                volunteers = _volunteers(session)
                trend = _trend(session, weeks)
                step(2)
                ward_name = _ward_name(session, ward_id)
            finally:
                _drop_work_tables(session)
        step(3)
        groups, priority = groups_future.result()
        step(4)
        follow_ups = follow_up_future.result()
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
        vneid_level2_residents=vneid,
        follow_ups=follow_ups,
        volunteers=volunteers,
        trend=trend,
        satisfaction_average=satisfaction,
        satisfaction_responses=rated,
    )
    step(steps)
    return report


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
    store: Store, actor: Actor, destination: str, scope: Scope = WARD, *, as_of: dt.date | None = None
) -> list[FollowUpContact]:
    """The follow-up list for writing to ``destination``: leaders only, audited before writing.

    The audit event is recorded before the rows are returned, so the trace exists even if the
    caller crashes while writing the file (see ``services.audit``).
    """
    rows = follow_up_contacts(store, scope, ward_id=actor.ward_id, as_of=as_of)
    authorize_personal_export(store, actor, f"follow-up list {scope}", destination, len(rows))
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

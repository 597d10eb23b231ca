"""Coverage against the teams' own areas, outings and target progress (issue 12).

The ward-wide figures (services/coverage.py) measure a team against the whole ward, which says
little once each team has its own groups. These say, for the same period:

- *area coverage* of a team = households in the team's area visited by the team in the period /
  households in the team's area; of a volunteer = households in their team's area the volunteer
  visited / households in that area. The area is the team's on the period's last day
  (services/areas.py). The ward figure stands beside it: households the team (volunteer) visited
  anywhere / all households of the ward;
- households outside every team's area (that day) / all households of the ward;
- *outings* held per team and ISO week (an outing counts in the week of its day, once started);
- *reached per outing*: households = distinct households with a visit in the outing; people =
  distinct residents a filing of those visits was for (the people helped with a dossier);
- *target progress* = what the team reached over the target's own period / the target, for the
  targets whose period overlaps the report's: households reached (distinct households with a
  visit by the team), priority households reached (of those, the ones with a priority flag),
  dossiers filed online (submitted dossiers, as in services/coverage.py: a dossier code, status
  submitted or completed, channel online).

Counts are SQL aggregates or one narrow read per table (household -> group: a large ward's
20,000 rows in a few milliseconds); Python folds the small grouped results.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, distinct, func, select
from sqlalchemy.orm import Session

from outreach.model import Filing, Household, Outing, Team, TeamMember, Visit
from outreach.services.areas import team_of_groups
from outreach.services.figures import SUBMITTED_STATUSES, Ratio
from outreach.services.periods import SCOPE_TEAM, SCOPE_VOLUNTEER, Period, Scope
from outreach.services.targets import targets_in
from outreach.timeutil import iso_week_of
from outreach.vocabulary import Channel, Placeholder, TargetMetric


@dataclass(frozen=True)
class TeamArea:
    team_id: str
    team_name: str
    groups: int
    #: households of the team's area visited by the team / households of the area
    area: Ratio
    #: households the team visited anywhere / households of the ward
    ward: Ratio


@dataclass(frozen=True)
class VolunteerArea:
    member_id: str
    name: str
    team_name: str
    area: Ratio
    ward: Ratio


@dataclass(frozen=True)
class OutingWeek:
    team_id: str
    team_name: str
    iso_week: str
    outings: int


@dataclass(frozen=True)
class OutingReach:
    outing_id: str
    team_name: str
    day: dt.date
    visits: int
    households: int
    people: int


@dataclass(frozen=True)
class TargetProgress:
    team_id: str
    team_name: str
    metric: str
    period_start: dt.date
    period_end: dt.date
    #: reached over the target's period / the target
    progress: Ratio


@dataclass(frozen=True)
class AreaFigures:
    """The area, outing and target figures of one report (aggregates only, no personal data)."""

    as_of: dt.date
    ward_households: int
    outside: Ratio
    teams: list[TeamArea] = field(default_factory=list)
    volunteers: list[VolunteerArea] = field(default_factory=list)
    outing_weeks: list[OutingWeek] = field(default_factory=list)
    outings: list[OutingReach] = field(default_factory=list)
    targets: list[TargetProgress] = field(default_factory=list)

    @property
    def outings_total(self) -> int:
        return sum(w.outings for w in self.outing_weeks)


_Triple = tuple[str | None, str | None, str | None]


def _period_visits(session: Session, ward_id: str | None, start: dt.datetime, end: dt.datetime) -> list[_Triple]:
    """(team, volunteer, household) of every distinct triple visited in [start, end)."""
    query = select(Visit.team_id, Visit.volunteer_id, Visit.household_id).where(
        Visit.deleted.is_(False), Visit.started_at >= start, Visit.started_at < end).distinct()
    if ward_id is not None:
        query = query.where(Visit.ward_id.concat("") == ward_id)  # see coverage._visit_conditions
    return [tuple(r) for r in session.execute(query)]  # type: ignore[misc]


def _progress(session: Session, team_id: str, metric: str, start: dt.date, end: dt.date) -> int:
    """What ``team_id`` reached of ``metric`` from ``start`` to ``end`` (both included)."""
    begin, stop = dt.datetime.combine(start, dt.time()), dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
    visits = and_(Visit.deleted.is_(False), Visit.team_id == team_id, Visit.started_at >= begin, Visit.started_at < stop)
    if metric == TargetMetric.DOSSIERS_ONLINE:
        code = Filing.dossier["dossier_code"].as_string()
        return int(session.scalar(
            select(func.count()).select_from(Filing).join(Visit, Visit.id == Filing.visit_id)
            .where(visits, Filing.deleted.is_(False), Filing.channel == Channel.ONLINE, Filing.status.in_(SUBMITTED_STATUSES),
                   code.is_not(None), code != "")) or 0)
    query = select(func.count(distinct(Visit.household_id))).where(visits)
    if metric == TargetMetric.PRIORITY_HOUSEHOLDS_REACHED:
        priority = Household.elderly_alone | Household.disabled | Household.policy_family | Household.poor_household
        query = query.join(Household, Household.id == Visit.household_id).where(priority)
    return int(session.scalar(query) or 0)


def area_figures(session: Session, period: Period, scope: Scope, ward_id: str | None = None) -> AreaFigures:
    """The figures of the module docstring for ``period``; a team scope shows that team, a
    volunteer scope that volunteer (and their team), any other scope every team."""
    as_of = period.last_day
    group_team = team_of_groups(session, as_of, ward_id)
    household_query = select(Household.id, Household.group_id).where(Household.deleted.is_(False))
    if ward_id is not None:
        household_query = household_query.where(Household.ward_id == ward_id)
    household_team = {hid: group_team.get(gid) if gid else None for hid, gid in session.execute(household_query)}
    ward_total = len(household_team)
    area_size = Counter(team for team in household_team.values() if team is not None)
    outside = sum(1 for team in household_team.values() if team is None)

    # the ward's own teams and members only: the office server holds every ward's (a laptop, its own)
    team_query = select(Team.id, Team.name).where(Team.deleted.is_(False))
    member_query = select(TeamMember.id, TeamMember.full_name, TeamMember.team_id)
    if ward_id is not None:
        team_query = team_query.where(Team.ward_id == ward_id)
        member_query = member_query.where(TeamMember.ward_id == ward_id)
    teams = dict(session.execute(team_query).all())
    members = {mid: (name, team) for mid, name, team in session.execute(member_query)}
    wanted_teams: set[str] | None = None
    wanted_member: str | None = None
    if scope.kind == SCOPE_TEAM and scope.id:
        wanted_teams = {scope.id}
    elif scope.kind == SCOPE_VOLUNTEER and scope.id:
        wanted_member = scope.id
        own = members.get(scope.id, ("", None))[1]
        wanted_teams = {own} if own else set()

    team_all: dict[str, set[str]] = defaultdict(set)
    team_in_area: dict[str, set[str]] = defaultdict(set)
    member_all: dict[str, set[str]] = defaultdict(set)
    member_in_area: dict[str, set[str]] = defaultdict(set)
    for team, volunteer, household in _period_visits(session, ward_id, period.start_at, period.end_at):
        if household is None:
            continue
        in_own_area = team is not None and household_team.get(household) == team
        if team is not None:
            team_all[team].add(household)
            if in_own_area:
                team_in_area[team].add(household)
        if volunteer is not None:
            member_all[volunteer].add(household)
            if in_own_area and members.get(volunteer, ("", None))[1] == team:
                member_in_area[volunteer].add(household)

    shown_teams = sorted((t for t in teams if wanted_teams is None or t in wanted_teams), key=lambda t: (teams[t] or "", t))
    group_counts = Counter(team for team in group_team.values() if team is not None)
    team_rows = [TeamArea(t, teams[t] or "", group_counts.get(t, 0), Ratio(len(team_in_area[t]), area_size.get(t, 0)),
                          Ratio(len(team_all[t]), ward_total)) for t in shown_teams]
    volunteer_rows = []
    for mid in sorted(member_all, key=lambda m: (members.get(m, ("", None))[0] or "", m)):
        name, team = members.get(mid, (Placeholder.UNKNOWN_MEMBER, None))
        if (wanted_member is not None and mid != wanted_member) or (wanted_teams is not None and team not in wanted_teams):
            continue
        volunteer_rows.append(VolunteerArea(mid, name or "", teams.get(team or "", "") or "",
                                            Ratio(len(member_in_area[mid]), area_size.get(team or "", 0)),
                                            Ratio(len(member_all[mid]), ward_total)))

    outing_query = select(Outing.id, Outing.team_id, Outing.day).where(
        Outing.deleted.is_(False), Outing.started_at.is_not(None), Outing.day >= period.start, Outing.day < period.end)
    if ward_id is not None:
        outing_query = outing_query.where(Outing.ward_id == ward_id)
    outing_rows = [(oid, team, day) for oid, team, day in session.execute(outing_query)
                   if day is not None and (wanted_teams is None or team in wanted_teams)]
    per_week = Counter((team or "", iso_week_of(day)) for _oid, team, day in outing_rows)
    weeks = [OutingWeek(team, teams.get(team, "") or "", week, n)
             for (team, week), n in sorted(per_week.items(), key=lambda item: (teams.get(item[0][0], "") or "", item[0]))]
    reach = _outing_reach(session, [oid for oid, _t, _d in outing_rows])
    outings = sorted((OutingReach(oid, teams.get(team or "", "") or "", day, *reach.get(oid, (0, 0, 0)))
                      for oid, team, day in outing_rows), key=lambda o: (o.day, o.team_name, o.outing_id))

    targets = [TargetProgress(t.team_id, teams.get(t.team_id, "") or "", t.metric, t.period_start, t.period_end,
                              Ratio(_progress(session, t.team_id, t.metric, t.period_start, t.period_end), t.value))
               for t in targets_in(session, overlapping=(period.start, as_of))
               if wanted_teams is None or t.team_id in wanted_teams]
    return AreaFigures(as_of, ward_total, Ratio(outside, ward_total), team_rows, volunteer_rows, weeks, outings, targets)


def _outing_reach(session: Session, outing_ids: list[str]) -> dict[str, tuple[int, int, int]]:
    """outing id -> (visits, distinct households, distinct residents named in its filings)."""
    if not outing_ids:
        return {}
    visits = {str(oid): (int(n), int(h)) for oid, n, h in session.execute(
        select(Visit.outing_id, func.count(), func.count(distinct(Visit.household_id)))
        .where(Visit.deleted.is_(False), Visit.outing_id.in_(outing_ids)).group_by(Visit.outing_id))}
    people = dict(session.execute(
        select(Visit.outing_id, func.count(distinct(Filing.resident_id))).join(Filing, Filing.visit_id == Visit.id)
        .where(Visit.deleted.is_(False), Filing.deleted.is_(False), Visit.outing_id.in_(outing_ids))
        .group_by(Visit.outing_id)).all())
    return {oid: (n, h, int(people.get(oid, 0))) for oid, (n, h) in visits.items()}

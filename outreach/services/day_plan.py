"""The day's plan ("Hôm nay") of a team: the households to visit, in walking order (issue 12).

The plan is computed, not stored: what goes in is already in the data —

* visits the leader returned ("please correct": ``ReviewStatus.FLAGGED``) of the team;
* revisits due on the day or overdue (``Visit.follow_up_date``), of the team's visits or of
  households in its area;
* dossiers the team filed whose expected result date has passed (``coverage.waiting_dossiers``,
  working days from ``services/working_days.py``), to look up with the household;
* priority households of the area not reached in the reach rules' months (the reach list);
* households of the area with people on the time-bound reach lists (cards due for renewal,
  newborns, children without an ID, only the old CMND, reaching the social pension's age).
  The broad list, aged 14+ without VNeID level 2 (thousands in a ward), puts no household on the
  plan by itself: its people are named on the lines already there, so the team helps them while
  at the door, and a leader adds households from the reach-list screen.

What people decided is stored as ``PlanEntry`` rows (synced, one per team, day and household):
a leader adds or drops a household; the team marks one done, or not at home (which also records
a visit with ``Outcome.NOT_HOME``, attached to the team's open outing by ``record_visit``).
The area is the team's groups on the day (``services/areas.groups_of_team``); a team with no area
yet plans over the whole ward. Lines are sorted with ``model/route_order.route_key``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from outreach.errors import NotFound, PermissionDenied
from outreach.model import Household, PlanEntry, Team, Visit
from outreach.model.address import address_text
from outreach.model.ids import stable_id
from outreach.model.route_order import route_key
from outreach.reach_rules import ReachRules, load_rules
from outreach.services import audit
from outreach.services.areas import groups_of_team
from outreach.services.context import Actor, require_leader
from outreach.services.coverage import waiting_dossiers
from outreach.services.periods import SCOPE_TEAM, Scope
from outreach.services.reach_lists import HouseInfo, ReachOptions, households_info, reach_list_in
from outreach.services.visits import VisitInput, record_visit_in
from outreach.store.database import Store, WriteContext
from outreach.timeutil import now_local, today_local
from outreach.vocabulary import Outcome, PlanAdjustment, PlanMark, PlanReason, ReachList, ReviewStatus

#: Reach lists that put a household on the plan (time-bound, a few per group).
PLAN_LISTS: tuple[ReachList, ...] = (ReachList.NEWBORN, ReachList.CARD_RENEWAL, ReachList.CHILD_WITHOUT_ID,
                                     ReachList.OLD_CMND_ONLY, ReachList.SOCIAL_PENSION)
#: Reach lists whose people are named on the lines already on the plan, adding none.
NAMED_LISTS: tuple[ReachList, ...] = (ReachList.NO_VNEID_LEVEL2,)


@dataclass(frozen=True)
class PlanPerson:
    """A resident of a planned household on a reach list, and the list."""

    name: str
    list_code: ReachList


@dataclass(frozen=True)
class PlanLine:
    """One household on the plan, with why it is there (codes: the screen and sheet word them)."""

    household_id: str
    head_name: str
    address: dict[str, Any]
    group_name: str
    phone: str
    reasons: tuple[PlanReason, ...]
    people: tuple[PlanPerson, ...] = ()
    #: the dossier codes to look up (overdue results)
    dossiers: tuple[str, ...] = ()
    mark: str = ""  # PlanMark or ""
    adjustment: str = ""  # PlanAdjustment or ""
    note: str = ""

    @property
    def address_line(self) -> str:
        return address_text(self.address)


@dataclass(frozen=True)
class DayPlan:
    team_id: str
    team_name: str
    day: dt.date
    #: in walking order; a dropped household is in ``dropped``, not here
    lines: list[PlanLine]
    dropped: list[PlanLine] = field(default_factory=list)
    #: the team's groups on the day; None: it has no area yet and the plan covers the ward
    area: frozenset[str] | None = None

    def counts(self) -> dict[str, int]:
        return {"households": len(self.lines), "done": sum(1 for x in self.lines if x.mark == PlanMark.DONE),
                "not_home": sum(1 for x in self.lines if x.mark == PlanMark.NOT_HOME)}


def plan_entry_id(team_id: str, day: dt.date, household_id: str) -> str:
    """The one id of a team's line for a household on a day (two devices write the same row)."""
    return stable_id("plan_entry", team_id, day.isoformat(), household_id)


class _Collector:
    """Reasons per household as the sources are read (insertion order kept per household)."""

    def __init__(self) -> None:
        self.reasons: dict[str, list[PlanReason]] = defaultdict(list)
        self.people: dict[str, list[PlanPerson]] = defaultdict(list)
        self.dossiers: dict[str, list[str]] = defaultdict(list)

    def add(self, household_id: str | None, reason: PlanReason) -> None:
        if household_id and reason not in self.reasons[household_id]:
            self.reasons[household_id].append(reason)


def day_plan(
    store: Store, team_id: str, day: dt.date | None = None, *, ward_id: str | None = None,
    rules: ReachRules | None = None,
) -> DayPlan:
    """The plan of ``team_id`` on ``day`` (today). Overdue dossiers are the Follow-ups' own
    (``coverage.waiting_dossiers``: the synced catalogue's processing times, the office's days off)."""
    day = day or today_local()
    rules = rules or load_rules()
    found = _Collector()
    with store.read() as session:
        team_name = session.scalar(select(Team.name).where(Team.id == team_id)) or ""
        area = frozenset(groups_of_team(session, team_id, day, ward_id)) or None
        houses = households_info(session, None, area)  # the area's households, read once for every source
        _visit_sources(session, team_id, day, area, houses, found)
        for code in (ReachList.PRIORITY_NOT_VISITED, *PLAN_LISTS):
            priority = code == ReachList.PRIORITY_NOT_VISITED
            opts = ReachOptions(day, rules.priority_not_visited_months if priority else rules.months_ahead, area)
            for row in reach_list_in(session, code, opts, rules, houses):
                found.add(row.household_id, PlanReason.PRIORITY if priority else PlanReason.REACH_LIST)
                if row.resident_id is not None:
                    found.people[row.household_id].append(PlanPerson(row.name, code))
        entries: dict[str, PlanEntry] = {e.household_id: e for e in session.scalars(
            select(PlanEntry).where(PlanEntry.team_id == team_id, PlanEntry.plan_date == day, PlanEntry.deleted.is_(False)))
            if e.household_id}
        for hid, entry in entries.items():
            if entry.adjustment == PlanAdjustment.ADDED:
                found.add(hid, PlanReason.ADDED)
    for dossier in waiting_dossiers(store, Scope(SCOPE_TEAM, team_id), ward_id=ward_id, as_of=day):
        found.add(dossier.household_id, PlanReason.DOSSIER_OVERDUE)
        if dossier.household_id:
            found.dossiers[dossier.household_id].append(dossier.dossier_code)
    with store.read() as session:
        if found.reasons:
            for code in NAMED_LISTS:  # named on the lines there, adding none
                only = ReachOptions(day, rules.months_ahead, area, frozenset(found.reasons))
                for row in reach_list_in(session, code, only, rules, houses):
                    if row.household_id in found.reasons:
                        found.people[row.household_id].append(PlanPerson(row.name, code))
        outside = (set(found.reasons) | set(entries)) - set(houses)  # the team's own visits and dossiers outside its area
        households = {**houses, **households_info(session, outside)} if outside else houses
    lines: list[PlanLine] = []
    dropped: list[PlanLine] = []
    # a line marked today stays on the plan even when what put it there is gone (a visit today
    # reached a priority household)
    marked = [hid for hid, e in entries.items() if e.mark and hid not in found.reasons]
    for hid in [*found.reasons, *marked]:
        house = households.get(hid)
        if house is None:
            continue
        line_entry = entries.get(hid)
        line = PlanLine(hid, house.head_name, house.address, house.group_name, house.phone, tuple(found.reasons.get(hid, ())),
                        tuple(found.people.get(hid, ())), tuple(found.dossiers.get(hid, ())),
                        line_entry.mark if line_entry else "", line_entry.adjustment if line_entry else "",
                        line_entry.note if line_entry else "")
        (dropped if line.adjustment == PlanAdjustment.DROPPED else lines).append(line)
    lines.sort(key=lambda x: (route_key(x.address), x.head_name, x.household_id))
    dropped.sort(key=lambda x: (route_key(x.address), x.head_name, x.household_id))
    return DayPlan(team_id, team_name, day, lines, dropped, area)


def _visit_sources(session: Session, team_id: str, day: dt.date, area: frozenset[str] | None,
                   houses: Mapping[str, HouseInfo], found: _Collector) -> None:
    """Returned visits of the team; revisits due by ``day`` of the team or of its area (read
    through ``ix_visits_open_follow_up`` alone; the area's households through theirs).

    The returned visits are found through ``ix_visits_review_status``: the ward's returned
    visits are a few hundred, while SQLite's own choice, the team's index, read the team's
    12,000 visit rows to check each one's review (130 ms on the large ward). A team without an area keeps only its own
    revisits, so they are filtered on the index, not in Python."""
    connection = session.connection()
    for (hid,) in connection.execute(select(Visit.household_id).where(  # team: a filter, not the index
            Visit.review_status == ReviewStatus.FLAGGED, Visit.deleted.is_(False), Visit.team_id.concat("") == team_id)):
        found.add(hid, PlanReason.FLAGGED)
    due_stmt = (select(Visit.household_id, Visit.team_id, Visit.follow_up_date)
                .where(Visit.follow_up_done.is_(False), Visit.deleted.is_(False), Visit.follow_up_date.is_not(None),
                       Visit.follow_up_date <= day))
    if area is None:
        due_stmt = due_stmt.where(Visit.team_id == team_id)
    due = connection.execute(due_stmt.order_by(Visit.follow_up_date)).all()
    for hid, team, on in due:
        if team == team_id or (area is not None and hid in houses):
            found.add(hid, PlanReason.FOLLOW_UP_OVERDUE if on is not None and on < day else PlanReason.FOLLOW_UP_DUE)


# ---------------------------------------------------------------- writes


def _require_team(actor: Actor, team_id: str) -> None:
    if actor.team_id != team_id:
        raise PermissionDenied("Chỉ thành viên của đội mới sửa được kế hoạch của đội.", "Only the team's members can change its plan.")


def _set_entry(store: Store, actor: Actor, team_id: str, day: dt.date, household_id: str, values: dict[str, Any]) -> None:
    with store.write() as tx:
        _set_entry_in(tx, actor, team_id, day, household_id, values)


def _set_entry_in(tx: WriteContext, actor: Actor, team_id: str, day: dt.date, household_id: str, values: dict[str, Any]) -> None:
    """Write one line's entry: create it, or change the given fields."""
    household = tx.session.get(Household, household_id)
    if household is None or household.deleted:
        raise NotFound("Không tìm thấy hộ gia đình.", "Household not found.")
    stamp = {"changed_by": actor.member_id, "changed_at": now_local()}
    entry_id = plan_entry_id(team_id, day, household_id)
    row = tx.session.get(PlanEntry, entry_id)
    if row is None:
        tx.recorder.create(PlanEntry, {"ward_id": actor.ward_id, "team_id": team_id, "plan_date": day,
                                       "household_id": household_id, **values, **stamp}, id=entry_id)
    else:
        tx.recorder.update(row, {**values, **stamp, "deleted": False})


def adjust_plan(store: Store, actor: Actor, team_id: str, day: dt.date, household_id: str, adjustment: str, note: str = "") -> None:
    """A leader adds a household to the team's day (``PlanAdjustment.ADDED``), drops one
    (``DROPPED``), or undoes either ("")."""
    require_leader(actor, "sửa kế hoạch trong ngày", "change the day's plan")
    _require_team(actor, team_id)
    if adjustment not in ("", *PlanAdjustment):
        raise ValueError(f"not a plan adjustment: {adjustment!r}")
    _set_entry(store, actor, team_id, day, household_id, {"adjustment": adjustment, "note": note.strip()[:300]})


def mark_done(store: Store, actor: Actor, team_id: str, day: dt.date, household_id: str, done: bool = True) -> None:
    """Mark a household of the day as visited (``done=False`` clears the mark)."""
    _require_team(actor, team_id)
    _set_entry(store, actor, team_id, day, household_id, {"mark": PlanMark.DONE if done else ""})


def mark_not_home(store: Store, actor: Actor, team_id: str, day: dt.date, household_id: str) -> str:
    """Nobody was at home: record a visit with ``Outcome.NOT_HOME`` now (in the team's open
    outing: ``record_visit``) and mark the line, in one transaction. Returns the visit's id."""
    _require_team(actor, team_id)
    with store.write() as tx:
        visit = record_visit_in(tx, actor, VisitInput(household_id, now_local().replace(second=0, microsecond=0),
                                                      outcome=Outcome.NOT_HOME))
        _set_entry_in(tx, actor, team_id, day, household_id, {"mark": PlanMark.NOT_HOME})
    return visit.id


EXPORT_ROUTE_SHEET = "export_route_sheet"


def route_sheet_plan(store: Store, actor: Actor, team_id: str, day: dt.date | None = None, destination: str = "") -> DayPlan:
    """The plan for printing: a member of the team (any role: the team walks with it) or a
    leader; the print is written to the audit log first, since the sheet names households."""
    if actor.team_id != team_id and not actor.is_leader:
        raise PermissionDenied("Chỉ thành viên của đội mới in được lộ trình của đội.", "Only the team's members can print its route sheet.")
    plan = day_plan(store, team_id, day, ward_id=actor.ward_id)
    audit.record(store, actor, EXPORT_ROUTE_SHEET, f"route sheet {team_id} {plan.day.isoformat()}",
                 {"destination": destination, "households": len(plan.lines)})
    return plan


def team_choices(store: Store, ward_id: str | None = None) -> list[tuple[str, str]]:
    """(id, name) of the ward's teams, by name: the route sheet's and a leader's team picker."""
    with store.read() as session:
        query = select(Team.id, Team.name).where(Team.deleted.is_(False))
        if ward_id is not None:
            query = query.where(Team.ward_id == ward_id)
        return [(tid, name or "") for tid, name in session.execute(query.order_by(Team.name))]

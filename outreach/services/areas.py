"""Team areas (địa bàn): which residential groups each team covers, on which day (issue 12).

A group belongs to at most one team at a time. Two records say which:

- ``ResidentialGroup.team_id``, the group's team *now*: one synced field, so two leaders taking
  the same group at once resolve by the merge rule (the later stamp wins) and the losing team is
  kept in the server's lost values like any other field;
- ``AreaAssignment`` rows, the dated history: "from this day the group is with this team (or
  with none)". Rows are only added, never edited, so moving a group never touches another
  team's row.

The team of a group on a day is the team of its latest history row dated on or before that day;
on or after the group's latest history date it is the current field (which settles concurrent
assignments of one date). A group the office assigned without history has its current team on
every day. Coverage by team (services/coverage.py) and the day's plan read ``groups_of_team``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from outreach.errors import NotFound, PermissionDenied
from outreach.model import AreaAssignment, Household, ResidentialGroup, Team
from outreach.model.address import address_text
from outreach.services.context import Actor, require_leader
from outreach.services.read_source import ReadSource
from outreach.store.database import Store
from outreach.timeutil import now_local, today_local
from outreach.vietnamese_fold import fold


def _history(session: Session, ward_id: str | None = None) -> dict[str, list[tuple[dt.date, str, str | None]]]:
    """group id -> its history rows as (from_date, row id, team), oldest first (ids are UUIDv7:
    rows of one date keep the order they were made in)."""
    query = select(AreaAssignment.group_id, AreaAssignment.from_date, AreaAssignment.id, AreaAssignment.team_id).where(
        AreaAssignment.deleted.is_(False), AreaAssignment.group_id.is_not(None), AreaAssignment.from_date.is_not(None))
    if ward_id is not None:
        query = query.where(AreaAssignment.ward_id == ward_id)
    history: dict[str, list[tuple[dt.date, str, str | None]]] = defaultdict(list)
    for group_id, from_date, row_id, team_id in session.execute(query):
        if group_id is not None and from_date is not None:  # (both filtered above: for the type checker)
            history[group_id].append((from_date, row_id, team_id))
    for rows in history.values():
        rows.sort()
    return history


def team_of_groups(session: Session, on: dt.date, ward_id: str | None = None) -> dict[str, str | None]:
    """Every live group of the ward -> the team whose area it was in on ``on`` (None: no team's)."""
    query = select(ResidentialGroup.id, ResidentialGroup.team_id).where(ResidentialGroup.deleted.is_(False))
    if ward_id is not None:
        query = query.where(ResidentialGroup.ward_id == ward_id)
    history = _history(session, ward_id)
    teams: dict[str, str | None] = {}
    for group_id, current in session.execute(query):
        rows = history.get(group_id)
        if not rows or on >= rows[-1][0]:
            teams[group_id] = current
            continue
        earlier = [team for from_date, _id, team in rows if from_date <= on]
        teams[group_id] = earlier[-1] if earlier else None
    return teams


def groups_of_team(session: Session, team_id: str, on: dt.date, ward_id: str | None = None) -> set[str]:
    """The ids of the groups in ``team_id``'s area on ``on``."""
    return {group for group, team in team_of_groups(session, on, ward_id).items() if team == team_id}


def households_of_team(session: Session, team_id: str, on: dt.date, ward_id: str | None = None) -> set[str]:
    """The ids of the live households in ``team_id``'s area on ``on`` (its groups' households)."""
    groups = groups_of_team(session, team_id, on, ward_id)
    if not groups:
        return set()
    return set(session.scalars(select(Household.id).where(Household.deleted.is_(False), Household.group_id.in_(groups))))


@dataclass(frozen=True)
class OutsideHousehold:
    """A household no team covers: its group has no team that day, or it has no group."""

    id: str
    head_name: str
    address: str
    group_id: str | None
    group_name: str


def households_outside_areas(session: Session, on: dt.date, ward_id: str | None = None) -> list[OutsideHousehold]:
    """The live households outside every team's area on ``on``, by group order then address:
    the leader's list of doors nobody is sent to."""
    teams = team_of_groups(session, on, ward_id)
    groups = {gid: (order, name) for gid, order, name in session.execute(
        select(ResidentialGroup.id, ResidentialGroup.sort_order, ResidentialGroup.name).where(ResidentialGroup.deleted.is_(False)))}
    covered = {g for g, team in teams.items() if team is not None}
    query = select(Household.id, Household.head_name, Household.address, Household.group_id).where(Household.deleted.is_(False))
    if ward_id is not None:
        query = query.where(Household.ward_id == ward_id)
    rows = []
    for hid, head, address, group_id in session.execute(query):
        if group_id in covered:
            continue
        order, name = groups.get(group_id, (10**9, "")) if group_id else (10**9, "")
        text = address_text(address or {})
        rows.append((order, fold(name), fold(text), hid, OutsideHousehold(hid, head or "", text, group_id, name)))
    rows.sort(key=lambda r: r[:4])
    return [r[-1] for r in rows]


# ---------------------------------------------------------------- the leader's assignments


@dataclass(frozen=True)
class AreaStep:
    """One row of a group's history, for the history view."""

    id: str
    group_id: str
    group_name: str
    team_id: str | None
    team_name: str
    from_team_id: str | None
    from_team_name: str
    from_date: dt.date
    made_at: dt.datetime | None


@dataclass(frozen=True)
class GroupArea:
    """A group and the team whose area it is in on the day asked (None: no team's)."""

    id: str
    name: str
    team_id: str | None
    team_name: str


def _team_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Team.id, Team.name).where(Team.deleted.is_(False))).all())


def group_areas(store: Store | ReadSource, on: dt.date | None = None, ward_id: str | None = None) -> list[GroupArea]:
    """Every group with its team on ``on`` (default today), in the ward's group order."""
    day = on or today_local()
    with store.read() as session:
        teams = team_of_groups(session, day, ward_id)
        names = _team_names(session)
        groups = session.execute(select(ResidentialGroup.id, ResidentialGroup.name, ResidentialGroup.sort_order).where(
            ResidentialGroup.id.in_(list(teams)))).all()
    ordered = sorted(groups, key=lambda g: (g.sort_order, fold(g.name or ""), g.id))
    return [GroupArea(g.id, g.name or "", teams[g.id], names.get(teams[g.id] or "", "")) for g in ordered]


def area_history(store: Store | ReadSource, group_id: str | None = None, ward_id: str | None = None) -> list[AreaStep]:
    """The history rows (of one group, or of all; of one ward on the office server), newest first."""
    with store.read() as session:
        query = select(AreaAssignment).where(AreaAssignment.deleted.is_(False), AreaAssignment.from_date.is_not(None))
        if group_id is not None:
            query = query.where(AreaAssignment.group_id == group_id)
        if ward_id is not None:
            query = query.where(AreaAssignment.ward_id == ward_id)
        rows = list(session.scalars(query))
        teams = _team_names(session)
        groups = dict(session.execute(select(ResidentialGroup.id, ResidentialGroup.name)).all())
    steps = [AreaStep(r.id, r.group_id or "", groups.get(r.group_id or "", ""), r.team_id, teams.get(r.team_id or "", ""),
                      r.from_team_id, teams.get(r.from_team_id or "", ""), _date(r.from_date), r.made_at) for r in rows]
    return sorted(steps, key=lambda s: (s.from_date, s.id), reverse=True)


def assignment_effect(session: Session, group_id: str, from_date: dt.date, ward_id: str | None = None) -> tuple[str | None, bool]:
    """What assigning ``group_id`` from ``from_date`` means: the team it leaves (its team that
    day) and whether the group's current team changes too (no assignment dated later exists).
    The leader's ``assign_group`` and the office console's write share this rule."""
    previous = team_of_groups(session, from_date, ward_id).get(group_id)
    rows = _history(session, ward_id).get(group_id, [])
    return previous, not rows or from_date >= rows[-1][0]


def _date(value: Any) -> dt.date:
    assert isinstance(value, dt.date)
    return value


def assign_group(store: Store, actor: Actor, group_id: str, team_id: str | None, from_date: dt.date) -> str:
    """Put ``group_id`` into ``team_id``'s area from ``from_date`` (``team_id`` None: release it
    into no team's); returns the history row's id. A leader takes a group into their own team,
    or releases one of their own (the server's rule, server/rights.py); one transaction writes
    the history row and, unless an assignment dated later exists, the group's current team."""
    require_leader(actor, "giao địa bàn cho đội", "assign areas to teams")
    if team_id is not None and team_id != actor.team_id:
        raise PermissionDenied("Đội trưởng chỉ nhận tổ dân phố về đội mình.",
                               "A leader takes groups into their own team's area only.")
    with store.write() as tx:
        group = tx.session.get(ResidentialGroup, group_id)
        if group is None or group.deleted:
            raise NotFound("Không tìm thấy tổ dân phố.", "Residential group not found.")
        previous, moves_current = assignment_effect(tx.session, group_id, from_date)
        if team_id is None and previous != actor.team_id:
            raise PermissionDenied("Đội trưởng chỉ trả lại tổ dân phố của đội mình.",
                                   "A leader releases only their own team's groups.")
        row = tx.recorder.create(AreaAssignment, {
            "group_id": group_id, "team_id": team_id, "from_team_id": previous, "from_date": from_date,
            "made_by": actor.member_id, "made_at": now_local(), "ward_id": group.ward_id or actor.ward_id})
        if moves_current:
            tx.recorder.update(group, {"team_id": team_id})
        return row.id

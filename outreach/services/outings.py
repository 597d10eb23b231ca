"""Outings (buổi đi cơ sở): a team out on one day, from start to end (issue 12).

A leader starts an outing with who went, the groups and streets planned and a note, and ends it
when the team is back. While it is open (started, not ended, dated today), every visit the
team's members save that day belongs to it (``services/visits.record_visit`` asks
``open_outing_id``), so a report counts sessions held and the households and people each reached
without anyone ticking a box per visit. One open outing per team at a time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from outreach.errors import NotFound, PermissionDenied, Problems
from outreach.model import Outing, Visit
from outreach.model.field_rules import clean_text
from outreach.services.context import Actor, require_leader
from outreach.store.database import Store
from outreach.timeutil import now_local, today_local


@dataclass(frozen=True)
class OutingInput:
    """What the leader fills in when the team sets out."""

    members: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    streets: list[str] = field(default_factory=list)
    notes: str = ""


@dataclass(frozen=True)
class OutingView:
    id: str
    team_id: str | None
    day: dt.date | None
    members: list[str]
    groups: list[str]
    streets: list[str]
    started_at: dt.datetime | None
    ended_at: dt.datetime | None
    notes: str
    visits: int

    @property
    def is_open(self) -> bool:
        return self.started_at is not None and self.ended_at is None


def open_outing_id(session: Session, team_id: str | None, day: dt.date) -> str | None:
    """The team's outing open on ``day`` (started, not ended), the latest started; None if none."""
    if not team_id:
        return None
    return session.scalar(
        select(Outing.id).where(Outing.team_id == team_id, Outing.day == day, Outing.deleted.is_(False),
                                Outing.started_at.is_not(None), Outing.ended_at.is_(None))
        .order_by(Outing.started_at.desc(), Outing.id.desc()).limit(1))


def _streets(streets: list[str]) -> list[str]:
    cleaned = (" ".join(clean_text(s).split()) for s in streets)
    return list(dict.fromkeys(s for s in cleaned if s))


def start_outing(store: Store, actor: Actor, data: OutingInput) -> str:
    """Open today's outing of the leader's team; refused while another one is open."""
    require_leader(actor, "bắt đầu buổi đi cơ sở", "start an outing")
    if not actor.team_id:
        raise PermissionDenied("Máy này chưa thuộc đội nào.", "This laptop belongs to no team.")
    now = now_local().replace(microsecond=0)
    with store.write() as tx:
        if open_outing_id(tx.session, actor.team_id, now.date()) is not None:
            problems = Problems()
            problems.add("outing", "outing_open", "Đội đang có một buổi đi cơ sở chưa kết thúc: hãy kết thúc buổi đó trước.",
                         "The team has an outing still open: end it first.")
            problems.raise_if_any()
        members = list(dict.fromkeys([*data.members, *([actor.member_id] if actor.member_id else [])]))
        row = tx.recorder.create(Outing, {
            "team_id": actor.team_id, "day": now.date(), "members": members,
            "planned": {"groups": list(dict.fromkeys(data.groups)), "streets": _streets(data.streets)},
            "started_at": now, "notes": clean_text(data.notes, multi_line=True).strip(), "led_by": actor.member_id,
            "ward_id": actor.ward_id})
        return row.id


def end_outing(store: Store, actor: Actor, outing_id: str, notes: str | None = None) -> None:
    """Close an outing (its end time now); ``notes`` replaces its note when given."""
    require_leader(actor, "kết thúc buổi đi cơ sở", "end an outing")
    with store.write() as tx:
        row = tx.session.get(Outing, outing_id)
        if row is None or row.deleted:
            raise NotFound("Không tìm thấy buổi đi cơ sở.", "Outing not found.")
        if row.team_id != actor.team_id:
            raise PermissionDenied("Chỉ đội trưởng của đội được kết thúc buổi này.", "Only a leader of its team may end it.")
        values: dict[str, object] = {"ended_at": max(now_local().replace(microsecond=0), row.started_at or now_local())}
        if notes is not None:
            values["notes"] = clean_text(notes, multi_line=True).strip()
        tx.recorder.update(row, values)


def list_outings(store: Store, team_id: str | None, start: dt.date, end: dt.date) -> list[OutingView]:
    """The outings of ``team_id`` (None: every team) dated ``start``..``end``, newest first, with
    how many visits each holds."""
    with store.read() as session:
        query = select(Outing).where(Outing.deleted.is_(False), Outing.day >= start, Outing.day <= end)
        if team_id is not None:
            query = query.where(Outing.team_id == team_id)
        rows = list(session.scalars(query))
        counts = dict(session.execute(
            select(Visit.outing_id, func.count()).where(Visit.deleted.is_(False), Visit.outing_id.in_([r.id for r in rows]))
            .group_by(Visit.outing_id)).all()) if rows else {}
    views = [OutingView(r.id, r.team_id, r.day, list(r.members or []), list((r.planned or {}).get("groups", [])),
                        list((r.planned or {}).get("streets", [])), r.started_at, r.ended_at, r.notes or "",
                        int(counts.get(r.id, 0))) for r in rows]
    return sorted(views, key=lambda v: (v.day or dt.date.min, v.started_at or dt.datetime.min, v.id), reverse=True)


def current_outing(store: Store, team_id: str | None) -> OutingView | None:
    """The team's outing open today, if any (what the screen shows and the end button ends)."""
    today = today_local()
    with store.read() as session:
        outing_id = open_outing_id(session, team_id, today)
    if outing_id is None:
        return None
    return next((o for o in list_outings(store, team_id, today, today) if o.id == outing_id), None)

"""A team's targets per period (issue 12): households reached, priority households reached,
dossiers filed online, set by the team's leader.

A target's id is derived from (team, period, metric), so setting the same target again (or two
leaders setting it at once) edits one row instead of adding a second. Progress against it is
computed with the other coverage figures (``services/area_coverage.py``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from outreach.errors import NotFound, PermissionDenied, Problems
from outreach.model import Target
from outreach.model.field_rules import MAX_TARGET_VALUE
from outreach.model.ids import stable_id
from outreach.services.context import Actor, require_leader
from outreach.store.database import Store
from outreach.vocabulary import TargetMetric


@dataclass(frozen=True)
class TargetView:
    id: str
    team_id: str
    period_start: dt.date
    period_end: dt.date
    metric: str
    value: int


def target_id(team_id: str, start: dt.date, end: dt.date, metric: str) -> str:
    return stable_id("target", team_id, start.isoformat(), end.isoformat(), metric)


def set_target(store: Store, actor: Actor, team_id: str, start: dt.date, end: dt.date, metric: str, value: int) -> str:
    """Set (or change) the team's target of ``metric`` for ``start``..``end``; returns its id."""
    require_leader(actor, "đặt chỉ tiêu", "set targets")
    if team_id != actor.team_id:
        raise PermissionDenied("Đội trưởng chỉ đặt chỉ tiêu cho đội mình.", "A leader sets targets for their own team only.")
    problems = Problems()
    if metric not in tuple(TargetMetric):
        problems.add("metric", "not_member", "Chỉ tiêu không hợp lệ.", "Not a target metric.")
    if end < start:
        problems.add("period_end", "before_start", "Ngày kết thúc trước ngày bắt đầu.", "The period ends before it starts.")
    if not 0 < value <= MAX_TARGET_VALUE:
        problems.add("value", "out_of_range", f"Chỉ tiêu phải từ 1 đến {MAX_TARGET_VALUE}.",
                     f"A target must be from 1 to {MAX_TARGET_VALUE}.")
    problems.raise_if_any()
    row_id = target_id(team_id, start, end, metric)
    with store.write() as tx:
        row = tx.session.get(Target, row_id)
        if row is None:
            tx.recorder.create(Target, {"team_id": team_id, "period_start": start, "period_end": end, "metric": metric,
                                        "value": value, "ward_id": actor.ward_id}, id=row_id)
        else:
            tx.recorder.update(row, {"value": value, "deleted": False})
    return row_id


def remove_target(store: Store, actor: Actor, row_id: str) -> None:
    require_leader(actor, "xoá chỉ tiêu", "remove targets")
    with store.write() as tx:
        row = tx.session.get(Target, row_id)
        if row is None or row.deleted:
            raise NotFound("Không tìm thấy chỉ tiêu.", "Target not found.")
        if row.team_id != actor.team_id:
            raise PermissionDenied("Đội trưởng chỉ xoá chỉ tiêu của đội mình.", "A leader removes their own team's targets only.")
        tx.recorder.delete(row)


def list_targets(store: Store, team_id: str | None = None, overlapping: tuple[dt.date, dt.date] | None = None) -> list[TargetView]:
    """The live targets (of one team, or all; of periods overlapping ``overlapping``), by period."""
    with store.read() as session:
        return targets_in(session, team_id, overlapping)


def targets_in(session: Session, team_id: str | None = None,
               overlapping: tuple[dt.date, dt.date] | None = None) -> list[TargetView]:
    """``list_targets`` inside an open read (the coverage computation's)."""
    query = select(Target).where(Target.deleted.is_(False), Target.period_start.is_not(None), Target.period_end.is_not(None))
    if team_id is not None:
        query = query.where(Target.team_id == team_id)
    if overlapping is not None:
        query = query.where(Target.period_start <= overlapping[1], Target.period_end >= overlapping[0])
    views = [TargetView(r.id, r.team_id or "", r.period_start, r.period_end, r.metric, int(r.value or 0))
             for r in session.scalars(query) if r.period_start is not None and r.period_end is not None]
    order: dict[str, int] = {m: i for i, m in enumerate(TargetMetric)}
    return sorted(views, key=lambda t: (t.period_start, t.team_id, order.get(t.metric, 99)))

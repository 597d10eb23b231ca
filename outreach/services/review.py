"""The leader's weekly review: approve, flag with a note, lock and unlock weeks.

A flagged visit becomes a to-do for its volunteer (see ``visits.follow_ups``); when the volunteer
edits it, it turns "corrected" and waits for the leader again. Approving a week approves its
pending and corrected visits and nothing else: it never locks, because a running week still
receives the volunteers' visits (a locked week refuses them all). Locking is its own action, for
weeks that have ended only; a leader may unlock any week.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from outreach.errors import NotFound, Problems
from outreach.model import Visit, WeekLock
from outreach.services.audit import record_in
from outreach.services.context import Actor, require_leader
from outreach.services.visits import week_lock_id
from outreach.store.database import Store, WriteContext
from outreach.timeutil import iso_week_bounds, iso_week_of, now_local, today_local
from outreach.vocabulary import AuditAction, RecordKind, ReviewStatus


def _visit(tx: WriteContext, visit_id: str) -> Visit:
    visit = tx.session.get(Visit, visit_id)
    if visit is None or visit.deleted:
        raise NotFound("Không tìm thấy lần thăm hộ.", "Visit not found.")
    return visit


def approve_visit(store: Store, actor: Actor, visit_id: str) -> None:
    require_leader(actor, "duyệt lần thăm hộ", "approve visits")
    with store.write() as tx:
        tx.recorder.update(
            _visit(tx, visit_id),
            {"review_status": ReviewStatus.APPROVED, "review_note": "", "reviewed_by": actor.member_id, "reviewed_at": now_local()},
        )
        record_in(tx.session, actor, AuditAction.REVIEW_APPROVE, f"visit {visit_id}", target_kind=RecordKind.VISIT, target_id=visit_id)


def flag_visit(store: Store, actor: Actor, visit_id: str, note: str) -> None:
    """Send a visit back to its volunteer with a note saying what to correct."""
    require_leader(actor, "đánh dấu lần thăm hộ cần sửa", "flag visits")
    problems = Problems()
    if not note.strip():
        problems.add("review_note", "required", "Cần ghi rõ điều cần sửa.", "Say what needs correcting.")
    if len(note) > 2000:
        problems.add("review_note", "too_long", "Ghi chú quá dài (tối đa 2000 ký tự).", "Note too long (2,000 characters at most).")
    problems.raise_if_any()
    with store.write() as tx:
        tx.recorder.update(
            _visit(tx, visit_id),
            {
                "review_status": ReviewStatus.FLAGGED,
                "review_note": note.strip(),
                "reviewed_by": actor.member_id,
                "reviewed_at": now_local(),
            },
        )
        record_in(tx.session, actor, AuditAction.REVIEW_FLAG, f"visit {visit_id}", target_kind=RecordKind.VISIT, target_id=visit_id)


def week_has_ended(iso_week: str, today: dt.date | None = None) -> bool:
    """Whether the ISO week is over (its Sunday is before ``today``): only such a week may be locked,
    since locking the running or a future week would refuse every volunteer's new visit in it."""
    _monday, next_monday = iso_week_bounds(iso_week)
    return next_monday <= (today or today_local())


def set_week_lock(store: Store, actor: Actor, team_id: str, iso_week: str, locked: bool) -> None:
    """Lock an ended week against edits, or unlock any week; refuses locking a week not yet over."""
    require_leader(actor, "khoá hoặc mở khoá tuần", "lock or unlock weeks")
    iso_week_bounds(iso_week)  # validates the label
    if locked and not week_has_ended(iso_week):
        problems = Problems()
        current = iso_week == iso_week_of(today_local())
        problems.add(
            "iso_week", "week_not_ended",
            ("Không thể khoá tuần đang diễn ra" if current else "Không thể khoá một tuần chưa đến")
            + f" ({iso_week}): các tình nguyện viên vẫn đang ghi lần thăm hộ. Chỉ khoá được tuần đã kết thúc.",
            ("Cannot lock the running week" if current else "Cannot lock a week that has not come yet")
            + f" ({iso_week}): volunteers are still recording visits. Only a week that has ended can be locked.",
        )
        problems.raise_if_any()
    with store.write() as tx:
        _set_lock(tx, actor, team_id, iso_week, locked)
        record_in(tx.session, actor, AuditAction.REVIEW_LOCK, f"week {iso_week}", {"locked": locked, "iso_week": iso_week},
                  target_kind=RecordKind.TEAM, target_id=team_id)


def _set_lock(tx: WriteContext, actor: Actor, team_id: str, iso_week: str, locked: bool) -> None:
    lock_id = week_lock_id(team_id, iso_week)
    row = tx.session.get(WeekLock, lock_id)
    values = {"locked": locked, "changed_by": actor.member_id, "changed_at": now_local(), "deleted": False}
    if row is None:
        tx.recorder.create(WeekLock, {**values, "team_id": team_id, "iso_week": iso_week, "ward_id": actor.ward_id}, id=lock_id)
    else:
        tx.recorder.update(row, values)


def _week_range(iso_week: str) -> tuple[dt.datetime, dt.datetime]:
    monday, next_monday = iso_week_bounds(iso_week)
    return dt.datetime.combine(monday, dt.time()), dt.datetime.combine(next_monday, dt.time())


@dataclass(frozen=True)
class WeekApproval:
    """What "approve the whole week" would do, for the leader's confirmation: ``to_approve`` pending
    or corrected visits become approved; ``flagged`` stay flagged; ``approved`` already are."""

    iso_week: str
    to_approve: int
    flagged: int
    approved: int


def week_approval(store: Store, team_id: str, iso_week: str) -> WeekApproval:
    """Count the team's visits of the week by what approving it would do (the log's filters aside)."""
    start, end = _week_range(iso_week)
    with store.read() as session:
        statuses = session.scalars(
            select(Visit.review_status).where(
                Visit.deleted.is_(False), Visit.team_id == team_id, Visit.started_at >= start, Visit.started_at < end
            )
        ).all()
    to_approve = sum(1 for s in statuses if s in (ReviewStatus.PENDING, ReviewStatus.CORRECTED))
    return WeekApproval(iso_week, to_approve, statuses.count(ReviewStatus.FLAGGED), statuses.count(ReviewStatus.APPROVED))


def approve_week(store: Store, actor: Actor, team_id: str, iso_week: str) -> int:
    """Approve every pending or corrected visit of the team's week; returns how many.

    Flagged visits stay flagged: the volunteer still owes a correction, and approving over it
    would hide that. The week is not locked: that is ``set_week_lock``, for ended weeks.
    """
    require_leader(actor, "duyệt tuần", "approve weeks")
    start, end = _week_range(iso_week)
    with store.write() as tx:
        visits = tx.session.scalars(
            select(Visit).where(
                Visit.deleted.is_(False),
                Visit.team_id == team_id,
                Visit.started_at >= start,
                Visit.started_at < end,
                Visit.review_status.in_((ReviewStatus.PENDING, ReviewStatus.CORRECTED)),
            )
        ).all()
        now = now_local()
        for visit in visits:
            tx.recorder.update(visit, {"review_status": ReviewStatus.APPROVED, "reviewed_by": actor.member_id, "reviewed_at": now})
        record_in(tx.session, actor, AuditAction.REVIEW_APPROVE, f"week {iso_week}", {"iso_week": iso_week, "visits": len(visits)},
                  target_kind=RecordKind.TEAM, target_id=team_id)
        return len(visits)

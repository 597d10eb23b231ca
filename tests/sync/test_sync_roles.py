"""Server-side role checks (DESIGN.md §4.10, §4.17): only a leader's device reviews visits and
locks weeks. A volunteer's change that tries is refused as ``leader_only`` and none of it is
applied; a volunteer still records visits and sends flagged ones back as corrected.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select

from outreach.model import Visit, WeekLock
from outreach.model.clock import HybridLogicalClock, new_node_id
from outreach.model.codec import encode_value
from outreach.model.ids import uuid7
from outreach.server.push import LEADER_ONLY
from outreach.sync.transport import HttpTransport
from tests.helpers.sync import WardSetup, enrol_fast, fast_store


def visit_fields(ward: WardSetup, stamp: str, **values: Any) -> dict[str, list[Any]]:
    base = {"ward_id": ward.ward_id, "household_id": uuid7(), "team_id": ward.team_id, "volunteer_id": uuid7(),
            "members_present": [], "started_at": "2026-03-02T09:00:00", "outcome": "helped", "topics": [], "notes": "",
            "follow_up_date": None, "follow_up_done": False, "satisfaction": None, "review_status": "pending",
            "review_note": "", "reviewed_by": None, "reviewed_at": None, "deleted": False, **values}
    return {name: [value, stamp] for name, value in base.items()}


def push(transport: HttpTransport, *changes: tuple[str, str, dict[str, list[Any]]]) -> list[tuple[str, str | None]]:
    body = {
        "changes": [
            {"change_id": uuid7(), "entity": entity, "entity_id": entity_id, "fields": fields} for entity, entity_id, fields in changes
        ]
    }
    return [(r["status"], r.get("reason")) for r in transport.post("/sync/push", body)["results"]]


def lock_week(ward: WardSetup, clock: HybridLogicalClock) -> tuple[str, str, dict[str, list[Any]]]:
    """A new week lock of 2026-W10 for the ward's team, as a push change (leaders only)."""
    fields = {"ward_id": ward.ward_id, "team_id": ward.team_id, "iso_week": "2026-W10", "locked": True}
    return ("week_lock", uuid7(), {name: [value, clock.now()] for name, value in fields.items()})


def server_visit(ward: WardSetup, visit_id: str) -> dict[str, Any]:
    with ward.server.db.read() as conn:
        row = conn.execute(select(Visit.__table__).where(Visit.__table__.c.id == visit_id)).mappings().one()
        return {k: encode_value(v) for k, v in row.items()}


def test_only_a_leader_reviews_visits_and_locks_weeks(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    ward = ward_setup
    volunteer = enrol_fast(ward, fast_store(template_root, tmp_path / "volunteer"), role="volunteer")
    leader = enrol_fast(ward, fast_store(template_root, tmp_path / "leader"), role="leader")
    clock = HybridLogicalClock(new_node_id())
    visit_id, reviewed_id = uuid7(), uuid7()

    # a volunteer records visits (review at its defaults) ...
    assert push(volunteer, ("visit", visit_id, visit_fields(ward, clock.now()))) == [("applied", None)]
    # ... but cannot record one already approved, nor approve, flag or annotate one
    now = dt.datetime(2026, 3, 3, 10, 0).isoformat()
    refused = push(
        volunteer,
        ("visit", reviewed_id, visit_fields(ward, clock.now(), review_status="approved", reviewed_by=uuid7(), reviewed_at=now)),
        ("visit", visit_id, {"review_status": ["approved", clock.now()]}),
        ("visit", visit_id, {"review_note": ["tự duyệt", clock.now()]}),
        # a review field with an everyday edit: the whole change is refused, the note stays too
        ("visit", visit_id, {"notes": ["ghi chú mới", clock.now()], "reviewed_at": [now, clock.now()]}),
        lock_week(ward, clock),
    )
    assert refused == [("rejected", LEADER_ONLY)] * 5
    row = server_visit(ward, visit_id)
    assert (row["review_status"], row["review_note"], row["reviewed_at"], row["notes"]) == ("pending", "", None, "")
    with ward.server.db.read() as conn:
        assert conn.execute(select(Visit.id).where(Visit.id == reviewed_id)).first() is None
        assert conn.execute(select(WeekLock.id).where(WeekLock.ward_id == ward.ward_id)).first() is None

    # the leader flags it; the volunteer corrects it (flagged -> corrected is theirs to send)
    leader_id = uuid7()
    assert push(
        leader,
        (
            "visit",
            visit_id,
            {
                "review_status": ["flagged", clock.now()],
                "review_note": ["Bổ sung mã hồ sơ", clock.now()],
                "reviewed_by": [leader_id, clock.now()],
                "reviewed_at": [now, clock.now()],
            },
        ),
    ) == [("applied", None)]
    assert push(volunteer, ("visit", visit_id, {"notes": ["đã bổ sung", clock.now()], "review_status": ["corrected", clock.now()]})) == [
        ("applied", None)
    ]
    # ... and cannot approve it afterwards, nor take the leader's note away
    assert (
        push(
            volunteer,
            ("visit", visit_id, {"review_status": ["approved", clock.now()]}),
            ("visit", visit_id, {"review_note": ["", clock.now()]}),
        )
        == [("rejected", LEADER_ONLY)] * 2
    )
    row = server_visit(ward, visit_id)
    assert (row["review_status"], row["review_note"], row["reviewed_by"], row["notes"]) == (
        "corrected",
        "Bổ sung mã hồ sơ",
        leader_id,
        "đã bổ sung",
    )

    # the leader approves and locks the week
    assert (
        push(
            leader,
            ("visit", visit_id, {"review_status": ["approved", clock.now()]}),
            lock_week(ward, clock),
        )
        == [("applied", None)] * 2
    )
    assert server_visit(ward, visit_id)["review_status"] == "approved"
    volunteer.close()
    leader.close()


def test_a_volunteers_bulk_push_of_reviewed_visits_is_refused_too(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    """The column-wise path for whole new rows applies the same rule."""
    volunteer = enrol_fast(ward_setup, fast_store(template_root, tmp_path / "volunteer"), role="volunteer")
    clock = HybridLogicalClock(new_node_id())
    fine = [("visit", uuid7(), visit_fields(ward_setup, clock.now())) for _ in range(100)]
    approved = [("visit", uuid7(), visit_fields(ward_setup, clock.now(), review_status="approved")) for _ in range(2)]
    answers = push(volunteer, *fine[:50], *approved, *fine[50:])
    assert answers == [("applied", None)] * 50 + [("rejected", LEADER_ONLY)] * 2 + [("applied", None)] * 50
    assert push(volunteer, *[("visit", uuid7(), visit_fields(ward_setup, clock.now())) for _ in range(100)]) == [("applied", None)] * 100
    volunteer.close()

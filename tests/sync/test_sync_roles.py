"""Server-side role checks (DESIGN.md §4.10, §4.17): only a leader's device reviews visits and
locks weeks. A volunteer's change that tries is refused as ``leader_only`` and none of it is
applied; a volunteer still records visits and sends flagged ones back as corrected.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from outreach.model import Visit, WeekLock
from outreach.model.clock import HybridLogicalClock, new_node_id
from outreach.model.codec import encode_value
from outreach.model.entities import ENTITY_BY_NAME
from outreach.model.ids import uuid7
from outreach.model.rowio import field_defaults, field_names, page_inserter
from outreach.server import push as server_push
from outreach.server.push import LEADER_ONLY
from outreach.sync.transport import HttpTransport
from tests.helpers.sync import WardSetup, enrol_fast, fast_store


def enrol(ward: WardSetup, template_root: Path, folder: Path, role: str = "volunteer") -> tuple[HttpTransport, str]:
    """A fast profile enrolled as a new member of the ward's team: its transport and member id."""
    store = fast_store(template_root, folder)
    transport = enrol_fast(ward, store, role=role)
    member_id = store.profile.member_id
    store.close()
    assert member_id is not None
    return transport, member_id


def visit_fields(ward: WardSetup, stamp: str, volunteer_id: str, **values: Any) -> dict[str, list[Any]]:
    """Every field of a new visit the member ``volunteer_id`` recorded, stamped ``stamp``."""
    base = {"ward_id": ward.ward_id, "household_id": uuid7(), "team_id": ward.team_id, "volunteer_id": volunteer_id,
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
    volunteer, me = enrol(ward, template_root, tmp_path / "volunteer")
    leader, _leader_id = enrol(ward, template_root, tmp_path / "leader", role="leader")
    clock = HybridLogicalClock(new_node_id())
    visit_id, reviewed_id = uuid7(), uuid7()

    # a volunteer records visits (review at its defaults) ...
    assert push(volunteer, ("visit", visit_id, visit_fields(ward, clock.now(), me))) == [("applied", None)]
    # ... but cannot record one already approved, nor approve, flag or annotate one
    now = dt.datetime(2026, 3, 3, 10, 0).isoformat()
    refused = push(
        volunteer,
        ("visit", reviewed_id, visit_fields(ward, clock.now(), me, review_status="approved", reviewed_by=uuid7(), reviewed_at=now)),
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
    volunteer, me = enrol(ward_setup, template_root, tmp_path / "volunteer")
    clock = HybridLogicalClock(new_node_id())
    fine = [("visit", uuid7(), visit_fields(ward_setup, clock.now(), me)) for _ in range(100)]
    approved = [("visit", uuid7(), visit_fields(ward_setup, clock.now(), me, review_status="approved")) for _ in range(2)]
    answers = push(volunteer, *fine[:50], *approved, *fine[50:])
    assert answers == [("applied", None)] * 50 + [("rejected", LEADER_ONLY)] * 2 + [("applied", None)] * 50
    more = [("visit", uuid7(), visit_fields(ward_setup, clock.now(), me)) for _ in range(100)]
    assert push(volunteer, *more) == [("applied", None)] * 100
    volunteer.close()


#: What only a leader may send, each as the values of a whole new row.
LEADER_ONLY_ROWS: dict[str, tuple[str, dict[str, Any]]] = {
    "approved visit": ("visit", {"review_status": "approved", "reviewed_by": "leader-1", "reviewed_at": "2026-03-03T10:00:00"}),
    "flagged visit": ("visit", {"review_status": "flagged", "review_note": "Bổ sung mã hồ sơ"}),
    "week lock": ("week_lock", {"iso_week": "2026-W10", "locked": True}),
}


def whole_row(ward: WardSetup, entity: str, volunteer_id: str, **values: Any) -> dict[str, Any]:
    """Every synced field of a new row (defaults, then ``values``) recorded by ``volunteer_id``, as wire values."""
    cls = ENTITY_BY_NAME[entity]
    base = {"team_id": ward.team_id, "household_id": uuid7(), "volunteer_id": volunteer_id, "started_at": "2026-03-02T09:00:00"}
    row = field_defaults(cls) | {k: v for k, v in base.items() if k in field_names(cls)} | {"ward_id": ward.ward_id, **values}
    return {name: encode_value(value) for name, value in row.items()}


@pytest.mark.parametrize("path", ["change by change", "in bulk"])
@pytest.mark.parametrize("case", list(LEADER_ONLY_ROWS))
def test_the_role_rule_is_the_same_on_both_apply_paths(
    ward_setup: WardSetup, template_root: Path, tmp_path: Path, case: str, path: str
) -> None:
    """One rule (``server.push._needs_leader``) decides for whole new rows written column-wise
    and for changes applied one by one: a volunteer's is refused, nothing of it applied; the
    everyday rows beside it apply; the same from a leader applies."""
    ward = ward_setup
    volunteer, me = enrol(ward, template_root, tmp_path / "volunteer")
    leader, _leader_id = enrol(ward, template_root, tmp_path / "leader", role="leader")
    clock = HybridLogicalClock(new_node_id())
    entity, values = LEADER_ONLY_ROWS[case]
    count = 1 if path == "change by change" else 2 * server_push._BULK_MIN

    def body(rows: list[tuple[str, str, dict[str, Any]]]) -> dict[str, Any]:
        return {
            "changes": [
                {"change_id": uuid7(), "entity": e, "entity_id": i, "stamp": clock.now(), "values": v, "bases": {}} for e, i, v in rows
            ]
        }

    everyday = [("visit", uuid7(), whole_row(ward, "visit", me)) for _ in range(count)]
    refused = [(entity, uuid7(), whole_row(ward, entity, me, **values)) for _ in range(count)]
    request = body(everyday + refused)
    # the path asked for is the path taken (the column-wise one exists on SQLite only)
    dialect = ward.server.db.engine.dialect
    batches = server_push._new_row_batches(dialect, server_push._structure(request), ward.ward_id, 2**62, leader=False)
    in_bulk = {change.entity_id for batch in batches for change in batch.raws}
    column_wise = path == "in bulk" and page_inserter(dialect, Visit) is not None
    assert in_bulk == ({i for _e, i, _v in everyday} if column_wise else set())

    answers = [(r["status"], r.get("reason")) for r in volunteer.post("/sync/push", request)["results"]]
    assert answers == [("applied", None)] * count + [("rejected", LEADER_ONLY)] * count
    table = ENTITY_BY_NAME[entity].__table__  # type: ignore[attr-defined]
    with ward.server.db.read() as conn:
        assert conn.execute(select(table.c.id).where(table.c.id.in_([i for _e, i, _v in refused]))).first() is None
    again = [(entity, uuid7(), whole_row(ward, entity, me, **values)) for _ in range(count)]
    assert [r["status"] for r in leader.post("/sync/push", body(again))["results"]] == ["applied"] * count
    volunteer.close()
    leader.close()

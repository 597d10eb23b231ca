"""Write rights the server decides (outreach/server/rights.py, docs/server.md "Write rights"):
the flag-and-correct loop, week locks, who writes which entity, cross-ward references. Against a
real server on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from outreach.model import Filing, Household, Resident, Team, TeamMember, Visit, Ward
from outreach.model.clock import HybridLogicalClock, new_node_id
from outreach.model.ids import uuid7
from outreach.server import admin
from outreach.server import push as server_push
from outreach.server.db import open_db
from outreach.services import demo_data
from outreach.services.context import Actor
from outreach.services.device import needs_attention
from outreach.services.households import HouseholdInput, register_household
from outreach.services.review import flag_visit
from outreach.services.visits import VisitInput, get_visit, record_visit, update_visit
from outreach.store.database import Store
from outreach.sync.client import run_sync
from outreach.sync.transport import HttpTransport
from outreach.timeutil import iso_week_of, today_local
from outreach.wire.reasons import Reason, message
from tests.helpers.sync import LiveServer, WardSetup, enrol_fast, fast_store, make_ward
from tests.sync.test_sync_roles import enrol, push, server_visit, visit_fields, whole_row

W10 = dt.datetime(2026, 3, 2, 9, 0)  # Monday of 2026-W10
W11 = dt.datetime(2026, 3, 9, 9, 0)


def actor_of(store: Store, name: str = "Phạm Quang Huy") -> Actor:
    p = store.profile
    return Actor(p.member_id, name, p.role, p.ward_id, p.team_id)


def laptop(ward: WardSetup, template_root: Path, folder: Path, role: str = "volunteer") -> tuple[Store, HttpTransport]:
    store = fast_store(template_root, folder)
    transport = enrol_fast(ward, store, role=role)
    run_sync(store, transport=transport)
    return store, transport


def fields(clock: HybridLogicalClock, **values: Any) -> dict[str, list[Any]]:
    stamp = clock.now()
    return {name: [value, stamp] for name, value in values.items()}


def lock(ward: WardSetup, clock: HybridLogicalClock, iso_week: str = "2026-W10", locked: bool = True,
         team_id: str | None = None) -> tuple[str, str, dict[str, list[Any]]]:
    return ("week_lock", uuid7(), fields(clock, ward_id=ward.ward_id, team_id=team_id or ward.team_id, iso_week=iso_week, locked=locked))


def filing_fields(ward: WardSetup, clock: HybridLogicalClock, visit_id: Any, **values: Any) -> dict[str, list[Any]]:
    base: dict[str, Any] = {"ward_id": ward.ward_id, "visit_id": visit_id, "resident_id": None, "procedure_code": "1.001757", "dossier": {},
            "status": "prepared", "fee_paid_online": False, "submitted_at": None, "deleted": False}
    return fields(clock, **{**base, **values})


def test_a_volunteer_corrects_their_own_flagged_visit_and_the_leader_sees_it(
    ward_setup: WardSetup, template_root: Path, tmp_path: Path
) -> None:
    """The flag-and-correct loop through two laptops; another volunteer may not correct it."""
    ward = ward_setup
    vol_store, vol_link = laptop(ward, template_root, tmp_path / "volunteer")
    lead_store, lead_link = laptop(ward, template_root, tmp_path / "leader", role="leader")
    volunteer, leader = actor_of(vol_store), actor_of(lead_store, "Lê Thị Hạnh")
    household = register_household(vol_store, volunteer, HouseholdInput(head_name="Đặng Văn Đức", address={"street": "Đội Cấn"}))
    visit = record_visit(vol_store, volunteer, VisitInput(household.id, W10, notes="Hỗ trợ VNeID"))
    assert run_sync(vol_store, transport=vol_link).rejected == 0

    run_sync(lead_store, transport=lead_link)
    flag_visit(lead_store, leader, visit.id, "Bổ sung mã hồ sơ")
    assert run_sync(lead_store, transport=lead_link).rejected == 0

    run_sync(vol_store, transport=vol_link)
    assert get_visit(vol_store, visit.id).review_status == "flagged"
    update_visit(vol_store, volunteer, visit.id, VisitInput(household.id, W10, notes="Đã bổ sung mã hồ sơ H01.12"))
    report = run_sync(vol_store, transport=vol_link)
    assert (report.rejected, needs_attention(vol_store)) == (0, [])

    run_sync(lead_store, transport=lead_link)
    seen = get_visit(lead_store, visit.id)
    assert (seen.review_status, seen.notes, seen.review_note) == ("corrected", "Đã bổ sung mã hồ sơ H01.12", "Bổ sung mã hồ sơ")

    # flagged again: another volunteer of the team can neither send it back as corrected nor edit it
    flag_visit(lead_store, leader, visit.id, "Thiếu ảnh giấy tờ")
    assert run_sync(lead_store, transport=lead_link).rejected == 0
    other, _other_id = enrol(ward, template_root, tmp_path / "other")
    clock = HybridLogicalClock(new_node_id())
    assert push(
        other,
        ("visit", visit.id, fields(clock, review_status="corrected")),
        ("visit", visit.id, fields(clock, notes="sửa hộ")),
    ) == [("rejected", Reason.NOT_PERMITTED)] * 2
    row = server_visit(ward, visit.id)
    assert (row["review_status"], row["notes"]) == ("flagged", "Đã bổ sung mã hồ sơ H01.12")
    for closing in (vol_store, lead_store, vol_link, lead_link, other):
        closing.close()


@pytest.mark.parametrize("path", ["change by change", "in bulk"])
def test_a_locked_week_refuses_a_volunteers_visits_and_filings(
    ward_setup: WardSetup, template_root: Path, tmp_path: Path, path: str
) -> None:
    ward = ward_setup
    volunteer, me = enrol(ward, template_root, tmp_path / "volunteer")
    leader, _leader_id = enrol(ward, template_root, tmp_path / "leader", role="leader")
    clock = HybridLogicalClock(new_node_id())
    visit_id, filing_id, later_id = uuid7(), uuid7(), uuid7()
    assert push(
        volunteer,
        ("visit", visit_id, visit_fields(ward, clock.now(), me, started_at=W10.isoformat())),
        ("filing", filing_id, filing_fields(ward, clock, visit_id)),
        ("visit", later_id, visit_fields(ward, clock.now(), me, started_at=W11.isoformat())),
    ) == [("applied", None)] * 3
    week_lock = lock(ward, clock)
    assert push(leader, week_lock) == [("applied", None)]

    count = 1 if path == "change by change" else 2 * server_push._BULK_MIN
    new_in_locked = [("visit", uuid7(), whole_row(ward, "visit", me, started_at=W10.isoformat())) for _ in range(count)]
    new_elsewhere = [("visit", uuid7(), whole_row(ward, "visit", me, started_at=W11.isoformat())) for _ in range(count)]
    body = {"changes": [{"change_id": uuid7(), "entity": e, "entity_id": i, "stamp": clock.now(), "values": v}
                        for e, i, v in new_in_locked + new_elsewhere]}
    answers = [(r["status"], r.get("reason")) for r in volunteer.post("/sync/push", body)["results"]]
    assert answers == [("rejected", Reason.WEEK_LOCKED)] * count + [("applied", None)] * count
    with ward.server.db.read() as conn:
        assert conn.execute(select(Visit.id).where(Visit.id.in_([i for _e, i, _v in new_in_locked]))).first() is None

    assert push(
        volunteer,
        ("visit", visit_id, fields(clock, notes="sửa sau khi khoá")),  # an edit in the locked week
        ("filing", filing_id, fields(clock, status="submitted")),  # its filing
        ("filing", uuid7(), filing_fields(ward, clock, visit_id)),  # a new filing of it
        ("visit", later_id, fields(clock, started_at=W10.isoformat())),  # moved into the locked week
        ("visit", later_id, fields(clock, notes="tuần sau vẫn sửa được")),
    ) == [("rejected", Reason.WEEK_LOCKED)] * 4 + [("applied", None)]
    assert server_visit(ward, visit_id)["notes"] == ""
    with ward.server.db.read() as conn:
        assert conn.execute(select(Filing.status).where(Filing.id == filing_id)).scalar_one() == "prepared"

    # the leader still may, and after unlocking the volunteer may again
    assert push(leader, ("visit", visit_id, fields(clock, notes="đội trưởng sửa"))) == [("applied", None)]
    assert push(leader, ("week_lock", week_lock[1], fields(clock, locked=False))) == [("applied", None)]
    assert push(volunteer, ("visit", visit_id, fields(clock, notes="đã mở khoá"))) == [("applied", None)]
    volunteer.close()
    leader.close()


def test_a_week_is_locked_only_once_it_has_ended(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    """By the server's clock in the ward's time zone (Asia/Ho_Chi_Minh): this week and later
    weeks cannot be locked, by a leader either; last week can."""
    ward = ward_setup
    leader, _leader_id = enrol(ward, template_root, tmp_path / "leader", role="leader")
    clock = HybridLogicalClock(new_node_id())
    today = today_local()
    this_week, next_week, last_week = (iso_week_of(today + dt.timedelta(days=d)) for d in (0, 7, -7))
    unlocked = lock(ward, clock, this_week, locked=False)
    assert push(leader, lock(ward, clock, this_week), lock(ward, clock, next_week), unlocked) == [
        ("rejected", Reason.WEEK_NOT_ENDED), ("rejected", Reason.WEEK_NOT_ENDED), ("applied", None)]
    assert push(leader, ("week_lock", unlocked[1], fields(clock, locked=True))) == [("rejected", Reason.WEEK_NOT_ENDED)]
    assert push(leader, lock(ward, clock, last_week)) == [("applied", None)]
    leader.close()


def test_the_laptop_explains_a_change_refused_for_a_locked_week(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    """An edit made before the laptop learnt of the lock: refused, and said in words."""
    ward = ward_setup
    vol_store, vol_link = laptop(ward, template_root, tmp_path / "volunteer")
    leader, _leader_id = enrol(ward, template_root, tmp_path / "leader", role="leader")
    volunteer = actor_of(vol_store)
    household = register_household(vol_store, volunteer, HouseholdInput(head_name="Đặng Văn Đức", address={"street": "Đội Cấn"}))
    visit = record_visit(vol_store, volunteer, VisitInput(household.id, W10))
    assert run_sync(vol_store, transport=vol_link).rejected == 0
    assert push(leader, lock(ward, HybridLogicalClock(new_node_id()))) == [("applied", None)]

    update_visit(vol_store, volunteer, visit.id, VisitInput(household.id, W10, notes="sửa muộn"))
    assert run_sync(vol_store, transport=vol_link).rejected == 1
    [item] = needs_attention(vol_store)
    assert (item.entity, item.reason_code) == ("visit", Reason.WEEK_LOCKED)
    assert "khoá" in message(item.reason_code, "vi") and "locked" in message(item.reason_code, "en")
    assert "week_locked" not in message(item.reason_code, "vi")  # a known reason, not the fallback naming the code
    for closing in (vol_store, vol_link, leader):
        closing.close()


def office_row(ward: WardSetup, entity: Any, **values: Any) -> str:
    row_id = uuid7()
    admin.office_write(ward.server.db, entity, row_id, {"ward_id": ward.ward_id, **values}, ward.ward_id, create=True)
    return row_id


def test_write_rights_per_entity(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    """Office data is the office's or the team leader's; a volunteer writes their own visits and
    the ward's households and residents."""
    ward = ward_setup
    volunteer, me = enrol(ward, template_root, tmp_path / "volunteer")
    colleague, colleague_id = enrol(ward, template_root, tmp_path / "colleague")
    leader, leader_id = enrol(ward, template_root, tmp_path / "leader", role="leader")
    other_team = admin.add_team(ward.server.db, ward.ward_id, "Đội cơ động số 2")
    stranger = office_row(ward, TeamMember, team_id=other_team, full_name="Ngô Thị Lan", role="volunteer", active=True)
    clock = HybridLogicalClock(new_node_id())
    theirs, household = uuid7(), uuid7()
    assert push(colleague, ("visit", theirs, visit_fields(ward, clock.now(), colleague_id))) == [("applied", None)]

    refused = push(
        volunteer,
        ("ward", ward.ward_id, fields(clock, name="Phường Đổi Tên")),
        ("team", ward.team_id, fields(clock, name="Đội đổi tên")),
        ("team_member", me, fields(clock, role="leader")),
        ("residential_group", uuid7(), fields(clock, ward_id=ward.ward_id, name="Tổ mới")),
        ("visit", theirs, fields(clock, notes="sửa của người khác")),
        ("visit", uuid7(), visit_fields(ward, clock.now(), colleague_id)),  # recorded in a colleague's name
        ("filing", uuid7(), filing_fields(ward, clock, theirs)),
    )
    assert refused == [("rejected", Reason.NOT_PERMITTED)] * 7
    assert push(
        volunteer,
        ("household", household, fields(clock, ward_id=ward.ward_id, head_name="Đặng Văn Đức", address={}, deleted=False)),
        ("resident", uuid7(), fields(clock, ward_id=ward.ward_id, household_id=household, full_name="Đặng Văn Đức", deleted=False)),
        ("visit", theirs, fields(clock, follow_up_done=True)),  # the team's revisit list: ticked by whoever went
    ) == [("applied", None)] * 3

    # a leader: their own team and its members (roles too), the review of its visits; not the ward, not another team
    assert push(
        leader,
        ("team", ward.team_id, fields(clock, name="Đội cơ động số 1")),
        ("team_member", colleague_id, fields(clock, role="leader")),
        ("visit", theirs, fields(clock, review_status="approved", reviewed_by=leader_id)),
    ) == [("applied", None)] * 3
    assert push(
        leader,
        ("ward", ward.ward_id, fields(clock, name="Phường Đổi Tên")),
        ("team", other_team, fields(clock, name="Đội của tôi")),
        ("team_member", stranger, fields(clock, role="leader")),
        ("team_member", me, fields(clock, team_id=other_team)),
        lock(ward, clock, team_id=other_team),
    ) == [("rejected", Reason.NOT_PERMITTED)] * 5

    with ward.server.db.read() as conn:
        assert conn.execute(select(Ward.name).where(Ward.id == ward.ward_id)).scalar_one() == "Phường Ngọc Hà"
        assert conn.execute(select(Team.name).where(Team.id == ward.team_id)).scalar_one() == "Đội cơ động số 1"
        roles = dict(conn.execute(select(TeamMember.id, TeamMember.role).where(TeamMember.id.in_([me, colleague_id, stranger]))).all())
        assert roles == {me: "volunteer", colleague_id: "leader", stranger: "volunteer"}
        assert conn.execute(select(Household.head_name).where(Household.id == household)).scalar_one() == "Đặng Văn Đức"
    row = server_visit(ward, theirs)
    assert (row["notes"], row["follow_up_done"], row["review_status"]) == ("", True, "approved")
    for closing in (volunteer, colleague, leader):
        closing.close()


@pytest.mark.parametrize("path", ["change by change", "in bulk"])
def test_references_to_another_wards_rows_are_refused(
    ward_setup: WardSetup, template_root: Path, tmp_path: Path, path: str
) -> None:
    ward = ward_setup
    elsewhere = make_ward(ward.server, "Phường Khác")
    volunteer, me = enrol(ward, template_root, tmp_path / "volunteer")
    clock = HybridLogicalClock(new_node_id())
    their_household = office_row(elsewhere, Household, head_name="Hộ phường khác", address={})
    their_resident = office_row(elsewhere, Resident, household_id=their_household, full_name="Người phường khác")
    their_visit = office_row(elsewhere, Visit, household_id=their_household, team_id=elsewhere.team_id, started_at=W10)
    not_yet_synced = uuid7()  # a parent the server does not hold yet: a child may arrive first

    count = 1 if path == "change by change" else 2 * server_push._BULK_MIN
    outside = [("visit", uuid7(), whole_row(ward, "visit", me, household_id=their_household)) for _ in range(count)]
    fine = [("visit", uuid7(), whole_row(ward, "visit", me, household_id=not_yet_synced)) for _ in range(count)]
    body = {"changes": [{"change_id": uuid7(), "entity": e, "entity_id": i, "stamp": clock.now(), "values": v}
                        for e, i, v in outside + fine]}
    answers = [(r["status"], r.get("reason")) for r in volunteer.post("/sync/push", body)["results"]]
    assert answers == [("rejected", Reason.OUTSIDE_WARD)] * count + [("applied", None)] * count

    mine = fine[0][1]
    assert push(
        volunteer,
        ("visit", uuid7(), visit_fields(ward, clock.now(), me, team_id=elsewhere.team_id)),
        ("visit", mine, fields(clock, household_id=their_household)),
        ("resident", uuid7(), fields(clock, ward_id=ward.ward_id, household_id=their_household, full_name="A", deleted=False)),
        ("filing", uuid7(), filing_fields(ward, clock, their_visit)),
        ("filing", uuid7(), filing_fields(ward, clock, mine, resident_id=their_resident)),
        ("filing", uuid7(), filing_fields(ward, clock, mine, resident_id=uuid7())),
    ) == [("rejected", Reason.OUTSIDE_WARD)] * 5 + [("applied", None)]
    assert server_visit(ward, mine)["household_id"] == not_yet_synced
    volunteer.close()


def test_the_demo_server_takes_a_whole_synthetic_ward_from_its_laptop(template_root: Path, tmp_path: Path) -> None:
    """``outreach demo`` fills the ward on its laptop (groups, other teams, their visits, locks) and
    pushes it: its local server (``serve --demo``) lets that device write as the office; a ward's
    server refuses the same push."""
    db = open_db(f"sqlite:///{tmp_path / 'office.db'}")
    rejected: dict[bool, int] = {}
    for demo in (True, False):
        server = LiveServer(db, demo=demo)
        ward = make_ward(server)
        store = fast_store(template_root, tmp_path / f"laptop-{demo}")
        transport = enrol_fast(ward, store, role="leader")
        run_sync(store, transport=transport)
        with store.read() as session:
            member = session.get(TeamMember, store.profile.member_id)
            assert member is not None
            identity = (member.id, member.full_name, member.role)
        demo_data.generate(store, 12, ward_id=ward.ward_id, team_id=ward.team_id, member=identity)
        report = run_sync(store, transport=transport)
        assert report.pushed + report.rejected > 100
        rejected[demo] = report.rejected
        transport.close()
        store.close()
        server.stop()
    db.dispose()
    assert rejected[True] == 0 and rejected[False] > 0


def test_serve_demo_is_for_this_computer_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Office rights for every device must never be switched on for a ward's server on the network."""
    from outreach.server import cli

    db_url = f"sqlite:///{tmp_path / 'office.db'}"
    assert cli.main(["--db", db_url, "serve", "--demo", "--host", "0.0.0.0", "--port", "1"]) == 1
    assert "--demo serves this computer only" in capsys.readouterr().err


def test_the_rules_read_a_batchs_bad_values_without_failing(ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    """The rules read every change's values before they are checked: values of the wrong type
    are refused as ``bad_value`` (never a 500), whatever the locks and references."""
    ward = ward_setup
    volunteer, me = enrol(ward, template_root, tmp_path / "volunteer")
    leader, _leader_id = enrol(ward, template_root, tmp_path / "leader", role="leader")
    clock = HybridLogicalClock(new_node_id())
    assert push(leader, lock(ward, clock)) == [("applied", None)]
    odd_visit = uuid7()
    answers = push(
        volunteer,
        ("visit", odd_visit, visit_fields(ward, clock.now(), me, team_id=["x"], started_at=W10.isoformat())),
        ("filing", uuid7(), filing_fields(ward, clock, odd_visit)),  # its visit read as sent: no lock applies to no team
        ("filing", uuid7(), filing_fields(ward, clock, odd_visit, resident_id={"id": 1})),
        ("filing", uuid7(), filing_fields(ward, clock, ["not", "an", "id"])),
        ("visit", uuid7(), visit_fields(ward, clock.now(), me, household_id=7, started_at="not a time")),
    )
    assert answers == [("rejected", Reason.BAD_VALUE), ("applied", None)] + [("rejected", Reason.BAD_VALUE)] * 3
    volunteer.close()
    leader.close()

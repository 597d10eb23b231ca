"""The day's plan syncs (plan_entry): a leader's added household and the team's marks reach the
other laptops of the team through a real server; the server lets only a leader add or drop, and
only the team's devices touch its plan (server/rights.py)."""

from __future__ import annotations

from pathlib import Path

from outreach.model.clock import HybridLogicalClock, new_node_id
from outreach.services.day_plan import adjust_plan, day_plan, mark_done, plan_entry_id
from outreach.services.households import HouseholdInput, register_household
from outreach.sync.client import run_sync
from outreach.timeutil import today_local
from outreach.vocabulary import PlanAdjustment, PlanMark, PlanReason
from outreach.wire.reasons import Reason
from tests.helpers.sync import WardSetup, make_ward
from tests.sync.test_sync_rights import actor_of, fields, laptop
from tests.sync.test_sync_roles import enrol, push


def test_a_leaders_plan_reaches_the_volunteer_and_the_marks_come_back(ward_setup: WardSetup, template_root: Path,
                                                                     tmp_path: Path) -> None:
    ward, today = ward_setup, today_local()
    vol_store, vol_link = laptop(ward, template_root, tmp_path / "volunteer")
    lead_store, lead_link = laptop(ward, template_root, tmp_path / "leader", role="leader")
    volunteer, leader = actor_of(vol_store), actor_of(lead_store, "Lê Thị Hạnh")
    household = register_household(vol_store, volunteer, HouseholdInput("Đặng Văn Đức", {"house_number": "7", "street": "Đội Cấn"}))
    assert run_sync(vol_store, transport=vol_link).rejected == 0
    run_sync(lead_store, transport=lead_link)

    adjust_plan(lead_store, leader, ward.team_id, today, household.id, PlanAdjustment.ADDED, "Hỏi về VNeID")
    assert run_sync(lead_store, transport=lead_link).rejected == 0
    run_sync(vol_store, transport=vol_link)
    [line] = day_plan(vol_store, ward.team_id, today).lines
    assert (line.household_id, line.reasons, line.note) == (household.id, (PlanReason.ADDED,), "Hỏi về VNeID")

    mark_done(vol_store, volunteer, ward.team_id, today, household.id)
    assert run_sync(vol_store, transport=vol_link).rejected == 0
    run_sync(lead_store, transport=lead_link)
    [line] = day_plan(lead_store, ward.team_id, today).lines
    assert line.mark == PlanMark.DONE and line.adjustment == PlanAdjustment.ADDED  # field by field: both kept


def test_the_server_lets_only_a_leader_change_the_plan_and_only_of_its_team(ward_setup: WardSetup, template_root: Path,
                                                                            tmp_path: Path) -> None:
    ward, today = ward_setup, today_local()
    vol_link, _vol = enrol(ward, template_root, tmp_path / "v")
    lead_link, _lead = enrol(ward, template_root, tmp_path / "l", role="leader")
    clock = HybridLogicalClock(new_node_id())
    household = "01900000-0000-7000-8000-000000000001"
    row = {"ward_id": ward.ward_id, "team_id": ward.team_id, "plan_date": today.isoformat(), "household_id": household,
           "adjustment": "", "mark": "", "note": ""}
    entry = plan_entry_id(ward.team_id, today, household)
    assert push(vol_link, ("plan_entry", entry, fields(clock, **{**row, "mark": "done"}))) == [("applied", None)]
    assert push(vol_link, ("plan_entry", entry, fields(clock, adjustment="added"))) == [("rejected", Reason.LEADER_ONLY)]
    assert push(lead_link, ("plan_entry", entry, fields(clock, adjustment="dropped"))) == [("applied", None)]
    assert push(lead_link, ("plan_entry", entry, fields(clock, mark="hacked"))) == [("rejected", Reason.BAD_VALUE)]
    other = make_ward(ward.server, "Phường Kim Mã")
    other_link, _ = enrol(other, template_root, tmp_path / "o", role="leader")
    elsewhere = "01900000-0000-7000-8000-000000000002"
    foreign = {**row, "ward_id": other.ward_id, "team_id": ward.team_id, "household_id": elsewhere}
    # another ward's leader cannot write this team's plan
    assert push(other_link, ("plan_entry", plan_entry_id(ward.team_id, today, elsewhere), fields(clock, **foreign))) == [
        ("rejected", Reason.OUTSIDE_WARD)]

"""Team areas, outings and targets (issue 12) through a real server: what a leader's laptop
records reaches a volunteer's; two leaders taking one group at once converge by the merge rule,
the losing team kept in the lost values."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select

from outreach.model import AreaAssignment, Outing, ResidentialGroup, Target
from outreach.model.clock import HybridLogicalClock, new_node_id
from outreach.model.ids import uuid7
from outreach.server import admin
from outreach.services.areas import area_history, assign_group, group_areas
from outreach.services.context import Actor
from outreach.services.outings import OutingInput, start_outing
from outreach.services.targets import set_target
from outreach.store.database import Store
from outreach.sync.client import run_sync
from outreach.sync.lost_values import fetch_lost_values
from outreach.sync.transport import HttpTransport
from outreach.timeutil import today_local
from outreach.vocabulary import TargetMetric
from tests.helpers.sync import WardSetup, enrol_fast, fast_store, fresh_laptop
from tests.sync.test_sync_roles import push


def leader_laptop(ward: WardSetup, template_root: Path, folder: Path) -> tuple[Store, HttpTransport, Actor]:
    """A leader's laptop of ``ward``'s team, enrolled and synced once."""
    store = fast_store(template_root, folder)
    transport = enrol_fast(ward, store, role="leader")
    run_sync(store, transport=transport)
    p = store.profile
    return store, transport, Actor(p.member_id, "Nguyễn Thị Lan", "leader", p.ward_id, p.team_id)


def the_group(store: Store) -> str:
    with store.read() as session:
        return session.scalars(select(ResidentialGroup.id)).one()


def test_areas_outings_and_targets_made_on_a_leader_laptop_reach_a_volunteer_laptop(
        ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    leader, transport, actor = leader_laptop(ward_setup, template_root, tmp_path / "leader")
    try:
        group = the_group(leader)
        since = today_local() - dt.timedelta(days=7)
        assign_group(leader, actor, group, actor.team_id, since)
        outing = start_outing(leader, actor, OutingInput([], [group], ["Văn Cao"], "Ngõ 45"))
        target = set_target(leader, actor, str(actor.team_id), dt.date(2026, 12, 1), dt.date(2026, 12, 31),
                            TargetMetric.PRIORITY_HOUSEHOLDS_REACHED, 40)
        report = run_sync(leader, transport=transport)
        assert report.rejected == 0 and report.verified is True
    finally:
        transport.close()
        leader.close()

    with fresh_laptop(ward_setup, template_root, tmp_path / "volunteer") as (volunteer, first_sync):
        assert first_sync.verified is True
        [area] = group_areas(volunteer)
        assert (area.id, area.team_id) == (group, ward_setup.team_id)
        [step] = area_history(volunteer, group)
        assert (step.team_id, step.from_team_id, step.from_date) == (ward_setup.team_id, None, since)
        with volunteer.read() as session:
            got = session.get(Outing, outing)
            assert got is not None and got.planned == {"groups": [group], "streets": ["Văn Cao"]}
            assert (got.day, got.notes, got.members) == (today_local(), "Ngõ 45", [actor.member_id])
            aim = session.get(Target, target)
            assert aim is not None and (aim.metric, aim.value, aim.period_end) == ("priority_households_reached", 40,
                                                                                     dt.date(2026, 12, 31))


def test_two_leaders_taking_one_group_at_once_converge_and_the_losing_team_is_kept(
        ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    ward = ward_setup
    other_team = admin.add_team(ward.server.db, ward.ward_id, "Đội cơ động số 2")
    first, first_transport, first_actor = leader_laptop(ward, template_root, tmp_path / "first")
    second, second_transport, second_actor = leader_laptop(dataclasses.replace(ward, team_id=other_team), template_root,
                                                           tmp_path / "second")
    try:
        group = the_group(first)
        day = today_local()
        assign_group(first, first_actor, group, ward.team_id, day)  # both offline, the second one later
        assign_group(second, second_actor, group, other_team, day)
        assert run_sync(first, transport=first_transport).rejected == 0
        assert run_sync(second, transport=second_transport).rejected == 0
        assert run_sync(first, transport=first_transport).rejected == 0

        for laptop in (first, second):  # the later stamp wins everywhere
            [area] = group_areas(laptop)
            assert area.team_id == other_team
            with laptop.read() as session:  # both steps are history
                assert sorted(str(t) for t in session.scalars(select(AreaAssignment.team_id))) == sorted([ward.team_id, other_team])
        lost = [v for v in fetch_lost_values(first_transport) if v.entity == "residential_group"]
        assert [(v.entity_id, v.field, v.value, v.winning_value) for v in lost] == [(group, "team_id", ward.team_id, other_team)]
    finally:
        for transport, store in ((first_transport, first), (second_transport, second)):
            transport.close()
            store.close()


def test_the_server_keeps_areas_outings_and_targets_to_their_teams_leaders(
        ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    """A volunteer's laptop cannot start an outing, set a target or move a group; a leader cannot
    rename a group (office data) nor put it in another team's area, nor set another team's target."""
    ward = ward_setup
    other_team = admin.add_team(ward.server.db, ward.ward_id, "Đội cơ động số 2")
    clock = HybridLogicalClock(new_node_id())
    with ward.server.db.read() as conn:
        group = conn.execute(select(ResidentialGroup.id).where(ResidentialGroup.ward_id == ward.ward_id)).scalar_one()

    def change(entity: str, entity_id: str, **values: Any) -> tuple[str, str, dict[str, list[Any]]]:
        return (entity, entity_id, {name: [value, clock.now()] for name, value in values.items()})

    def outing(team: str) -> tuple[str, str, dict[str, list[Any]]]:
        return change("outing", uuid7(), ward_id=ward.ward_id, team_id=team, day="2026-12-01", members=[], planned={},
                      notes="")

    def target(team: str) -> tuple[str, str, dict[str, list[Any]]]:
        return change("target", uuid7(), ward_id=ward.ward_id, team_id=team, period_start="2026-12-01",
                      period_end="2026-12-31", metric="households_reached", value=10)

    volunteer = enrol_fast(ward, fast_store(template_root, tmp_path / "volunteer"))
    leader = enrol_fast(ward, fast_store(template_root, tmp_path / "leader"), role="leader")
    try:
        refused = ("rejected", "not_permitted")
        assert push(volunteer, outing(ward.team_id), target(ward.team_id),
                    change("residential_group", group, team_id=ward.team_id)) == [refused] * 3
        assert push(leader, change("residential_group", group, name="Tổ 1 mới"), outing(other_team), target(other_team),
                    change("residential_group", group, team_id=other_team)) == [refused] * 4
        assert push(leader, outing(ward.team_id), target(ward.team_id),
                    change("residential_group", group, team_id=ward.team_id)) == [("applied", None)] * 3
    finally:
        volunteer.close()
        leader.close()

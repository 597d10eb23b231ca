"""Team areas with dated history, outings (visits attach to the open one), targets (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from outreach.errors import PermissionDenied, ValidationError
from outreach.model import Team, Visit
from outreach.model.ids import uuid7
from outreach.services.areas import (
    area_history,
    assign_group,
    group_areas,
    groups_of_team,
    households_of_team,
    households_outside_areas,
    team_of_groups,
)
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, register_household
from outreach.services.outings import OutingInput, current_outing, end_outing, list_outings, start_outing
from outreach.services.targets import list_targets, remove_target, set_target
from outreach.services.visits import VisitInput, record_visit
from outreach.store.database import Store
from outreach.timeutil import now_local, today_local
from outreach.vocabulary import TargetMetric

D1, D2, D3 = dt.date(2026, 11, 2), dt.date(2026, 11, 16), dt.date(2026, 11, 30)


@pytest.fixture
def second_team(store: Store, ward: dict[str, str]) -> Actor:
    """A leader of a second team of the ward."""
    team = uuid7()
    with store.write() as tx:
        tx.recorder.create(Team, {"ward_id": ward["ward"], "name": "Đội cơ động số 2"}, id=team)
    return Actor(uuid7(), "Trần Văn Nam", "leader", ward["ward"], team)


def test_a_groups_team_follows_its_dated_history(store: Store, ward: dict[str, str], leader: Actor, second_team: Actor) -> None:
    a, b = ward["group_a"], ward["group_b"]
    assign_group(store, leader, a, leader.team_id, D1)
    assign_group(store, second_team, a, second_team.team_id, D2)  # taken over from the 16th
    assign_group(store, second_team, a, None, D3)  # and given back on the 30th
    with store.read() as session:
        assert team_of_groups(session, D1 - dt.timedelta(days=1)) == {a: None, b: None}
        assert team_of_groups(session, D1)[a] == leader.team_id
        assert team_of_groups(session, D2 - dt.timedelta(days=1))[a] == leader.team_id
        assert team_of_groups(session, D2)[a] == second_team.team_id
        assert team_of_groups(session, D3)[a] is None
        assert groups_of_team(session, str(second_team.team_id), D2) == {a}
    steps = area_history(store, a)
    assert [(s.from_date, s.team_id, s.from_team_id) for s in steps] == [
        (D3, None, second_team.team_id), (D2, second_team.team_id, leader.team_id), (D1, leader.team_id, None)]
    assert [(g.name, g.team_id) for g in group_areas(store, D2)] == [("Tổ dân phố số 1", second_team.team_id),
                                                                     ("Tổ dân phố số 2", None)]


def test_a_back_dated_step_leaves_the_current_team_alone(store: Store, ward: dict[str, str], leader: Actor,
                                                         second_team: Actor) -> None:
    a = ward["group_a"]
    assign_group(store, second_team, a, second_team.team_id, D2)
    assign_group(store, leader, a, leader.team_id, D1)  # recorded later, dated earlier
    with store.read() as session:
        assert team_of_groups(session, D1)[a] == leader.team_id
        assert team_of_groups(session, D3)[a] == second_team.team_id


def test_who_may_assign(store: Store, ward: dict[str, str], leader: Actor, volunteer: Actor, second_team: Actor) -> None:
    a = ward["group_a"]
    with pytest.raises(PermissionDenied):
        assign_group(store, volunteer, a, volunteer.team_id, D1)
    with pytest.raises(PermissionDenied):  # another team's area is not the leader's to fill
        assign_group(store, leader, a, second_team.team_id, D1)
    assign_group(store, leader, a, leader.team_id, D1)
    with pytest.raises(PermissionDenied):  # nor to release
        assign_group(store, second_team, a, None, D2)


def test_households_outside_every_area(store: Store, ward: dict[str, str], leader: Actor) -> None:
    inside = register_household(store, leader, HouseholdInput("Nguyễn Văn An", {"house_number": "3", "street": "Đội Cấn"},
                                                              group_id=ward["group_a"])).id
    outside = register_household(store, leader, HouseholdInput("Lê Thị Bình", {"house_number": "9", "street": "Văn Cao"},
                                                               group_id=ward["group_b"])).id
    no_group = register_household(store, leader, HouseholdInput("Đỗ Văn Cường", {"house_number": "1", "street": "Kim Mã"})).id
    assign_group(store, leader, ward["group_a"], leader.team_id, D1)
    with store.read() as session:
        assert households_of_team(session, str(leader.team_id), D1) == {inside}
        found = households_outside_areas(session, D1)
    assert [(h.id, h.head_name, h.group_name) for h in found] == [(outside, "Lê Thị Bình", "Tổ dân phố số 2"),
                                                                  (no_group, "Đỗ Văn Cường", "")]
    assert found[0].address == "Số 9, Văn Cao"


def test_visits_saved_while_an_outing_is_open_belong_to_it(store: Store, ward: dict[str, str], leader: Actor,
                                                          volunteer: Actor) -> None:
    household = register_household(store, volunteer, HouseholdInput("Trần Thị C", {"house_number": "2", "street": "Lê Lợi"})).id
    before = record_visit(store, volunteer, VisitInput(household, now_local().replace(second=0, microsecond=0))).id
    outing = start_outing(store, leader, OutingInput([volunteer.member_id or ""], [ward["group_a"]],
                                                     [" Văn  Cao ", "Văn Cao", ""], "Ngõ 45 trước"))
    with pytest.raises(ValidationError):  # one open outing per team
        start_outing(store, leader, OutingInput())
    with pytest.raises(PermissionDenied):
        start_outing(store, volunteer, OutingInput())
    during = record_visit(store, volunteer, VisitInput(household, now_local().replace(second=0, microsecond=0))).id
    yesterday = record_visit(store, volunteer, VisitInput(household, now_local().replace(second=0, microsecond=0)
                                                          - dt.timedelta(days=1))).id
    shown = current_outing(store, leader.team_id)
    assert shown is not None and shown.id == outing and shown.visits == 1
    assert (shown.members, shown.groups, shown.streets) == ([volunteer.member_id, leader.member_id], [ward["group_a"]], ["Văn Cao"])
    end_outing(store, leader, outing, "Xong ngõ 45")
    after = record_visit(store, volunteer, VisitInput(household, now_local().replace(second=0, microsecond=0))).id
    with store.read() as session:
        attached = dict(session.execute(select(Visit.id, Visit.outing_id)).all())
    assert attached == {before: None, during: outing, yesterday: None, after: None}
    assert current_outing(store, leader.team_id) is None
    [ended] = list_outings(store, leader.team_id, today_local(), today_local())
    assert ended.notes == "Xong ngõ 45" and ended.ended_at is not None and not ended.is_open


def test_targets_are_one_row_per_team_period_and_metric(store: Store, leader: Actor, volunteer: Actor,
                                                         second_team: Actor) -> None:
    team = str(leader.team_id)
    first = set_target(store, leader, team, D1, D3, TargetMetric.HOUSEHOLDS_REACHED, 100)
    again = set_target(store, leader, team, D1, D3, TargetMetric.HOUSEHOLDS_REACHED, 120)
    set_target(store, leader, team, D1, D3, TargetMetric.DOSSIERS_ONLINE, 30)
    assert first == again
    assert [(t.metric, t.value) for t in list_targets(store, team)] == [("households_reached", 120), ("dossiers_online", 30)]
    assert list_targets(store, team, overlapping=(D3 + dt.timedelta(days=1), D3 + dt.timedelta(days=9))) == []
    with pytest.raises(PermissionDenied):
        set_target(store, volunteer, team, D1, D3, TargetMetric.HOUSEHOLDS_REACHED, 5)
    with pytest.raises(PermissionDenied):
        set_target(store, second_team, team, D1, D3, TargetMetric.HOUSEHOLDS_REACHED, 5)
    with pytest.raises(ValidationError):
        set_target(store, leader, team, D3, D1, TargetMetric.HOUSEHOLDS_REACHED, 0)
    remove_target(store, leader, first)
    assert [t.metric for t in list_targets(store, team)] == ["dossiers_online"]

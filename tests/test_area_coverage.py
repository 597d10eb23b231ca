"""Coverage against the teams' areas, outings per week, reach per outing and target progress
(issue 12), on a hand-built ward whose every figure is counted by hand below."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from outreach.services.context import Actor
from outreach.services.coverage import compute_coverage
from outreach.services.figures import Ratio
from outreach.services.periods import SCOPE_TEAM, SCOPE_VOLUNTEER, Scope
from outreach.store.database import Store
from tests.helpers.area_ward import NOVEMBER, build_area_ward


@pytest.fixture
def hand_built(store: Store, ward: dict[str, str], leader: Actor, volunteer: Actor) -> dict[str, Any]:
    return build_area_ward(store, ward, leader, volunteer)


def test_team_area_denominators_outings_and_targets_by_hand(store: Store, hand_built: dict[str, Any]) -> None:
    ids = hand_built
    areas = compute_coverage(store, NOVEMBER).areas
    assert areas is not None
    assert areas.as_of == dt.date(2026, 11, 30) and areas.ward_households == 8
    assert areas.outside == Ratio(2, 8)  # h7 (G3 is nobody's until 5/12) and h8 (no group)
    # team 1: area G1 = h1..h4; reached in it h1, h2 (volunteer), h3 (leader); anywhere also h5
    # team 2: area G2 = h5, h6; reached h5, h6; anywhere also h7
    assert [(t.team_name, t.groups, t.area, t.ward) for t in areas.teams] == [
        ("Đội cơ động số 1", 1, Ratio(3, 4), Ratio(4, 8)), ("Đội cơ động số 2", 1, Ratio(2, 2), Ratio(3, 8))]
    assert [(v.name, v.area, v.ward) for v in areas.volunteers] == [
        ("Lê Thị Hạnh", Ratio(1, 4), Ratio(1, 8)), ("Phạm Quang Huy", Ratio(2, 4), Ratio(3, 8)),
        ("Vũ Thị Mai", Ratio(2, 2), Ratio(3, 8))]
    # outings started in November: team 1 on 3/11 (W45), 10/11 and 12/11 (W46); team 2 on 18/11 (W47)
    assert [(w.team_name, w.iso_week, w.outings) for w in areas.outing_weeks] == [
        ("Đội cơ động số 1", "2026-W45", 1), ("Đội cơ động số 1", "2026-W46", 2), ("Đội cơ động số 2", "2026-W47", 1)]
    assert areas.outings_total == 4
    # (visits, households, people named in filings): o1 helped r1 and r2 of h1; o2 r1 again
    assert [(o.outing_id, o.visits, o.households, o.people) for o in areas.outings] == [
        (ids["o1"], 2, 2, 2), (ids["o2"], 2, 2, 1), (ids["o3"], 0, 0, 0), (ids["o4"], 2, 2, 0)]
    # targets overlapping November, progress over each target's own period:
    # team 1 reached h1, h2, h3, h5 (4 of 8); priority h1, h5 (2 of 4); online dossiers 2 of 5;
    # team 2 from 16/11 reached h6, h7 (2 of 10); its December target is not shown
    assert [(t.team_name, t.metric, t.progress) for t in areas.targets] == [
        ("Đội cơ động số 1", "households_reached", Ratio(4, 8)),
        ("Đội cơ động số 1", "priority_households_reached", Ratio(2, 4)),
        ("Đội cơ động số 1", "dossiers_online", Ratio(2, 5)),
        ("Đội cơ động số 2", "households_reached", Ratio(2, 10))]


def test_a_team_or_volunteer_scope_shows_its_own_rows(store: Store, hand_built: dict[str, Any]) -> None:
    ids = hand_built
    team2 = compute_coverage(store, NOVEMBER, Scope(SCOPE_TEAM, ids["team2"])).areas
    assert team2 is not None
    assert [t.team_name for t in team2.teams] == ["Đội cơ động số 2"]
    assert [w.iso_week for w in team2.outing_weeks] == ["2026-W47"]
    assert [t.progress for t in team2.targets] == [Ratio(2, 10)]
    one = compute_coverage(store, NOVEMBER, Scope(SCOPE_VOLUNTEER, ids["volunteer"])).areas
    assert one is not None
    assert [(v.name, v.area) for v in one.volunteers] == [("Phạm Quang Huy", Ratio(2, 4))]
    assert [t.team_name for t in one.teams] == ["Đội cơ động số 1"]

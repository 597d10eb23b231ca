"""A hand-built ward planned by area (issue 12): two teams, three groups, eight households,
visits, outings and targets whose coverage figures tests/test_area_coverage.py counts by hand."""

from __future__ import annotations

import datetime as dt
from typing import Any

from outreach.model import Outing, ResidentialGroup, Team, TeamMember, Visit
from outreach.model.ids import uuid7
from outreach.services.areas import assign_group
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, ResidentInput, add_resident, register_household
from outreach.services.periods import month_period
from outreach.services.procedures import seed_catalogue
from outreach.services.targets import set_target
from outreach.services.visits import FilingInput, VisitInput, record_visit
from outreach.store.database import Store
from outreach.vocabulary import TargetMetric

NOVEMBER = month_period(2026, 11)


def at(day: int, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, 9, 0)


def build_area_ward(store: Store, ward: dict[str, str], leader: Actor, volunteer: Actor) -> dict[str, Any]:
    """Groups G1 (team 1's), G2 (team 2's), G3 (team 1's only from 5/12: nobody's in November);
    households h1..h4 in G1 (h1 elderly alone), h5 (poor), h6 in G2, h7 in G3, h8 in no group."""
    seed_catalogue(store)
    ids = dict(ward)
    ids["team2"], ids["v2"], ids["group_c"] = uuid7(), uuid7(), uuid7()
    with store.write() as tx:
        tx.recorder.create(Team, {"ward_id": ward["ward"], "name": "Đội cơ động số 2"}, id=ids["team2"])
        tx.recorder.create(TeamMember, {"ward_id": ward["ward"], "team_id": ids["team2"], "full_name": "Vũ Thị Mai",
                                        "role": "volunteer"}, id=ids["v2"])
        tx.recorder.create(ResidentialGroup, {"ward_id": ward["ward"], "name": "Tổ dân phố số 3", "sort_order": 3}, id=ids["group_c"])
    leader2 = Actor(uuid7(), "Trần Văn Nam", "leader", ward["ward"], ids["team2"])
    v2 = Actor(ids["v2"], "Vũ Thị Mai", "volunteer", ward["ward"], ids["team2"])
    assign_group(store, leader, ward["group_a"], leader.team_id, dt.date(2026, 10, 1))
    assign_group(store, leader2, ward["group_b"], ids["team2"], dt.date(2026, 10, 1))
    assign_group(store, leader, ids["group_c"], leader.team_id, dt.date(2026, 12, 5))

    def house(number: int, group: str | None, *, elderly: bool = False, poor: bool = False) -> str:
        return register_household(store, leader, HouseholdInput(f"Hộ {number}", {"house_number": str(number), "street": "Văn Cao"},
                                                                group_id=group, elderly_alone=elderly, poor_household=poor)).id

    h = {1: house(1, ward["group_a"], elderly=True), 2: house(2, ward["group_a"]), 3: house(3, ward["group_a"]),
         4: house(4, ward["group_a"]), 5: house(5, ward["group_b"], poor=True), 6: house(6, ward["group_b"]),
         7: house(7, ids["group_c"]), 8: house(8, None)}
    r1 = add_resident(store, leader, h[1], ResidentInput("Nguyễn Văn Một")).id
    r2 = add_resident(store, leader, h[1], ResidentInput("Nguyễn Thị Hai")).id

    def visit(actor: Actor, household: int, when: dt.datetime, *filings: FilingInput) -> str:
        return record_visit(store, actor, VisitInput(h[household], when, filings=list(filings))).id

    online = FilingInput("1.001193", resident_id=r1, dossier_code="H01.1-0001", status="submitted", channel="online",
                         submitted_at=at(3))
    counter = FilingInput("3.000228", resident_id=r2, status="guided_only", channel="counter")
    completed = FilingInput("1.001193", resident_id=r1, dossier_code="H01.1-0002", status="completed", channel="online",
                            submitted_at=at(10))
    visits = {
        "o1": [visit(volunteer, 1, at(3), online, counter), visit(volunteer, 2, at(3))],
        "o2": [visit(volunteer, 1, at(10), completed), visit(volunteer, 5, at(10))],  # h5: team 2's area
        "o4": [visit(v2, 6, at(18)), visit(v2, 7, at(18))],
        "none": [visit(leader, 3, at(17)), visit(v2, 5, at(4)), visit(volunteer, 4, at(20, 10))],  # the last: October
    }
    team1, team2 = str(leader.team_id), ids["team2"]
    outings = {"o1": (team1, 3), "o2": (team1, 10), "o3": (team1, 12), "o4": (team2, 18)}
    with store.write() as tx:
        for key, (team, day) in outings.items():
            ids[key] = tx.recorder.create(Outing, {"team_id": team, "day": dt.date(2026, 11, day), "started_at": at(day),
                                                   "ended_at": at(day) + dt.timedelta(hours=3), "ward_id": ward["ward"]}).id
        tx.recorder.create(Outing, {"team_id": team1, "day": dt.date(2026, 11, 20), "ward_id": ward["ward"]})  # never started
        tx.recorder.create(Outing, {"team_id": team1, "day": dt.date(2026, 10, 30), "started_at": at(30, 10),
                                    "ward_id": ward["ward"]})  # October
        for key, visit_ids in visits.items():
            for visit_id in visit_ids if key != "none" else ():
                row = tx.session.get(Visit, visit_id)
                assert row is not None
                tx.recorder.update(row, {"outing_id": ids[key]})
    set_target(store, leader, team1, dt.date(2026, 11, 1), dt.date(2026, 11, 30), TargetMetric.HOUSEHOLDS_REACHED, 8)
    set_target(store, leader, team1, dt.date(2026, 11, 1), dt.date(2026, 11, 30), TargetMetric.PRIORITY_HOUSEHOLDS_REACHED, 4)
    set_target(store, leader, team1, dt.date(2026, 11, 1), dt.date(2026, 11, 30), TargetMetric.DOSSIERS_ONLINE, 5)
    set_target(store, leader2, team2, dt.date(2026, 11, 16), dt.date(2026, 12, 15), TargetMetric.HOUSEHOLDS_REACHED, 10)
    set_target(store, leader2, team2, dt.date(2026, 12, 1), dt.date(2026, 12, 31), TargetMetric.HOUSEHOLDS_REACHED, 10)
    return {**ids, "team1": team1}

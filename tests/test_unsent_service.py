"""The list of what is not yet on the server: the outbox grouped by record, each record named."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete

from outreach.model import OutboxEntry
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, ResidentInput, add_resident, register_household, update_household
from outreach.services.procedures import seed_catalogue
from outreach.services.unsent import UnsentRecord, unsent_records
from outreach.services.visits import FilingInput, VisitInput, record_visit
from outreach.store.database import Store
from outreach.vocabulary import RecordKind

STARTED = dt.datetime(2026, 11, 16, 9, 30)


def test_unsent_changes_are_listed_by_record_with_names(store: Store, volunteer: Actor) -> None:
    seed_catalogue(store)
    with store.write() as tx:  # what an earlier sync acknowledged is not "unsent"
        tx.session.execute(delete(OutboxEntry))
    address = {"house_number": "3", "street": "Đội Cấn"}
    home = register_household(store, volunteer, HouseholdInput("Nguyễn Thị Lan", address))
    update_household(store, volunteer, home.id, HouseholdInput("Nguyễn Thị Lan", address, phone="0912345678"))
    person = add_resident(store, volunteer, home.id, ResidentInput("Trần Văn Bình", dt.date(1980, 2, 3), "Nam"),
                          consent_purpose="Hỗ trợ dịch vụ công", confirm=True)
    visit = record_visit(store, volunteer, VisitInput(home.id, STARTED, filings=[FilingInput("1.001193", status="guided_only")]))

    records = unsent_records(store)
    by_kind = {r.kind: r for r in records}
    assert [r.kind for r in records] == [RecordKind.HOUSEHOLD, RecordKind.RESIDENT, RecordKind.VISIT, RecordKind.FILING]
    household = by_kind[RecordKind.HOUSEHOLD]
    assert (household.entity_id, household.name, household.detail) == (home.id, "Nguyễn Thị Lan", "Số 3, Đội Cấn")
    assert household.changes == 2  # registered, then the phone added: one record, two edits
    assert (by_kind[RecordKind.RESIDENT].entity_id, by_kind[RecordKind.RESIDENT].name) == (person.id, "Trần Văn Bình")
    assert by_kind[RecordKind.RESIDENT].detail == "Nguyễn Thị Lan"
    assert by_kind[RecordKind.VISIT] == UnsentRecord(
        RecordKind.VISIT, visit.id, "Nguyễn Thị Lan — 16/11/2026 09:30", "Số 3, Đội Cấn", 1, by_kind[RecordKind.VISIT].last_change)
    filing = by_kind[RecordKind.FILING]
    assert "khai sinh" in filing.name.lower() and filing.detail == "Nguyễn Thị Lan — 16/11/2026 09:30"


def test_team_records_are_named_too(store: Store, ward: dict[str, str]) -> None:
    """The test ward's own rows (made on this laptop, as a leader's new group would be) are unsent."""
    named = {r.kind: r.name for r in unsent_records(store)}
    assert named[RecordKind.TEAM] and named[RecordKind.RESIDENTIAL_GROUP] and named[RecordKind.TEAM_MEMBER]


def test_nothing_unsent_is_an_empty_list(store: Store) -> None:
    with store.write() as tx:
        tx.session.execute(delete(OutboxEntry))
    assert unsent_records(store) == []


def test_a_teams_planning_records_are_named(store: Store, ward: dict[str, str], leader: Actor) -> None:
    """An area step names its group and date, an outing its day and team, a target its period."""
    from outreach.services.areas import assign_group
    from outreach.services.outings import OutingInput, start_outing
    from outreach.services.targets import set_target
    from outreach.timeutil import today_local
    from outreach.vocabulary import TargetMetric

    with store.write() as tx:
        tx.session.execute(delete(OutboxEntry))
    assign_group(store, leader, ward["group_a"], leader.team_id, dt.date(2026, 11, 2))
    start_outing(store, leader, OutingInput())
    set_target(store, leader, ward["team"], dt.date(2026, 11, 1), dt.date(2026, 11, 30), TargetMetric.DOSSIERS_ONLINE, 20)
    named = {r.kind: (r.name, r.detail) for r in unsent_records(store)}
    assert named[RecordKind.AREA_ASSIGNMENT] == ("Tổ dân phố số 1", "02/11/2026")
    assert named[RecordKind.OUTING] == (f"{today_local():%d/%m/%Y}", "Đội cơ động số 1")
    assert named[RecordKind.TARGET] == ("01/11/2026–30/11/2026", "Đội cơ động số 1")

"""The duplicate scan, "not the same", merge and undo on one laptop's real (encrypted) database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from outreach.errors import PermissionDenied, ValidationError
from outreach.model import DuplicatePair, Filing, Household, OutboxEntry, Resident, Visit, WeekLock
from outreach.model.merge_chain import survivors
from outreach.services import duplicates
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, ResidentInput, add_resident, register_household, search_household_ids
from outreach.services.procedures import seed_catalogue
from outreach.services.visits import FilingInput, VisitInput, record_visit, week_lock_id
from outreach.store.database import Store
from outreach.store.repoint import repoint_merged
from outreach.timeutil import iso_week_of, now_local
from outreach.vocabulary import DuplicateDecision, PairStatus, RecordKind


def _household(session: Session, household_id: str) -> Household:
    row = session.get(Household, household_id)
    assert row is not None
    return row


def _two_registrations(store: Store, leader: Actor) -> tuple[str, str]:
    """The same family registered twice, its address typed two ways (confirm: the entry check
    would have warned on one laptop; here it stands for two offline laptops)."""
    first = register_household(store, leader, HouseholdInput("Nguyễn Văn Thành", {"house_number": "12A", "lane": "45",
                                                                                   "street": "Đội Cấn"}, phone="0912345678"))
    second = register_household(store, leader, HouseholdInput("nguyen van thanh", {"house_number": "12a ngo 45 Doi Can"}),
                                confirm=True)
    return first.id, second.id


def test_scan_offers_the_pair_and_not_the_same_is_remembered(store: Store, leader: Actor) -> None:
    a, b = _two_registrations(store, leader)
    register_household(store, leader, HouseholdInput("Lê Thị Hoa", {"house_number": "3", "street": "Kim Mã"}))
    found = duplicates.scan(store, leader.ward_id)
    assert [(c.pair, c.decision) for c in found.households] == [(tuple(sorted((a, b))), DuplicateDecision.LIKELY)]
    duplicates.mark_not_same(store, leader, RecordKind.HOUSEHOLD, b, a)
    assert duplicates.scan(store, leader.ward_id).households == []
    with store.read() as session:
        pair = session.get(DuplicatePair, duplicates.pair_id(RecordKind.HOUSEHOLD, a, b))
        assert pair is not None and pair.status == PairStatus.NOT_SAME
        assert session.scalars(select(OutboxEntry).where(OutboxEntry.entity == "duplicate_pair")).first() is not None


def test_only_a_leader_merges_or_marks(store: Store, leader: Actor, volunteer: Actor) -> None:
    a, b = _two_registrations(store, leader)
    with pytest.raises(PermissionDenied):
        duplicates.merge(store, volunteer, RecordKind.HOUSEHOLD, a, b)
    with pytest.raises(PermissionDenied):
        duplicates.mark_not_same(store, volunteer, RecordKind.HOUSEHOLD, a, b)


def test_merge_moves_residents_visits_filings_and_keeps_the_more_recent_values(store: Store, leader: Actor) -> None:
    seed_catalogue(store)
    a, b = _two_registrations(store, leader)
    older = add_resident(store, leader, a, ResidentInput("Nguyễn Thị Lan", dt.date(1960, 2, 1)), consent_purpose="hỗ trợ dịch vụ công")
    twin = add_resident(store, leader, b, ResidentInput("Nguyen Thi Lan", dt.date(1960, 2, 1), personal_id="001160000123"),
                        consent_purpose="hỗ trợ dịch vụ công")
    started = now_local().replace(microsecond=0) - dt.timedelta(hours=2)
    visit = record_visit(store, leader, VisitInput(b, started, follow_up_date=dt.date.today() + dt.timedelta(days=3),
                                                   filings=[FilingInput("1.001193", resident_id=twin.id)]))
    # b's phone is written after a's: the merge keeps it (the more recent value by stamp)
    with store.write() as tx:
        tx.recorder.update(_household(tx.session, b), {"phone": "0988000111"})

    defaults = duplicates.default_choices(store, RecordKind.HOUSEHOLD, a, b)
    assert defaults["phone"] == b and defaults["address"] == b  # b was typed later: its values are more recent
    # the leader keeps a's well-typed address; every other field as by default
    pair = duplicates.merge(store, leader, RecordKind.HOUSEHOLD, a, b, choices={"address": a})
    with store.read() as session:
        survivor, gone = session.get(Household, a), session.get(Household, b)
        assert survivor is not None and gone is not None
        assert gone.deleted and gone.merged_into == a and not survivor.deleted
        assert survivor.phone == "0988000111" and survivor.address["house_number"] == "12A"
        assert survivor.head_name == "nguyen van thanh"  # b's, typed later
        assert {r.household_id for r in session.scalars(select(Resident).where(Resident.id.in_([older.id, twin.id])))} == {a}
        moved_visit = session.get(Visit, visit.id)
        assert moved_visit is not None and moved_visit.household_id == a and moved_visit.follow_up_date is not None
    # the search finds the survivor only (the tombstone left the index), with both Lans' names
    assert search_household_ids(store, "nguyen thi lan") == [a]
    assert search_household_ids(store, "doi can") == [a]
    # the two Lans are now one household's residents: the resident scan offers them
    residents = duplicates.scan(store, leader.ward_id).residents
    assert [c.pair for c in residents] == [tuple(sorted((older.id, twin.id)))]
    duplicates.merge(store, leader, RecordKind.RESIDENT, older.id, twin.id)
    with store.read() as session:
        filing = session.scalars(select(Filing).where(Filing.visit_id == visit.id)).one()
        kept = session.get(Resident, older.id)
        assert filing.resident_id == older.id
        assert kept is not None and kept.personal_id == "001160000123" and kept.consent_given_at is not None
    assert duplicates.scan(store, leader.ward_id).count == 0
    assert pair in {m.pair_id for m in duplicates.recent_merges(store)} and len(duplicates.recent_merges(store)) == 2


def test_undo_restores_the_tombstone_and_moves_back_what_the_merge_moved(store: Store, leader: Actor) -> None:
    a, b = _two_registrations(store, leader)
    resident = add_resident(store, leader, b, ResidentInput("Trần Văn Bình", dt.date(1990, 1, 1)), consent_purpose="hỗ trợ dịch vụ công")
    visit = record_visit(store, leader, VisitInput(b, now_local().replace(microsecond=0) - dt.timedelta(hours=1)))
    with store.write() as tx:
        tx.recorder.update(_household(tx.session, b), {"phone": "0988000111"})
    pair = duplicates.merge(store, leader, RecordKind.HOUSEHOLD, a, b)
    with pytest.raises(ValidationError):
        duplicates.undo_merge(store, leader, pair, now=now_local() + dt.timedelta(days=duplicates.UNDO_DAYS, hours=1))
    duplicates.undo_merge(store, leader, pair)
    with store.read() as session:
        survivor, back = session.get(Household, a), session.get(Household, b)
        assert back is not None and not back.deleted and back.merged_into is None
        assert survivor is not None and survivor.phone == "0912345678"
        assert session.get(Resident, resident.id).household_id == b  # type: ignore[union-attr]
        assert session.get(Visit, visit.id).household_id == b  # type: ignore[union-attr]
        assert session.get(DuplicatePair, pair).status == PairStatus.UNDONE  # type: ignore[union-attr]
    # undone: the pair is offered again
    assert [c.pair for c in duplicates.scan(store, leader.ward_id).households] == [tuple(sorted((a, b)))]


def test_repoint_follows_chains_and_breaks_cycles_the_same_way_everywhere(store: Store, leader: Actor) -> None:
    assert survivors({"b": "a", "a": "c"}) == ({"b": "c", "a": "c"}, set())
    assert survivors({"b": "a", "a": "b"}) == ({"b": "a"}, {"a"})
    a, b = _two_registrations(store, leader)
    visit = record_visit(store, leader, VisitInput(b, now_local().replace(microsecond=0) - dt.timedelta(hours=1)))
    # two leaders merged the pair both ways: both tombstones, a cycle
    with store.write() as tx:
        tx.recorder.update(_household(tx.session, a), {"deleted": True, "merged_into": b})
        tx.recorder.update(_household(tx.session, b), {"deleted": True, "merged_into": a})
    with store.write() as tx:
        done = repoint_merged(tx.session, tx.recorder, leader=True, member_id=leader.member_id)
    keep = min(a, b)
    assert done.revived == 1
    with store.read() as session:
        assert not session.get(Household, keep).deleted  # type: ignore[union-attr]
        assert session.get(Visit, visit.id).household_id == keep  # type: ignore[union-attr]


def test_a_volunteers_laptop_repoints_its_own_visits_but_not_in_a_locked_week(store: Store, leader: Actor,
                                                                                volunteer: Actor) -> None:
    a, b = _two_registrations(store, leader)
    two_weeks_ago = now_local().replace(microsecond=0) - dt.timedelta(days=14)
    locked = record_visit(store, volunteer, VisitInput(b, two_weeks_ago))
    recent = record_visit(store, volunteer, VisitInput(b, now_local().replace(microsecond=0) - dt.timedelta(hours=1)))
    someone_elses = record_visit(store, leader, VisitInput(b, now_local().replace(microsecond=0) - dt.timedelta(hours=2)))
    week = iso_week_of(two_weeks_ago.date())
    with store.write() as tx:
        tx.recorder.create(WeekLock, {"ward_id": leader.ward_id, "team_id": leader.team_id, "iso_week": week, "locked": True},
                           id=week_lock_id(str(leader.team_id), week))
        tx.recorder.update(_household(tx.session, b), {"deleted": True, "merged_into": a})
    with store.write() as tx:
        done = repoint_merged(tx.session, tx.recorder, leader=False, member_id=volunteer.member_id)
    assert done.visits == 1
    with store.read() as session:
        where = {v.id: v.household_id for v in session.scalars(select(Visit))}
    assert where == {locked.id: b, recent.id: a, someone_elses.id: b}  # the rest is a leader's laptop's to move


def test_laptop_migration_0005d_upgrades_a_0004f_database_and_keeps_its_data(store: Store, leader: Actor) -> None:
    from alembic import command
    from sqlalchemy import text

    from outreach.store import migrate as migrate_module
    from outreach.store.database import open_store

    household = register_household(store, leader, HouseholdInput("Trần Thị Hoa", {"house_number": "7", "street": "Kim Mã"}))
    with store.engine.begin() as conn:  # back to the schema before issue 17
        config = migrate_module.alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0004f")
    with store.engine.connect() as conn:
        assert "merged_into" not in {r[1] for r in conn.execute(text("PRAGMA table_info(households)"))}
    profile = store.profile
    store.close()
    reopened = open_store(profile)  # migrates, after a backup
    try:
        with reopened.read() as session:
            assert "merged_into" in {r[1] for r in session.execute(text("PRAGMA table_info(residents)"))}
            indexes = {r[0] for r in session.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))}
            assert {"ix_households_merged", "ix_residents_merged", "ix_duplicate_pairs_server_seq"} <= indexes
            kept = session.get(Household, household.id)
            assert kept is not None and kept.merged_into is None
    finally:
        reopened.close()

"""Erasure (issue 14): gone from the server (lost values included) and from every laptop through
sync (outbox, set-aside changes, drafts, search index, backups, free pages); a laptop offline
during the erasure cannot bring the data back; the statistics stay."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from outreach.model import Filing, Household, NeedsAttention, OutboxEntry, Resident, Visit
from outreach.model.base import table_of
from outreach.model.entities import ERASED_NAME
from outreach.server import admin, audit_trail, data_requests
from outreach.server.erasure import erase_resident, export_log, reapply
from outreach.server.schema import ErasureRecord, LostValueRecord
from outreach.services import drafts
from outreach.services.context import Actor
from outreach.services.households import (
    HouseholdInput,
    ResidentInput,
    add_resident,
    make_head,
    register_household,
    search_households,
    update_household,
)
from outreach.services.visits import FilingInput, VisitInput, record_visit
from outreach.store.database import Store
from outreach.store.migrate import backup_database
from outreach.sync.client import run_sync
from outreach.sync.transport import HttpTransport
from outreach.vocabulary import DataRight
from tests.helpers.sync import WardSetup, area_group, enrol_fast, fast_store

PID, PHONE, NAME = "001090000123", "0912345678", "Hoàng Văn Ấn"
NEW_PHONE = "0987654321"


def _laptop(ward: WardSetup, template_root: Path, folder: Path, role: str = "volunteer") -> tuple[Store, HttpTransport]:
    store = fast_store(template_root, folder)
    transport = enrol_fast(ward, store, role)
    run_sync(store, transport=transport)
    return store, transport


def _raw_text(store: Store) -> bytes:
    """Every byte of the laptop's database files and backup copies (unencrypted test profiles)."""
    folder = store.profile.data_dir
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and ".db" in p.name)


def _server_resident(ward: WardSetup, resident_id: str) -> dict[str, object]:
    with ward.server.db.read() as conn:
        return dict(conn.execute(select(table_of(Resident)).where(table_of(Resident).c.id == resident_id)).mappings().one())


def test_an_erased_resident_is_gone_everywhere_and_an_offline_laptop_cannot_bring_it_back(
    ward_setup: WardSetup, template_root: Path, tmp_path: Path
) -> None:
    group = area_group(ward_setup)  # the volunteers' team's area: their laptops hold its people
    a, ta = _laptop(ward_setup, template_root, tmp_path / "a")
    b, tb = _laptop(ward_setup, template_root, tmp_path / "b")
    c, tc = _laptop(ward_setup, template_root, tmp_path / "c")
    try:
        actor_a, actor_c = Actor.from_profile(a.profile), Actor.from_profile(c.profile)
        home = register_household(a, actor_a, HouseholdInput(NAME, {"street": "Kim Mã", "house_number": "7"}, group, phone=PHONE))
        person = add_resident(a, actor_a, home.id, ResidentInput(NAME, dt.date(1990, 3, 4), "Nam", personal_id=PID, phone=PHONE,
                                                                 relation_to_head="Chủ hộ"), consent_purpose="Hỗ trợ", confirm=True)
        visit = record_visit(a, actor_a, VisitInput(home.id, dt.datetime(2026, 11, 16, 9), filings=[
            FilingInput("1.001193", person.id, status="guided_only")]))
        run_sync(a, transport=ta)
        for laptop, transport in ((b, tb), (c, tc)):
            run_sync(laptop, transport=transport)
            assert search_households(laptop, PID)
        # a concurrent edit: B changes the phone without having seen A's newer one -> a kept losing value
        from outreach.services.households import update_resident

        update_resident(a, actor_a, person.id, ResidentInput(NAME, dt.date(1990, 3, 4), "Nam", personal_id=PID, phone="0911111111",
                                                             relation_to_head="Chủ hộ"), confirm=True)
        update_resident(b, Actor.from_profile(b.profile), person.id, ResidentInput(
            NAME, dt.date(1990, 3, 4), "Nam", personal_id=PID, phone="0922222222", relation_to_head="Chủ hộ"), confirm=True)
        run_sync(a, transport=ta)
        run_sync(b, transport=tb)
        with ward_setup.server.db.read() as conn:
            kept = conn.execute(select(func.count()).select_from(LostValueRecord).where(LostValueRecord.entity_id == person.id)).scalar()
        assert kept
        backup_database(b.engine, b.profile.database_path, label="0004f")  # a migration's backup copy, holding the person
        # C goes offline and edits the person; a visit draft mentions them
        update_resident(c, actor_c, person.id, ResidentInput(NAME, dt.date(1990, 3, 4), "Nam", personal_id=PID, phone=NEW_PHONE,
                                                             relation_to_head="Chủ hộ"), confirm=True)
        drafts.save_draft(c, "visit:new", "visit", {"household_id": home.id, "filings": [{"resident_id": person.id, "note": NAME}]})
        update_household(c, actor_c, home.id, HouseholdInput(NAME, {"street": "Kim Mã", "house_number": "7"}, group, phone=NEW_PHONE))

        request = data_requests.add_request(ward_setup.server.db, ward_setup.ward_id, DataRight.DELETION, "Hoàng Văn Ấn",
                                            resident_id=person.id, handler="Cán bộ Lan")
        result = erase_resident(ward_setup.server.db, person.id, request_id=request.id, by="Cán bộ Lan")
        assert result.household_cleared and result.lost_values_removed >= 1

        row = _server_resident(ward_setup, person.id)
        assert (row["full_name"], row["personal_id"], row["phone"], row["date_of_birth"]) == (ERASED_NAME, None, None, None)
        assert row["erased_at"] is not None and row["sex"] == "Nam"  # statistics fields stay
        with ward_setup.server.db.read() as conn:
            assert conn.execute(select(func.count()).select_from(LostValueRecord).where(
                LostValueRecord.entity_id.in_([person.id, home.id]))).scalar() == 0
            head = conn.execute(select(table_of(Household).c.head_name, table_of(Household).c.phone)
                                .where(table_of(Household).c.id == home.id)).one()
            filings = conn.execute(select(func.count()).select_from(table_of(Filing))
                                   .where(table_of(Filing).c.resident_id == person.id)).scalar()
            visits = conn.execute(select(func.count()).select_from(table_of(Visit)).where(table_of(Visit).c.id == visit.id)).scalar()
            trail = audit_trail.query(conn, ward_ids=[ward_setup.ward_id], resident_id=person.id, action="erasure", limit=5)
            logged = conn.execute(select(ErasureRecord.resident_id, ErasureRecord.request_id)).all()
        assert tuple(head) == (ERASED_NAME, None) and filings == 1 and visits == 1
        assert len(trail) == 1 and (person.id, request.id) in logged
        assert data_requests.get_request(ward_setup.server.db, request.id).residual  # what the app cannot erase is listed

        # B, online: its copy, search index, backup and free pages lose the person
        report = run_sync(b, transport=tb)
        assert report.erasures_scrubbed == 1 and report.verified is not False
        with b.read() as s:
            local = s.get_one(Resident, person.id)
            assert (local.full_name, local.personal_id, local.phone) == (ERASED_NAME, None, None)
        assert search_households(b, PID) == [] and search_households(b, "hoang van an") == []
        raw = _raw_text(b)
        assert PID.encode() not in raw and "Hoàng Văn Ấn".encode() not in raw and b"0922222222" not in raw

        # C was offline: its push of the person's phone is refused, then scrubbed with the rest; so is
        # the household renamed after the erasure (a newer stamp would win the merge)
        update_household(c, actor_c, home.id, HouseholdInput(NAME + " (ông)", {"street": "Kim Mã", "house_number": "7"},
                                                             group, phone=NEW_PHONE))
        run_sync(c, transport=tc)
        assert _server_resident(ward_setup, person.id)["phone"] is None
        with ward_setup.server.db.read() as conn:
            head = conn.execute(select(table_of(Household).c.head_name, table_of(Household).c.phone)
                                .where(table_of(Household).c.id == home.id)).one()
            kept_values = conn.execute(select(LostValueRecord.value).where(LostValueRecord.entity_id.in_([person.id, home.id]))).all()
        assert tuple(head) == (ERASED_NAME, None) and kept_values == []  # C's stale head name and phone lost, and not kept
        with c.read() as s:
            local = s.get_one(Resident, person.id)
            assert (local.full_name, local.phone, local.personal_id) == (ERASED_NAME, None, None)
            set_aside = s.scalars(select(NeedsAttention).where(NeedsAttention.entity_id == person.id)).all()
            assert all(not {"phone", "personal_id", "full_name"} & set(n.fields) for n in set_aside)
            assert not s.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == person.id)).all()
        assert drafts.load_draft(c, "visit:new") is None
        raw = _raw_text(c)
        assert PID.encode() not in raw and NEW_PHONE.encode() not in raw and "Hoàng Văn Ấn".encode() not in raw
        assert run_sync(c, transport=tc).erasures_scrubbed == 0  # once per erasure

        # the household gets a new head from its living members as usual
        actor_b = Actor.from_profile(b.profile)
        daughter = add_resident(b, actor_b, home.id, ResidentInput("Hoàng Thị Bé", relation_to_head="Con"))
        make_head(b, actor_b, daughter.id, former_head_relation="Khác")
        run_sync(b, transport=tb)
        with ward_setup.server.db.read() as conn:
            head_now = conn.execute(select(table_of(Household).c.head_name).where(table_of(Household).c.id == home.id)).scalar()
        assert head_now == "Hoàng Thị Bé"
        assert _server_resident(ward_setup, person.id)["relation_to_head"] == "Khác"

        # A later write of a personal field by any laptop is refused by the server
        with c.write() as tx:
            tx.recorder.update(tx.session.get_one(Resident, person.id), {"phone": NEW_PHONE})
        run_sync(c, transport=tc)
        assert _server_resident(ward_setup, person.id)["phone"] is None
    finally:
        for store, transport in ((a, ta), (b, tb), (c, tc)):
            store.close()
            transport.close()


def test_reapply_erases_again_what_a_restored_copy_brought_back(ward_setup: WardSetup) -> None:
    """After a restore from a dump older than the erasure, the exported log erases it again."""
    db = ward_setup.server.db
    household = "h-" + ward_setup.ward_id[-12:]
    resident = "r-" + ward_setup.ward_id[-12:]
    admin.office_write(db, Household, household, {"ward_id": ward_setup.ward_id, "head_name": NAME, "phone": PHONE},
                       ward_setup.ward_id, create=True)
    admin.office_write(db, Resident, resident, {"ward_id": ward_setup.ward_id, "household_id": household, "full_name": NAME,
                                                "personal_id": PID, "phone": PHONE}, ward_setup.ward_id, create=True)
    erase_resident(db, resident, by="Cán bộ Lan")
    log = [e for e in export_log(db) if e["resident_id"] == resident]
    assert reapply(db, log) == 0  # nothing came back yet
    # "the restore": the row holds the person again (as the older dump did)
    admin.office_write(db, Resident, resident, {"full_name": NAME, "personal_id": PID}, ward_setup.ward_id, create=False)
    assert reapply(db, log) == 1
    row = _server_resident(ward_setup, resident)
    assert (row["full_name"], row["personal_id"]) == (ERASED_NAME, None)


@pytest.mark.parametrize("right", list(DataRight))
def test_request_deadlines_come_from_the_rules_in_working_days(ward_setup: WardSetup, right: DataRight) -> None:
    from outreach.privacy_rules import privacy_rules
    from outreach.working_days import add_working_days

    friday = dt.date(2026, 11, 27)
    row = data_requests.add_request(ward_setup.server.db, ward_setup.ward_id, right, "Nguyễn Thị Hoa", received_on=friday)
    rules = privacy_rules()
    assert row.acknowledge_by == dt.date(2026, 12, 1)  # 2 working days after a Friday: Tuesday
    assert row.respond_by == add_working_days(friday, rules.respond_working_days[right])
    assert row.overdue(row.respond_by + dt.timedelta(days=1)) and not row.overdue(friday)

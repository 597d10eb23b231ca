"""Least data on each laptop (issue 14) through a real server (SQLite and PostgreSQL): a
volunteer's laptop holds personal fields only for its team's area and a directory of the rest,
drops what leaves the area and gets what joins it at the next sync; a leader's laptop holds the
ward; the digests agree on both."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from outreach.errors import PermissionDenied
from outreach.model import Filing, Household, Resident, ResidentialGroup, Visit
from outreach.model.ids import uuid7
from outreach.server import admin
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, ResidentInput, add_resident, update_household
from outreach.store.database import Store
from outreach.sync.client import run_sync
from outreach.sync.transport import HttpTransport
from tests.helpers.sync import WardSetup, area_group, enrol_fast, fast_store


def _people(ward: WardSetup, group_id: str, tag: str) -> dict[str, str]:
    """One household of ``group_id`` with one consenting resident, written by the office; the
    ids and the personal values (distinct per ``tag`` so a leak is recognisable)."""
    household, resident = uuid7(), uuid7()
    phone, personal_id = f"09{tag}8765{tag}{tag}{tag}", f"0010990{tag * 5}"
    admin.office_write(ward.server.db, Household, household, {
        "ward_id": ward.ward_id, "group_id": group_id, "address": {"house_number": f"{tag}", "street": "Văn Cao"},
        "head_name": f"Chủ hộ {tag}",        "phone": phone, "notes": f"ghi chú {tag}"}, ward.ward_id, create=True)
    admin.office_write(ward.server.db, Resident, resident, {
        "ward_id": ward.ward_id, "household_id": household, "full_name": f"Người {tag}", "personal_id": personal_id,
        "old_id": f"01{tag * 7}",        "date_of_birth": dt.date(1971, 3, int(tag)), "phone": phone, "card_address": f"Số {tag} Văn Cao",
        "consent_given_at": dt.datetime(2026, 11, 1, 9, 0), "consent_detail": {"purpose": "hỗ trợ", "recorded_by": None}},
        ward.ward_id, create=True)
    return {"household": household, "resident": resident, "phone": phone, "personal_id": personal_id}


def _set_area(ward: WardSetup, group_id: str, team_id: str | None) -> None:
    admin.office_write(ward.server.db, ResidentialGroup, group_id, {"team_id": team_id}, ward.ward_id, create=False)


def _ward(ward: WardSetup) -> tuple[str, str, dict[str, str], dict[str, str]]:
    """Two groups: the first in the team's area, the second in no team's; a household in each."""
    first = area_group(ward)
    second = admin.add_group(ward.server.db, ward.ward_id, "Tổ dân phố số 2", sort_order=2)
    return first, second, _people(ward, first, "1"), _people(ward, second, "2")


def _visits(ward: WardSetup, inside: dict[str, str], outside: dict[str, str]) -> dict[str, str]:
    """Visits of another team at both households (one with a filing), and one of the laptop's team
    at the other area's household."""
    other = admin.add_team(ward.server.db, ward.ward_id, "Đội cơ động số 2")
    made = {}
    for name, team, household in (("other_in", other, inside), ("other_out", other, outside), ("own_out", ward.team_id, outside)):
        made[name] = uuid7()
        admin.office_write(ward.server.db, Visit, made[name], {
            "ward_id": ward.ward_id, "household_id": household["household"], "team_id": team,
            "started_at": dt.datetime(2026, 11, 20, 9, 0), "notes": f"thăm {name}"}, ward.ward_id, create=True)
    made["filing"] = uuid7()
    admin.office_write(ward.server.db, Filing, made["filing"], {
        "ward_id": ward.ward_id, "visit_id": made["other_out"], "resident_id": outside["resident"],
        "procedure_code": "1.001612", "dossier": {"dossier_code": "H01.22-261120-0002"}}, ward.ward_id, create=True)
    return made


def _ids(store: Store, table: str) -> set[str]:
    return {row[0] for row in _raw(store, f"SELECT id FROM {table}")}


def _raw(store: Store, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with store.read() as session:
        return [tuple(row) for row in session.execute(text(sql), params)]


def _holds_personal(store: Store, person: dict[str, str]) -> bool:
    """Whether the laptop's tables or search index hold any personal value of ``person``."""
    residents = _raw(store, "SELECT personal_id, old_id, date_of_birth, phone, card_address, consent_detail FROM residents "
                            "WHERE id = :id", id=person["resident"])
    phones = _raw(store, "SELECT phone FROM households WHERE id = :id AND phone IS NOT NULL", id=person["household"])
    index = _raw(store, "SELECT numbers FROM household_search WHERE numbers LIKE :p OR numbers LIKE :i",
                 p=f"%{person['phone']}%", i=f"%{person['personal_id']}%")
    return bool(residents or phones or index)


def _laptop(ward: WardSetup, template_root: Path, folder: Path, role: str) -> tuple[Store, HttpTransport]:
    store = fast_store(template_root, folder)
    return store, enrol_fast(ward, store, role=role)


def test_a_volunteer_laptop_holds_personal_fields_of_its_area_only_and_follows_area_changes(
        ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    ward = ward_setup
    first, second, inside, outside = _ward(ward)
    visits = _visits(ward, inside, outside)
    volunteer, transport = _laptop(ward, template_root, tmp_path / "volunteer", "volunteer")
    leader, leader_transport = _laptop(ward, template_root, tmp_path / "leader", "leader")
    try:
        report = run_sync(volunteer, transport=transport)
        assert report.verified is True  # the digest over what the scope sees agrees
        assert _holds_personal(volunteer, inside) and not _holds_personal(volunteer, outside)
        # the other area's household is in the directory: found by address and head's name, no phone, no notes
        assert _raw(volunteer, "SELECT head_name, phone, notes FROM households WHERE id = :id", id=outside["household"]) == [
            ("Chủ hộ 2", None, "")]
        assert _raw(volunteer, "SELECT id FROM residents") == [(inside["resident"],)]
        # visits: the team's own anywhere, others' in the area only; no filing of a visit not held
        assert _ids(volunteer, "visits") == {visits["other_in"], visits["own_out"]} and not _ids(volunteer, "filings")
        # nothing of the other area's person lies anywhere in the database file
        data = (volunteer.profile.data_dir / "outreach.db").read_bytes()
        assert outside["personal_id"].encode() not in data and outside["phone"].encode() not in data

        # a later edit of the other household's phone: not even its stamp reaches the volunteer
        admin.office_write(ward.server.db, Household, outside["household"], {"phone": outside["phone"][:-1] + "0"},
                           ward.ward_id, create=False)
        page = transport.get("/sync/pull", {"since": 0, "limit": 10_000, "layout": "columns"})
        directory = [t for t in page["tables"] if t["entity"] == "household" and "phone" not in t["columns"]]
        assert len(directory) == 1 and "phone" not in json.dumps(directory[0]["rows"])
        admin.office_write(ward.server.db, Household, outside["household"], {"phone": outside["phone"]}, ward.ward_id, create=False)
        # the rows layout (protocol 1) serves the same scope, with the same digest
        rows = transport.get("/sync/pull", {"since": 0, "limit": 10_000})
        served = {(r["entity"], r["id"]): r for r in rows["rows"]}
        assert ("resident", outside["resident"]) not in served and ("resident", inside["resident"]) in served
        assert set(served[("household", outside["household"])]["fields"]) == {
            "ward_id", "deleted", "group_id", "address", "head_name", "merged_into"}
        assert served[("household", inside["household"])]["fields"]["phone"] == inside["phone"]
        columns = transport.get("/sync/pull", {"since": 0, "limit": 10_000, "layout": "columns"})
        assert rows["digest"] == columns["digest"] and rows["device"]["area"] == [first]

        lead = run_sync(leader, transport=leader_transport)
        assert lead.verified is True
        assert _holds_personal(leader, inside) and _holds_personal(leader, outside)
        assert {visits["other_in"], visits["other_out"], visits["own_out"]} <= _ids(leader, "visits")
        assert visits["filing"] in _ids(leader, "filings")

        # the area changes: the first group leaves the team's area, the second joins it
        _set_area(ward, first, None)
        _set_area(ward, second, ward.team_id)
        again = run_sync(volunteer, transport=transport, verify=True)
        assert again.verified is True
        assert not _holds_personal(volunteer, inside) and _holds_personal(volunteer, outside)
        assert _raw(volunteer, "SELECT id FROM residents") == [(outside["resident"],)]
        assert _raw(volunteer, "SELECT head_name, phone, notes FROM households WHERE id = :id", id=inside["household"]) == [
            ("Chủ hộ 1", None, "")]
        assert _raw(volunteer, "SELECT count(*) FROM outbox") == [(0,)]
        assert _ids(volunteer, "visits") == {visits["other_out"], visits["own_out"]}
        assert _ids(volunteer, "filings") == {visits["filing"]}
        # and back: the blanks never went to the server, the full rows come back
        _set_area(ward, first, ward.team_id)
        back = run_sync(volunteer, transport=transport, verify=True)
        assert back.verified is True and back.pushed == 0
        assert _holds_personal(volunteer, inside) and _holds_personal(volunteer, outside)
        with ward.server.db.read() as conn:
            assert conn.execute(text("SELECT phone FROM households WHERE id = :id"), {"id": inside["household"]}).scalar_one() == \
                inside["phone"]
        assert run_sync(leader, transport=leader_transport, verify=True).verified is True
    finally:
        transport.close()
        leader_transport.close()
        volunteer.close()
        leader.close()


def test_a_volunteer_laptop_refuses_to_write_what_it_does_not_hold_of_another_area(
        ward_setup: WardSetup, template_root: Path, tmp_path: Path) -> None:
    ward = ward_setup
    _first, second, inside, outside = _ward(ward)
    volunteer, transport = _laptop(ward, template_root, tmp_path / "volunteer", "volunteer")
    try:
        run_sync(volunteer, transport=transport)
        p = volunteer.profile
        actor = Actor(p.member_id, "Phạm Quang Huy", "volunteer", p.ward_id, p.team_id)
        directory = HouseholdInput("Chủ hộ 2", {"house_number": "2", "street": "Văn Cao"}, second)
        # a phone or a note over values this laptop never saw: refused, with the reason
        changes: list[dict[str, Any]] = [{"phone": "0911111111"}, {"notes": "mới"}]
        for change in changes:
            with pytest.raises(PermissionDenied) as refused:
                update_household(volunteer, actor, outside["household"], dataclasses.replace(directory, **change))
            assert refused.value.code == "outside_area" and "địa bàn" in refused.value.message_vi
        with pytest.raises(PermissionDenied):
            add_resident(volunteer, actor, outside["household"], ResidentInput("Người mới", personal_id="001099077777"),
                         consent_purpose="Hỗ trợ dịch vụ công")
        # the directory itself may be corrected; only that field travels, the server's phone stays
        update_household(volunteer, actor, outside["household"], dataclasses.replace(directory, head_name="Chủ hộ Hai"))
        # and the own area is written as before
        update_household(volunteer, actor, inside["household"], HouseholdInput(
            "Chủ hộ 1", {"house_number": "1", "street": "Văn Cao"}, _first, phone="0933333333", notes="ghi chú 1"))
        report = run_sync(volunteer, transport=transport, verify=True)
        assert report.rejected == 0 and report.verified is True
        with ward.server.db.read() as conn:
            row = conn.execute(text("SELECT head_name, phone, notes FROM households WHERE id = :id"),
                               {"id": outside["household"]}).one()
        assert tuple(row) == ("Chủ hộ Hai", outside["phone"], "ghi chú 2")
        assert not _holds_personal(volunteer, outside)
    finally:
        transport.close()
        volunteer.close()

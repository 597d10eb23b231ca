"""The field rules on the laptop's side (issue 15): the write path cleans typed text and refuses
what the server would refuse, so no change is recorded that could block the ward's sync.

The server's side of the same rules is tested against real servers in
tests/sync/test_sync_hostile_values.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select

from outreach.errors import ValidationError
from outreach.model import Filing, Household, OutboxEntry, Resident, Visit
from outreach.model.field_rules import clean_text, field_problem, values_problem
from outreach.services.context import Actor
from outreach.services.households import HouseholdInput, register_household
from outreach.store.database import Store


def _outbox(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxEntry)) or 0)


def test_typed_text_is_cleaned_before_it_is_recorded(store: Store, volunteer: Actor) -> None:
    summary = register_household(store, volunteer, HouseholdInput("Nguyễn\x00 Văn\x1b[31m An", {"street": "Đội\x00 Cấn"},
                                                                    notes="dòng 1\r\ndòng 2\x00\tcuối\x85"))
    with store.read() as session:
        row = session.get(Household, summary.id)
        assert row is not None
        assert (row.head_name, row.address["street"], row.notes) == ("Nguyễn Văn[31m An", "Đội Cấn", "dòng 1\r\ndòng 2\tcuối")
        entry = session.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == summary.id)).one()
        assert entry.fields["head_name"][0] == "Nguyễn Văn[31m An"


@pytest.mark.parametrize(
    ("entity", "values", "field"),
    [
        (Visit, {"outcome": "hacked"}, "outcome"),
        (Visit, {"satisfaction": 99}, "satisfaction"),
        (Visit, {"started_at": dt.datetime(9999, 1, 1)}, "started_at"),
        (Visit, {"topics": [float("nan")]}, "topics"),
        (Visit, {"notes": "x" * 4_001}, "notes"),
        (Household, {"address": {"street": float("nan")}}, "address"),
        (Household, {"address": {"street": {"nested": ["object"]}}}, "address"),
        (Household, {"phone": "09x2345678"}, "phone"),
        (Resident, {"personal_id": "00120300A456"}, "personal_id"),
        (Resident, {"vneid_level": 3}, "vneid_level"),
        (Resident, {"date_of_birth": dt.date(1800, 1, 1)}, "date_of_birth"),
    ],
)
def test_values_the_server_would_refuse_are_refused_and_nothing_is_written(
    store: Store, ward: dict[str, str], entity: type[Any], values: dict[str, Any], field: str
) -> None:
    before = _outbox(store)
    with pytest.raises(ValidationError) as raised, store.write() as tx:
        tx.recorder.create(entity, {"ward_id": ward["ward"], **values})
    assert [p.field for p in raised.value.problems] == [field]
    assert raised.value.problems[0].message_vi and raised.value.problems[0].message_en
    assert _outbox(store) == before


def test_bulk_rows_are_cleaned_or_refused_a_column_at_a_time(store: Store, ward: dict[str, str]) -> None:
    rows = [{"ward_id": ward["ward"], "head_name": f"Hộ {i}", "address": {"street": "Kim Mã"}} for i in range(50)]
    rows[7]["head_name"] = "Hộ\x00 bảy"
    with store.write() as tx:
        ids = tx.recorder.insert_many(Household, rows)
    with store.read() as session:
        assert session.get(Household, ids[7]).head_name == "Hộ bảy"  # type: ignore[union-attr]
    rows[3]["address"] = {"street": float("inf")}
    before = _outbox(store)
    with pytest.raises(ValidationError), store.write() as tx:
        tx.recorder.insert_many(Household, rows)
    assert _outbox(store) == before


def test_update_is_held_to_the_rules(store: Store, volunteer: Actor) -> None:
    summary = register_household(store, volunteer, HouseholdInput("Trần Văn Bình", {"street": "Văn Cao"}))
    with pytest.raises(ValidationError), store.write() as tx:
        tx.recorder.update(tx.session.get_one(Household, summary.id), {"address": {"street": "Văn Cao", "gps": [1.5, 2.5]}})
    with store.write() as tx:  # cleaned, the name is the one stored: nothing changes
        assert tx.recorder.update(tx.session.get_one(Household, summary.id), {"head_name": "Trần Văn\x00 Bình"}) == set()


def test_rules_accept_what_the_forms_write() -> None:
    assert values_problem(Visit, {"outcome": "helped", "satisfaction": 5, "notes": "a\nb\tc\r\n", "topics": ["VNeID"],
                                  "members_present": [], "started_at": "2026-11-30T09:00:00"}) is None
    assert values_problem(Resident, {"personal_id": "001203004567", "old_id": "012345678", "sex": "Nữ", "vneid_level": 2,
                                     "consent_detail": {"recorded_by": None, "purpose": "Hỗ trợ"}}) is None
    assert field_problem(Household, "phone", "0912345678") is None
    assert clean_text("a\tb\nc\x00", multi_line=False) == "a b c"
    assert clean_text("\ud800x\u2028", multi_line=True) == "x\u2028"


def test_a_filings_channel_is_one_of_the_channels() -> None:
    assert field_problem(Filing, "channel", "online") is None and field_problem(Filing, "channel", "counter") is None
    broken = field_problem(Filing, "channel", "by_pigeon")
    assert broken is not None and broken.code == "not_member" and "online" in broken.message_en
    assert field_problem(Filing, "electronic_result", True) is None

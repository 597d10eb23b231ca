"""The shared data model: ids, the synced-entity contract, and the wire codec."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from outreach.model import ENTITY_BY_NAME, SYNCED_ENTITIES, Household, Resident, Synced, Visit, synced_fields
from outreach.model.codec import FieldDecodeError, decode_value, encode_value
from outreach.model.ids import stable_id, uuid7


def test_uuid7_is_version_7_and_sorts_by_creation() -> None:
    ids = [uuid7() for _ in range(2000)]
    assert all(uuid.UUID(i).version == 7 and uuid.UUID(i).variant == uuid.RFC_4122 for i in ids)
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_stable_id_is_deterministic_per_content() -> None:
    assert stable_id("week_lock", "t1", "2026-W47") == stable_id("week_lock", "t1", "2026-W47")
    assert stable_id("week_lock", "t1", "2026-W47") != stable_id("week_lock", "t1", "2026-W48")


@pytest.mark.parametrize("entity", SYNCED_ENTITIES)
def test_every_synced_entity_has_the_sync_contract(entity: type[Synced]) -> None:
    columns = set(entity.__table__.columns.keys())  # type: ignore[attr-defined]  # Synced is a mixin: only its subclasses have a table
    assert {"id", "ward_id", "deleted", "clocks", "server_seq"} <= columns
    assert ENTITY_BY_NAME[entity.entity_name] is entity
    fields = synced_fields(entity)
    assert "deleted" in fields and "clocks" not in fields and "server_seq" not in fields and "id" not in fields


def test_grouped_fields_are_single_json_fields() -> None:
    # parts that must never mix across devices are one field each (DESIGN.md §4.14)
    assert "address" in synced_fields(Household) and "street" not in synced_fields(Household)
    assert "members_present" in synced_fields(Visit) and "topics" in synced_fields(Visit)


@pytest.mark.parametrize(
    ("entity", "field", "value"),
    [
        (Resident, "date_of_birth", dt.date(1950, 5, 6)),
        (Visit, "started_at", dt.datetime(2026, 11, 16, 9, 30)),
        (Visit, "topics", ["VNeID mức 2", "BHYT"]),
        (Household, "address", {"lane": "12", "street": "Đội Cấn"}),
        (Household, "elderly_alone", True),
        (Resident, "vneid_level", 2),
        (Resident, "personal_id", None),
    ],
)
def test_codec_round_trip(entity: type, field: str, value: object) -> None:
    assert decode_value(entity, field, encode_value(value)) == value


@pytest.mark.parametrize(
    ("entity", "field", "wire"),
    [
        (Resident, "date_of_birth", "06/05/1950"),
        (Resident, "date_of_birth", 19500506),
        (Visit, "started_at", "yesterday"),
        (Household, "elderly_alone", "yes"),
        (Resident, "vneid_level", True),
        (Resident, "vneid_level", "2"),
        (Resident, "personal_id", "0" * 13),
        (Household, "head_name", 42),
    ],
)
def test_codec_rejects_values_that_do_not_fit(entity: type, field: str, wire: object) -> None:
    with pytest.raises(FieldDecodeError):
        decode_value(entity, field, wire)


def test_clocks_are_stored_grouped_by_stamp_and_read_back_per_field(store) -> None:
    import json

    from sqlalchemy import text

    with store.write() as tx:
        row = tx.recorder.create(Household, {"head_name": "Đặng Văn Đức", "address": {"street": "Kim Mã"}})
    with store.write() as tx:
        row = tx.session.get(Household, row.id)
        tx.recorder.update(row, {"phone": "0912345678"})
    with store.read() as session:
        stored = json.loads(session.execute(text("SELECT clocks FROM households")).scalar())
        loaded = session.get(Household, row.id).clocks
    assert len(stored) == 2  # two edits, two stamps
    assert set(loaded) == set(synced_fields(Household))
    assert loaded["phone"] > loaded["head_name"]
    assert sorted(f for fields in stored.values() for f in fields) == sorted(loaded)


def test_flat_clock_maps_are_still_read() -> None:
    from outreach.model.base import FieldStamps

    stamps = {"phone": "0000000000002-0000-aaaaaaaaaaaaaaaa", "head_name": "0000000000001-0000-aaaaaaaaaaaaaaaa"}
    column = FieldStamps()
    assert column.process_result_value(stamps, None) == stamps  # type: ignore[arg-type]
    assert column.process_result_value(column.process_bind_param(stamps, None), None) == stamps  # type: ignore[arg-type]

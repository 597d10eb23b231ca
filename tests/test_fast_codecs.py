"""The fast paths of sync and search give exactly what the plain code they replace gives."""

from __future__ import annotations

import datetime as dt
import gc
import json
import random
import unicodedata
from typing import Any

import pytest
from sqlalchemy.dialects.postgresql import psycopg
from sqlalchemy.dialects.sqlite import pysqlcipher

from outreach.model import Resident, Visit, synced_fields
from outreach.model.codec import (
    FieldDecodeError,
    decode_value,
    dumps_canonical,
    dumps_compact,
    dumps_default,
    loads,
)
from outreach.model.entities import SYNCED_ENTITIES
from outreach.model.rowio import (
    decode_fast,
    field_defaults,
    field_specs,
    page_inserter,
    row_writer,
)
from outreach.vietnamese_fold import fold

VALUES: list[Any] = [None, True, False, 0, -7, 2**70, 1.5, float("nan"), "", "ư\"x\n\\", "日本", [], {}, ["VNeID mức 2"],
          {"b": [1, {"z": None, "a": "đ"}], "a": 1.0}, [[[]]], {"1795850960941-0006-2b4a391590773bbc": ["a", "b"]}]


def _outcome(fn, value):
    try:
        return fn(value)
    except (TypeError, ValueError) as exc:
        return type(exc)


@pytest.mark.parametrize("value", VALUES + [{"x": {1, 2}}, dt.date(2026, 1, 1), {"1": 1, 2: 2}])
def test_json_encoders_equal_json_dumps(value: object) -> None:
    assert _outcome(dumps_default, value) == _outcome(json.dumps, value)
    assert _outcome(dumps_canonical, value) == _outcome(
        lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False, separators=(",", ":")), value
    )
    assert _outcome(dumps_compact, value) == _outcome(lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":")), value)


@pytest.mark.parametrize("text", [json.dumps(v) for v in VALUES] + [
    json.dumps(VALUES, ensure_ascii=False), "[1e-07, 1e400, -0.0, 5e-324]", "NaN", "[Infinity, -Infinity]", "1" + "0" * 30,
    '"\\ud800"', '{"a": 1, "a": 2}', " [ ] ", "{", "", "[1,]", "nul", '"\x01"'])
@pytest.mark.parametrize("as_bytes", [False, True])
def test_loads_equals_json_loads(text: str, as_bytes: bool) -> None:
    data = text.encode() if as_bytes else text
    same = _outcome(loads, data), _outcome(json.loads, data)
    assert repr(same[0]) == repr(same[1])  # repr: NaN is not equal to itself


def test_loads_takes_what_only_json_takes() -> None:
    assert loads("\ufeff".encode("utf-8") + b"[1]") == [1] and loads('["đ"]'.encode("utf-16")) == ["đ"]


def _reference_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(str.maketrans("đĐðÐ", "dddd")))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def test_fold_equals_the_reference_rule() -> None:
    samples = ["Đặng Văn Đức", "NGUYỄN THỊ ÁNH", "ΑΣ Σ", "a\u034f\u0301b", "x\u1dc0y", "İstanbul", "ﬁ", "Ngõ 12A", "", "日本語", "é\u0308"]
    rnd = random.Random(2026)
    pools = [(32, 127), (0xC0, 0x250), (0x300, 0x370), (0x1DC0, 0x1E00), (0x1E00, 0x1F00), (0x370, 0x400)]
    for _ in range(5000):
        samples.append("".join(chr(rnd.randrange(*rnd.choice(pools))) for _ in range(rnd.randrange(0, 12))))
    assert [fold(s) for s in samples] == [_reference_fold(s) for s in samples]


@pytest.mark.parametrize(
    ("entity", "name"), [(Visit, "started_at"), (Visit, "follow_up_date"), (Resident, "date_of_birth"), (Resident, "consent_given_at")]
)
def test_wire_dates_convert_as_sqlalchemy_binds_them(entity: type, name: str) -> None:
    dialect = pysqlcipher.dialect()
    writer = row_writer(dialect, entity)
    index = writer.fields.index(name)
    for value in [
        "2026-03-02T09:00:00",
        "2026-03-02",
        "2026-13-02T09:00:00",
        "2026-02-30",
        "0000-01-01",
        "2026-03-02T09:00:00.123456",
        "2026-03-02 09:00:00",
        "2026-03-02T09:00:00+07:00",
        "20260302",
        None,
        5,
        "x",
        "2026-03-02T24:00:00",
        "٢٠٢٦-01-01",
    ]:
        try:
            fast = writer.from_wire[index](value)
        except FieldDecodeError:
            fast = "refused"
        try:
            plain = writer.processors[index](decode_value(entity, name, value))
        except FieldDecodeError:
            plain = "refused"
        assert fast == plain, value


#: Wire values of every kind a column takes or refuses.
WIRE_SAMPLES: list[object] = [
    None,
    True,
    False,
    0,
    7,
    -1,
    2**40,
    1.5,
    "",
    "x",
    "đ" * 300,
    "2026-03-02",
    "2026-03-02T09:00:00",
    "2026-02-30",
    "2026-03-02T09:00:00.5",
    "2026-03-02T25:00:00",
    [],
    ["VNeID mức 2"],
    {},
    {"portal": "dvcqg"},
    [1],
    {"a": []},
]


def _refused_or(fn: Any, *args: Any) -> Any:
    try:
        return ("ok", fn(*args))
    except FieldDecodeError:
        return "refused"


@pytest.mark.parametrize("json_serializer", [None, dumps_default], ids=["json.dumps", "dumps_default"])
@pytest.mark.parametrize("entity", SYNCED_ENTITIES, ids=lambda e: e.entity_name)
def test_fast_decoders_equal_the_reference(entity: Any, json_serializer: Any) -> None:
    """The three fast decoders of a wire value (``decode_fast``, ``RowWriter.from_wire`` and the
    column-wise ``_ColumnPlan``) against the reference ``decode_value``: where a fast one
    accepts a value it gives what the reference gives (bound as SQLAlchemy binds it); it refuses
    what the reference refuses, and besides only null in a NOT NULL column and a JSON value of
    another kind than the column's default (the reference leaves those to the database)."""
    dialect = pysqlcipher.dialect(json_serializer=json_serializer)
    writer = row_writer(dialect, entity)
    inserter = page_inserter(dialect, entity)
    specs = field_specs(entity)
    for index, name in enumerate(writer.fields):
        spec, processor = specs[name], writer.processors[index] or (lambda v: v)
        for value in WIRE_SAMPLES:
            reference = _refused_or(decode_value, entity, name, value)
            stricter = (value is None and not spec.nullable) or (value is not None and spec.json_kind is not None
                                                                  and type(value) is not spec.json_kind)
            fast = _refused_or(decode_fast, spec, name, value)
            assert fast == ("refused" if stricter else reference), (name, value)
            bound = _refused_or(writer.from_wire[index], value)
            assert bound == (fast if fast == "refused" else ("ok", processor(fast[1]))), (name, value)
            if inserter is not None:
                plan = inserter.plans[index]
                if plan.check((value,)):  # else the page takes the row-by-row path: same outcome
                    assert bound == ("ok", plan.converted((value,))[0]), (name, value)


def test_writers_follow_the_dialect_not_a_reused_id() -> None:
    """Writers are cached by kind of dialect: a new engine's dialect, even at the address of a
    garbage-collected one of another driver, gets its own writer (with ``id(dialect)`` as the
    key it got the dead one's, with the other driver's parameter marks)."""
    for _ in range(20):
        postgres = psycopg.dialect()
        assert "%s" in row_writer(postgres, Visit).insert_sql and page_inserter(postgres, Visit) is None
        del postgres
        gc.collect()
        sqlite = pysqlcipher.dialect(json_serializer=dumps_default)
        assert "?" in row_writer(sqlite, Visit).insert_sql and page_inserter(sqlite, Visit) is not None
        del sqlite
        gc.collect()


@pytest.mark.parametrize("entity", SYNCED_ENTITIES, ids=lambda e: e.entity_name)
def test_field_defaults_are_every_field_fresh_each_time(entity: Any) -> None:
    """The one table of defaults (outbox, server and pull): every synced field, not deleted, and
    a new ``{}``/``[]`` each call, so a row holding one cannot change the next row's."""
    first, second = field_defaults(entity), field_defaults(entity)
    assert list(first) == list(synced_fields(entity)) and first["deleted"] is False
    for name, value in first.items():
        assert value == second[name]
        if isinstance(value, (dict, list)):
            assert value is not second[name]
    writer = row_writer(pysqlcipher.dialect(json_serializer=dumps_default), entity)
    assert list(writer.default_params) == [v if p is None else p(v) for v, p in zip(first.values(), writer.processors, strict=True)]

"""The fast paths of sync and search give exactly what the plain code they replace gives."""

from __future__ import annotations

import datetime as dt
import json
import random
import unicodedata
from typing import Any

import pytest
from sqlalchemy.dialects.sqlite import pysqlcipher

from outreach.model import Resident, Visit
from outreach.model.codec import FieldDecodeError, decode_value, dumps_canonical, dumps_compact, dumps_default
from outreach.model.rowio import row_writer
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

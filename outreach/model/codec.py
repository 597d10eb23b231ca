"""JSON encoding of field values for the outbox and the wire.

Dates and datetimes travel as ISO-8601 strings; everything else is already JSON. Decoding uses
the column's type, so the receiving side gets proper ``date``/``datetime`` objects back and a
malformed value is caught here (``FieldDecodeError``) instead of deep inside the database.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from typing import Any

import msgspec
from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text
from sqlalchemy.sql.type_api import TypeEngine

from outreach.model.base import Synced, table_of


def _not_serializable(value: Any) -> Any:
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


# json's own C encoder, built once: ``json.dumps`` rebuilds it on every call, which is most of the
# cost of dumping the small lists and objects of a row (a 4x difference on 15,000 rows). No
# circular-reference check: values come from JSON or from the database, never cyclic. Plain
# module-level functions, not closures (psycopg caches its JSON dumpers by function).
# orjson and msgspec encode 5x faster still, but not to these bytes (floats as 1e-7 for 1e-07,
# NaN as null, no ", " separators or ASCII escapes for dumps_default), and these texts are the
# wire format, the stored JSON and what merges compare: json's own encoder stays. Without its C
# part (another Python), json.dumps itself.
_c_make_encoder = getattr(json.encoder, "c_make_encoder", None)
_quote_ascii = json.encoder.encode_basestring_ascii
_quote = json.encoder.encode_basestring
if _c_make_encoder is not None:
    _ENCODE_DEFAULT = _c_make_encoder(None, _not_serializable, _quote_ascii, None, ": ", ", ", False, False, True)
    _ENCODE_CANONICAL = _c_make_encoder(None, _not_serializable, _quote, None, ":", ",", True, False, True)
    _ENCODE_COMPACT = _c_make_encoder(None, _not_serializable, _quote, None, ":", ",", False, False, True)


def dumps_default(value: Any) -> str:
    """Exactly ``json.dumps(value)`` (default separators, ASCII escapes), faster: what SQLAlchemy
    stores in JSON columns (client and server engines use it as ``json_serializer``)."""
    if _c_make_encoder is None:
        return json.dumps(value)
    if isinstance(value, str):
        return _quote_ascii(value)
    return "".join(_ENCODE_DEFAULT(value, 0))


def dumps_canonical(value: Any) -> str:
    """Exactly ``json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))``."""
    if _c_make_encoder is None:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, str):
        return _quote(value)
    return "".join(_ENCODE_CANONICAL(value, 0))


def dumps_compact(value: Any) -> str:
    """Exactly ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``: wire bodies."""
    if _c_make_encoder is None:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, str):
        return _quote(value)
    return "".join(_ENCODE_COMPACT(value, 0))


_DECODE = msgspec.json.Decoder().decode


def loads(data: bytes | str) -> Any:
    """Exactly ``json.loads(data)``, 1.6 times as fast on a push body or a pull page: msgspec
    where it parses (it builds the same objects, integers of any size included), else
    ``json.loads`` decides (what msgspec refuses and json takes: NaN, Infinity and 1e400, lone
    surrogates, UTF-16, a byte-order mark). Pinned to json.loads by tests/test_fast_codecs.py.

    Only decoding: orjson decodes faster still but reads integers beyond 64 bits as floats, and
    neither library's encoder writes what ``json.dumps`` writes (floats as ``1e-7`` for
    ``1e-07``, NaN as null), which would change the wire bytes and the canonical text merges
    compare, so the encoders above stay json's own C encoder."""
    try:
        return _DECODE(data)
    except msgspec.MsgspecError:
        return json.loads(data)


class FieldDecodeError(ValueError):
    """A wire value that does not fit its column (wrong type, bad date, too long)."""


def encode_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, StrEnum):  # a vocabulary code: the wire carries (and checks) its plain string
        return value.value
    return value


def column_type(entity: type[Synced], field: str) -> TypeEngine[Any]:
    table = table_of(entity)
    return table.columns[field].type


def decode_value(entity: type[Synced], field: str, value: Any) -> Any:
    """The Python value of wire ``value`` for ``entity.field``; raises FieldDecodeError."""
    if value is None:
        return None
    kind = column_type(entity, field)
    try:
        if isinstance(kind, DateTime):
            if not isinstance(value, str):
                raise TypeError
            return dt.datetime.fromisoformat(value).replace(tzinfo=None)
        if isinstance(kind, Date):
            if not isinstance(value, str):
                raise TypeError
            return dt.date.fromisoformat(value)
        if isinstance(kind, Boolean):
            if not isinstance(value, bool):
                raise TypeError
            return value
        if isinstance(kind, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError
            return value
        if isinstance(kind, (String, Text)):
            if not isinstance(value, str):
                raise TypeError
            if isinstance(kind, String) and kind.length is not None and len(value) > kind.length:
                raise FieldDecodeError(f"{entity.entity_name}.{field}: longer than {kind.length}")
            return value
    except (TypeError, ValueError) as exc:
        if isinstance(exc, FieldDecodeError):
            raise
        raise FieldDecodeError(f"{entity.entity_name}.{field}: bad value {value!r}") from None
    return value  # JSON columns: lists and objects as they are

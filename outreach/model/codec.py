"""JSON encoding of field values for the outbox and the wire.

Dates and datetimes travel as ISO-8601 strings; everything else is already JSON. Decoding uses
the column's type, so the receiving side gets proper ``date``/``datetime`` objects back and a
malformed value is caught here (``FieldDecodeError``) instead of deep inside the database.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text
from sqlalchemy.sql.type_api import TypeEngine

from outreach.model.base import Synced


def _not_serializable(value: Any) -> Any:
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _encoder(*, ascii_only: bool, sort_keys: bool, item_sep: str, key_sep: str) -> Any:
    """json's own C encoder, built once: ``json.dumps`` rebuilds it on every call, which is most of
    the cost of dumping the small lists and objects of a row (a 4× difference on 15,000 rows).
    No circular-reference check: values come from JSON or from the database, never cyclic."""
    c_make_encoder = getattr(json.encoder, "c_make_encoder", None)
    if c_make_encoder is None:  # a Python without the C accelerator: plain json.dumps
        options = {"ensure_ascii": ascii_only, "sort_keys": sort_keys, "separators": (item_sep, key_sep)}
        return lambda value: json.dumps(value, **options)
    quote = json.encoder.encode_basestring_ascii if ascii_only else json.encoder.encode_basestring
    encode = c_make_encoder(None, _not_serializable, quote, None, key_sep, item_sep, sort_keys, False, True)

    def dumps(value: Any) -> str:
        if isinstance(value, str):
            return quote(value)  # type: ignore[no-any-return]
        return "".join(encode(value, 0))

    return dumps


#: Exactly ``json.dumps(value)`` (the default separators and ASCII escapes), faster: what
#: SQLAlchemy stores in JSON columns (both engines are created with it as ``json_serializer``).
dumps_default = _encoder(ascii_only=True, sort_keys=False, item_sep=", ", key_sep=": ")
#: Exactly ``json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))``.
dumps_canonical = _encoder(ascii_only=False, sort_keys=True, item_sep=",", key_sep=":")
#: Exactly ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``: wire bodies.
dumps_compact = _encoder(ascii_only=False, sort_keys=False, item_sep=",", key_sep=":")


class FieldDecodeError(ValueError):
    """A wire value that does not fit its column (wrong type, bad date, too long)."""


def encode_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def column_type(entity: type[Synced], field: str) -> TypeEngine[Any]:
    table = entity.__table__  # type: ignore[attr-defined]
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

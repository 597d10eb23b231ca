"""JSON encoding of field values for the outbox and the wire.

Dates and datetimes travel as ISO-8601 strings; everything else is already JSON. Decoding uses
the column's type, so the receiving side gets proper ``date``/``datetime`` objects back and a
malformed value is caught here (``FieldDecodeError``) instead of deep inside the database.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Text
from sqlalchemy.sql.type_api import TypeEngine

from outreach.model.base import Synced


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

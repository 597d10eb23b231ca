"""Fast per-field decoding of wire values, for the push and pull hot paths.

``outreach.model.codec.decode_value`` is the reference; this precomputes, per entity, what each
column accepts, so plain strings, booleans and JSON values cost one type check, and only dates,
datetimes and integers go through the codec. Same results, a fraction of the time when 15,000
changes or 5,000 pulled rows of 15 fields each are decoded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Integer, String, Table, Text
from sqlalchemy.types import JSON

from outreach.model import Synced, synced_fields
from outreach.model.codec import FieldDecodeError, decode_value

__all__ = ["FieldDecodeError", "decode_fast", "field_specs"]


def _table(entity: type[Synced]) -> Table:
    return entity.__table__  # type: ignore[attr-defined,no-any-return]


@dataclass(frozen=True)
class _FieldSpec:
    entity: type[Synced]
    nullable: bool
    #: for JSON columns, the Python type of its default ({} or []); values must match it
    json_kind: type | None
    #: values of these plain types need no decoding beyond an isinstance check
    plain: tuple[type, ...] | None
    max_length: int | None


_SPECS: dict[str, dict[str, _FieldSpec]] = {}


def field_specs(entity: type[Synced]) -> dict[str, _FieldSpec]:
    """Per-field checks of an entity, computed once (the push path runs them 15,000 times)."""
    specs = _SPECS.get(entity.entity_name)
    if specs is None:
        specs = {}
        for name in synced_fields(entity):
            column = _table(entity).columns[name]
            kind = column.type
            json_kind = None
            if isinstance(kind, JSON):
                default = column.default.arg(None) if column.default is not None and column.default.is_callable else None
                json_kind = type(default) if default is not None else None
            plain: tuple[type, ...] | None = None
            if isinstance(kind, Boolean):
                plain = (bool,)
            elif isinstance(kind, (String, Text)):
                plain = (str,)
            length = kind.length if isinstance(kind, String) else None
            if isinstance(kind, Integer):
                plain = None  # bool is an int: leave it to the codec
            specs[name] = _FieldSpec(entity, bool(column.nullable), json_kind, plain, length)
        _SPECS[entity.entity_name] = specs
    return specs


def decode_fast(spec: _FieldSpec, name: str, value: Any) -> Any:
    if value is None:
        if not spec.nullable:
            raise FieldDecodeError(name)
        return None
    if spec.plain is not None:
        if type(value) not in spec.plain:
            raise FieldDecodeError(name)
        if spec.max_length is not None and len(value) > spec.max_length:
            raise FieldDecodeError(name)
        return value
    if spec.json_kind is not None:
        if type(value) is not spec.json_kind:
            raise FieldDecodeError(name)
        return value
    return decode_value(spec.entity, name, value)

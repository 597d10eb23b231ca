"""Declarative base and the columns every synced entity shares (DESIGN.md §3).

Every synced row has a client-made UUIDv7 ``id`` (never replaced by a server id), its ward (so
the server can scope every read and write by one indexed column), ``deleted`` as an ordinary
field (a tombstone: rows are never removed, so a delete can be synced and merged like an edit),
``clocks`` mapping each field to the HLC stamp of its last write, and ``server_seq``, which only
the server assigns.

References between synced entities are deliberately *not* database foreign keys: a pull may
deliver a filing before the visit it belongs to (the visit was edited later and so has a later
``server_seq``), and a partially synced laptop is a legitimate state. Services check references
when they write; reports join and tolerate a missing parent.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import JSON, BigInteger, Boolean, Dialect, Index, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

ID_LENGTH = 36


def group_stamps(stamps: dict[str, str]) -> dict[str, list[str]]:
    """The stored form of ``{field: stamp}``: ``{stamp: [fields]}``, fields sorted, groups in the
    order of their first field (one canonical text per mapping)."""
    grouped: dict[str, list[str]] = {}
    for name in sorted(stamps):
        grouped.setdefault(stamps[name], []).append(name)
    return grouped


class FieldStamps(TypeDecorator[dict[str, str]]):
    """Per-field HLC stamps: ``{field: stamp}`` in Python, stored grouped by stamp.

    A row is usually written field-by-field in a few edits, so most fields share a stamp.
    Storing ``{stamp: [fields]}`` instead of repeating a 35-character stamp for every field cuts
    a visit's bookkeeping from ~900 to ~250 bytes (about 150 MB less on a large ward) while
    every caller keeps seeing the plain mapping. A flat ``{field: stamp}`` value is also read.
    """

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: dict[str, str] | None, dialect: Dialect) -> dict[str, list[str]] | None:
        if value is None:
            return None
        return group_stamps(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> dict[str, str]:
        if not value:
            return {}
        stamps: dict[str, str] = {}
        for key, item in value.items():
            if isinstance(item, list):
                for name in item:
                    stamps[name] = key
            else:  # flat form
                stamps[key] = item
        return stamps


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON, list[str]: JSON}


class Synced:
    """Mixin for entities that sync between devices and the server."""

    #: Name used in the outbox and on the wire; stable even if the class is renamed.
    entity_name: ClassVar[str]
    #: Whether the row belongs to one ward (everything except the national procedure catalogue).
    ward_scoped: ClassVar[bool] = True

    if TYPE_CHECKING:  # the constructor every mapped subclass has; the mixin itself is never mapped

        def __init__(self, **values: Any) -> None: ...

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    ward_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    clocks: Mapped[dict[str, Any]] = mapped_column(FieldStamps, default=dict, nullable=False)
    server_seq: Mapped[int | None] = mapped_column(BigInteger)

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:
        return (Index(f"ix_{cls.__tablename__}_server_seq", "server_seq"),)  # type: ignore[attr-defined]


#: Columns that are bookkeeping, not user data: never stamped, never sent as fields.
NON_FIELD_COLUMNS = frozenset({"id", "clocks", "server_seq"})


def table_of(entity: type[Synced]) -> Table:
    """The table a synced entity class is mapped to (the mixin declares none, so typed here once)."""
    return entity.__table__  # type: ignore[attr-defined]  # every mapped subclass has one


def synced_fields(cls: type[Synced]) -> tuple[str, ...]:
    """The user-data fields of a synced entity, in table order (includes ward_id and deleted)."""
    table = table_of(cls)
    return tuple(c.key for c in table.columns if c.key not in NON_FIELD_COLUMNS)


Date = dt.date
DateTime = dt.datetime

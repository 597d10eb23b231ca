"""Fast per-field decoding of wire values, for the push and pull hot paths.

``outreach.model.codec.decode_value`` is the reference; this precomputes, per entity, what each
column accepts, so plain strings, booleans and JSON values cost one type check, and only dates,
datetimes and integers go through the codec. Same results, a fraction of the time when 15,000
changes or 5,000 pulled rows of 15 fields each are decoded.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Sequence, Sized
from dataclasses import dataclass
from itertools import chain
from typing import Any, TypeVar, cast

from sqlalchemy import Boolean, Date, DateTime, Integer, String, Table, Text
from sqlalchemy.types import JSON

from outreach.model import Synced, synced_fields
from outreach.model.base import group_stamps, table_of
from outreach.model.clock import are_valid_stamps
from outreach.model.codec import FieldDecodeError, decode_value, dumps_canonical, dumps_default, encode_value

__all__ = ["FieldDecodeError", "PageInserter", "RowWriter", "decode_fast", "dialect_key", "field_defaults", "field_names",
           "field_specs", "page_inserter", "row_writer"]


T = TypeVar("T")


def per_entity(fn: Callable[[type[Synced]], T]) -> Callable[[type[Synced]], T]:
    """``functools.cache`` for what an entity class determines (classes live as long as the
    program, so the cache never outlives its key); typed for mypy, which takes a class of a
    mapped model for unhashable."""
    return functools.cache(fn)  # type: ignore[return-value]  # a cache wrapper is callable like fn


def _table(entity: type[Synced]) -> Table:
    return table_of(entity)


@dataclass(frozen=True)
class _FieldSpec:
    entity: type[Synced]
    nullable: bool
    #: for JSON columns, the Python type of its default ({} or []); values must match it
    json_kind: type | None
    #: values of these plain types need no decoding beyond an isinstance check
    plain: tuple[type, ...] | None
    max_length: int | None


@per_entity
def _default_makers(entity: type[Synced]) -> tuple[tuple[str, bool, Any], ...]:
    """(field, is_callable, column default) of every synced field; ``deleted`` is False."""
    makers: list[tuple[str, bool, Any]] = []
    for name in synced_fields(entity):
        default: Any = _table(entity).columns[name].default
        if name == "deleted":
            makers.append((name, False, False))
        elif default is not None and default.is_callable:
            makers.append((name, True, default.arg))
        else:
            makers.append((name, False, default.arg if default is not None and default.is_scalar else None))
    return tuple(makers)


def field_defaults(entity: type[Synced]) -> dict[str, Any]:
    """The value of every synced field of a new row that does not set it (the column default;
    ``deleted`` False): what the outbox writes, the server fills in and a pull inserts, so the
    three cannot disagree. A new dict each call, with fresh ``{}``/``[]`` from callable
    defaults, so a caller may change it (or a row holding its lists) without touching another's."""
    return {name: arg(None) if call else arg for name, call, arg in _default_makers(entity)}


@per_entity
def field_names(entity: type[Synced]) -> frozenset[str]:
    """``synced_fields`` as a set (a whole-row change names exactly these)."""
    return frozenset(synced_fields(entity))


@per_entity
def field_specs(entity: type[Synced]) -> dict[str, _FieldSpec]:
    """Per-field checks of an entity, computed once (the push path runs them 15,000 times)."""
    specs = {}
    for name in synced_fields(entity):
        column = _table(entity).columns[name]
        kind = column.type
        json_kind = None
        if isinstance(kind, JSON):
            default = column.default.arg(None) if column.default is not None and column.default.is_callable else None  # type: ignore[attr-defined]  # a callable ColumnDefault has .arg
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
    return specs


def decode_fast(spec: _FieldSpec, name: str, value: Any) -> Any:
    """``decode_value(spec.entity, name, value)`` with one type check for plain and JSON values
    (pinned to it by tests/test_fast_codecs.py::test_fast_decoders_equal_the_reference)."""
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


def wire_form(spec: _FieldSpec, name: str, value: Any) -> Any:
    """A well-formed wire ``value`` as ``encode_value`` of its decoded value gives it: what the
    ward digest hashes on the server and on the laptop, whichever way the row arrived."""
    if value is None or spec.plain is not None or spec.json_kind is not None:
        return value
    return encode_value(decode_value(spec.entity, name, value))


def canonical_wire_rows(entity: type[Synced], fields: Sequence[str], rows: Iterable[Sequence[Any]], offset: int) -> list[str]:
    """``dumps_canonical`` of each row's wire values (``row[offset:]`` in ``fields`` order): the
    value part of the digest of whole new rows, computed in one pass over a page."""
    specs = [field_specs(entity)[name] for name in fields]
    coded = [(i, spec, name) for i, (spec, name) in enumerate(zip(specs, fields, strict=True))
             if spec.plain is None and spec.json_kind is None]
    texts = []
    for row in rows:
        values = list(row[offset:])
        for i, spec, name in coded:
            values[i] = wire_form(spec, name, values[i])
        texts.append(dumps_canonical(dict(zip(fields, values, strict=True))))
    return texts


# ---------------------------------------------------------------------- bulk row writes


@dataclass(frozen=True)
class RowWriter:
    """INSERT and UPDATE of one entity's rows with the driver's ``executemany``.

    Values are bound exactly as SQLAlchemy binds them (the dialect's own bind processors, so a
    row written here reads back the same through the ORM), without its per-row statement
    overhead, which was a third of the cost of applying 10,000 pulled rows. Parameter order is
    ``fields`` (the entity's synced fields in table order), then ``clocks``, ``server_seq``,
    and ``id`` last (the WHERE of the update).
    """

    fields: tuple[str, ...]
    insert_sql: str
    update_sql: str
    #: Python value -> database parameter, per field (None: passed as is)
    processors: tuple[Any, ...]
    #: wire value -> database parameter, per field (type-checked like ``decode_fast``)
    from_wire: tuple[Any, ...]
    #: grouped stamps ``{stamp: [fields]}`` -> database parameter of the clocks column
    clocks_param: Any
    #: the fields, sorted: a row whose fields all share one stamp stores ``{stamp: sorted_fields}``
    sorted_fields: list[str]
    #: stamp -> clocks parameter of such a row, without building the mapping (None: use clocks_param)
    one_stamp_param: Any
    #: the parameters of ``field_defaults`` (what an unstamped field of a new row holds), per field
    default_params: tuple[Any, ...]

    def params(self, values: dict[str, Any], clocks: dict[str, str], server_seq: int | None, row_id: str) -> tuple[Any, ...]:
        """Parameters of one row from Python values (as the ORM would hold them)."""
        out = [values[name] if proc is None else proc(values[name]) for name, proc in zip(self.fields, self.processors, strict=True)]
        out.append(self.clocks_param(group_stamps(clocks)))
        out.append(server_seq)
        out.append(row_id)
        return tuple(out)

    def insert(self, conn: Any, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            conn.exec_driver_sql(self.insert_sql, rows)

    def update(self, conn: Any, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            conn.exec_driver_sql(self.update_sql, rows)


def dialect_key(dialect: Any) -> tuple[Any, ...]:
    """What a writer built for ``dialect`` depends on: its name and driver (the bind processors
    and quoting), parameter style and JSON serializer (a module-level function, so held safely).
    Not ``id(dialect)``: ids are reused once a dialect is garbage-collected, and a cache keyed
    by one could hand a new engine the writer of a dead one with another driver."""
    return dialect.name, dialect.driver, dialect.paramstyle, getattr(dialect, "_json_serializer", None)


_WRITERS: dict[tuple[tuple[Any, ...], type[Synced]], RowWriter] = {}


_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", re.ASCII)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_SAMPLE_DATETIME = dt.datetime(2001, 2, 3, 4, 5, 6)


def _stores_iso_text(kind: Any, processor: Any) -> bool:
    """True if the dialect stores this date/datetime column as SQLite's ISO text (SQLAlchemy's
    default storage format), which the wire form maps to by slicing."""
    try:
        if isinstance(kind, DateTime):
            return bool(processor(_SAMPLE_DATETIME) == "2001-02-03 04:05:06.000000")
        if isinstance(kind, Date):
            return bool(processor(_SAMPLE_DATETIME.date()) == "2001-02-03")
    except Exception:  # noqa: BLE001 - any other storage: the general path
        return False
    return False


def _iso_text_converter(kind: Any, name: str, nullable: bool, processor: Any, entity: type[Synced]) -> Any:
    """Wire ISO date(time) -> stored text without building a date object twice: a value in the
    wire's own form (``isoformat``) is range-checked by ``fromisoformat`` and re-punctuated;
    anything else takes the general path (same result, slower)."""
    is_datetime = isinstance(kind, DateTime)
    pattern = _ISO_DATETIME if is_datetime else _ISO_DATE
    parse = dt.datetime.fromisoformat if is_datetime else dt.date.fromisoformat

    def iso_value(value: Any) -> Any:
        if value is None:
            if not nullable:
                raise FieldDecodeError(name)
            return processor(None)
        if type(value) is str and pattern.fullmatch(value):
            try:
                parse(value)
            except ValueError:
                raise FieldDecodeError(name) from None
            return f"{value[:10]} {value[11:]}.000000" if is_datetime else value
        return processor(decode_value(entity, name, value))

    return iso_value


def _wire_converter(spec: _FieldSpec, name: str, processor: Any, kind: Any = None) -> Any:
    """wire value -> database parameter, raising FieldDecodeError like ``decode_fast`` (pinned
    to ``decode_value`` by tests/test_fast_codecs.py::test_fast_decoders_equal_the_reference)."""
    nullable = spec.nullable
    if spec.plain is not None:
        plain, max_length = spec.plain[0], spec.max_length

        def plain_value(value: Any) -> Any:
            if value is None:
                if not nullable:
                    raise FieldDecodeError(name)
                return None if processor is None else processor(None)
            if type(value) is not plain or (max_length is not None and len(cast(Sized, value)) > max_length):
                raise FieldDecodeError(name)
            return value if processor is None else processor(value)

        return plain_value
    if spec.json_kind is not None:
        kind = spec.json_kind

        def json_value(value: Any) -> Any:
            if value is None:
                if not nullable:
                    raise FieldDecodeError(name)
                return None if processor is None else processor(None)
            if type(value) is not kind:
                raise FieldDecodeError(name)
            return value if processor is None else processor(value)

        return json_value
    entity = spec.entity
    if processor is not None and _stores_iso_text(kind, processor):
        return _iso_text_converter(kind, name, nullable, processor, entity)

    def other_value(value: Any) -> Any:
        if value is None:
            if not nullable:
                raise FieldDecodeError(name)
            return None if processor is None else processor(None)
        decoded = decode_value(entity, name, value)
        return decoded if processor is None else processor(decoded)

    return other_value


def row_writer(dialect: Any, entity: type[Synced]) -> RowWriter:
    """The bulk writer of ``entity`` for a connection's dialect (built once per kind of dialect)."""
    key = (dialect_key(dialect), entity)
    writer = _WRITERS.get(key)
    if writer is not None:
        return writer
    table = _table(entity)
    fields = synced_fields(entity)
    specs = field_specs(entity)
    processors = tuple(table.columns[name].type.dialect_impl(dialect).bind_processor(dialect) for name in fields)
    json_processor = JSON().dialect_impl(dialect).bind_processor(dialect)
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quote = dialect.identifier_preparer.quote
    columns = [*fields, "clocks", "server_seq", "id"]
    insert_sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
                  f"VALUES ({', '.join([mark] * len(columns))})")
    update_sql = (f"UPDATE {quote(table.name)} SET {', '.join(f'{quote(c)} = {mark}' for c in columns[:-1])} "
                  f"WHERE {quote('id')} = {mark}")
    clocks_param = json_processor or (lambda value: value)
    sorted_fields = sorted(fields)
    one_stamp_param = None
    if clocks_param({"s": sorted_fields}) == dumps_default({"s": sorted_fields}):  # stored as JSON text
        names_text = dumps_default(sorted_fields)

        def one_stamp_param(stamp: str) -> str:  # only for well-formed stamps: nothing to escape
            return f'{{"{stamp}": {names_text}}}'

    defaults = field_defaults(entity)
    writer = RowWriter(
        fields, insert_sql, update_sql, processors,
        tuple(_wire_converter(specs[name], name, proc, table.columns[name].type) for name, proc in zip(fields, processors, strict=True)),
        clocks_param, sorted_fields, one_stamp_param,
        tuple(defaults[name] if proc is None else proc(defaults[name]) for name, proc in zip(fields, processors, strict=True)),
    )
    _WRITERS[key] = writer
    return writer


# ---------------------------------------------------------------------- whole pages, column by column


_NONE_TYPE = type(None)


@dataclass(frozen=True)
class _ColumnPlan:
    """Checks and converts one field for every row of a page at once (C loops: ``map``,
    ``set``, ``max``), with the same outcome as ``from_wire`` row by row (pinned by
    tests/test_fast_codecs.py::test_fast_decoders_equal_the_reference)."""

    allowed: frozenset[type]
    max_length: int | None
    #: for ISO date(time) text: the wire pattern and the range check
    pattern: Any
    parse: Any
    #: wire value -> database parameter (None: the value as it is)
    convert: Any

    def check(self, column: tuple[Any, ...]) -> bool:
        types = set(map(type, column))
        if not types <= self.allowed:
            return False
        if self.max_length is None and self.pattern is None:
            return True
        values = [v for v in column if v is not None] if _NONE_TYPE in types else column
        if not values:
            return True
        if self.max_length is not None and max(map(len, values)) > self.max_length:
            return False
        if self.pattern is not None:
            if not all(map(self.pattern.fullmatch, values)):
                return False
            try:
                for _ in map(self.parse, values):
                    pass
            except ValueError:
                return False
        return True

    def converted(self, column: tuple[Any, ...]) -> Any:
        return column if self.convert is None else list(map(self.convert, column))


def _datetime_text(value: str | None) -> str | None:
    return None if value is None else value.replace("T", " ", 1) + ".000000"


def _column_plan(spec: _FieldSpec, kind: Any, processor: Any) -> _ColumnPlan | None:
    none = {_NONE_TYPE} if spec.nullable else set()
    if spec.plain is not None:
        return _ColumnPlan(frozenset({*spec.plain, *none}), spec.max_length, None, None, processor)
    if spec.json_kind is not None:
        return _ColumnPlan(frozenset({spec.json_kind, *none}), None, None, None, processor)
    if isinstance(kind, Integer) and not isinstance(kind, Boolean):
        return _ColumnPlan(frozenset({int, *none}), None, None, None, processor)
    if processor is not None and _stores_iso_text(kind, processor):
        if isinstance(kind, DateTime):
            return _ColumnPlan(frozenset({str, *none}), None, _ISO_DATETIME, dt.datetime.fromisoformat, _datetime_text)
        return _ColumnPlan(frozenset({str, *none}), None, _ISO_DATE, dt.date.fromisoformat, None)
    return None


@dataclass(frozen=True)
class PageInserter:
    """Inserts the new rows of a ``columns``-layout page whose every field carries one stamp
    (a first pull: all of them): checked and converted a column at a time, inserted 100 rows
    per statement. Parameters are in wire order, ``id, server_seq, clocks, fields...``."""

    fields: tuple[str, ...]
    sorted_fields: list[str]
    plans: tuple[_ColumnPlan, ...]
    #: ``%`` with a stamp -> the stored clocks text ``{stamp: [sorted fields]}``
    clocks_format: str
    insert_many_sql: str
    insert_one_sql: str
    rows_per_statement: int

    def prepare(self, rows: list[list[Any]]) -> tuple[list[tuple[Any, ...]], list[str]] | None:
        """(parameters per row, stamp per row), or None if any row needs the row-by-row path."""
        columns = list(zip(*rows, strict=True))
        if len(columns) != 3 + len(self.plans):
            return None
        ids, seqs, clocks = columns[0], columns[1], columns[2]
        kinds = set(map(type, clocks))
        if kinds == {str}:  # the page's short form: one stamp for every column of the row
            stamps = list(clocks)
        elif kinds == {dict}:  # as stored: {stamp: [fields]}, here with one stamp for all fields
            try:
                stamps = [key for item in clocks for key in item]
                if len(stamps) != len(clocks) or list(clocks) != [{key: self.sorted_fields} for key in stamps]:
                    return None
            except TypeError:
                return None
        else:
            return None
        if not are_valid_stamps(stamps) or not set(map(type, seqs)) <= {int, _NONE_TYPE}:
            return None
        out: list[Any] = [ids, seqs, [self.clocks_format % stamp for stamp in stamps]]
        for plan, column in zip(self.plans, columns[3:], strict=True):
            if not plan.check(column):
                return None
        for plan, column in zip(self.plans, columns[3:], strict=True):
            out.append(plan.converted(column))
        return list(zip(*out, strict=True)), stamps

    def insert(self, conn: Any, params: list[tuple[Any, ...]]) -> None:
        step = self.rows_per_statement
        whole = len(params) - len(params) % step
        if whole:  # one statement's parameters at a time (a page's at once would double its memory)
            cursor = conn.connection.dbapi_connection.cursor()
            try:
                cursor.executemany(self.insert_many_sql, (tuple(chain.from_iterable(params[i : i + step])) for i in range(0, whole, step)))
            finally:
                cursor.close()
        if whole < len(params):
            conn.exec_driver_sql(self.insert_one_sql, params[whole:])


_INSERTERS: dict[tuple[tuple[Any, ...], type[Synced]], PageInserter | None] = {}
#: Rows per INSERT statement (within SQLite's 32,766 parameters). The driver holds the GIL only
#: to bind a statement's parameters and releases it while SQLite runs it, so few big statements
#: keep the writes going while the other thread prepares the next page: with one row per
#: statement the writer waited for the GIL after every row.
ROWS_PER_STATEMENT = 1000


def page_inserter(dialect: Any, entity: type[Synced]) -> PageInserter | None:
    """The column-wise inserter of ``entity`` for this dialect, or None where it cannot apply."""
    key = (dialect_key(dialect), entity)
    if key in _INSERTERS:
        return _INSERTERS[key]
    writer = row_writer(dialect, entity)
    table = _table(entity)
    specs = field_specs(entity)
    # JSON columns: json_serializer straight (what SQLAlchemy's processor calls, minus its frame)
    json_direct = getattr(dialect, "_json_serializer", None) is dumps_default and dialect.paramstyle == "qmark"
    plans = tuple(
        _column_plan(specs[name], table.columns[name].type, dumps_default if json_direct and specs[name].json_kind is not None else proc)
        for name, proc in zip(writer.fields, writer.processors, strict=True)
    )
    inserter = None
    if writer.one_stamp_param is not None and dialect.paramstyle == "qmark" and all(p is not None for p in plans):
        quote = dialect.identifier_preparer.quote
        columns = ["id", "server_seq", "clocks", *writer.fields]
        head = f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) VALUES "
        one = f"({', '.join('?' * len(columns))})"
        per_statement = max(1, min(ROWS_PER_STATEMENT, 30_000 // len(columns)))
        inserter = PageInserter(
            writer.fields, writer.sorted_fields, plans,  # type: ignore[arg-type]
            '{"%s": ' + dumps_default(writer.sorted_fields).replace("%", "%%") + "}",
            head + ", ".join([one] * per_statement), head + one, per_statement,
        )
    _INSERTERS[key] = inserter
    return inserter

"""Serving pulls (DESIGN.md §4.6, §4.16): a ward's rows after a cursor, in ``server_seq`` order.

All queries of one page run in one snapshot, so the rows from different entity tables and the
digest on the last page describe the same committed state. Where a page ends is found in SQL
(the ``limit``-th smallest seq over all entity tables after the cursor), then each table returns
its rows up to there; memory per page is bounded by ``limit`` whatever the ward's size.

Two layouts of a page:
- ``rows`` (protocol 1, the default): one object per row with ``fields`` and per-field ``clocks``.
- ``columns`` (asked for with ``layout=columns``): per entity, the column names once and one
  JSON array per row ``[id, seq, clocks, value...]`` with the clocks as stored,
  ``{stamp: [fields]}``, or, when every column of the row carries the same stamp, just that
  stamp (a string). The database itself writes each row's JSON text (SQLite ``json_array``,
  PostgreSQL ``json_build_array``), so a 10,000-row page costs the server a few milliseconds
  instead of decoding and re-encoding every value, and the page is half the size. Values are
  in the same wire encoding as in ``rows`` (dates and datetimes as ISO strings).
Fields kept for newer clients (``extra_fields``) travel in both layouts.
"""

from __future__ import annotations

import functools
import heapq
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean as SaBoolean
from sqlalchemy import Connection, Date, DateTime, or_, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.types import JSON

from outreach.model import Synced, synced_fields
from outreach.model.base import group_stamps, table_of
from outreach.model.clock import HLC_LENGTH
from outreach.model.codec import dumps_compact, dumps_default
from outreach.model.entities import ENTITY_BY_NAME, SYNCED_ENTITIES
from outreach.server.db import ServerDb
from outreach.server.pull_clean import clean_row_text, safe_rows, suspect
from outreach.server.schema import ExtraField, WardDigestRow
from outreach.server.scope import Part, PullScope, and_condition, columns_of, scope_digest
from outreach.wire import protocol

log = logging.getLogger("outreach.server.pull")


@dataclass
class PullPage:
    rows: list[dict[str, Any]]
    next_cursor: int
    has_more: bool
    digest: dict[str, Any] | None


def _scope(query: Any, entity: type[Synced], ward_id: str) -> Any:
    table = table_of(entity)
    if entity.ward_scoped:
        return query.where(table.c.ward_id == ward_id)
    return query.where(or_(table.c.ward_id.is_(None), table.c.ward_id == ward_id))


def _served_condition(entity: type[Synced], scoped: bool) -> str:
    """The condition a scoped device's rows of the entity meet: its one part's (residents: the
    area's), none where the parts together cover the table (households: area and directory)."""
    if not scoped:
        return ""
    parts = PullScope("", "-").parts(entity.entity_name)
    return and_condition(entity.entity_name, parts[0]) if len(parts) == 1 else ""


@functools.cache
def _page_end_sql(dialect: str, scoped: bool = False) -> tuple[str, str]:
    """(the limit-th seq and the next one, the greatest seq) over all entity tables: one UNION ALL
    of each table's first seqs after the cursor, written once per dialect name and scope kind (it
    is every pull's first query). ``scoped``: a volunteer's, over the rows its scope serves."""
    parts = []
    for index, entity in enumerate(SYNCED_ENTITIES):
        table = table_of(entity).name
        scope = '"ward_id" = :ward' if entity.ward_scoped else '("ward_id" IS NULL OR "ward_id" = :ward)'
        scope += _served_condition(entity, scoped)
        parts.append(f'SELECT * FROM (SELECT "server_seq" AS seq FROM "{table}" WHERE {scope} AND "server_seq" > :since '
                     f'ORDER BY "server_seq" LIMIT :take) AS s{index}')
    union = " UNION ALL ".join(parts)
    return f"SELECT seq FROM ({union}) AS u ORDER BY seq LIMIT 2 OFFSET :skip", f"SELECT max(seq) FROM ({union}) AS u"


def page_end(conn: Connection, ward_id: str, since: int, limit: int, scope: PullScope | None = None) -> tuple[int, bool] | None:
    """``(upto, has_more)``: the page is every ward row with ``since < seq <= upto``, at most
    ``limit`` of them; None when there is nothing after ``since``. One query in the common case:
    each table offers its first ``limit + 1`` seqs from its index and SQL picks the ``limit``-th.
    ``scope``: count only the rows a scoped device is served."""
    scoped = scope is not None and not scope.whole_ward
    nth, greatest = _page_end_sql(conn.dialect.name, scoped)
    params = {"ward": ward_id, "since": since, "take": limit + 1, "skip": limit - 1}
    if scoped:
        params.update(scope.params())  # type: ignore[union-attr]
    found = [row[0] for row in conn.execute(text(nth), params)]
    if found:
        return int(found[0]), len(found) > 1
    last = conn.execute(text(greatest), params).scalar()
    return None if last is None else (int(last), False)


def _entity_rows(conn: Connection, entity: type[Synced], scope: PullScope, since: int, upto: int) -> list[tuple[int, dict[str, Any]]]:
    return [(seq, {"entity": entity.entity_name, "id": row_id, "seq": seq, "fields": fields, "clocks": clocks})
            for part in scope.parts(entity.entity_name)
            for seq, row_id, clocks, fields in _part_rows(conn, entity, scope, part, since, upto)]


def _part_rows(conn: Connection, entity: type[Synced], scope: PullScope, part: Part, since: int, upto: int) -> list[Any]:
    if part == "all":
        return safe_rows(conn, entity, scope.ward_id, since, upto)
    return safe_rows(conn, entity, scope.ward_id, since, upto, only=columns_of(entity, part),
                     where=and_condition(entity.entity_name, part)[len(" AND "):], params=scope.params())


def _text_bytes(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode())


def byte_cut(sizes: list[tuple[int, int]], budget: int = protocol.MAX_PULL_PAGE_BYTES) -> int | None:
    """The last seq of a page whose rows (``(seq, encoded bytes)`` in seq order) stay within
    ``budget`` bytes, at least one row; None when they all fit."""
    total = 0
    for index, (seq, size) in enumerate(sizes):
        total += size
        if total > budget:
            return sizes[index - 1][0] if index else seq
    return None


def _attach_extras(conn: Connection, rows: list[dict[str, Any]], scope: PullScope) -> None:
    """Fields kept for newer clients travel with their rows (older clients ignore them); a
    scoped device gets none for the entities its scope splits (they may be personal)."""
    if not conn.execute(select(ExtraField.entity).limit(1)).first():
        return
    by_key = {(r["entity"], r["id"]): r for r in rows if scope.parts(r["entity"]) == ("all",)}
    ids = [r["id"] for r in rows]
    for start in range(0, len(ids), 500):
        for rec in conn.execute(select(ExtraField).where(ExtraField.entity_id.in_(ids[start : start + 500]))).mappings():
            row = by_key.get((rec["entity"], rec["entity_id"]))
            if row is not None:
                row["fields"][rec["field"]] = rec["value"]
                row["clocks"][rec["field"]] = rec["stamp"]


def ward_digest(conn: Connection, ward_id: str, scope: PullScope | None = None) -> dict[str, Any]:
    """The ward's digest from the running sums; for a scoped device, over what it is served."""
    counts: dict[str, int] = {}
    sums: dict[str, tuple[int, int]] = {}
    total = 0
    for entity, count, hash_sum in conn.execute(
        select(WardDigestRow.entity, WardDigestRow.count, WardDigestRow.hash_sum).where(WardDigestRow.ward_id == ward_id)
    ):
        if count:
            counts[entity] = count
        sums[entity] = (count, int(hash_sum, 16))
        total = (total + int(hash_sum, 16)) % (1 << 128)
    digest = {"counts": dict(sorted(counts.items())), "hash": f"{total:032x}"}
    return digest if scope is None else scope_digest(conn, scope, digest, sums)


def pull_page(db: ServerDb, ward_id: str, since: int, limit: int, scope: PullScope | None = None) -> PullPage:
    limit = max(1, min(limit, protocol.MAX_PULL_LIMIT))
    scope = scope or PullScope(ward_id, None)
    with db.read() as conn:
        end = page_end(conn, ward_id, since, limit, scope)
        upto, has_more = end if end is not None else (since, False)
        per_table = [sorted(_entity_rows(conn, entity, scope, since, upto), key=lambda item: item[0])
                     for entity in SYNCED_ENTITIES] if end else []
        page = [row for _seq, row in heapq.merge(*per_table, key=lambda item: item[0])]
        cut = byte_cut([(row["seq"], _text_bytes(dumps_compact(row))) for row in page])
        if cut is not None:
            page = [row for row in page if row["seq"] <= cut]
            has_more = True
        _attach_extras(conn, page, scope)
        next_cursor = page[-1]["seq"] if page else since
        if not page and end is not None and not has_more:
            next_cursor = upto
        digest = None if has_more else ward_digest(conn, ward_id, scope)
    return PullPage(page, next_cursor, has_more, digest)


# ---------------------------------------------------------------------- the ``columns`` layout


@dataclass
class ColumnsTable:
    entity: str
    columns: list[str]
    #: one JSON array text per row, written by the database
    rows: list[str]


@dataclass
class ColumnsPage:
    tables: list[ColumnsTable]
    extras: list[dict[str, Any]]
    next_cursor: int
    has_more: bool
    digest: dict[str, Any] | None

    def to_json(self, server_time: str, *, device: Mapping[str, Any] | None = None) -> bytes:
        """The whole answer as JSON; row texts are spliced in as the database wrote them.
        ``device``: who the asking device is (its role, member, team), sent with every page."""
        parts = ['{"layout":"columns","tables":[']
        for index, table in enumerate(self.tables):
            if index:
                parts.append(",")
            parts.append(f'{{"entity":{dumps_compact(table.entity)},"columns":{dumps_compact(table.columns)},"rows":[')
            parts.append(",".join(table.rows))
            parts.append("]}")
        parts.append(f'],"extras":{dumps_compact(self.extras)},"next":{int(self.next_cursor)},'
                     f'"has_more":{"true" if self.has_more else "false"},"digest":{dumps_compact(self.digest)},'
                     f'"server_time":{dumps_compact(server_time)}'
                     + (f',"device":{dumps_compact(dict(device))}' if device is not None else "") + "}")
        return "".join(parts).encode()


@functools.cache
def _row_sql(dialect: str, entity_name: str, part: Part = "all") -> tuple[tuple[str, ...], str]:
    """(column names, SELECT of one JSON array per row) of an entity, per dialect name and scope
    part (``server/scope.py``: its condition and, for the directory, fewer columns); built once."""
    entity = ENTITY_BY_NAME[entity_name]
    table = table_of(entity)
    names = list(columns_of(entity, part))
    postgres = dialect == "postgresql"
    # Clocks as stored: {stamp: [fields]}. A row written whole in one edit (most rows) has one
    # stamp for every field; it travels as just that stamp, which halves the page. The stored
    # text is FieldStamps' own (sorted fields, json.dumps), so SQL can recognise the case.
    # (over every field the row stores: a directory row written in one edit is one stamp too)
    suffix = '": ' + dumps_default(sorted(synced_fields(entity))) + "}"
    stored = '"clocks"::text' if postgres else '"clocks"'
    one_stamp = f"length({stored}) = {2 + HLC_LENGTH + len(suffix)} AND substr({stored}, {3 + HLC_LENGTH}) = '{suffix}'"
    stamp = f"substr({stored}, 3, {HLC_LENGTH})"
    clocks = (f'CASE WHEN {one_stamp} THEN to_json({stamp}) ELSE "clocks" END' if postgres
              else f'CASE WHEN {one_stamp} THEN {stamp} ELSE json("clocks") END')
    exprs = ['"id"', '"server_seq"', clocks]
    for name in names:
        column, quoted = table.columns[name], f'"{name}"'
        kind = column.type
        if isinstance(kind, JSON):
            exprs.append(quoted if postgres else f"json({quoted})")
        elif isinstance(kind, SaBoolean):
            exprs.append(
                quoted if postgres else f"CASE WHEN {quoted} IS NULL THEN NULL WHEN {quoted} THEN json('true') ELSE json('false') END"
            )
        elif isinstance(kind, DateTime):  # wire form: isoformat(timespec="seconds")
            exprs.append(
                f"""to_char({quoted}, 'YYYY-MM-DD"T"HH24:MI:SS')"""
                if postgres
                else f"substr({quoted}, 1, 10) || 'T' || substr({quoted}, 12, 8)"
            )
        elif isinstance(kind, Date):
            exprs.append(f"to_char({quoted}, 'YYYY-MM-DD')" if postgres else quoted)
        else:
            exprs.append(quoted)
    row = f"json_build_array({', '.join(exprs)})::text" if postgres else f"json_array({', '.join(exprs)})"
    scope = '"ward_id" = :ward' if entity.ward_scoped else '("ward_id" IS NULL OR "ward_id" = :ward)'
    scope += and_condition(entity_name, part)
    sql = (f'SELECT "server_seq", {row} FROM "{table.name}" WHERE {scope} AND "server_seq" > :since AND "server_seq" <= :upto '
           'ORDER BY "server_seq"')
    return ("id", "seq", "clocks", *names), sql


def _columns_extras(conn: Connection, scope: PullScope, since: int, upto: int) -> list[dict[str, Any]]:
    """Fields kept for newer clients; none of the entities a scoped device's scope splits."""
    if not conn.execute(select(ExtraField.entity).limit(1)).first():
        return []
    ward_id = scope.ward_id
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for entity in SYNCED_ENTITIES:
        if scope.parts(entity.entity_name) != ("all",):
            continue
        table = table_of(entity)
        query = _scope(
            select(ExtraField.entity_id, ExtraField.field, ExtraField.value, ExtraField.stamp)
            .join(table, table.c.id == ExtraField.entity_id)
            .where(ExtraField.entity == entity.entity_name, table.c.server_seq > since, table.c.server_seq <= upto),
            entity, ward_id,
        )
        for entity_id, name, value, stamp in conn.execute(query):
            row = found.setdefault(
                (entity.entity_name, entity_id), {"entity": entity.entity_name, "id": entity_id, "fields": {}, "clocks": {}}
            )
            row["fields"][name] = value
            row["clocks"][name] = stamp
    return list(found.values())


def _column_rows(conn: Connection, entity: type[Synced], scope: PullScope, part: Part, since: int, upto: int) -> list[tuple[int, str]]:
    """``(seq, row JSON text)`` of one table's page rows: written by the database, unless a
    stored value breaks its SQL (then every row of the table here is written by
    ``pull_clean.safe_rows``); a row whose text may hold a control character or a non-finite
    number is cleaned (``pull_clean``)."""
    if part == "directory":
        # written here, not by SQL: the stored clocks name every field (when the phone was
        # changed, on which laptop), and a directory row carries the stamps of its own fields only
        return [(seq, dumps_compact([row_id, seq, group_stamps(clocks), *fields.values()]))
                for seq, row_id, clocks, fields in _part_rows(conn, entity, scope, part, since, upto)]
    _columns, sql = _row_sql(conn.dialect.name, entity.entity_name, part)
    params = {**scope.params(), "since": since, "upto": upto}
    try:
        with conn.begin_nested():  # a failed statement must not abort the page's snapshot (PostgreSQL)
            rows = [(int(seq), row) for seq, row in conn.execute(text(sql), params)]
    except DBAPIError as exc:
        log.warning("a stored value breaks the page's SQL; rows written one by one",
                    extra={"event": "bad_stored_value", "entity": entity.entity_name, "error": str(exc.orig)[:200]})
        return [(seq, dumps_compact([row_id, seq, group_stamps(clocks), *fields.values()]))
                for seq, row_id, clocks, fields in _part_rows(conn, entity, scope, part, since, upto)]
    return [(seq, clean_row_text(entity, row) if suspect(row) else row) for seq, row in rows]


def pull_columns(db: ServerDb, ward_id: str, since: int, limit: int, scope: PullScope | None = None) -> ColumnsPage:
    """One page in the ``columns`` layout; ``scope``: what of the ward the device is served
    (a table split by the scope travels as one table per part, each with its own columns)."""
    limit = max(1, min(limit, protocol.MAX_PULL_LIMIT))
    scope = scope or PullScope(ward_id, None)
    with db.read() as conn:
        end = page_end(conn, ward_id, since, limit, scope)
        tables: list[ColumnsTable] = []
        extras: list[dict[str, Any]] = []
        upto, has_more = end if end is not None else (since, False)
        if end is not None:
            per_table = [(entity, part, _column_rows(conn, entity, scope, part, since, upto))
                         for entity in SYNCED_ENTITIES for part in scope.parts(entity.entity_name)]
            cut = byte_cut(list(heapq.merge(*([(seq, _text_bytes(row)) for seq, row in rows] for _e, _p, rows in per_table))))
            if cut is not None:
                upto, has_more = cut, True
            for entity, part, rows in per_table:
                kept = [row for seq, row in rows if seq <= upto]
                if kept:
                    tables.append(ColumnsTable(entity.entity_name, list(_row_sql(conn.dialect.name, entity.entity_name, part)[0]), kept))
            extras = _columns_extras(conn, scope, since, upto)
        digest = None if has_more else ward_digest(conn, ward_id, scope)
    return ColumnsPage(tables, extras, upto, has_more, digest)

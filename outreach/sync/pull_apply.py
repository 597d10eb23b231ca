"""Merging one pulled page into the local database (DESIGN.md §4.3, §4.6).

One page is one local write transaction: the merged rows, the folded-in clock and the advanced
cursor commit together, so a crash mid-pull resumes from the last whole page and never skips or
half-applies one; applying a page again changes nothing (the merge is idempotent).
Pulled rows are merged with the same ``apply_changes`` the server uses and are *not* recorded
in the outbox (they are the server's already). Fields this app does not know — sent by a newer
server on behalf of newer clients — are ignored here and kept by the server.

Both page layouts of the server (``outreach.server.pull``) are read. The work is split by what
the local database already holds:
- a row this laptop does not have yet (all of them in a first pull) is type-checked straight from
  its wire values and inserted with one ``executemany`` per table, no merge needed;
- a row it has goes through ``apply_changes`` field by field, as before.

The household search index of the households a page touches is normally refreshed in the same
transaction. A long pull may defer it (``defer_search``): each page then marks the index stale
in its own transaction and the engine refreshes everything touched once at the end, which
clears the mark; a crash in between leaves the mark, and the next start rebuilds the index
(``outreach.store.search_index``), so search is never silently stale.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, select

from outreach.model import Household, Resident, Synced, SyncState, Visit, synced_fields
from outreach.model.base import table_of
from outreach.model.clock import is_valid_stamp
from outreach.model.codec import FieldDecodeError, dumps_canonical, dumps_compact, encode_value
from outreach.model.entities import ENTITY_BY_NAME
from outreach.model.rowio import (
    canonical_wire_rows,
    decode_fast,
    field_defaults,
    field_specs,
    page_inserter,
    row_writer,
    wire_form,
)
from outreach.store import search_index
from outreach.store.database import Store, WriteContext
from outreach.wire import protocol
from outreach.wire.merge import apply_changes

log = logging.getLogger(__name__)

#: A field a ``rows``-layout row does not carry.
_ABSENT = object()
_LOOKUP_CHUNK = 900
#: below this many new rows of a table in a page, row by row is as quick as column by column
_COLUMNWISE_MIN = 64


@dataclass(frozen=True)
class PageResult:
    rows_changed: int
    flagged_visits: int


@dataclass
class PulledTable:
    """The rows of one entity in a page: ``[id, seq, clocks, value...]`` per row, values in the
    order of ``columns[3:]``; clocks either ``{stamp: [fields]}`` or ``{field: stamp}``."""

    entity: type[Synced]
    columns: list[str]
    rows: list[list[Any]]
    #: rows-layout objects: a field may be absent (``_ABSENT``) from a row
    sparse: bool = False


@dataclass
class DigestTracker:
    """The local ward digest kept up to date page by page, for a pull that started from an empty
    database (then the digest before it is known to be zero): the convergence check after a
    first pull needs no second pass over every row. ``valid`` turns False when that cannot be
    vouched for; the engine then computes the digest from the tables as usual."""

    digest: protocol.WardDigest = field(default_factory=protocol.WardDigest)
    valid: bool = True
    #: commit numbers of the pull's own transactions (``WriteContext.commit_number``)
    first_commit: int | None = None
    commits: int = 0

    def committed(self, number: int | None) -> None:
        if number is None:
            self.valid = False
            return
        if self.first_commit is None:
            self.first_commit = number
        self.commits += 1

    def holds(self, writes_committed: int) -> bool:
        """True if the store committed nothing but this pull's transactions since its first."""
        return self.valid and self.first_commit is not None and writes_committed - self.first_commit + 1 == self.commits

    def add(self, entity: str, row_id: str, clocks: Mapping[str, str], values: Mapping[str, Any],
            old: tuple[Mapping[str, str], Mapping[str, Any]] | None) -> None:
        """A row inserted (``old`` None) or changed from ``old`` = (clocks, wire values)."""
        if entity in protocol.DIGEST_EXCLUDED:
            return
        if old is None:
            self.digest.counts[entity] = self.digest.counts.get(entity, 0) + 1
        else:
            self.digest.total -= protocol.row_hash(entity, row_id, *old)
        self.digest.total = (self.digest.total + protocol.row_hash(entity, row_id, clocks, values)) % (1 << 128)

    def add_hashes(self, entity: str, rows: int, total: int) -> None:
        self.digest.counts[entity] = self.digest.counts.get(entity, 0) + rows
        self.digest.total = (self.digest.total + total) % (1 << 128)


def tables_of(reply: Mapping[str, Any]) -> list[PulledTable]:
    """The page's rows grouped by entity, whichever layout the server answered in.

    Entities this app does not know are left out; so are malformed rows (logged)."""
    tables: list[PulledTable] = []
    if reply.get("layout") == "columns":
        for item in reply.get("tables") or []:
            entity = ENTITY_BY_NAME.get(item.get("entity", "")) if isinstance(item, dict) else None
            columns = item.get("columns") if entity is not None else None
            if not (isinstance(columns, list) and columns[:3] == ["id", "seq", "clocks"] and all(isinstance(c, str) for c in columns)):
                continue
            rows = item.get("rows")
            if isinstance(rows, list):
                tables.append(PulledTable(entity, columns, rows))  # type: ignore[arg-type]
        extras = reply.get("extras") or []
        if extras:
            tables.extend(_row_objects(extras))
        return tables
    return _row_objects(reply.get("rows") or [])


def _row_objects(rows: Iterable[Any]) -> list[PulledTable]:
    """``rows``-layout objects (and the ``extras`` of a ``columns`` page) as tables."""
    by_entity: dict[type[Synced], PulledTable] = {}
    for row in rows:
        entity = ENTITY_BY_NAME.get(row.get("entity", "")) if isinstance(row, dict) else None
        if entity is None:
            continue  # an entity a newer server knows and this app does not: ignored
        table = by_entity.get(entity)
        if table is None:
            table = by_entity[entity] = PulledTable(entity, ["id", "seq", "clocks", *synced_fields(entity)], [], sparse=True)
        fields = row.get("fields") or {}
        values = [fields.get(name, _ABSENT) for name in table.columns[3:]] if isinstance(fields, dict) else []
        table.rows.append([row.get("id"), row.get("seq"), row.get("clocks") or {}, *values])
    return list(by_entity.values())


def _stamps(clocks: Any, known: frozenset[str], valid: set[str], columns: Sequence[str]) -> dict[str, str] | None:
    """``{field: stamp}`` of the known fields with a well-formed stamp; None if malformed.

    ``clocks`` is ``{stamp: [fields]}`` (stored form), ``{field: stamp}`` (rows layout), or one
    stamp for every column of the row (``columns`` layout)."""
    if isinstance(clocks, str):
        if clocks not in valid:
            if not is_valid_stamp(clocks):
                return {}
            valid.add(clocks)
        return {name: clocks for name in columns[3:] if name in known}
    if not isinstance(clocks, dict):
        return None
    stamps: dict[str, str] = {}
    for key, item in clocks.items():
        if isinstance(item, list):  # grouped: {stamp: [fields]}
            if key not in valid:
                if not is_valid_stamp(key):
                    continue
                valid.add(key)
            for name in item:
                if name in known:
                    stamps[name] = key
        elif key in known:  # flat: {field: stamp}
            if item not in valid:
                if not is_valid_stamp(item):
                    continue
                valid.add(item)
            stamps[key] = item
    return stamps


@dataclass
class _PageState:
    member_id: str | None
    touched: set[str]
    valid_stamps: set[str] = field(default_factory=set)
    changed: int = 0
    flagged: int = 0
    tracker: DigestTracker | None = None
    #: a repair pull: on the same stamp the server's value replaces a different local one
    server_wins_ties: bool = False


@dataclass
class NewRows:
    """The rows of one table of a page, checked and converted column by column for an insert
    (``PageInserter``), with what inserting them changes besides the table."""

    entity: type[Synced]
    ids: list[str]
    params: list[tuple[Any, ...]]
    newest_stamp: str
    touched: set[str]
    flagged: int
    #: (rows, sum of row hashes) for the digest tracker, when asked for
    digest: tuple[int, int] | None


def _shape_checked(table: PulledTable) -> list[list[Any]]:
    width = len(table.columns)
    rows = [r for r in table.rows if isinstance(r, list) and len(r) == width and isinstance(r[0], str) and 0 < len(r[0]) <= 36
            and (r[1] is None or type(r[1]) is int)]
    if len(rows) != len(table.rows):
        log.warning("pulled %s rows of the wrong shape skipped", table.entity.entity_name)
    return rows


def prepare_new_rows(dialect: Any, table: PulledTable, member_id: str | None, digest: bool) -> NewRows | None:
    """``table`` as a batch insert, if every row can take the column-wise path (fields in table
    order, one stamp per row, every value well-formed, ids distinct) — not yet knowing whether
    the laptop has any of them: ``apply`` checks that in its transaction. Pure computation, so
    the next page is prepared while the current one is written."""
    entity = table.entity
    inserter = page_inserter(dialect, entity)
    if inserter is None or table.sparse or table.columns[3:] != list(inserter.fields) or len(table.rows) < _COLUMNWISE_MIN:
        return None
    rows = table.rows
    if not all(isinstance(r, list) for r in rows):
        return None
    ids = [r[0] for r in rows]
    if len(set(ids)) != len(ids) or not set(map(type, ids)) <= {str} or max(map(len, ids)) > 36 or min(map(len, ids)) == 0:
        return None
    prepared = inserter.prepare(rows)
    if prepared is None:
        return None
    params, stamps = prepared
    touched: set[str] = set()
    flagged = 0
    at = {name: 3 + i for i, name in enumerate(inserter.fields)}
    if entity is Household:
        touched.update(ids)
    elif entity is Resident:
        touched.update(map(itemgetter(at["household_id"]), rows))
        touched.discard(None)
    elif entity is Visit and member_id:
        status, volunteer = at["review_status"], at["volunteer_id"]
        flagged = sum(1 for r in rows if r[status] == "flagged" and r[volunteer] == member_id)
    hashes = None
    if digest and entity.entity_name not in protocol.DIGEST_EXCLUDED:
        values = canonical_wire_rows(entity, inserter.fields, rows, 3)
        hashes = (len(ids), protocol.new_rows_hash(entity.entity_name, ids, stamps, inserter.sorted_fields, values))
    return NewRows(entity, ids, params, max(stamps), touched, flagged, hashes)


def _insert_new_rows(conn: Connection, batch: NewRows, page: _PageState) -> bool:
    """Insert a prepared batch; False (nothing done) if the laptop has any of its rows."""
    table = table_of(batch.entity)
    present = conn.exec_driver_sql(
        f'SELECT 1 FROM "{table.name}" WHERE "id" IN (SELECT value FROM json_each(?)) LIMIT 1', (dumps_compact(batch.ids),)
    ).first()
    if present is not None:
        return False
    page_inserter(conn.dialect, batch.entity).insert(conn, batch.params)  # type: ignore[union-attr]
    page.valid_stamps.add(batch.newest_stamp)
    page.touched.update(batch.touched)
    page.flagged += batch.flagged
    page.changed += len(batch.ids)
    if page.tracker is not None:
        if batch.digest is None:
            page.tracker.valid = False
        else:
            page.tracker.add_hashes(batch.entity.entity_name, *batch.digest)
    return True


def _merge_table(conn: Connection, tx: WriteContext, table: PulledTable, page: _PageState) -> None:
    """Merge a table's rows one by one: inserted when new, merged field by field when not."""
    entity = table.entity
    writer = row_writer(conn.dialect, entity)
    known = writer.fields
    known_set = frozenset(known)
    where = {name: index for index, name in enumerate(table.columns) if index >= 3}
    positions = [where.get(name) for name in known]
    not_sent = [name for name, position in zip(known, positions, strict=True) if position is None]
    rows = _shape_checked(table)
    existing = _existing(conn, entity, [r[0] for r in rows])
    defaults = writer.default_params
    index_of = {name: i for i, name in enumerate(known)}
    watch = _WATCHED.get(entity.entity_name)
    defaults_py = field_defaults(entity)
    inserts: list[tuple[Any, ...]] = []
    updates: list[tuple[Any, ...]] = []
    later: list[list[Any]] = []
    seen: set[str] = set()
    specs = field_specs(entity)
    tracker = page.tracker
    name_ = entity.entity_name
    valid = page.valid_stamps
    for row in rows:
        row_id = row[0]
        stamps = _stamps(row[2], known_set, valid, table.columns)
        if stamps is None:
            continue
        # a stamp without its value is not taken (nor a value without a stamp)
        for name in not_sent:
            stamps.pop(name, None)
        if table.sparse:
            for name in [n for n in stamps if row[positions[index_of[n]]] is _ABSENT]:  # type: ignore[index]
                del stamps[name]
        current = existing.get(row_id)
        if current is None:
            if row_id in seen:
                later.append(row)  # the same row twice in one page: merged after the insert
                continue
            seen.add(row_id)
            params = list(defaults)
            try:
                for name in stamps:
                    i = index_of[name]
                    params[i] = writer.from_wire[i](row[positions[i]])  # type: ignore[index]
            except FieldDecodeError:
                log.warning("pulled %s row with an undecodable field; row skipped", name_)
                continue
            params.append(writer.clocks_param(_group(stamps)))
            params.append(row[1])
            params.append(row_id)
            inserts.append(tuple(params))
            if tracker is not None:
                tracker.add(name_, row_id, stamps, {n: wire_form(specs[n], n, row[positions[index_of[n]]]) for n in stamps}, None)  # type: ignore[index]
            if watch is not None:
                _note(entity, row_id, {n: (row[positions[index_of[n]]] if n in stamps else defaults_py[n]) for n in watch}, None, page)  # type: ignore[index]
            page.changed += 1
            continue
        # a row this laptop has: merge field by field
        state: dict[str, tuple[Any, str]] = {}
        values: dict[str, Any] = {}
        try:
            for name, stamp in stamps.items():
                spec = specs[name]
                wire = row[positions[index_of[name]]]  # type: ignore[index]
                decoded = decode_fast(spec, name, wire)
                values[name] = decoded
                state[name] = (wire if spec.plain is not None or spec.json_kind is not None else encode_value(decoded), stamp)
        except FieldDecodeError:
            log.warning("pulled %s row with an undecodable field; row skipped", name_)
            continue
        clocks = dict(current["clocks"] or {})
        stored = {n: (encode_value(current[n]), s) for n, s in clocks.items() if n in known_set}
        outcome = apply_changes(stored, state)
        if page.server_wins_ties:
            # a repair: the same stamp with another value here was changed outside the write
            # path (a hand edit, a disk fault), and the server's value is the ward's
            for name, (value, stamp) in state.items():
                held = stored.get(name)
                if held is not None and held[1] == stamp and dumps_canonical(held[0]) != dumps_canonical(value):
                    outcome.changed[name] = (value, stamp)
        if not outcome.changed:
            continue
        before = {n: current.get(n) for n in watch or ()}
        old_clocks = dict(clocks)
        old_values = {n: value for n, (value, _stamp) in stored.items()}
        for name, (_value, stamp) in outcome.changed.items():
            current[name] = values[name]
            clocks[name] = stamp
        current["clocks"] = clocks
        current["server_seq"] = row[1]
        updates.append(writer.params(current, clocks, row[1], row_id))
        if tracker is not None:
            tracker.add(name_, row_id, clocks, {n: encode_value(current.get(n)) for n in clocks}, (old_clocks, old_values))
        if watch is not None:
            _note(entity, row_id, {n: current.get(n) for n in watch}, before, page)
        page.changed += 1
    writer.insert(conn, inserts)
    writer.update(conn, updates)
    if later:
        _merge_table(conn, tx, PulledTable(entity, table.columns, later), page)


def _group(stamps: dict[str, str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for name in sorted(stamps):
        grouped.setdefault(stamps[name], []).append(name)
    return grouped


def _existing(conn: Connection, entity: type[Synced], ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The local rows among ``ids`` (Python values, as the ORM reads them), by id."""
    table = table_of(entity)
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        chunk = ids[start : start + _LOOKUP_CHUNK]
        present = [i for (i,) in conn.execute(select(table.c.id).where(table.c.id.in_(chunk)))]
        if present:  # the full row only of those there (none at all in a first pull)
            for rec in conn.execute(select(table).where(table.c.id.in_(present))).mappings():
                found[rec["id"]] = dict(rec)
    return found


#: Entities whose changed rows matter beyond the table (search index, review to-dos), and the
#: fields that tells from.
_WATCHED: dict[str, tuple[str, ...]] = {"household": (), "resident": ("household_id",), "visit": ("review_status", "volunteer_id")}


def _note(entity: type[Synced], row_id: str, after: Mapping[str, Any], before: Mapping[str, Any] | None, page: _PageState) -> None:
    if entity is Household:
        page.touched.add(row_id)
    elif entity is Resident:
        if after.get("household_id"):
            page.touched.add(after["household_id"])
        if before is not None and before.get("household_id"):
            page.touched.add(before["household_id"])
    elif entity is Visit and page.member_id and after.get("review_status") == "flagged" and after.get("volunteer_id") == page.member_id:
        page.flagged += 1


@dataclass
class PreparedPage:
    """A pulled page ready to apply: its tables, and the batches of new rows worked out ahead."""

    tables: list[PulledTable]
    #: index in ``tables`` -> the table as a batch insert (``prepare_new_rows``)
    batches: dict[int, NewRows]
    next_cursor: int
    server_time: str | None


def prepare_page(reply: Mapping[str, Any], next_cursor: int, *, dialect: Any = None, member_id: str | None = None,
                 digest: bool = False) -> PreparedPage:
    """Everything about a page that needs no database (so it can run while another is written)."""
    tables = tables_of(reply)
    batches: dict[int, NewRows] = {}
    if dialect is not None:
        for index, table in enumerate(tables):
            batch = prepare_new_rows(dialect, table, member_id, digest)
            if batch is not None:
                batches[index] = batch
    server_time = reply.get("server_time")
    return PreparedPage(tables, batches, next_cursor, server_time if isinstance(server_time, str) else None)


def merge_page(tx: WriteContext, page: PreparedPage, member_id: str | None = None,
               tracker: DigestTracker | None = None, *, server_wins_ties: bool = False) -> tuple[PageResult, set[str]]:
    """Merge pulled rows into the local tables inside ``tx`` (no outbox entries); returns the
    result, and the stamps seen (for the clock). ``server_wins_ties``: see ``_PageState``."""
    conn = tx.session.connection()
    state = _PageState(member_id, tx.touched_households, tracker=tracker, server_wins_ties=server_wins_ties)
    for index, table in enumerate(page.tables):
        batch = page.batches.get(index)
        if batch is not None and _insert_new_rows(conn, batch, state):
            continue
        _merge_table(conn, tx, table, state)
    tx.touched_households.discard(None)
    return PageResult(state.changed, state.flagged), state.valid_stamps


def local_tables_empty(conn: Connection) -> bool:
    """True when no synced row of the ward's digest is stored yet (a fresh laptop)."""
    from outreach.model.entities import SYNCED_ENTITIES

    for entity in SYNCED_ENTITIES:
        if entity.entity_name in protocol.DIGEST_EXCLUDED:
            continue
        table = table_of(entity)
        if conn.execute(select(table.c.id).limit(1)).first() is not None:
            return False
    return True


def apply_pulled_page(store: Store, page: PreparedPage | Mapping[str, Any], next_cursor: int | None = None, *,
                      bind: Connection | None = None, deferred_search: set[str] | None = None,
                      tracker: DigestTracker | None = None, server_wins_ties: bool = False) -> PageResult:
    """Merge a page, fold its stamps into the HLC and advance the cursor: one transaction.

    ``page`` is a server reply (then ``next_cursor`` is needed) or a ``prepare_page`` result.
    With ``deferred_search``, the households the page touches are added to that set and the
    search index is marked stale in the same transaction instead of being refreshed."""
    if not isinstance(page, PreparedPage):
        assert next_cursor is not None
        page = prepare_page(page, next_cursor, dialect=store.engine.dialect, member_id=store.profile.member_id,
                            digest=tracker is not None)
    with store.write(bind=bind) as tx:
        if tracker is not None and tracker.valid and tracker.first_commit is None:
            # the digest before this pull is known (zero) only if nothing is stored yet
            tracker.valid = local_tables_empty(tx.session.connection())
        result, stamps = merge_page(tx, page, store.profile.member_id, tracker if tracker is not None and tracker.valid else None,
                                    server_wins_ties=server_wins_ties)
        newest = max(stamps) if stamps else None
        for stamp in (newest, page.server_time):
            if stamp and is_valid_stamp(stamp):
                store.clock.observe(stamp)
        if deferred_search is not None and tx.touched_households:
            deferred_search.update(tx.touched_households)
            tx.touched_households.clear()
            search_index.mark_stale(tx.session)
        state = tx.session.get(SyncState, 1)
        if state is None:
            tx.session.add(SyncState(id=1, cursor=page.next_cursor))
        else:
            state.cursor = page.next_cursor
    if tracker is not None:
        tracker.committed(tx.commit_number)
    return result


def refresh_deferred_search(store: Store, households: set[str], *, bind: Connection | None = None,
                            tracker: DigestTracker | None = None) -> None:
    """The end of a pull that deferred the search index: refresh what it touched, clear the mark."""
    with store.write(bind=bind) as tx:
        search_index.refresh_households(tx.session, households)
        search_index.clear_stale(tx.session)
    if tracker is not None:
        tracker.committed(tx.commit_number)

"""Applying a pushed batch (DESIGN.md §4.5, §4.8, §4.10, §4.13, §4.15).

A batch is checked in two layers. A malformed *request* (not the documented shape) is refused
whole with 422 and a machine-readable reason, and a write outside the device's ward is refused
whole with 403: nothing is applied. Within a well-formed request each change is answered on its
own: ``applied`` (also for a change id seen before: a retry is acknowledged, applied once),
``rejected`` with a reason (a bad value, an unknown entity: the client files it under "needs
attention" and goes on), or ``retryable`` (stamped too far in the future: the device's clock is
wrong and it keeps the change until the clock is fixed). A rejected change applies nothing.

Everything a batch changes — rows, their new ``server_seq``, the change ids, the lost values
of concurrent edits, the ward digest — is written in one transaction.

Only a team leader's device may lock or unlock a week or review a visit (its review status, note,
reviewer and time). A volunteer's device still records new visits (review at its defaults) and
sends its own flagged visit back as ``corrected``; any other such change from a volunteer is
answered ``rejected`` with reason ``leader_only``, and none of that change is applied. Who may
write which entity and field, week locks and cross-ward references are ``outreach.server.rights``
(``not_permitted``, ``week_locked``, ``week_not_ended``, ``outside_ward``), on both apply paths.

A change may also come as ``{"stamp": s, "values": {field: value}}`` (every field stamped
``s``); answers say ``compact_changes: true`` so clients know this server takes it. Changes that
each create a whole row with one stamp (a laptop's bulk registration, a first push) are checked
and converted a column at a time and inserted a thousand rows per statement: on SQLite, and when
none of the rows exists and none of the changes was received before (else change by change).
The outcome is the same as change by change (tests/sync/test_sync_push_bulk.py).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter
from types import MappingProxyType
from typing import Any, cast

from sqlalchemy import Connection, Table, insert, select, update
from sqlalchemy.exc import DataError, IntegrityError

from outreach.model import Synced, synced_fields
from outreach.model.base import table_of
from outreach.model.clock import is_valid_stamp
from outreach.model.codec import FieldDecodeError, dumps_compact, encode_value
from outreach.model.entities import ENTITY_BY_NAME, ERASED_NAME, RESIDENT_PERSONAL_FIELDS
from outreach.model.field_rules import column_problems, extra_problem, field_problem
from outreach.model.rowio import (
    canonical_wire_rows,
    decode_fast,
    field_defaults,
    field_names,
    field_specs,
    page_inserter,
    per_entity,
    row_writer,
)
from outreach.server import rights
from outreach.server.auth import DeviceIdentity, utcnow
from outreach.server.db import ServerDb
from outreach.server.digests import row_digest_hash
from outreach.server.schema import Device, ExtraField, LostValueRecord, ReceivedChange
from outreach.wire import protocol
from outreach.wire.merge import apply_changes
from outreach.wire.reasons import Reason

log = logging.getLogger("outreach.server.push")
MAX_CHANGES_PER_REQUEST = 2 * protocol.MAX_BATCH_CHANGES
_first, _second = itemgetter(0), itemgetter(1)
_FIELD_RE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
#: Entities whose losing values reach the leader's review list (DESIGN.md §4.15).
REVIEWED_ENTITIES = frozenset({"household", "resident", "residential_group"})
#: Written only by the office (``outreach-server``), never by a device.
OFFICE_ONLY_ENTITIES = frozenset({"procedure", "office_day_off"})
_BOOKKEEPING = frozenset({"id", "clocks", "server_seq"})
#: A broken field rule (model/field_rules.py) the user can act on gets its own reason; the rest
#: answer bad_value. The answer also names the field and says what is wrong (``detail``).
_RULE_REASONS = {"too_long": Reason.VALUE_TOO_LONG, "control_char": Reason.BAD_CHARACTER}


class RequestRefused(Exception):
    """The whole request is refused; nothing was applied."""

    def __init__(self, status: int, reason: str, detail: str = "", **extra: Any) -> None:
        super().__init__(f"{status} {reason}: {detail}")
        self.status = status
        self.reason = reason
        self.detail = detail
        self.extra = extra


@dataclass
class Change:
    change_id: str
    entity: type[Synced]
    entity_id: str
    #: {field: (canonical wire value, stamp)} for known fields
    fields: dict[str, tuple[Any, str]]
    #: {field: database value} for the same fields
    values: dict[str, Any]
    #: fields this server does not know (from a newer client): kept verbatim
    extras: dict[str, tuple[Any, str]]
    bases: dict[str, str | None]


@dataclass
class Outcome:
    change_id: str
    status: str
    reason: str | None = None
    #: for a value refused by its field's rule: the field and what is wrong (English)
    field: str | None = None
    detail: str | None = None

    def to_wire(self) -> dict[str, Any]:
        data: dict[str, Any] = {"change_id": self.change_id, "status": self.status}
        if self.reason:
            data["reason"] = self.reason
        if self.field:
            data["field"] = self.field
        if self.detail:
            data["detail"] = self.detail
        return data


@dataclass
class PushResult:
    outcomes: list[Outcome]
    rows_written: int

    @property
    def counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for o in self.outcomes:
            result[o.status] = result.get(o.status, 0) + 1
        return result


@dataclass(slots=True)
class _WireChange:
    """One change of a request in the one form the rest of this module reads, whichever form it
    came in (``_structure``): ``values`` and either one ``stamp`` for every field (the compact
    form as sent; a full-form change whose fields share one stamp) or ``stamps`` per field."""

    change_id: str
    entity: str
    entity_id: str
    values: dict[str, Any]
    stamp: str | None
    stamps: dict[str, str] | None
    bases: dict[str, Any]


def _structure(payload: Any) -> list[_WireChange]:
    """The changes of a request, each read into a ``_WireChange`` once, here at the door (the
    compact form costs nothing; the full form ``{"fields": {f: [v, s]}}`` is split once), or
    RequestRefused(422) naming what is wrong. The payload itself is left as it was."""
    if not isinstance(payload, dict):
        raise RequestRefused(422, Reason.BAD_SHAPE, "body must be a JSON object")
    changes = payload.get("changes")
    if not isinstance(changes, list):
        raise RequestRefused(422, Reason.BAD_SHAPE, "'changes' must be a list")
    if len(changes) > MAX_CHANGES_PER_REQUEST:
        raise RequestRefused(413, Reason.TOO_MANY_CHANGES, f"at most {MAX_CHANGES_PER_REQUEST} changes per request")
    seen: set[str] = set()
    out: list[_WireChange] = []
    for index, change in enumerate(changes):
        if type(change) is not dict:
            raise RequestRefused(422, Reason.BAD_SHAPE, f"changes[{index}] must be an object")
        compact = "fields" not in change and "values" in change
        fields: Any
        if compact:  # every field with one stamp
            if type(change.get("stamp")) is not str or type(change["values"]) is not dict:
                raise RequestRefused(422, Reason.BAD_SHAPE, f"changes[{index}]: 'stamp' must be a string and 'values' an object")
            fields = change["values"]
        else:
            fields = change.get("fields")
        change_id: Any = change.get("change_id")
        entity_id: Any = change.get("entity_id")
        if type(change_id) is not str or type(change.get("entity")) is not str or type(entity_id) is not str or type(fields) is not dict:
            for key, kind in (("change_id", str), ("entity", str), ("entity_id", str), ("fields", dict)):
                if not isinstance(change.get(key), kind):
                    raise RequestRefused(422, Reason.BAD_SHAPE, f"changes[{index}].{key} missing or of the wrong type")
        if not protocol.is_wire_id(change_id) or not protocol.is_wire_id(entity_id):
            raise RequestRefused(422, Reason.BAD_ID, f"changes[{index}]: ids are 1-36 characters [0-9A-Za-z._:-]")
        if change_id in seen:
            raise RequestRefused(422, Reason.DUPLICATE_CHANGE_ID, f"changes[{index}]: change id repeated in one request")
        seen.add(change_id)
        if not fields:
            raise RequestRefused(422, Reason.BAD_SHAPE, f"changes[{index}].fields is empty")
        pairs = fields.values()
        # the common case checked with C loops: every pair a list of two whose second is a string
        if not compact and not (
            set(map(type, pairs)) == {list} and set(map(len, pairs)) == {2} and set(map(type, map(_second, pairs))) == {str}
        ):
            for name, pair in fields.items():
                if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], str)):
                    raise RequestRefused(422, Reason.BAD_SHAPE, f"changes[{index}].fields.{name} must be [value, stamp]")
        bases = change.get("bases", {})
        if bases is None:
            bases = {}
        elif type(bases) is not dict or not all(v is None or isinstance(v, str) for v in bases.values()):
            if not isinstance(bases, dict) or not all(v is None or isinstance(v, str) for v in bases.values()):
                raise RequestRefused(422, Reason.BAD_SHAPE, f"changes[{index}].bases must map fields to stamps or null")
        if compact:
            out.append(_WireChange(change_id, change["entity"], entity_id, fields, change["stamp"], None, bases))
            continue
        values = dict(zip(fields, map(_first, pairs), strict=True))
        stamps = set(map(_second, pairs))
        if len(stamps) == 1:
            out.append(_WireChange(change_id, change["entity"], entity_id, values, stamps.pop(), None, bases))
        else:
            out.append(
                _WireChange(
                    change_id, change["entity"], entity_id, values, None, dict(zip(fields, map(_second, pairs), strict=True)), bases
                )
            )
    return out


def _check_change(raw: _WireChange, now_ms: int, *, office: bool = False, valid_stamps: set[str] | None = None) -> Change | Outcome:
    """A valid Change, or the Outcome (rejected/retryable) that answers it.

    ``valid_stamps``: stamps already found well-formed in this request (most fields of a batch
    share a handful of stamps, so each is checked once)."""
    change_id = raw.change_id
    entity = ENTITY_BY_NAME.get(raw.entity)
    if entity is None:
        return Outcome(change_id, protocol.REJECTED, Reason.UNKNOWN_ENTITY)
    if entity.entity_name in OFFICE_ONLY_ENTITIES and not office:
        return Outcome(change_id, protocol.REJECTED, Reason.NOT_PERMITTED)
    specs = field_specs(entity)
    fields: dict[str, tuple[Any, str]] = {}
    values: dict[str, Any] = {}
    extras: dict[str, tuple[Any, str]] = {}
    valid = valid_stamps if valid_stamps is not None else set()
    one = raw.stamp
    if one is not None and one not in valid:  # every field's stamp, checked first as in field order
        if not is_valid_stamp(one):
            return Outcome(change_id, protocol.REJECTED, Reason.BAD_STAMP)
        valid.add(one)
    per_field = raw.stamps or {}
    latest = one or ""
    for name, value in raw.values.items():
        if one is None:
            stamp = per_field[name]
            if stamp not in valid:
                if not is_valid_stamp(stamp):
                    return Outcome(change_id, protocol.REJECTED, Reason.BAD_STAMP)
                valid.add(stamp)
            latest = max(latest, stamp)
        else:
            stamp = one
        spec = specs.get(name)
        if spec is not None:
            try:
                decoded = decode_fast(spec, name, value)
            except FieldDecodeError:
                return Outcome(change_id, protocol.REJECTED, Reason.BAD_VALUE, name, "wrong type or too long")
            if decoded is not None and (broken := field_problem(entity, name, decoded)) is not None:
                return Outcome(change_id, protocol.REJECTED, _RULE_REASONS.get(broken.code, Reason.BAD_VALUE), name, broken.message_en)
            values[name] = decoded
            fields[name] = (value if spec.plain is not None or spec.json_kind is not None else encode_value(decoded), stamp)
        elif name in _BOOKKEEPING or not _FIELD_RE.match(name):
            return Outcome(change_id, protocol.REJECTED, Reason.UNKNOWN_FIELD)
        elif (problem := extra_problem(value)) is not None:
            return Outcome(change_id, protocol.REJECTED, Reason.BAD_VALUE, name, problem)
        else:
            extras[name] = (value, stamp)
    # stamps are fixed-width, so the greatest string is the latest time
    if int(latest[:13]) > now_ms + protocol.MAX_CLOCK_AHEAD_MS:
        return Outcome(change_id, protocol.RETRYABLE, Reason.CLOCK_AHEAD)
    raw_bases = raw.bases
    bases = {k: v for k, v in raw_bases.items() if v is None or is_valid_stamp(v)} if raw_bases else {}
    return Change(change_id, entity, raw.entity_id, fields, values, extras, bases)


@dataclass
class _Row:
    entity: type[Synced]
    id: str
    existed: bool
    values: dict[str, Any]
    clocks: dict[str, str]
    old_clocks: dict[str, str] | None
    extras: dict[str, tuple[Any, str]] = field(default_factory=dict)
    extras_dirty: set[str] = field(default_factory=set)
    dirty: bool = False
    #: the stored values as loaded (what the ward digest holds for the row until it changes)
    old_values: dict[str, Any] | None = None

    def state(self) -> dict[str, tuple[Any, str]]:
        return {name: (encode_value(self.values.get(name)), stamp) for name, stamp in self.clocks.items()}



def _table(entity: type[Synced]) -> Table:
    return table_of(entity)


def _load_rows(conn: Connection, changes: Sequence[Change]) -> dict[tuple[str, str], _Row]:
    wanted: dict[type[Synced], set[str]] = {}
    for change in changes:
        wanted.setdefault(change.entity, set()).add(change.entity_id)
    rows: dict[tuple[str, str], _Row] = {}
    for entity, ids in wanted.items():
        table = _table(entity)
        names = synced_fields(entity)
        id_list = sorted(ids)
        for start in range(0, len(id_list), 500):
            chunk = id_list[start : start + 500]
            for rec in conn.execute(select(table).where(table.c.id.in_(chunk))).mappings():
                clocks = dict(rec["clocks"] or {})
                values = {n: rec[n] for n in names}
                rows[(entity.entity_name, rec["id"])] = _Row(
                    entity, rec["id"], True, values, clocks, dict(clocks), old_values=dict(values)
                )
    extras_wanted = {(c.entity.entity_name, c.entity_id) for c in changes if c.extras}
    for entity_name, entity_id in extras_wanted:
        for rec in conn.execute(
            select(ExtraField).where(ExtraField.entity == entity_name, ExtraField.entity_id == entity_id)
        ).mappings():
            row = rows.get((entity_name, entity_id))
            if row is not None:
                row.extras[rec["field"]] = (rec["value"], rec["stamp"])
    return rows


def _erased_fields(entity: str, values: dict[str, Any]) -> frozenset[str]:
    """The fields of an erased person on this row (issue 14): their losing values are not kept."""
    if entity == "resident" and values.get("erased_at") is not None:
        return frozenset(RESIDENT_PERSONAL_FIELDS)
    if entity == "household" and values.get("head_name") == ERASED_NAME:
        return frozenset({"head_name", "phone"})
    return frozenset()


def apply_push(db: ServerDb, device: DeviceIdentity | None, payload: Any, *, ward_id: str | None = None,
               now_ms: int | None = None, office_rights: bool = False) -> PushResult:
    """Validate and apply one pushed batch; ``device=None`` is the office itself (admin CLI).

    The office writes any entity of ``ward_id`` (or the catalogue); a device only its own ward,
    and only what ``rights`` lets it, unless ``office_rights`` (a local demo server, whose one
    laptop pushes a whole synthetic ward).
    ``now_ms`` is the server's wall clock (injected by the API, whose clock a test may set).
    """
    raw_changes = _structure(payload)
    now_ms = time.time_ns() // 1_000_000 if now_ms is None else now_ms
    scope = device.ward_id if device is not None else ward_id
    office = device is None
    outcomes: dict[str, Outcome] = {}
    stamps: set[str] = set()
    bulk = _new_row_batches(db.engine.dialect, raw_changes, scope, now_ms, leader=device is None or device.role == "leader")
    candidates = {raw.change_id for batch in bulk for raw in batch.raws}
    # everything else is checked change by change, in request order, before the transaction
    checked: dict[str, Change | Outcome] = {}
    for raw in raw_changes:
        if raw.change_id not in candidates:
            checked[raw.change_id] = _check_change(raw, now_ms, office=office, valid_stamps=stamps)
    _check_ward_values([c for c in checked.values() if isinstance(c, Change)], scope)
    try:
        rows_written = _apply_batch(db, raw_changes, checked, bulk, now_ms, office, stamps, scope, device, outcomes, office_rights)
    except (DataError, IntegrityError) as exc:  # a value the rules let through and the database refuses
        log.warning("the database refused a pushed value; applying the batch change by change",
                    extra={"event": "push_value_refused", "error": str(exc.orig)[:200]})
        outcomes.clear()
        rows_written = _apply_each_alone(db, raw_changes, now_ms, office, scope, device, outcomes, office_rights)
    ordered = [outcomes[raw.change_id] for raw in raw_changes]
    return PushResult(ordered, rows_written)


def _rights_facts(conn: Connection, raw_changes: list[_WireChange], device: DeviceIdentity | None,
                  office_rights: bool) -> rights.Facts | None:
    """What the write-rights rules read for this batch (one query per referenced entity), or
    None when the writer is the office (or a demo server's laptop, which writes as the office)."""
    if device is None or office_rights:
        return None
    return rights.load_facts(conn, device.ward_id, ((r.entity, r.entity_id, r.values) for r in raw_changes))


def _apply_each_alone(db: ServerDb, raw_changes: list[_WireChange], now_ms: int, office: bool, scope: str | None,
                      device: DeviceIdentity | None, outcomes: dict[str, Outcome], office_rights: bool) -> int:
    """The batch again, in one transaction, each change in its own savepoint: the change whose
    value the database refuses (PostgreSQL's DataError) is answered rejected ``bad_value``, the
    rest applies, and the laptop's queue moves on instead of meeting a 500 forever."""
    rows_written = 0
    stamps: set[str] = set()
    with db.write() as conn:
        facts = _rights_facts(conn, raw_changes, device, office_rights)
        for raw in raw_changes:
            checked = _check_change(raw, now_ms, office=office, valid_stamps=stamps)
            if isinstance(checked, Outcome):
                outcomes[raw.change_id] = checked
                continue
            try:
                with conn.begin_nested():
                    rows_written += _apply(db, conn, [checked], scope, device, outcomes, facts)
            except (DataError, IntegrityError) as exc:
                log.warning("pushed change refused by the database", extra={"event": "push_value_refused", "change_id": raw.change_id,
                                                                            "entity": raw.entity, "error": str(exc.orig)[:200]})
                outcomes[raw.change_id] = Outcome(raw.change_id, protocol.REJECTED, Reason.BAD_VALUE,
                                                  detail="the database refused a value of this change")
        if device is not None:
            conn.execute(update(Device).where(Device.id == device.device_id).values(last_seen_at=utcnow()))
    return rows_written


def _apply_batch(db: ServerDb, raw_changes: list[_WireChange], checked: dict[str, Change | Outcome], bulk: list[_NewRowBatch],
                 now_ms: int, office: bool, stamps: set[str], scope: str | None, device: DeviceIdentity | None,
                 outcomes: dict[str, Outcome], office_rights: bool) -> int:
    """The batch in one transaction: whole new rows in bulk, the rest change by change."""
    with db.write() as conn:
        # Whole new rows first (a later change of the same row in this request then merges
        # into them, as it would in order); a batch that is a retry, or names a row the server
        # has, goes change by change instead.
        applicable = [batch for batch in bulk if _bulk_applicable(conn, batch)]
        facts = _rights_facts(conn, raw_changes, device, office_rights)
        if device is not None and facts is not None:  # what the device may not write goes change by change, where it is refused
            applicable = [b for b in applicable if _keep_permitted(b, device, facts)]
        in_bulk = {raw.change_id for batch in applicable for raw in batch.raws}
        valid: list[Change] = []
        for raw in raw_changes:
            change_id = raw.change_id
            if change_id in in_bulk:
                continue
            result = checked.get(change_id)
            if result is None:
                result = _check_change(raw, now_ms, office=office, valid_stamps=stamps)
            if isinstance(result, Outcome):
                outcomes[change_id] = result
            else:
                valid.append(result)
        rows_written = _apply_new_rows(db, conn, applicable, device, outcomes)
        rows_written += _apply(db, conn, valid, scope, device, outcomes, facts)
        if device is not None:  # when it last pushed: how long its change ids are kept (retention)
            conn.execute(update(Device).where(Device.id == device.device_id).values(last_seen_at=utcnow()))
    return rows_written


# ---------------------------------------------------------------------- whole new rows in bulk


#: Below this many whole-row changes of one entity in a request, change by change is as quick.
_BULK_MIN = 64
_BULK_EXCLUDED = frozenset({"ward"}) | OFFICE_ONLY_ENTITIES


@dataclass
class _NewRowBatch:
    """Changes that each create a whole row with one stamp (what a laptop's bulk registration
    or a first push sends): checked and converted a column at a time (``PageInserter``) and
    inserted with a few statements, with the same outcome as change by change when none of the
    rows exists yet and none of the changes was received before (checked in the transaction)."""

    entity: type[Synced]
    raws: list[_WireChange]
    ids: list[str]
    stamps: list[str]
    #: PageInserter parameters, server_seq still None
    params: list[tuple[Any, ...]]
    applicable: bool = True


def _new_row_batches(dialect: Any, raw_changes: list[_WireChange], scope: str | None, now_ms: int, *,
                     leader: bool = True) -> list[_NewRowBatch]:
    if scope is None:
        return []
    by_entity: dict[type[Synced], list[_WireChange]] = {}
    for raw in raw_changes:
        entity = ENTITY_BY_NAME.get(raw.entity)
        if entity is None or entity.entity_name in _BULK_EXCLUDED or raw.bases:
            continue
        values = raw.values
        if values.get("ward_id") != scope or values.keys() != field_names(entity):
            continue
        if not leader and _needs_leader(entity, values, None):
            continue  # change by change, where it is refused
        by_entity.setdefault(entity, []).append(raw)
    batches = []
    for entity, raws in by_entity.items():
        inserter = page_inserter(dialect, entity)
        if inserter is None or len(raws) < _BULK_MIN:
            continue
        # a value that breaks its field's rule: that change goes change by change (rejected there)
        broken = set().union(*(column_problems(entity, name, [raw.values[name] for raw in raws]) for name in inserter.fields))
        if broken:
            raws = [raw for index, raw in enumerate(raws) if index not in broken]
            if len(raws) < _BULK_MIN:
                continue
        names = inserter.fields
        rows: list[list[Any]] = []
        for raw in raws:
            if raw.stamp is None:  # fields with different stamps: the entity goes change by change
                break
            rows.append([raw.entity_id, None, raw.stamp, *map(raw.values.__getitem__, names)])
        else:
            prepared = inserter.prepare(rows)
            if prepared is not None and int(max(prepared[1])[:13]) <= now_ms + protocol.MAX_CLOCK_AHEAD_MS:
                batches.append(_NewRowBatch(entity, raws, [r[0] for r in rows], prepared[1], prepared[0]))
    return batches


def _sorted_values(batch: _NewRowBatch) -> list[list[Any]]:
    """Each new row's wire values, fields in sorted order (a whole-row change names them all)."""
    names = sorted(field_names(batch.entity))
    return [[raw.values[name] for name in names] for raw in batch.raws]


def _bulk_applicable(conn: Connection, batch: _NewRowBatch) -> bool:
    """True if no row of the batch exists and none of its changes was received before."""
    batch.applicable = (len(set(batch.ids)) == len(batch.ids) and not _any_present(conn, _table(batch.entity).name, "id", batch.ids)
                        and not _any_present(conn, "received_changes", "change_id", [r.change_id for r in batch.raws]))
    return batch.applicable


def _keep_permitted(batch: _NewRowBatch, device: DeviceIdentity | None, facts: rights.Facts) -> bool:
    """Leave in ``batch`` only the rows ``device`` may create (``rights.check`` on the values
    as sent); False when none is left."""
    name = batch.entity.entity_name
    keep = [rights.check(device, name, raw.entity_id, raw.values, None, facts) is None for raw in batch.raws]
    if not all(keep):
        batch.raws = list(compress(batch.raws, keep))
        batch.ids = list(compress(batch.ids, keep))
        batch.stamps = list(compress(batch.stamps, keep))
        batch.params = list(compress(batch.params, keep))
    return bool(batch.raws)


def _any_present(conn: Connection, table: str, column: str, values: list[str]) -> bool:
    """Whether any of ``values`` is in ``table.column`` (one statement, one parameter)."""
    if conn.dialect.name == "postgresql":
        sql, param = f'SELECT 1 FROM "{table}" WHERE "{column}" = ANY(%s) LIMIT 1', cast(object, values)
    else:
        sql, param = f'SELECT 1 FROM "{table}" WHERE "{column}" IN (SELECT value FROM json_each(?)) LIMIT 1', dumps_compact(values)
    return conn.exec_driver_sql(sql, (param,)).first() is not None


def _apply_new_rows(db: ServerDb, conn: Connection, batches: list[_NewRowBatch], device: DeviceIdentity | None,
                    outcomes: dict[str, Outcome]) -> int:
    total = sum(len(b.ids) for b in batches)
    if not total:
        return 0
    seqs = iter(db.next_seqs(conn, total))
    now = utcnow()
    deltas: dict[tuple[str, str], tuple[int, int]] = {}
    for batch in batches:
        params = [(p[0], next(seqs), *p[2:]) for p in batch.params]
        page_inserter(conn.dialect, batch.entity).insert(conn, params)  # type: ignore[union-attr]
        name = batch.entity.entity_name
        ward = batch.raws[0].values["ward_id"]
        if name not in protocol.DIGEST_EXCLUDED:
            count, delta = deltas.get((ward, name), (0, 0))
            deltas[(ward, name)] = (
                count + len(batch.ids),
                delta + protocol.new_rows_hash(name, batch.ids, batch.stamps, field_names(batch.entity),
                                               canonical_wire_rows(batch.entity, sorted(field_names(batch.entity)),
                                                                   _sorted_values(batch), 0)),
            )
        change_ids = [raw.change_id for raw in batch.raws]
        _insert_received(conn, change_ids, device.device_id if device else "office", now)
        for change_id in change_ids:
            outcomes[change_id] = Outcome(change_id, protocol.APPLIED)
    _update_digests(conn, deltas)
    return total


#: Per-change answer to a volunteer's change of what only a leader may change.
LEADER_ONLY = Reason.LEADER_ONLY
#: A visit's review, set by a team leader (DESIGN.md §4.17).
REVIEW_FIELDS = ("review_status", "review_note", "reviewed_by", "reviewed_at")
#: Entities only a leader writes: the approved-week locks, the decisions about duplicate pairs.
LEADER_ONLY_ENTITIES = frozenset({"week_lock", "duplicate_pair"})
#: Entities a leader merges (issue 17): setting or clearing ``merged_into`` is a leader's.
MERGED_ENTITIES = frozenset({"household", "resident"})


@per_entity
def _new_row(entity: type[Synced]) -> Mapping[str, Any]:
    """``field_defaults`` read-only and built once: what ``_needs_leader`` compares a new row's
    review with (a fresh copy for each of 5,000 pushed visits doubled the cost of the door)."""
    return MappingProxyType(field_defaults(entity))


def _needs_leader(entity: type[Synced], values: Mapping[str, Any], current: Mapping[str, Any] | None) -> bool:
    """True if a change setting ``values`` on a row now holding ``current`` (None: a new row)
    does what only a leader may: lock or unlock a week, set a visit's review, merge two
    households or residents (``merged_into``) or decide about a duplicate pair. A volunteer
    still records a new visit (its review at the defaults: pending, no note, no reviewer) and
    sends a flagged visit back as corrected.

    The one role rule of both apply paths: change by change with the decoded values and the
    stored row; for whole new rows in bulk with the request's values and no row (there a
    review field's wire value and its decoded value compare the same with the defaults: text
    is text, and a review time differs from its default None either way)."""
    name = entity.entity_name
    if name in LEADER_ONLY_ENTITIES:
        return True
    if name in MERGED_ENTITIES:  # a merge (or its undo): only leaders (and the office) merge
        return "merged_into" in values and values["merged_into"] != (current or _new_row(entity)).get("merged_into")
    if name != "visit":
        return False
    touched = [f for f in REVIEW_FIELDS if f in values]
    if not touched:
        return False
    if current is None:
        current = _new_row(entity)
    for field_name in touched:
        new, old = values[field_name], current.get(field_name)
        if new == old or (field_name == "review_status" and old == "flagged" and new == "corrected"):
            continue
        return True
    return False


def _check_ward_values(changes: Sequence[Change], scope: str | None) -> None:
    """403 for any change that names another ward (before anything is written)."""
    outside: list[str] = []
    for change in changes:
        if not change.entity.ward_scoped:
            continue
        if change.values.get("ward_id") is not None and change.values["ward_id"] != scope:
            outside.append(change.change_id)
        elif change.entity.entity_name == "ward" and change.entity_id != scope:
            outside.append(change.change_id)
    if outside:
        raise RequestRefused(403, Reason.OUTSIDE_WARD, "changes for another ward", change_ids=outside)


def _apply(
    db: ServerDb, conn: Connection, valid: list[Change], scope: str | None, device: DeviceIdentity | None, outcomes: dict[str, Outcome],
    facts: rights.Facts | None = None,
) -> int:
    seen: set[str] = set()
    ids = [c.change_id for c in valid]
    for start in range(0, len(ids), 500):
        seen.update(conn.scalars(select(ReceivedChange.change_id).where(ReceivedChange.change_id.in_(ids[start : start + 500]))))
    fresh = [c for c in valid if c.change_id not in seen]
    for c in valid:
        if c.change_id in seen:
            outcomes[c.change_id] = Outcome(c.change_id, protocol.APPLIED)
    if seen:  # sent again: still in its laptop's outbox, so remembered afresh (outreach.server.retention)
        conn.execute(update(ReceivedChange).where(ReceivedChange.change_id.in_(list(seen))).values(received_at=utcnow()))
    rows = _load_rows(conn, fresh)
    outside = [c.change_id for c in fresh if (r := rows.get((c.entity.entity_name, c.entity_id))) is not None
               and c.entity.ward_scoped and r.values.get("ward_id") != scope]
    if outside:
        raise RequestRefused(403, Reason.OUTSIDE_WARD, "rows of another ward", change_ids=outside)
    now = utcnow()
    lost_rows: list[dict[str, Any]] = []
    received: list[str] = []
    leader = device is None or device.role == "leader"
    for change in fresh:
        key = (change.entity.entity_name, change.entity_id)
        row = rows.get(key)
        if change.entity.ward_scoped and "ward_id" in change.values and change.values["ward_id"] is None:
            outcomes[change.change_id] = Outcome(change.change_id, protocol.REJECTED, Reason.MISSING_WARD)
            continue
        if row is None and change.entity.ward_scoped and "ward_id" not in change.values:
            outcomes[change.change_id] = Outcome(change.change_id, protocol.REJECTED, Reason.MISSING_WARD)
            continue
        if not leader and _needs_leader(change.entity, change.values, row.values if row is not None and row.clocks else None):
            outcomes[change.change_id] = Outcome(change.change_id, protocol.REJECTED, LEADER_ONLY)
            continue
        if facts is not None and (refusal := rights.check(device, change.entity.entity_name, change.entity_id, change.values,
                                                         row.values if row is not None and row.clocks else None, facts)):
            outcomes[change.change_id] = Outcome(change.change_id, protocol.REJECTED, refusal)
            continue
        if row is None:
            row = rows[key] = _Row(change.entity, change.entity_id, False, field_defaults(change.entity), {}, None)
        if not row.clocks:  # a new row: every field is simply taken
            row.values.update(change.values)
            row.clocks.update({name: stamp for name, (_v, stamp) in change.fields.items()})
            row.dirty = row.dirty or bool(change.fields)
            merged = None
        else:
            merged = apply_changes(row.state(), change.fields, change.bases)
            for name, (_value, stamp) in merged.changed.items():
                row.values[name] = change.values[name]
                row.clocks[name] = stamp
                row.dirty = True
        if merged is not None and row.existed and change.entity.entity_name in REVIEWED_ENTITIES:
            erased = _erased_fields(change.entity.entity_name, row.values)
            for lost in merged.lost:
                if lost.field in erased:  # a late push of an erased person's value is not kept for review
                    continue
                lost_rows.append(
                    {"ward_id": row.values.get("ward_id") or scope or "", "entity": change.entity.entity_name,
                     "entity_id": change.entity_id, "field": lost.field, "value": lost.value, "stamp": lost.stamp,
                     "winning_value": lost.winning_value, "winning_stamp": lost.winning_stamp, "recorded_at": now}
                )
        for name, (value, stamp) in change.extras.items():
            current = row.extras.get(name)
            if current is None or stamp > current[1]:
                row.extras[name] = (value, stamp)
                row.extras_dirty.add(name)
                row.dirty = True
        outcomes[change.change_id] = Outcome(change.change_id, protocol.APPLIED)
        received.append(change.change_id)
    dirty = [r for r in rows.values() if r.dirty]
    seqs = db.next_seqs(conn, len(dirty))
    inserts: dict[type[Synced], list[tuple[Any, ...]]] = {}
    updates: dict[type[Synced], list[tuple[Any, ...]]] = {}
    digest_delta: dict[tuple[str, str], tuple[int, int]] = {}
    extra_rows: list[dict[str, Any]] = []
    for row, seq in zip(dirty, seqs, strict=True):
        params = row_writer(conn.dialect, row.entity).params(row.values, row.clocks, seq, row.id)
        (updates if row.existed else inserts).setdefault(row.entity, []).append(params)
        name = row.entity.entity_name
        if name not in protocol.DIGEST_EXCLUDED:
            ward = row.values.get("ward_id") or ""
            count, delta = digest_delta.get((ward, name), (0, 0))
            if row.old_clocks is not None:
                delta -= row_digest_hash(name, row.id, row.old_clocks, row.old_values or {})
            else:
                count += 1
            delta += row_digest_hash(name, row.id, row.clocks, row.values)
            digest_delta[(ward, name)] = (count, delta)
        for extra in row.extras_dirty:
            value, stamp = row.extras[extra]
            extra_rows.append({"entity": name, "entity_id": row.id, "field": extra, "value": value, "stamp": stamp})
    for entity, batch in inserts.items():
        row_writer(conn.dialect, entity).insert(conn, batch)
    for entity, batch in updates.items():
        row_writer(conn.dialect, entity).update(conn, batch)
    if extra_rows:
        for extra_row in extra_rows:
            conn.execute(
                ExtraField.__table__.delete().where(  # type: ignore[attr-defined]
                    ExtraField.entity == extra_row["entity"],
                    ExtraField.entity_id == extra_row["entity_id"],
                    ExtraField.field == extra_row["field"],
                )
            )
        conn.execute(insert(ExtraField), extra_rows)
    if received:
        _insert_received(conn, received, device.device_id if device else "office", now)
    if lost_rows:
        conn.execute(insert(LostValueRecord), lost_rows)
    _update_digests(conn, digest_delta)
    return len(dirty)


def _insert_received(conn: Connection, change_ids: list[str], device_id: str, received_at: Any) -> None:
    """Remember applied change ids (one executemany, the timestamp bound once for all)."""
    dialect = conn.dialect
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    when = ReceivedChange.__table__.c.received_at.type
    process = when.dialect_impl(dialect).bind_processor(dialect)
    stamp = process(received_at) if process is not None else received_at
    conn.exec_driver_sql(
        f"INSERT INTO received_changes (change_id, device_id, received_at) VALUES ({mark}, {mark}, {mark})",
        [(change_id, device_id, stamp) for change_id in change_ids],
    )


def _update_digests(conn: Connection, deltas: Mapping[tuple[str, str], tuple[int, int]]) -> None:
    """Fold this batch into the running digests; row-locked, so concurrent batches add up.

    Plain SQL (three statements per ward and entity, twice per batch: SQLAlchemy's building of
    them cost more than running them)."""
    postgres = conn.dialect.name == "postgresql"
    mark = "%s" if postgres else "?"
    create = (f"INSERT INTO ward_digests (ward_id, entity, count, hash_sum) VALUES ({mark}, {mark}, 0, {mark}) "
              "ON CONFLICT (ward_id, entity) DO NOTHING")
    lock = f"SELECT count, hash_sum FROM ward_digests WHERE ward_id = {mark} AND entity = {mark}" + (" FOR UPDATE" if postgres else "")
    store = f"UPDATE ward_digests SET count = {mark}, hash_sum = {mark} WHERE ward_id = {mark} AND entity = {mark}"
    for (ward, entity), (count, delta) in sorted(deltas.items()):
        conn.exec_driver_sql(create, (ward, entity, "0" * 32))
        current = conn.exec_driver_sql(lock, (ward, entity)).one()
        conn.exec_driver_sql(store, (current[0] + count, protocol.add_hash(current[1], delta), ward, entity))

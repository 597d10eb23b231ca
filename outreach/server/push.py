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
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, bindparam, insert, select, update
from sqlalchemy.types import JSON

from outreach.model import Synced, synced_fields
from outreach.model.codec import FieldDecodeError, decode_value, encode_value
from outreach.model.entities import ENTITY_BY_NAME
from outreach.server.auth import DeviceIdentity, utcnow
from outreach.server.db import ServerDb
from outreach.server.schema import ExtraField, LostValueRecord, ReceivedChange, WardDigestRow
from outreach.sync import protocol
from outreach.sync.clock import is_valid_stamp
from outreach.sync.fastcodec import decode_fast as _decode
from outreach.sync.fastcodec import field_specs as _specs
from outreach.sync.merge import apply_changes

MAX_CHANGES_PER_REQUEST = 2 * protocol.MAX_BATCH_CHANGES
_ID_RE = re.compile(r"^[0-9A-Za-z._:-]{1,36}$")
_FIELD_RE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
#: Entities whose losing values reach the leader's review list (DESIGN.md §4.15).
REVIEWED_ENTITIES = frozenset({"household", "resident"})
#: Written only by the office (``outreach-server``), never by a device.
OFFICE_ONLY_ENTITIES = frozenset({"procedure"})
_BOOKKEEPING = frozenset({"id", "clocks", "server_seq"})


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

    def to_wire(self) -> dict[str, Any]:
        data: dict[str, Any] = {"change_id": self.change_id, "status": self.status}
        if self.reason:
            data["reason"] = self.reason
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


def _structure(payload: Any) -> list[dict[str, Any]]:
    """The list of change objects, or RequestRefused(422) naming what is wrong."""
    if not isinstance(payload, dict):
        raise RequestRefused(422, "bad_shape", "body must be a JSON object")
    changes = payload.get("changes")
    if not isinstance(changes, list):
        raise RequestRefused(422, "bad_shape", "'changes' must be a list")
    if len(changes) > MAX_CHANGES_PER_REQUEST:
        raise RequestRefused(413, "too_many_changes", f"at most {MAX_CHANGES_PER_REQUEST} changes per request")
    seen: set[str] = set()
    for index, change in enumerate(changes):
        where = f"changes[{index}]"
        if not isinstance(change, dict):
            raise RequestRefused(422, "bad_shape", f"{where} must be an object")
        for key, kind in (("change_id", str), ("entity", str), ("entity_id", str), ("fields", dict)):
            if not isinstance(change.get(key), kind):
                raise RequestRefused(422, "bad_shape", f"{where}.{key} missing or of the wrong type")
        if not _ID_RE.match(change["change_id"]) or not _ID_RE.match(change["entity_id"]):
            raise RequestRefused(422, "bad_id", f"{where}: ids are 1-36 characters [0-9A-Za-z._:-]")
        if change["change_id"] in seen:
            raise RequestRefused(422, "duplicate_change_id", f"{where}: change id repeated in one request")
        seen.add(change["change_id"])
        if not change["fields"]:
            raise RequestRefused(422, "bad_shape", f"{where}.fields is empty")
        for name, pair in change["fields"].items():
            if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], str)):
                raise RequestRefused(422, "bad_shape", f"{where}.fields.{name} must be [value, stamp]")
        bases = change.get("bases", {})
        if bases is None:
            change["bases"] = {}
        elif not isinstance(bases, dict) or not all(v is None or isinstance(v, str) for v in bases.values()):
            raise RequestRefused(422, "bad_shape", f"{where}.bases must map fields to stamps or null")
    return changes


def _check_change(raw: Mapping[str, Any], now_ms: int, *, office: bool = False) -> Change | Outcome:
    """A valid Change, or the Outcome (rejected/retryable) that answers it."""
    change_id = raw["change_id"]
    entity = ENTITY_BY_NAME.get(raw["entity"])
    if entity is None:
        return Outcome(change_id, protocol.REJECTED, "unknown_entity")
    if entity.entity_name in OFFICE_ONLY_ENTITIES and not office:
        return Outcome(change_id, protocol.REJECTED, "not_permitted")
    specs = _specs(entity)
    fields: dict[str, tuple[Any, str]] = {}
    values: dict[str, Any] = {}
    extras: dict[str, tuple[Any, str]] = {}
    checked_stamps: set[str] = set()
    for name, (value, stamp) in raw["fields"].items():
        if stamp not in checked_stamps:
            if not is_valid_stamp(stamp):
                return Outcome(change_id, protocol.REJECTED, "bad_stamp")
            checked_stamps.add(stamp)
        spec = specs.get(name)
        if spec is not None:
            try:
                decoded = _decode(spec, name, value)
            except FieldDecodeError:
                return Outcome(change_id, protocol.REJECTED, "bad_value")
            values[name] = decoded
            fields[name] = (value if spec.plain is not None or spec.json_kind is not None else encode_value(decoded), stamp)
        elif name in _BOOKKEEPING or not _FIELD_RE.match(name):
            return Outcome(change_id, protocol.REJECTED, "unknown_field")
        else:
            extras[name] = (value, stamp)
    # stamps are fixed-width, so the greatest string is the latest time
    if int(max(checked_stamps)[:13]) > now_ms + protocol.MAX_CLOCK_AHEAD_MS:
        return Outcome(change_id, protocol.RETRYABLE, "clock_ahead")
    bases = {k: v for k, v in raw.get("bases", {}).items() if v is None or is_valid_stamp(v)}
    return Change(change_id, entity, raw["entity_id"], fields, values, extras, bases)


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

    def state(self) -> dict[str, tuple[Any, str]]:
        return {name: (encode_value(self.values.get(name)), stamp) for name, stamp in self.clocks.items()}


def _table(entity: type[Synced]) -> Table:
    return entity.__table__  # type: ignore[attr-defined,no-any-return]


_DEFAULTS: dict[str, dict[str, Any]] = {}


def _defaults(entity: type[Synced]) -> dict[str, Any]:
    cached = _DEFAULTS.get(entity.entity_name)
    if cached is not None:
        return dict(cached)
    result: dict[str, Any] = {}
    for name in synced_fields(entity):
        default = _table(entity).columns[name].default
        if default is not None and default.is_scalar:
            result[name] = default.arg
        elif default is not None and default.is_callable:
            result[name] = default.arg(None)
        else:
            result[name] = None
    result["deleted"] = False
    _DEFAULTS[entity.entity_name] = result
    return dict(result)


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
                rows[(entity.entity_name, rec["id"])] = _Row(
                    entity, rec["id"], True, {n: rec[n] for n in names}, clocks, dict(clocks)
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


def apply_push(db: ServerDb, device: DeviceIdentity | None, payload: Any, *, ward_id: str | None = None) -> PushResult:
    """Validate and apply one pushed batch; ``device=None`` is the office itself (admin CLI).

    The office writes any entity of ``ward_id`` (or the catalogue); a device only its own ward.
    """
    raw_changes = _structure(payload)
    now_ms = time.time_ns() // 1_000_000
    scope = device.ward_id if device is not None else ward_id
    outcomes: dict[str, Outcome] = {}
    valid: list[Change] = []
    for raw in raw_changes:
        checked = _check_change(raw, now_ms, office=device is None)
        if isinstance(checked, Outcome):
            outcomes[checked.change_id] = checked
        else:
            valid.append(checked)
    _check_ward_values(valid, scope)
    with db.write() as conn:
        rows_written = _apply(db, conn, valid, scope, device, outcomes)
    ordered = [outcomes[raw["change_id"]] for raw in raw_changes]
    return PushResult(ordered, rows_written)


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
        raise RequestRefused(403, "outside_ward", "changes for another ward", change_ids=outside)


def _apply(db: ServerDb, conn: Connection, valid: list[Change], scope: str | None, device: DeviceIdentity | None, outcomes: dict[str, Outcome]) -> int:
    seen = set()
    ids = [c.change_id for c in valid]
    for start in range(0, len(ids), 500):
        seen.update(conn.scalars(select(ReceivedChange.change_id).where(ReceivedChange.change_id.in_(ids[start : start + 500]))))
    fresh = [c for c in valid if c.change_id not in seen]
    for c in valid:
        if c.change_id in seen:
            outcomes[c.change_id] = Outcome(c.change_id, protocol.APPLIED)
    rows = _load_rows(conn, fresh)
    outside = [c.change_id for c in fresh if (r := rows.get((c.entity.entity_name, c.entity_id))) is not None
               and c.entity.ward_scoped and r.values.get("ward_id") != scope]
    if outside:
        raise RequestRefused(403, "outside_ward", "rows of another ward", change_ids=outside)
    now = utcnow()
    lost_rows: list[dict[str, Any]] = []
    received: list[dict[str, Any]] = []
    for change in fresh:
        key = (change.entity.entity_name, change.entity_id)
        row = rows.get(key)
        if change.entity.ward_scoped and "ward_id" in change.values and change.values["ward_id"] is None:
            outcomes[change.change_id] = Outcome(change.change_id, protocol.REJECTED, "missing_ward")
            continue
        if row is None:
            if change.entity.ward_scoped and "ward_id" not in change.values:
                outcomes[change.change_id] = Outcome(change.change_id, protocol.REJECTED, "missing_ward")
                continue
            row = rows[key] = _Row(change.entity, change.entity_id, False, _defaults(change.entity), {}, None)
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
            for lost in merged.lost:
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
        received.append({"change_id": change.change_id, "device_id": device.device_id if device else "office", "received_at": now})
    dirty = [r for r in rows.values() if r.dirty]
    seqs = db.next_seqs(conn, len(dirty))
    inserts: dict[type[Synced], list[dict[str, Any]]] = {}
    updates: dict[type[Synced], list[dict[str, Any]]] = {}
    digest_delta: dict[tuple[str, str], tuple[int, int]] = {}
    extra_rows: list[dict[str, Any]] = []
    for row, seq in zip(dirty, seqs, strict=True):
        data = dict(row.values)
        data["clocks"] = dict(row.clocks)
        data["server_seq"] = seq
        if row.existed:
            data["b_id"] = row.id
            updates.setdefault(row.entity, []).append(data)
        else:
            data["id"] = row.id
            inserts.setdefault(row.entity, []).append(data)
        name = row.entity.entity_name
        if name not in protocol.DIGEST_EXCLUDED:
            ward = row.values.get("ward_id") or ""
            count, delta = digest_delta.get((ward, name), (0, 0))
            if row.old_clocks is not None:
                delta -= protocol.row_hash(name, row.id, row.old_clocks)
            else:
                count += 1
            delta += protocol.row_hash(name, row.id, row.clocks)
            digest_delta[(ward, name)] = (count, delta)
        for extra in row.extras_dirty:
            value, stamp = row.extras[extra]
            extra_rows.append({"entity": name, "entity_id": row.id, "field": extra, "value": value, "stamp": stamp})
    for entity, batch in inserts.items():
        conn.execute(insert(_table(entity)), batch)
    for entity, batch in updates.items():
        table = _table(entity)
        columns = [*synced_fields(entity), "clocks", "server_seq"]
        stmt = update(table).where(table.c.id == bindparam("b_id")).values({c: bindparam(c) for c in columns})
        conn.execute(stmt, batch)
    if extra_rows:
        for extra in extra_rows:
            conn.execute(
                ExtraField.__table__.delete().where(  # type: ignore[attr-defined]
                    ExtraField.entity == extra["entity"], ExtraField.entity_id == extra["entity_id"], ExtraField.field == extra["field"]
                )
            )
        conn.execute(insert(ExtraField), extra_rows)
    if received:
        conn.execute(insert(ReceivedChange), received)
    if lost_rows:
        conn.execute(insert(LostValueRecord), lost_rows)
    _update_digests(conn, digest_delta)
    return len(dirty)


def _update_digests(conn: Connection, deltas: Mapping[tuple[str, str], tuple[int, int]]) -> None:
    """Fold this batch into the running digests; row-locked, so concurrent batches add up."""
    dialect = conn.dialect.name
    for (ward, entity), (count, delta) in sorted(deltas.items()):
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as upsert
        else:
            from sqlalchemy.dialects.sqlite import insert as upsert  # type: ignore[assignment]
        conn.execute(
            upsert(WardDigestRow).values(ward_id=ward, entity=entity, count=0, hash_sum="0" * 32).on_conflict_do_nothing()
        )
        current = conn.execute(
            select(WardDigestRow.count, WardDigestRow.hash_sum)
            .where(WardDigestRow.ward_id == ward, WardDigestRow.entity == entity)
            .with_for_update()
        ).one()
        conn.execute(
            update(WardDigestRow)
            .where(WardDigestRow.ward_id == ward, WardDigestRow.entity == entity)
            .values(count=current[0] + count, hash_sum=protocol.add_hash(current[1], delta))
        )

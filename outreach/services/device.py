"""This device's own sync housekeeping, which the user drives: the needs-attention list (with each
refused change described as the record it is about), re-stamping after a wrong clock, exporting
unsent data for hand-over, and the local wipe after revocation.

The outbox and the server speak of entities and ids; the "Sync problems" screen needs "the
household of Nguyễn Văn An" instead. Describing is a read of the local database, so it runs on a
worker thread like any other query.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from outreach.model import Filing, Household, NeedsAttention, OutboxEntry, Resident, ResidentialGroup, SyncState, Team, Visit
from outreach.model.clock import HLC_ZERO, Timestamp, is_valid_stamp
from outreach.model.entities import ENTITY_BY_NAME
from outreach.services import audit
from outreach.services.context import Actor
from outreach.services.handover import check_passphrase, seal, write_private
from outreach.store.database import Store
from outreach.store.wipe import wipe_store
from outreach.timeutil import now_local
from outreach.vocabulary import AuditAction


@dataclass(frozen=True)
class AttentionItem:
    id: int
    entity: str
    entity_id: str
    fields: list[str]
    reason_code: str
    rejected_at: str


def needs_attention(store: Store) -> list[AttentionItem]:
    with store.read() as session:
        return [
            AttentionItem(n.id, n.entity, n.entity_id, sorted(n.fields), n.reason_code, n.rejected_at.isoformat(timespec="seconds"))
            for n in session.scalars(select(NeedsAttention).order_by(NeedsAttention.id))
        ]


def discard_attention(store: Store, item_id: int) -> bool:
    """Drop a rejected change; the next sync re-pulls the ward so the server's values return."""
    with store.write() as tx:
        item = tx.session.get(NeedsAttention, item_id)
        if item is None:
            return False
        entity = ENTITY_BY_NAME.get(item.entity)
        if entity is not None:
            row = tx.session.get(entity, item.entity_id)
            if row is not None:
                clocks = dict(row.clocks or {})
                for name, pair in item.fields.items():
                    if isinstance(pair, list) and len(pair) == 2 and clocks.get(name) == pair[1]:
                        clocks[name] = HLC_ZERO  # any server value now wins the merge
                row.clocks = clocks
        tx.session.delete(item)
        state = tx.session.get(SyncState, 1)
        if state is not None:
            state.cursor = 0
    return True


def unsent_counts(store: Store) -> tuple[int, int]:
    with store.read() as session:
        return (session.scalar(select(func.count()).select_from(OutboxEntry)) or 0,
                session.scalar(select(func.count()).select_from(NeedsAttention)) or 0)


def restamp_outbox(store: Store) -> int:
    """After the computer's clock is fixed: give unsent changes fresh stamps, keeping their order.

    The clock is rewound to the newest stamp this device has *seen from elsewhere* on the rows the
    outbox touches (so re-stamped edits still order after what their author saw), or to now. The
    bases that named an old stamp follow it, so sequential edits stay sequential on the server.
    """
    with store.write() as tx:
        entries = list(tx.session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))
        own = {pair[1] for e in entries for pair in e.fields.values() if isinstance(pair, list) and len(pair) == 2}
        rows: dict[tuple[str, str], Any] = {}
        floor = str(Timestamp(0, 0, store.clock.node))
        for entry in entries:
            entity = ENTITY_BY_NAME.get(entry.entity)
            row = tx.session.get(entity, entry.entity_id) if entity is not None else None
            if row is None:
                continue
            rows[(entry.entity, entry.entity_id)] = row
            for stamp in (row.clocks or {}).values():
                if is_valid_stamp(stamp) and stamp not in own and stamp > floor:
                    floor = stamp
        store.clock.rewind(floor)
        renamed: dict[str, str] = {}  # old own stamp -> its new stamp
        for entry in entries:
            stamp = store.clock.now()
            row = rows.get((entry.entity, entry.entity_id))
            clocks = dict(row.clocks or {}) if row is not None else {}
            fields = {}
            for name, pair in entry.fields.items():
                if row is not None and clocks.get(name) == pair[1]:
                    clocks[name] = stamp
                renamed[pair[1]] = stamp
                fields[name] = [pair[0], stamp]
            entry.fields = fields
            # A later edit saw an earlier unsent one: its base is that edit's *new* stamp, or the
            # server takes the two for concurrent and lists the first in the lost values.
            if entry.bases:
                entry.bases = {name: renamed.get(base, base) if isinstance(base, str) else base for name, base in entry.bases.items()}
            if row is not None:
                row.clocks = clocks
        return len(entries)


def export_unsent(store: Store, target: Path, passphrase: str) -> int:
    """Write unsent and rejected changes to a hand-over file encrypted for ``passphrase`` (they
    hold residents' personal data and leave the encrypted profile); returns how many."""
    check_passphrase(passphrase)  # before any work: nothing half-written for a short one
    with store.read() as session:
        unsent = [
            {"change_id": e.change_id, "entity": e.entity, "entity_id": e.entity_id, "fields": e.fields, "bases": e.bases}
            for e in session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))
        ]
        rejected = [
            {"change_id": n.change_id, "entity": n.entity, "entity_id": n.entity_id, "fields": n.fields, "reason": n.reason_code}
            for n in session.scalars(select(NeedsAttention).order_by(NeedsAttention.id))
        ]
    profile = store.profile
    data = {"format": "outreach-unsent/1", "exported_at": now_local().isoformat(timespec="seconds"),
            "device_id": profile.server_device_id, "ward_id": profile.ward_id, "member_id": profile.member_id,
            "unsent": unsent, "rejected": rejected}
    # personal data leaves the profile: audited first, from the app and the command line alike
    audit.record(store, Actor.from_profile(profile), AuditAction.EXPORT_UNSENT, f"hand-over {target.name}",
                 {"destination": str(target), "changes": len(unsent) + len(rejected)})
    write_private(target, seal(data, passphrase))
    return len(unsent) + len(rejected)


def wipe_profile(store: Store) -> None:
    """Destroy this profile's local data and secrets (the office asked, after revocation): the
    key first, then the files (``store.wipe``)."""
    wipe_store(store, with_exports=False)


@dataclass(frozen=True)
class RefusedChange:
    """A change the server refused, and the record it is about (``record`` may be "")."""

    item: AttentionItem
    record: str


def describe_records(store: Store, records: list[tuple[str, str]]) -> list[str]:
    """A short human description of each (entity, id), "" for one not here any more; one read."""
    with store.read() as session:
        return [_describe(session, entity, entity_id) for entity, entity_id in records]


def _describe(session: Session, entity: str, entity_id: str) -> str:
    if entity == "household":
        return session.scalar(select(Household.head_name).where(Household.id == entity_id)) or ""
    if entity == "resident":
        return session.scalar(select(Resident.full_name).where(Resident.id == entity_id)) or ""
    if entity == "visit":
        row = session.execute(
            select(Household.head_name, Visit.started_at).join(Household, Household.id == Visit.household_id)
            .where(Visit.id == entity_id)
        ).first()
        return f"{row[0]} — {row[1]:%d/%m/%Y %H:%M}" if row and row[1] else (row[0] if row else "")
    if entity == "filing":
        return session.scalar(select(Filing.procedure_code).where(Filing.id == entity_id)) or ""
    if entity == "residential_group":
        return session.scalar(select(ResidentialGroup.name).where(ResidentialGroup.id == entity_id)) or ""
    return ""


#: Fields whose value is the id of another row, shown by that row's name (a group's team, issue 12).
_NAMED_VALUES: dict[tuple[str, str], Any] = {("residential_group", "team_id"): Team}


def value_names(store: Store, fields: list[tuple[str, str, Any]]) -> dict[str, str]:
    """id -> name of every value among ``fields`` ((entity, field, value)) that names a row (a
    team a group was assigned to), so a lost value reads "Đội cơ động số 2", not a UUID."""
    wanted: dict[Any, set[str]] = {}
    for entity, field, value in fields:
        model = _NAMED_VALUES.get((entity, field))
        if model is not None and isinstance(value, str):
            wanted.setdefault(model, set()).add(value)
    names: dict[str, str] = {}
    with store.read() as session:
        for model, ids in wanted.items():
            names.update((rid, name) for rid, name in session.execute(select(model.id, model.name).where(model.id.in_(sorted(ids))))
                         if name)
    return names


def refused_changes(store: Store) -> list[RefusedChange]:
    """Every change in "needs attention", oldest first, with its record described."""
    items = needs_attention(store)
    records = describe_records(store, [(item.entity, item.entity_id) for item in items])
    return [RefusedChange(item, record) for item, record in zip(items, records, strict=True)]

"""The change-recording write path (DESIGN.md §4.4).

Every service write goes through a ``ChangeRecorder`` bound to the write transaction's session.
It stamps the fields it changes with the device's HLC, updates the row's per-field clocks, and
adds the change to the outbox *in the same session*, so the data and its outbox entry commit or
roll back together: a crash between them is impossible.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from outreach.model import OutboxEntry, Synced, synced_fields
from outreach.model.codec import encode_value
from outreach.model.ids import uuid7
from outreach.sync.clock import HybridLogicalClock
from outreach.timeutil import now_local

S = TypeVar("S", bound=Synced)


class ChangeRecorder:
    """Applies field changes to synced rows and records them in the outbox.

    ``on_change(entity_cls, row, old_values)`` lets the store keep derived data (the search
    index) in step within the same transaction.
    """

    def __init__(
        self,
        session: Session,
        clock: HybridLogicalClock,
        on_change: Callable[[type[Synced], Synced, Mapping[str, Any]], None] | None = None,
    ) -> None:
        self.session = session
        self.clock = clock
        self._on_change = on_change

    def create(self, entity: type[S], values: Mapping[str, Any], *, id: str | None = None) -> S:
        """Insert a new row; every field is stamped, so the first sync carries the whole row."""
        fields = synced_fields(entity)
        unknown = set(values) - set(fields)
        if unknown:
            raise KeyError(f"{entity.entity_name} has no field(s) {sorted(unknown)}")
        row = entity(id=id or uuid7(), clocks={})
        for name in fields:
            if name in values:
                setattr(row, name, values[name])
            elif name == "deleted":
                row.deleted = False
            else:
                default = entity.__table__.columns[name].default  # type: ignore[attr-defined]
                if default is not None and default.is_scalar:
                    setattr(row, name, default.arg)
                elif default is not None and default.is_callable:
                    setattr(row, name, default.arg(None))
                else:
                    setattr(row, name, None)
        self.session.add(row)
        self._record(entity, row, list(fields), bases={})
        if self._on_change:
            self._on_change(entity, row, {})
        return row

    def update(self, row: S, values: Mapping[str, Any]) -> set[str]:
        """Set the given fields where they differ; returns the names actually changed."""
        entity = type(row)
        fields = set(synced_fields(entity))
        unknown = set(values) - fields
        if unknown:
            raise KeyError(f"{entity.entity_name} has no field(s) {sorted(unknown)}")
        old: dict[str, Any] = {}
        for name, value in values.items():
            current = getattr(row, name)
            if current != value:
                old[name] = current
                setattr(row, name, value)
        if not old:
            return set()
        bases = {name: (row.clocks or {}).get(name) for name in old}
        self._record(entity, row, sorted(old), bases=bases)
        if self._on_change:
            self._on_change(entity, row, old)
        return set(old)

    def delete(self, row: Synced) -> bool:
        """Tombstone the row (rows are never removed, so the delete can sync and merge)."""
        return bool(self.update(row, {"deleted": True}))

    def _record(self, entity: type[Synced], row: Synced, names: list[str], bases: dict[str, Any]) -> None:
        stamp = self.clock.now()
        clocks = dict(row.clocks or {})
        payload: dict[str, list[Any]] = {}
        for name in names:
            clocks[name] = stamp
            payload[name] = [encode_value(getattr(row, name)), stamp]
        row.clocks = clocks
        self.session.add(
            OutboxEntry(
                change_id=uuid7(),
                entity=entity.entity_name,
                entity_id=row.id,
                fields=payload,
                bases=bases,
                created_at=now_local(),
            )
        )

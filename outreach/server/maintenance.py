"""Upgrades and restores of the office database: schema state, explicit migration, a summary.

Every ``outreach-server`` command migrates the schema when it starts, so upgrading the program
is enough. ``outreach-server migrate`` makes that step explicit for a maintenance window: run it
right after the backup, see which revision it went from and to, and ``--check`` tells a script
whether a migration is pending without applying it. ``outreach-server status`` prints what a
restored backup must match: the schema revision, the last ``server_seq`` and whether the next
one continues after it (a restore that rewound the sequence would hand out numbers laptops
already hold, and they would never pull those changes), the devices, and each ward's row counts
and digest hash (the same digest laptops compare with after a pull).
"""

from __future__ import annotations

from dataclasses import dataclass

from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, select, text

from outreach.model import Base
from outreach.model.base import table_of
from outreach.model.entities import SYNCED_ENTITIES
from outreach.server.db import SEQ_NAME, ServerDb, alembic_config, current_revision, head_revision, migrate
from outreach.server.pull import ward_digest
from outreach.server.schema import Device, ServerState


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str
    #: False when the database was migrated by a newer outreach-server than this one.
    known: bool

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    def describe(self) -> str:
        if not self.known:
            return f"{self.current} (written by a newer outreach-server; this one knows up to {self.head})"
        if self.up_to_date:
            return f"{self.current} (up to date)"
        return f"{self.current or 'empty'} (migration to {self.head} pending)"


class SchemaTooNew(Exception):
    """The database is ahead of this program: refuse rather than run old code on a new schema."""


def schema_state(engine: Engine) -> SchemaState:
    current = current_revision(engine)
    known = current is None or current in {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    return SchemaState(current, head_revision(), known)


def migrate_schema(engine: Engine) -> tuple[SchemaState, SchemaState]:
    """Bring the schema to head; returns the state before and after."""
    before = schema_state(engine)
    if not before.known:
        raise SchemaTooNew(
            f"the database schema is at {before.current}, newer than this outreach-server ({before.head}); "
            "install the newer version again, or restore the backup taken before the upgrade"
        )
    migrate(engine)
    return before, schema_state(engine)


@dataclass(frozen=True)
class WardSummary:
    ward_id: str
    name: str
    counts: dict[str, int]
    digest: str


@dataclass(frozen=True)
class ServerStatus:
    schema: SchemaState
    #: The highest ``server_seq`` on any row, and the value the allocator last handed out.
    last_row_seq: int
    allocator_seq: int
    devices_active: int
    devices_revoked: int
    wards: list[WardSummary]

    @property
    def sequence_ok(self) -> bool:
        return self.allocator_seq >= self.last_row_seq


def server_status(db: ServerDb) -> ServerStatus:
    schema = schema_state(db.engine)
    wards_table = Base.metadata.tables["wards"]
    with db.read() as conn:
        last_row_seq = 0
        for entity in SYNCED_ENTITIES:
            table = table_of(entity)
            last_row_seq = max(last_row_seq, conn.execute(select(func.max(table.c.server_seq))).scalar() or 0)
        if db.is_postgres:
            last_value, is_called = conn.execute(text(f"SELECT last_value, is_called FROM {SEQ_NAME}")).one()
            allocator = int(last_value) if is_called else int(last_value) - 1
        else:
            allocator = conn.execute(select(ServerState.last_seq).where(ServerState.id == 1)).scalar() or 0
        revoked = conn.execute(select(func.count()).select_from(Device).where(Device.revoked_at.is_not(None))).scalar_one()
        total = conn.execute(select(func.count()).select_from(Device)).scalar_one()
        wards = []
        for ward_id, name in conn.execute(select(wards_table.c.id, wards_table.c.name).order_by(wards_table.c.name)):
            digest = ward_digest(conn, ward_id)
            wards.append(WardSummary(ward_id, name or "", digest["counts"], digest["hash"]))
    return ServerStatus(schema, last_row_seq, allocator, total - revoked, revoked, wards)


def status_lines(status: ServerStatus) -> list[str]:
    """The text ``outreach-server status`` prints; identical for a database and its restored copy."""
    seq = (f"last server_seq {status.last_row_seq}, allocator at {status.allocator_seq}"
           + ("" if status.sequence_ok else "  WRONG: the allocator is behind the data; new changes would reuse numbers"))
    lines = [f"schema: {status.schema.describe()}", seq,
             f"devices: {status.devices_active} active, {status.devices_revoked} revoked"]
    for ward in status.wards:
        counts = ", ".join(f"{entity} {count}" for entity, count in ward.counts.items()) or "no rows"
        lines.append(f"ward {ward.ward_id}  {ward.name}: {counts}; digest {ward.digest}")
    return lines

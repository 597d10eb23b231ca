"""The breach inventory: what a laptop held at its last sync, from what the server knows.

A lost laptop must be reported within 72 hours (Law 91/2025 Art. 23.1) with what it held: how
many residents, with ID number / date of birth / phone, in which residential groups, and when it
last talked to the office. The server cannot read the laptop, but it knows what it served it:
the ward rows up to the last sequence a pull's final page gave that device. When that sequence
moves, ``note_held`` counts those rows *then* (a later edit or erasure on the server must not
shrink what the laptop is known to hold) and keeps the counts on the device's row; the inventory
is read back from there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, func, select, text, update

from outreach.model.base import table_of
from outreach.model.entities import Household, Resident, ResidentialGroup
from outreach.server.admin import AdminError
from outreach.server.auth import utcnow
from outreach.server.db import ServerDb
from outreach.server.schema import Device
from outreach.server.scope import PullScope, condition


@dataclass(frozen=True)
class Inventory:
    """One device's breach inventory; ``held`` is None when it never finished a pull."""

    device_id: str
    ward_id: str
    team_id: str | None
    role: str
    label: str
    revoked_at: dt.datetime | None
    revoke_reason: str | None
    stopped_at: dt.datetime | None
    last_contact: dt.datetime | None
    held_at: dt.datetime | None
    held_seq: int | None
    held: dict[str, Any] | None


def count_held(conn: Connection, ward_id: str, upto: int, scope: PullScope | None = None) -> dict[str, Any]:
    """What a laptop that pulled ``ward_id`` up to ``upto`` holds: counts of live households and
    residents (with ID / date of birth / phone), and per residential group. A volunteer's laptop
    (``scope``: least data) holds only its team's area's residents; the rest of the ward's
    households it holds as a directory (no phone), so they count as households, not people."""
    households, residents, groups = table_of(Household), table_of(Resident), table_of(ResidentialGroup)
    live_household = and_(households.c.ward_id == ward_id, households.c.deleted.is_(False), households.c.server_seq <= upto)
    live_resident = and_(residents.c.ward_id == ward_id, residents.c.deleted.is_(False), residents.c.server_seq <= upto)
    if scope is not None and not scope.whole_ward:
        area = condition("resident", "area")
        live_resident = and_(live_resident, text(area).bindparams(**{k: v for k, v in scope.params().items() if f":{k}" in area}))

    def counted(column: Any) -> Any:
        return func.count(column)  # COUNT(col) skips NULLs: the residents with that field filled

    total, with_id, with_dob, with_phone = conn.execute(
        select(func.count(), counted(residents.c.personal_id), counted(residents.c.date_of_birth), counted(residents.c.phone))
        .where(live_resident)
    ).one()
    per_group = conn.execute(
        select(groups.c.name, func.count(func.distinct(households.c.id)), func.count(residents.c.id))
        .select_from(households.join(groups, groups.c.id == households.c.group_id, isouter=True)
                     .join(residents, and_(residents.c.household_id == households.c.id, live_resident), isouter=True))
        .where(live_household).group_by(groups.c.name).order_by(groups.c.name)
    ).all()
    return {
        "households": sum(row[1] for row in per_group),
        "residents": total, "with_personal_id": with_id, "with_date_of_birth": with_dob, "with_phone": with_phone,
        "groups": [{"name": name or "", "households": h, "residents": r} for name, h, r in per_group],
    }


def note_held(db: ServerDb, device_id: str, ward_id: str, upto: int, scope: PullScope | None = None) -> None:
    """A pull's last page gave ``device_id`` the ward up to ``upto``: keep what it now holds.
    Nothing is counted when the sequence did not move (a quiet sync costs one read)."""
    with db.read() as conn:
        before = conn.execute(select(Device.held_seq).where(Device.id == device_id)).scalar_one_or_none()
    if before == upto:
        return
    with db.write() as conn:
        held = count_held(conn, ward_id, upto, scope)
        conn.execute(update(Device).where(Device.id == device_id).values(held_seq=upto, held_at=utcnow(), held=held))


def inventory(db: ServerDb, device_id: str) -> Inventory:
    """The breach inventory of ``device_id`` (``outreach-server device inventory``)."""
    with db.read() as conn:
        row = conn.execute(select(Device).where(Device.id == device_id)).mappings().first()
    if row is None:
        raise AdminError(f"no device {device_id!r}")
    contacts = [at for at in (row["last_seen_at"], row["held_at"], row["stopped_at"]) if at is not None]
    return Inventory(row["id"], row["ward_id"], row["team_id"], row["role"], row["label"], row["revoked_at"],
                     row["revoke_reason"], row["stopped_at"], max(contacts) if contacts else None, row["held_at"],
                     row["held_seq"], row["held"])


def inventory_lines(item: Inventory) -> list[str]:
    """The inventory as the admin CLI prints it (times in UTC, as the server keeps them)."""

    def when(at: dt.datetime | None) -> str:
        return f"{at:%Y-%m-%d %H:%M} UTC" if at else "never"

    lines = [f"device {item.device_id}  {item.role}  team={item.team_id}  {item.label}",
             f"revoked: {when(item.revoked_at)}" + (f" ({item.revoke_reason})" if item.revoke_reason else "")
             if item.revoked_at else "revoked: no",
             f"last contact: {when(item.last_contact)}",
             f"last completed pull: {when(item.held_at)} (ward rows up to sequence {item.held_seq})"
             if item.held_at else "last completed pull: never (it holds nothing pulled from this server)"]
    held = item.held
    if held:
        lines += [f"households: {held['households']}",
                  f"residents: {held['residents']} (with ID number: {held['with_personal_id']}, "
                  f"with date of birth: {held['with_date_of_birth']}, with phone: {held['with_phone']})",
                  f"residential groups: {len(held['groups'])}"]
        lines += [f"  {g['name'] or '(no group)'}: {g['households']} households, {g['residents']} residents" for g in held["groups"]]
    return lines

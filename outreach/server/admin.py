"""What the ward office does on its server: wards, groups, teams, the catalogue, devices.

Office writes go through the same ``apply_push`` as devices' pushes (stamped with the server's
own HLC), so they get a ``server_seq``, update the ward digest and reach laptops by pull like
any other change. Plain functions over a ``ServerDb``, used by the admin CLI and by tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select, update

from outreach.model import ResidentialGroup, Synced, Team, TeamMember, Ward
from outreach.model.base import table_of
from outreach.model.clock import HybridLogicalClock
from outreach.model.codec import encode_value
from outreach.model.entities import Procedure
from outreach.model.ids import uuid7
from outreach.server import auth
from outreach.server.db import ServerDb
from outreach.server.push import apply_push
from outreach.server.schema import Device, ServerState
from outreach.validation import normalize_phone
from outreach.vocabulary import RevokeReason
from outreach.wire.reasons import Reason


class AdminError(Exception):
    """A mistake in an admin command (unknown ward, ambiguous team): printed, exit code 1."""


def server_clock(db: ServerDb, wall_ms: Callable[[], int] | None = None) -> HybridLogicalClock:
    with db.read() as conn:
        node, last = conn.execute(select(ServerState.node_id, ServerState.last_stamp).where(ServerState.id == 1)).one()
    return HybridLogicalClock(node, last) if wall_ms is None else HybridLogicalClock(node, last, wall_ms)


def _save_clock(db: ServerDb, clock: HybridLogicalClock) -> None:
    with db.write() as conn:
        conn.execute(update(ServerState).where(ServerState.id == 1).values(last_stamp=clock.last))


def office_write(db: ServerDb, entity: type[Synced], row_id: str, values: dict[str, Any], ward_id: str | None, *, create: bool) -> None:
    """Create or update one row as the office; every given field stamped now."""
    office_write_many(db, entity, [(row_id, values, create)], ward_id)


def office_write_many(db: ServerDb, entity: type[Synced], rows: list[tuple[str, dict[str, Any], bool]], ward_id: str | None) -> None:
    """Create or update rows ``(id, values, create)`` as the office in one push (one
    transaction); every given field stamped now, so laptops pull it like any other change."""
    office_write_rows(db, [(entity, row_id, values, create) for row_id, values, create in rows], ward_id)


def office_write_rows(db: ServerDb, rows: list[tuple[type[Synced], str, dict[str, Any], bool]], ward_id: str | None) -> None:
    """Rows ``(entity, id, values, create)`` of several entities as the office in one push (one
    transaction: a group's new team and its history row land together or not at all)."""
    clock = server_clock(db)
    changes = []
    for entity, row_id, values, create in rows:
        stamp = clock.now()
        fields = {"deleted": False, **values} if create else dict(values)
        changes.append({
            "change_id": uuid7(),
            "entity": entity.entity_name,
            "entity_id": row_id,
            "fields": {name: [encode_value(value), stamp] for name, value in fields.items()},
        })
    result = apply_push(db, None, {"changes": changes}, ward_id=ward_id)
    refused = [o for o in result.outcomes if o.status != "applied"]
    if refused:
        outcome = refused[0]
        entity_of = {change["change_id"]: change["entity"] for change in changes}
        detail = f" ({outcome.detail})" if outcome.detail else ""
        raise AdminError(f"{entity_of[outcome.change_id]} not written: {outcome.reason}{detail}")
    _save_clock(db, clock)


def add_ward(db: ServerDb, name: str, code: str = "", province_code: str = "", province_name: str = "", ward_id: str | None = None) -> str:
    ward_id = ward_id or uuid7()
    office_write(
        db,
        Ward,
        ward_id,
        {"ward_id": ward_id, "name": name, "code": code, "province_code": province_code, "province_name": province_name},
        ward_id,
        create=True,
    )
    return ward_id


def set_app_lock(db: ServerDb, ward_ref: str | None, on: bool) -> None:
    """Turn the ward's app lock on or off (``Ward.app_lock``): laptops pull it like any office
    change and ask their PIN, or stop asking, from then on (``store.app_lock.lock_required``)."""
    ward = find_ward(db, ward_ref)
    office_write(db, Ward, ward["id"], {"app_lock": on}, ward["id"], create=False)


def mark_demo_ward(db: ServerDb, ward_id: str) -> None:
    """Mark a ward as synthetic demo data: unencrypted (demo) laptop profiles may enrol only into
    such a ward. Only ``outreach demo``'s own server does this, never the office console."""
    with db.write() as conn:
        auth.mark_demo_ward(conn, ward_id)


def _find(db: ServerDb, entity: type[Synced], ref: str, ward_id: str | None = None) -> dict[str, Any]:
    table = table_of(entity)
    query = select(table).where(or_(table.c.id == ref, table.c.name == ref), table.c.deleted.is_(False))
    if ward_id:
        query = query.where(table.c.ward_id == ward_id)
    with db.read() as conn:
        rows = list(conn.execute(query).mappings())
    if not rows:
        raise AdminError(f"no {entity.entity_name} {ref!r}")
    if len(rows) > 1:
        raise AdminError(f"{len(rows)} {entity.entity_name}s are called {ref!r}: use the id")
    return dict(rows[0])


def find_ward(db: ServerDb, ref: str | None) -> dict[str, Any]:
    """A ward by id or name; with ``ref=None`` the only ward (the usual one-ward server)."""
    if ref:
        return _find(db, Ward, ref)
    with db.read() as conn:
        rows = list(conn.execute(select(Ward.__table__).where(Ward.deleted.is_(False))).mappings())
    if len(rows) != 1:
        raise AdminError(f"give --ward (this server has {len(rows)} wards)")
    return dict(rows[0])


def add_group(db: ServerDb, ward_ref: str | None, name: str, kind: str = "to_dan_pho", sort_order: int = 0) -> str:
    ward = find_ward(db, ward_ref)
    group_id = uuid7()
    office_write(
        db,
        ResidentialGroup,
        group_id,
        {"ward_id": ward["id"], "name": name, "kind": kind, "sort_order": sort_order},
        ward["id"],
        create=True,
    )
    return group_id


def add_team(db: ServerDb, ward_ref: str | None, name: str, contact_phone: str | None = None, team_id: str | None = None) -> str:
    ward = find_ward(db, ward_ref)
    team_id = team_id or uuid7()
    phone = normalize_phone(contact_phone) if contact_phone else None  # "024 3825 1234" -> the digits the field holds
    office_write(db, Team, team_id, {"ward_id": ward["id"], "name": name, "contact_phone": phone}, ward["id"], create=True)
    return team_id


def find_team(db: ServerDb, ref: str) -> dict[str, Any]:
    return _find(db, Team, ref)


#: The catalogue fields migration s0005c added: a server upgraded from before it holds them empty.
CATALOGUE_FIELDS_SINCE_S0005C = ("formality_id", "case_codes", "short_name", "executing_body", "channels", "province_overrides",
                                 "papers", "any_commune", "effective_from", "repealed_from", "replaced_by")


def seed_catalogue(db: ServerDb) -> int:
    """Publish the national procedure catalogue from the app's resources; returns rows written.

    Codes the server lacks are published whole. For a code it holds, only the fields migration
    s0005c added and the server has never had a value for are filled from the bundled entry (a
    server upgraded from before the living catalogue learns e.g. that 2.000986 is repealed);
    everything the office set stays as it is."""
    from outreach.catalogue import load_catalogue

    clock = server_clock(db)
    table = table_of(Procedure)
    with db.read() as conn:
        present = {row["id"]: row for row in conn.execute(select(table)).mappings()}
    changes = []
    for info in load_catalogue().procedures:
        held = present.get(info.code)
        if held is None:
            values = {"ward_id": None, "deleted": False, **info.stored_values()}
        else:
            bundled = info.stored_values()
            values = {name: bundled[name] for name in CATALOGUE_FIELDS_SINCE_S0005C
                      if held[name] is None and bundled[name] not in (None, "", [], {}, False)}
        if not values:
            continue
        stamp = clock.now()
        changes.append({"change_id": uuid7(), "entity": "procedure", "entity_id": info.code,
                        "fields": {k: [encode_value(v), stamp] for k, v in values.items()}})
    for start in range(0, len(changes), 500):
        apply_push(db, None, {"changes": changes[start : start + 500]})
    _save_clock(db, clock)
    return len(changes)


@dataclass(frozen=True)
class IssuedCode:
    code: str
    expires_at: dt.datetime
    ward_id: str
    team_id: str
    role: str
    member_id: str | None


class CodeRefused(AdminError):
    """The code limits refuse this code; ``reason`` is the wire reason the API answers with."""

    _TEXT: dict[str, str] = {
        Reason.CODE_LIFETIME: f"a code lives 1 to {auth.MAX_CODE_MINUTES} minutes (7 days)",
        Reason.TOO_MANY_CODES: f"the team already has {auth.MAX_OPEN_CODES_PER_TEAM} unused codes; use them or let them expire first",
    }

    def __init__(self, reason: str) -> None:
        super().__init__(self._TEXT.get(reason, reason))
        self.reason = reason


def issue_enrolment_code(
    db: ServerDb, team_ref: str, role: str, member_name: str | None = None, minutes: int = auth.DEFAULT_CODE_MINUTES
) -> IssuedCode:
    """A one-time code for a laptop of ``team``; with a name, the team member is created too."""
    if role not in auth.ROLES:
        raise AdminError(f"role must be one of {', '.join(auth.ROLES)}")
    team = find_team(db, team_ref)
    with db.read() as conn:  # before the member is made, so a refused code leaves nothing behind
        try:
            auth.check_code_request(conn, team["id"], minutes)
        except auth.AuthFailure as exc:
            raise CodeRefused(exc.reason) from None
    member_id = None
    if member_name:
        member_id = uuid7()
        office_write(
            db,
            TeamMember,
            member_id,
            {"ward_id": team["ward_id"], "team_id": team["id"], "full_name": member_name, "role": role, "active": True},
            team["ward_id"],
            create=True,
        )
    with db.write() as conn:
        code, expires = auth.create_code(conn, team["ward_id"], team["id"], role, member_id, minutes)
    return IssuedCode(code, expires, team["ward_id"], team["id"], role, member_id)


def list_devices(db: ServerDb) -> list[dict[str, Any]]:
    with db.read() as conn:
        rows = conn.execute(
            select(Device.id, Device.ward_id, Device.team_id, Device.role, Device.member_id, Device.label,
                   Device.enrolled_at, Device.revoked_at, Device.revoke_reason, Device.stopped_at).order_by(Device.enrolled_at)
        ).mappings()
        return [dict(r) for r in rows]


def revoke_device(db: ServerDb, device_id: str, reason: str | None = None) -> bool:
    """Revoke a laptop for ``reason`` (what the CLI and the console call): *retired* may push
    what it has, then stops; *lost* destroys its data on its next contact; None stops it at
    once, keeping its unsent data on it (``auth.revoke``). False when there is no such device,
    or it is revoked already (only an escalation to *lost* changes a revoked device)."""
    if reason is not None and reason not in tuple(RevokeReason):
        raise AdminError(f"reason must be one of {', '.join(RevokeReason)}")
    with db.write() as conn:
        return auth.revoke(conn, device_id, reason)

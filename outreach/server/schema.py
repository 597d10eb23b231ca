"""The server's own tables, beside the synced entity tables it shares with the client.

Entity tables come from ``outreach.model`` (one definition, so client and server rows cannot
drift); the client-only tables (outbox, drafts, audit log, ...) are never created here. The
server's bookkeeping lives in a separate metadata so the client's migrations never see it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, Integer, MetaData, String, Table, Text, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from outreach.model import Base
from outreach.model.base import ID_LENGTH
from outreach.model.entities import SYNCED_ENTITIES


class ServerBase(DeclarativeBase):
    metadata = MetaData()
    type_annotation_map = {dict[str, Any]: JSON}


class ServerState(ServerBase):
    """One row: the server's HLC node id and last stamp, and (on SQLite) the last server_seq."""

    __tablename__ = "server_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    node_id: Mapped[str] = mapped_column(String(16))
    last_stamp: Mapped[str | None] = mapped_column(String(40))
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class Device(ServerBase):
    """An enrolled laptop. Only the SHA-256 of its token is stored, never the token."""

    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    ward_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    team_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    role: Mapped[str] = mapped_column(String(20))
    member_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    label: Mapped[str] = mapped_column(String(200), default="")
    enrolled_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    #: Enrolled but not yet confirmed (two-phase enrolment): its token opens nothing but the
    #: confirmation, and its code stays unspent until the laptop says it stored the token.
    pending: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: The code a pending device was made from, spent when it confirms.
    code_hash: Mapped[str | None] = mapped_column(String(64))
    #: Why the office revoked it (``vocabulary.RevokeReason``: retired | lost); None for a
    #: revocation made before reasons existed, which acts as "retired" that has already stopped.
    revoke_reason: Mapped[str | None] = mapped_column(String(20))
    #: A retired device: when its last push window closed (its first request after the push).
    #: A lost one: when the server first told it to wipe itself.
    stopped_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    #: The highest ward ``server_seq`` served to it by a pull's last page, when, and the
    #: breach inventory of what it then held (``server.inventory``).
    held_seq: Mapped[int | None] = mapped_column(BigInteger)
    held_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    held: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class EnrolmentCode(ServerBase):
    """A one-time code waiting to be exchanged for a device token; stored hashed."""

    __tablename__ = "enrolment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    ward_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    team_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    role: Mapped[str] = mapped_column(String(20))
    member_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    device_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))


class DemoWard(ServerBase):
    """A ward of synthetic demo data (made by ``outreach demo``'s server): the only kind an
    unencrypted laptop profile may enrol into, since its database is a plain file."""

    __tablename__ = "demo_wards"

    ward_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    marked_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ReceivedChange(ServerBase):
    """A change id the server has applied: a retried batch is acknowledged, not re-applied."""

    __tablename__ = "received_changes"

    change_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)


class LostValueRecord(ServerBase):
    """A value that lost a merge to a concurrent edit (DESIGN.md §4.15), for the leader's review."""

    __tablename__ = "lost_values"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ward_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    field: Mapped[str] = mapped_column(String(64))
    value: Mapped[Any] = mapped_column(JSON)
    stamp: Mapped[str] = mapped_column(String(40))
    winning_value: Mapped[Any] = mapped_column(JSON)
    winning_stamp: Mapped[str] = mapped_column(String(40))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ExtraField(ServerBase):
    """A field this server's model does not know, sent by a newer client: kept and served back."""

    __tablename__ = "extra_fields"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    stamp: Mapped[str] = mapped_column(String(40))


class WardDigestRow(ServerBase):
    """Running per-entity count and hash sum of a ward, maintained in every push transaction."""

    __tablename__ = "ward_digests"

    ward_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    count: Mapped[int] = mapped_column(BigInteger, default=0)
    hash_sum: Mapped[str] = mapped_column(Text, default="0" * 32)


def entity_tables() -> list[Table]:
    """The synced entity tables, and only those, from the shared model."""
    names = {cls.__tablename__ for cls in SYNCED_ENTITIES}  # type: ignore[attr-defined]
    return [t for t in Base.metadata.sorted_tables if t.name in names]


def all_server_tables() -> list[Table]:
    return entity_tables() + list(ServerBase.metadata.sorted_tables)

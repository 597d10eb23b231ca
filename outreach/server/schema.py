"""The server's own tables, beside the synced entity tables it shares with the client.

Entity tables come from ``outreach.model`` (one definition, so client and server rows cannot
drift); the client-only tables (outbox, drafts, audit log, ...) are never created here. The
server's bookkeeping lives in a separate metadata so the client's migrations never see it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, Integer, MetaData, String, Table, Text, false
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
    #: What its last push said: the app version (its User-Agent) and how many changes the server
    #: refused (the console's "last sync result"; migration s0006k).
    app_version: Mapped[str | None] = mapped_column(String(40))
    last_push_rejected: Mapped[int | None] = mapped_column(Integer)
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


class ConsoleAccount(ServerBase):
    """A person who signs in to the office console (not a laptop: devices have tokens).

    Only the argon2 hash of the password is kept. ``failed_logins`` and ``locked_until`` make the
    lock-out survive a restart, so a guesser gains nothing by waiting for one."""

    __tablename__ = "console_accounts"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    login: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20))
    #: the ward of a ward admin, ward viewer or team leader; None for a city admin (every ward)
    ward_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    #: the team of a team leader
    team_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    disabled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ConsoleSession(ServerBase):
    """A signed-in browser: the SHA-256 of its cookie's token, never the token itself, and the
    CSRF token its forms must carry. Server-side, so signing out or disabling ends it at once."""

    __tablename__ = "console_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AuditRecord(ServerBase):
    """One audit event held by the office (Decree 356/2025): append-only, never edited or merged.

    Laptop events keep the laptop's ``event_id`` (unique), so an upload sent twice after a lost
    answer is stored once; ``device_seq`` is the laptop's own order (its local audit id), so the
    office reads each laptop's events in the order they happened. ``id`` is the server's arrival
    order. Events name people by id only (``target_id``), never by their personal fields, so an
    erasure never has to edit the trail. Database triggers (migration s0006g) refuse UPDATE and
    DELETE of a row.
    """

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(ID_LENGTH), unique=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    ward_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    device_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    device_seq: Mapped[int | None] = mapped_column(BigInteger)
    actor_kind: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(60))
    target_kind: Mapped[str | None] = mapped_column(String(40))
    target_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class DataRequest(ServerBase):
    """A data subject's request in the office's register (issue 14): who asked, for which right,
    when, the two deadlines (``privacy_rules``), who handles it and how it ended. Held by the
    server only: the office answers requests, laptops never see the register.
    ``residual`` lists what the app could not erase (server dumps, files exported before)."""

    __tablename__ = "data_requests"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    ward_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    right: Mapped[str] = mapped_column(String(20))
    requester_name: Mapped[str] = mapped_column(String(200))
    requester_contact: Mapped[str] = mapped_column(String(200), default="")
    resident_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    received_on: Mapped[dt.date] = mapped_column(Date)
    acknowledge_by: Mapped[dt.date] = mapped_column(Date)
    respond_by: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    handler: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    acknowledged_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    outcome: Mapped[str] = mapped_column(Text, default="")
    residual: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ErasureRecord(ServerBase):
    """The erasure log: every resident whose personal fields the office erased. What a restore
    from an older dump re-applies (``outreach-server erasure reapply``; docs/deploy.md); also
    exported beside each nightly dump, since a restored database has lost its own later rows."""

    __tablename__ = "erasures"

    resident_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    ward_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    erased_at: Mapped[dt.datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(String(20))
    request_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    by: Mapped[str] = mapped_column(String(200), default="")


def entity_tables() -> list[Table]:
    """The synced entity tables, and only those, from the shared model."""
    names = {cls.__tablename__ for cls in SYNCED_ENTITIES}  # type: ignore[attr-defined]
    return [t for t in Base.metadata.sorted_tables if t.name in names]


def all_server_tables() -> list[Table]:
    return entity_tables() + list(ServerBase.metadata.sorted_tables)

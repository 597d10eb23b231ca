"""Tables that exist only on a device and never sync (DESIGN.md §3, "Local-only tables")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from outreach.model.base import ID_LENGTH, Base
from outreach.model.ids import uuid7


class OutboxEntry(Base):
    """A local change waiting for the server's acknowledgement.

    Written in the same transaction as the data it describes, so the two can never disagree.
    ``seq`` orders pushes; an entry is deleted only when the server's answer names its
    ``change_id``.
    """

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(String(ID_LENGTH), unique=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(ID_LENGTH), index=True)
    #: {field: [value, hlc]}, values JSON-encoded (dates as ISO strings).
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: {field: stamp the device held before this edit, or null}: lets the server tell a
    #: concurrent edit from a sequential one when it keeps losing values (DESIGN.md §4.15).
    bases: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class NeedsAttention(Base):
    """A change the server rejected: shown to the user to fix or discard; never blocks the queue."""

    __tablename__ = "needs_attention"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(String(ID_LENGTH), unique=True)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason_code: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text, default="")
    rejected_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SyncState(Base):
    """The one row of sync bookkeeping: pull cursor and the last outcome."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_success_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_error_code: Mapped[str | None] = mapped_column(String(60))
    last_error: Mapped[str | None] = mapped_column(Text)
    #: The part of the ward this laptop holds (``sync/scope_local.py``): JSON, a list of the
    #: area's group ids or null for the whole ward; NULL: not known yet (read as the whole ward).
    served_area: Mapped[str | None] = mapped_column(Text)


class DeviceClock(Base):
    """The persisted HLC of this device, updated in every write transaction."""

    __tablename__ = "device_clock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[str] = mapped_column(String(40))


class Draft(Base):
    """An unsaved form, kept continuously so a crash loses nothing typed."""

    __tablename__ = "drafts"

    id: Mapped[str] = mapped_column(String(60), primary_key=True)  # e.g. "visit:new"
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AuditEvent(Base):
    """Who viewed or exported personal data, when and what (Decree 356/2025 duties).

    Uploaded to the office append-only (``sync/audit_upload.py``): ``event_id`` makes a retried
    upload harmless, ``id`` is the order the office keeps, ``uploaded_at`` says what a lost
    laptop had already handed over. ``target_kind``/``target_id`` name the record by id, never by
    its personal fields (``subject`` is a short description without them).
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True, unique=True, default=uuid7)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    actor_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    target_kind: Mapped[str | None] = mapped_column(String(40))
    target_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    uploaded_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)


class ErasureApplied(Base):
    """A resident the office erased whose traces this laptop has already scrubbed (outbox,
    drafts, search index, migration backups): the scrub runs once per erasure, after the pull
    that brought it."""

    __tablename__ = "erasures_applied"

    resident_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime)


class OneStopDossier(Base):
    """One dossier of the ward one-stop system's register (its export, imported by the leader):
    the ward's whole intake, not the team's work, so it stays on the leader's laptop and never
    syncs (``services/one_stop.py`` says why). ``dossier_code`` is kept as compared: no spaces,
    upper case."""

    __tablename__ = "one_stop_dossiers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dossier_code: Mapped[str] = mapped_column(String(60), index=True)
    procedure: Mapped[str] = mapped_column(String(300), default="")
    received_on: Mapped[dt.date] = mapped_column(Date, index=True)
    channel: Mapped[str] = mapped_column(String(10))


class OneStopImport(Base):
    """A period whose one-stop register was imported: which days the contribution figures know."""

    __tablename__ = "one_stop_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    period_from: Mapped[dt.date] = mapped_column(Date)
    period_to: Mapped[dt.date] = mapped_column(Date)
    file_name: Mapped[str] = mapped_column(String(260), default="")
    rows: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    imported_by: Mapped[str | None] = mapped_column(String(ID_LENGTH))

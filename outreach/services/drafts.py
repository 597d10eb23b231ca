"""Drafts of unsaved forms, so a crash or a killed process loses nothing typed.

The UI saves the whole form as JSON after each edit (debounced); on restart it offers to
restore. Drafts are local: they never sync.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from outreach.model import Draft
from outreach.store.database import Store
from outreach.timeutil import now_local


def save_draft(store: Store, draft_id: str, kind: str, payload: dict[str, Any]) -> None:
    with store.write() as tx:
        tx.session.merge(Draft(id=draft_id, kind=kind, payload=payload, updated_at=now_local()))


def load_draft(store: Store, draft_id: str) -> dict[str, Any] | None:
    with store.read() as session:
        row = session.get(Draft, draft_id)
        return dict(row.payload) if row else None


def list_drafts(store: Store, kind: str | None = None) -> list[tuple[str, str]]:
    with store.read() as session:
        stmt = select(Draft.id, Draft.kind).order_by(Draft.updated_at.desc())
        if kind:
            stmt = stmt.where(Draft.kind == kind)
        return [(i, k) for i, k in session.execute(stmt)]


@dataclass(frozen=True)
class StoredDraft:
    """One kept draft as its table row holds it: the form's JSON and when it was last written."""

    id: str
    payload: dict[str, Any]
    updated_at: dt.datetime


def load_drafts(store: Store, kind: str) -> list[StoredDraft]:
    """Every draft of ``kind``, the most recently edited first (a form that keeps several lists them)."""
    with store.read() as session:
        rows = session.scalars(select(Draft).where(Draft.kind == kind).order_by(Draft.updated_at.desc(), Draft.id))
        return [StoredDraft(r.id, dict(r.payload), r.updated_at) for r in rows]


def discard_draft(store: Store, draft_id: str) -> None:
    with store.write() as tx:
        tx.session.execute(delete(Draft).where(Draft.id == draft_id))

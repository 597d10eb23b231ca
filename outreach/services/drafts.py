"""Drafts of unsaved forms, so a crash or a killed process loses nothing typed.

The UI saves the whole form as JSON after each edit (debounced); on restart it offers to
restore. Drafts are local: they never sync.
"""

from __future__ import annotations

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


def discard_draft(store: Store, draft_id: str) -> None:
    with store.write() as tx:
        tx.session.execute(delete(Draft).where(Draft.id == draft_id))

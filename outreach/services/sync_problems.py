"""Sync problems in words a volunteer can act on: which record a refused change was about.

The outbox and the server speak of entities and ids; the "Sync problems" screen needs "the
household of Nguyễn Văn An" instead. Describing is a read of the local database, so it runs on
a worker thread like any other query.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from outreach.model import Filing, Household, Resident, Visit
from outreach.store.database import Store
from outreach.sync.local_state import AttentionItem, needs_attention


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
    return ""


def refused_changes(store: Store) -> list[RefusedChange]:
    """Every change in "needs attention", oldest first, with its record described."""
    items = needs_attention(store)
    records = describe_records(store, [(item.entity, item.entity_id) for item in items])
    return [RefusedChange(item, record) for item, record in zip(items, records, strict=True)]

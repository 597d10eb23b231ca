"""The procedure catalogue in the local database.

The catalogue ships in ``resources/procedures.json`` and the server can update it through pull.
Seeded rows carry the zero stamp, so any version the server sends wins the merge, and seeding
writes no outbox entries: a device never pushes the national catalogue back.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select

from outreach.catalogue import load_catalogue
from outreach.model import Procedure, synced_fields
from outreach.store.database import Store
from outreach.model.clock import HLC_ZERO
from outreach.vietnamese_fold import fold


@dataclass(frozen=True)
class ProcedureView:
    code: str
    name_vi: str
    name_en: str
    field_vi: str
    field_en: str
    online_level: str
    essential: bool


def seed_catalogue(store: Store) -> int:
    """Insert catalogue procedures the database lacks; returns how many were added."""
    catalogue = load_catalogue()
    with store.write() as tx:
        present = set(tx.session.scalars(select(Procedure.id)))
        rows = []
        for info in catalogue.procedures:
            if info.code in present:
                continue
            row: dict[str, object] = {
                "id": info.code,
                "ward_id": None,
                "deleted": False,
                "name_vi": info.name_vi,
                "name_en": info.name_en,
                "field_vi": info.field_vi,
                "field_en": info.field_en,
                "online_level": info.online_level,
                "essential": info.essential,
                "active": True,
            }
            row["clocks"] = dict.fromkeys(synced_fields(Procedure), HLC_ZERO)
            rows.append(row)
        if rows:
            tx.session.execute(insert(Procedure), rows)
        return len(rows)


def list_procedures(store: Store, query: str = "", *, active_only: bool = True) -> list[ProcedureView]:
    """Procedures whose code or (folded) name contains every word of ``query``."""
    with store.read() as session:
        stmt = select(Procedure).where(Procedure.deleted.is_(False)).order_by(Procedure.field_vi, Procedure.name_vi)
        if active_only:
            stmt = stmt.where(Procedure.active.is_(True))
        rows = session.scalars(stmt).all()
    words = fold(query).split()
    result = []
    for p in rows:
        haystack = fold(f"{p.id} {p.name_vi} {p.name_en} {p.field_vi}")
        if all(w in haystack for w in words):
            result.append(ProcedureView(p.id, p.name_vi, p.name_en, p.field_vi, p.field_en, p.online_level, p.essential))
    return result

"""The ward office's extra days off, as the laptop holds them: read for the working-day calendar.

The office sets them on the server (``outreach-server days-off``) and they arrive with the
normal pull (``OfficeDayOff``); the figures (expected result dates, due and overdue dossiers)
read them here, inside their own read, beside the catalogue's processing times
(``procedure_terms.catalogue_terms``), so no caller passes a calendar of its own.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from outreach.model import OfficeDayOff


def office_days_off(session: Session, ward_id: str | None) -> frozenset[dt.date]:
    """The office days off of ``ward_id`` (every ward's the database holds when None)."""
    stmt = select(OfficeDayOff.day).where(OfficeDayOff.deleted.is_(False), OfficeDayOff.day.is_not(None))
    if ward_id is not None:
        stmt = stmt.where(OfficeDayOff.ward_id == ward_id)
    return frozenset(d for d in session.scalars(stmt) if d is not None)

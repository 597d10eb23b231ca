"""The ward office's extra days off (ngày nghỉ bù, office closures): add, remove, list.

Public holidays come from the ``holidays`` library on every laptop; the days the office itself
is closed on top of them are synced data the office owns (``OfficeDayOff``, office-only in
``push.OFFICE_ONLY_ENTITIES``). Each add or remove here is an ordinary stamped office change
(``admin.office_write``), so the ward's laptops get it through their normal pull and count it
in the dossiers' expected result dates. Who changed what is written to the server's log (event
``days_off_change``). UI-free: the CLI drives it, and the web console can.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlalchemy import select

from outreach.model import OfficeDayOff
from outreach.model.base import table_of
from outreach.model.field_rules import values_problem
from outreach.model.ids import office_day_off_id
from outreach.server.admin import AdminError, find_ward, office_write
from outreach.server.db import ServerDb

log = logging.getLogger("outreach.server.days_off")


@dataclass(frozen=True)
class DayOff:
    day: dt.date
    note: str


def _stored(db: ServerDb, row_id: str) -> dict[str, object] | None:
    table = table_of(OfficeDayOff)
    with db.read() as conn:
        row = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
    return dict(row) if row is not None else None


def add_day_off(db: ServerDb, day: dt.date, note: str = "", *, ward: str | None = None, by: str) -> bool:
    """Make ``day`` an office day off of the ward (``ward``: id or name; None: the only ward);
    False when it already was one with that note."""
    ward_id = str(find_ward(db, ward)["id"])
    values = {"ward_id": ward_id, "day": day, "note": note.strip()}
    if problem := values_problem(OfficeDayOff, values):
        raise AdminError(f"day off not written: {problem.message_en}")
    row_id = office_day_off_id(ward_id, day)
    stored = _stored(db, row_id)
    if stored is not None and not stored["deleted"] and stored["note"] == values["note"]:
        return False
    office_write(db, OfficeDayOff, row_id, {**values, "deleted": False}, ward_id, create=stored is None)
    log.info("days off change", extra={"event": "days_off_change", "by": by, "action": "add", "day": day.isoformat(), "ward_id": ward_id})
    return True


def remove_day_off(db: ServerDb, day: dt.date, *, ward: str | None = None, by: str) -> bool:
    """``day`` is a working day again (the row is marked deleted, which laptops pull);
    False when it was not a day off."""
    ward_id = str(find_ward(db, ward)["id"])
    row_id = office_day_off_id(ward_id, day)
    stored = _stored(db, row_id)
    if stored is None or stored["deleted"]:
        return False
    office_write(db, OfficeDayOff, row_id, {"deleted": True}, ward_id, create=False)
    log.info("days off change",
             extra={"event": "days_off_change", "by": by, "action": "remove", "day": day.isoformat(), "ward_id": ward_id})
    return True


def list_days_off(db: ServerDb, *, ward: str | None = None) -> list[DayOff]:
    """The ward's office days off, by date."""
    ward_id = str(find_ward(db, ward)["id"])
    table = table_of(OfficeDayOff)
    with db.read() as conn:
        rows = conn.execute(select(table.c.day, table.c.note).where(
            table.c.ward_id == ward_id, table.c.deleted.is_(False), table.c.day.is_not(None)).order_by(table.c.day)).all()
    return [DayOff(day, note or "") for day, note in rows]

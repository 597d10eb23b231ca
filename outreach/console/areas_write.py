"""The office assigns residential groups to teams (the console's Teams and areas page).

The same two records as a leader's laptop writes (``services.areas.assign_group``): a new
``AreaAssignment`` history row and, unless a later-dated assignment exists, the group's current
``ResidentialGroup.team_id``. Both go out as one stamped office push (``admin.office_write_rows``:
one transaction, a server_seq each), so the ward's laptops pull them like any other change and
read the group's team through the same ``services.areas`` functions. The team "before" comes
from ``services.areas.team_of_groups`` over the server's tables (one rule, not a second copy).
"""

from __future__ import annotations

import datetime as dt
import logging

from sqlalchemy import select

from outreach.console.server_reader import ServerReader
from outreach.model import AreaAssignment, ResidentialGroup, Team
from outreach.model.ids import uuid7
from outreach.server.admin import AdminError, office_write_rows
from outreach.server.db import ServerDb
from outreach.services.areas import assignment_effect
from outreach.timeutil import now_local

log = logging.getLogger("outreach.server.console")


def assign_group_office(db: ServerDb, ward_id: str, group_id: str, team_id: str | None, from_date: dt.date, *, by: str) -> str:
    """Put ``group_id`` (of ``ward_id``) into ``team_id``'s area from ``from_date`` (None: into no
    team's); returns the history row's id. ``AdminError`` when the group or the team is not the ward's."""
    with ServerReader(db).read() as session:
        group = session.execute(select(ResidentialGroup.id, ResidentialGroup.ward_id).where(
            ResidentialGroup.id == group_id, ResidentialGroup.deleted.is_(False))).first()
        if group is None or group.ward_id != ward_id:
            raise AdminError("no such residential group in this ward")
        if team_id is not None and session.scalar(select(Team.ward_id).where(Team.id == team_id, Team.deleted.is_(False))) != ward_id:
            raise AdminError("no such team in this ward")
        previous, moves_current = assignment_effect(session, group_id, from_date, ward_id)
    row_id = uuid7()
    writes: list[tuple[type[AreaAssignment] | type[ResidentialGroup], str, dict[str, object], bool]] = [
        (AreaAssignment, row_id, {"group_id": group_id, "team_id": team_id, "from_team_id": previous, "from_date": from_date,
                                  "made_by": None, "made_at": now_local(), "ward_id": ward_id}, True)]
    if moves_current:
        writes.append((ResidentialGroup, group_id, {"team_id": team_id}, False))
    office_write_rows(db, writes, ward_id)  # type: ignore[arg-type]  # (the list's element type is narrower)
    log.info("area assignment", extra={"event": "area_assigned", "by": by, "ward_id": ward_id, "group_id": group_id})
    return row_id

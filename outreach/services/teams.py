"""The people of a team, for "members present" on a visit.

Team members come from the ward office through sync (the office adds them when it enrols a
laptop), so a laptop knows its teammates even offline.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from outreach.model import TeamMember
from outreach.store.database import Store
from outreach.vietnamese_fold import fold
from outreach.vocabulary import Role


@dataclass(frozen=True)
class TeamMemberView:
    id: str
    full_name: str
    role: str


def list_team_members(store: Store, team_id: str | None) -> list[TeamMemberView]:
    """Active members of ``team_id``, leaders first, then by name (accents ignored for order)."""
    if not team_id:
        return []
    with store.read() as session:
        rows = session.execute(
            select(TeamMember.id, TeamMember.full_name, TeamMember.role).where(
                TeamMember.team_id == team_id, TeamMember.deleted.is_(False), TeamMember.active.is_(True)
            )
        ).all()
    members = [TeamMemberView(mid, name or "", role or Role.VOLUNTEER) for mid, name, role in rows]
    return sorted(members, key=lambda m: (m.role != Role.LEADER, fold(m.full_name), m.id))

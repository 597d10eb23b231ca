"""Who is acting: services take an explicit ``Actor`` rather than reading global state."""

from __future__ import annotations

from dataclasses import dataclass

from outreach.errors import PermissionDenied
from outreach.store.device_token import trusted_role
from outreach.store.profile import Profile
from outreach.vocabulary import Role

ROLE_VOLUNTEER = Role.VOLUNTEER
ROLE_LEADER = Role.LEADER


@dataclass(frozen=True)
class Actor:
    member_id: str | None
    name: str
    role: str
    ward_id: str | None
    team_id: str | None

    @property
    def is_leader(self) -> bool:
        return self.role == ROLE_LEADER

    @classmethod
    def from_profile(cls, profile: Profile) -> Actor:
        """The profile's user, with the role the server gave the device (``trusted_role``), not
        the one in ``profile.json``, which anyone can edit."""
        return cls(profile.member_id, profile.member_name, trusted_role(profile), profile.ward_id, profile.team_id)


def require_leader(actor: Actor, what_vi: str, what_en: str) -> None:
    if not actor.is_leader:
        raise PermissionDenied(
            f"Chỉ đội trưởng mới được {what_vi}.", f"Only a team leader may {what_en}."
        )

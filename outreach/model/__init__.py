"""SQLAlchemy 2 typed models shared by the client and the server (no Qt here)."""

from outreach.model.base import Base, Synced, synced_fields
from outreach.model.entities import (
    ENTITY_BY_NAME,
    SYNCED_ENTITIES,
    AreaAssignment,
    DuplicatePair,
    Filing,
    Household,
    OfficeDayOff,
    Outing,
    PlanEntry,
    Procedure,
    Resident,
    ResidentialGroup,
    Target,
    Team,
    TeamMember,
    Visit,
    Ward,
    WeekLock,
)
from outreach.model.local import AuditEvent, DeviceClock, Draft, ErasureApplied, NeedsAttention, OutboxEntry, SyncState

__all__ = [
    "Base", "Synced", "synced_fields", "ENTITY_BY_NAME", "SYNCED_ENTITIES", "Filing", "Household", "OfficeDayOff",
    "PlanEntry", "Procedure", "Resident", "ResidentialGroup", "Team", "TeamMember", "Visit", "Ward", "WeekLock",
    "AreaAssignment", "Outing", "Target", "DuplicatePair",
    "AuditEvent", "DeviceClock", "Draft", "ErasureApplied", "NeedsAttention", "OutboxEntry", "SyncState",
]

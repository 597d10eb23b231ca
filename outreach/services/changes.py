"""What a write changed, as a typed value (after Anki's ``OpChanges``).

Why: the desktop app used to decide in one place which screens to reload after a save (a
hard-coded page list), so a new screen or a new kind of write had to remember to edit it. A
write now says *what* it changed, in the terms screens show (households, visits, review, …),
and each screen decides from that whether it must reload. It is a plain value without Qt, so a
service can return it (``Changed(value, changes)``) and the command line can ignore it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """Which areas of the local data a write touched; all False means nothing a screen shows."""

    #: households, their residents, residential groups, consent
    households: bool = False
    #: visits, their filings and follow-ups
    visits: bool = False
    #: the leader's review of visits (approved, flagged, corrected) and week locks
    review: bool = False
    #: the procedure catalogue
    catalogue: bool = False
    #: team members (who can be ticked as present, the volunteer filters), and the teams' areas,
    #: outings and targets (issue 12)
    team: bool = False
    #: the sync bookkeeping: changes needing attention, overwritten values, enrolment
    sync: bool = False
    #: a team's day plan: the leader's added and dropped households, done / not-at-home marks
    plan: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def touches(self, *areas: str) -> bool:
        """True if any of ``areas`` (field names) changed; an unknown name is a bug, so it raises."""
        return any(getattr(self, area) for area in areas)


#: A write that changes nothing a screen shows (a draft, an audit entry).
NOTHING = Changes()
#: Every synced area: what a pull that applied rows may have touched (the engine counts rows, not kinds).
SYNCED_DATA = Changes(households=True, visits=True, review=True, catalogue=True, team=True, sync=True, plan=True)


@dataclass(frozen=True)
class Changed(Generic[T]):
    """A write's result together with what it changed, for a write that knows it best itself."""

    value: T
    changes: Changes

"""Every code list of Outreach, once: the values stored in the database and sent on the wire.

Each list is a ``StrEnum``, so a member *is* its stored string: ``Outcome.HELPED == "helped"``, a
value read back from SQLite compares equal to the member, and ``json.dumps`` writes the plain
string. The database and the wire format therefore do not change when code uses the members
instead of bare strings; what changes is that a misspelt code is a NameError, not a silent miss.

The words for each code (Vietnamese and English) live in ``outreach.labels``; the screens and
the exporters both read them there. This module is a base module: it imports nothing of the app.
"""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    """How a household visit ended (``Visit.outcome``)."""

    HELPED = "helped"
    GUIDED = "guided"
    NOT_HOME = "not_home"
    REFUSED = "refused"
    REVISIT_NEEDED = "revisit_needed"


class FilingStatus(StrEnum):
    """Where a filing the team helped with stands (``Filing.status``)."""

    PREPARED = "prepared"
    SUBMITTED = "submitted"
    GUIDED_ONLY = "guided_only"
    RETURNED = "returned"
    COMPLETED = "completed"
    REJECTED = "rejected"


class Channel(StrEnum):
    """How a dossier reached the office (``Filing.channel``): a procedure's catalogue level says
    what is possible, the channel what this dossier actually used."""

    ONLINE = "online"
    POSTAL = "postal"
    COUNTER = "counter"


class Portal(StrEnum):
    """Where a filing was submitted (``Filing.dossier["portal"]``)."""

    DVCQG = "dvcqg"
    VNEID = "vneid"
    BHXH = "bhxh"
    OTHER = "other"


class Role(StrEnum):
    """A team member's (and an enrolled device's) role."""

    VOLUNTEER = "volunteer"
    LEADER = "leader"


class RevokeReason(StrEnum):
    """Why the office revoked a laptop: *retired* may push what it has, then stops; *lost*
    (lost or stolen) destroys its data on its next contact with the server."""

    RETIRED = "retired"
    LOST = "lost"


class ReviewStatus(StrEnum):
    """A leader's review of a visit (``Visit.review_status``)."""

    PENDING = "pending"
    APPROVED = "approved"
    FLAGGED = "flagged"
    CORRECTED = "corrected"


class OnlineLevel(StrEnum):
    """How far a procedure can be done online (``Procedure.online_level``; DOMAIN.md).

    ``UNKNOWN`` is never stored: the coverage report files a filing under it when its procedure is
    not in the catalogue."""

    FULL = "full"
    PARTIAL = "partial"
    COUNTER = "counter"
    UNKNOWN = "unknown"


#: The levels a procedure may be stored with (``UNKNOWN`` is a report's bucket only).
STORED_ONLINE_LEVELS: tuple[OnlineLevel, ...] = (OnlineLevel.FULL, OnlineLevel.PARTIAL, OnlineLevel.COUNTER)


class PriorityFlag(StrEnum):
    """A household's priority flags: each is a boolean column of the same name on ``Household``."""

    ELDERLY_ALONE = "elderly_alone"
    DISABLED = "disabled"
    POLICY_FAMILY = "policy_family"
    POOR_HOUSEHOLD = "poor_household"


class FollowUpKind(StrEnum):
    """Why a visit is on the follow-ups list."""

    OVERDUE = "overdue"
    DUE = "due"
    FLAGGED = "flagged"


class Sex(StrEnum):
    """A resident's sex as the ID card prints it (so the stored codes are Vietnamese words)."""

    MALE = "Nam"
    FEMALE = "Nữ"


class GroupKind(StrEnum):
    """A residential group: *tổ dân phố* in a town, *thôn* in the countryside."""

    TO_DAN_PHO = "to_dan_pho"
    THON = "thon"


class ScopeKind(StrEnum):
    """What a report or list covers: the whole ward, one group, one team or one volunteer."""

    WARD = "ward"
    GROUP = "group"
    TEAM = "team"
    VOLUNTEER = "volunteer"


class Placeholder(StrEnum):
    """Stands where a report has no real name to show, labelled in the reader's language.

    Services return these members instead of display text (they used to return "(không thuộc tổ
    nào)", so the English screen showed Vietnamese). A name field holds either a real name or one of
    these members; ``outreach.labels.name_text`` tells them apart with ``isinstance``."""

    NO_GROUP = "no_group"
    UNKNOWN_MEMBER = "unknown_member"
    WHOLE_WARD = "whole_ward"


class RecordKind(StrEnum):
    """What kind of record a change is about: the synced entities' names (``Synced.entity_name``),
    as the outbox stores them; the list of what is not yet on the server names them in words."""

    WARD = "ward"
    RESIDENTIAL_GROUP = "residential_group"
    TEAM = "team"
    TEAM_MEMBER = "team_member"
    HOUSEHOLD = "household"
    RESIDENT = "resident"
    VISIT = "visit"
    FILING = "filing"
    PROCEDURE = "procedure"
    WEEK_LOCK = "week_lock"


#: Every code list, for tests and tools that walk them all (each has labels in both languages).
CODE_LISTS: tuple[type[StrEnum], ...] = (
    Outcome, FilingStatus, Channel, Portal, Role, ReviewStatus, OnlineLevel, PriorityFlag, FollowUpKind, Sex, GroupKind,
    ScopeKind, Placeholder, RecordKind, RevokeReason,
)

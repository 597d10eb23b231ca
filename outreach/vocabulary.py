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


class PlanAdjustment(StrEnum):
    """A leader's change to a day's computed plan (``PlanEntry.adjustment``; "" is none)."""

    ADDED = "added"
    DROPPED = "dropped"


class PlanMark(StrEnum):
    """How a household on the day's plan went (``PlanEntry.mark``; "" is not yet)."""

    DONE = "done"
    NOT_HOME = "not_home"


class PlanReason(StrEnum):
    """Why a household is on the day's plan (a household can have several)."""

    FLAGGED = "flagged"
    FOLLOW_UP_OVERDUE = "follow_up_overdue"
    FOLLOW_UP_DUE = "follow_up_due"
    DOSSIER_OVERDUE = "dossier_overdue"
    PRIORITY = "priority"
    REACH_LIST = "reach_list"
    ADDED = "added"


class ReachList(StrEnum):
    """The saved filters of people (or households) a team should reach (services/reach_lists.py)."""

    NO_VNEID_LEVEL2 = "no_vneid_level2"
    CARD_RENEWAL = "card_renewal"
    OLD_CMND_ONLY = "old_cmnd_only"
    CHILD_WITHOUT_ID = "child_without_id"
    NEWBORN = "newborn"
    SOCIAL_PENSION = "social_pension"
    PRIORITY_NOT_VISITED = "priority_not_visited"


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
    PLAN_ENTRY = "plan_entry"
    AREA_ASSIGNMENT = "area_assignment"
    OUTING = "outing"
    TARGET = "target"
    OFFICE_DAY_OFF = "office_day_off"
    DUPLICATE_PAIR = "duplicate_pair"


class TargetMetric(StrEnum):
    """What a team's target counts (``Target.metric``), over its period: households with a
    visit, priority households with a visit, dossiers filed online (issue 12)."""

    HOUSEHOLDS_REACHED = "households_reached"
    PRIORITY_HOUSEHOLDS_REACHED = "priority_households_reached"
    DOSSIERS_ONLINE = "dossiers_online"


class ConsoleRole(StrEnum):
    """A person's role in the office console (a people account, not a device): what they see
    and may change. The city admin sees every ward; the others one ward (the leader one team)."""

    CITY_ADMIN = "city_admin"
    WARD_ADMIN = "ward_admin"
    WARD_VIEWER = "ward_viewer"
    TEAM_LEADER = "team_leader"


class AuditAction(StrEnum):
    """What an audit event records (Decree 356/2025: who touched whose personal data, and how).

    The first three are the laptop's original codes (``services/audit.py``); the rest came with
    the office's trail: events reach the server append-only and are read there by the office."""

    EXPORT_PERSONAL_DATA = "export_personal_data"
    EXPORT_AGGREGATE = "export_aggregate"
    VIEW_PERSONAL_DATA = "view_personal_data"
    EXPORT_VISIT_RECEIPT = "export_visit_receipt"
    EXPORT_UNSENT = "export_unsent"
    CONSENT_GIVEN = "consent_given"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    REVIEW_APPROVE = "review_approve"
    REVIEW_FLAG = "review_flag"
    REVIEW_LOCK = "review_lock"
    REQUEST_ADDED = "request_added"
    REQUEST_CLOSED = "request_closed"
    ACCESS_EXPORT = "access_export"
    ERASURE = "erasure"
    RETENTION_RUN = "retention_run"
    DEVICE_ENROLLED = "device_enrolled"
    DEVICE_REVOKED = "device_revoked"
    CONSOLE_LOGIN = "console_login"
    CONSOLE_CHANGE = "console_change"


class AuditActorKind(StrEnum):
    """Who did what an audit event records: a team member on a laptop, the laptop itself, the
    office at the server's command line, a user of the web console, or the server on its own."""

    MEMBER = "member"
    DEVICE = "device"
    OFFICE = "office"
    CONSOLE_USER = "console_user"
    SYSTEM = "system"



class AuditTarget(StrEnum):
    """What an audit event is about when it is not a synced record (those are ``RecordKind``)."""

    DEVICE = "device"
    DATA_REQUEST = "data_request"
    WARD_DATA = "ward_data"



class DataRight(StrEnum):
    """A right a data subject asks the ward to honour (Law 91/2025/QH15; Decree 356/2025)."""

    ACCESS = "access"
    CORRECTION = "correction"
    DELETION = "deletion"
    WITHDRAWAL = "withdrawal"
    RESTRICTION = "restriction"
    OBJECTION = "objection"


class RequestStatus(StrEnum):
    """Where a data-subject request stands in the office's register."""

    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    DONE = "done"
    REFUSED = "refused"


class ErasureReason(StrEnum):
    """Why the office erased a person's personal fields."""

    REQUEST = "request"
    RETENTION = "retention"


class DuplicateReason(StrEnum):
    """Why two households or two residents may be one registered twice (the duplicate scan)."""

    SAME_PERSONAL_ID = "same_personal_id"
    SAME_ADDRESS = "same_address"
    SAME_HEAD_NAME = "same_head_name"
    SAME_PHONE = "same_phone"
    SAME_NAME_AND_BIRTH = "same_name_and_birth"
    SAME_NAME = "same_name"


class DuplicateDecision(StrEnum):
    """How sure the duplicate scan is that a pair is one record twice."""

    CERTAIN = "certain"
    LIKELY = "likely"
    POSSIBLE = "possible"


class PairStatus(StrEnum):
    """A leader's decision about a pair the duplicate scan offered (``DuplicatePair.status``)."""

    NOT_SAME = "not_same"
    MERGED = "merged"
    UNDONE = "undone"


#: Every code list, for tests and tools that walk them all (each has labels in both languages).
CODE_LISTS: tuple[type[StrEnum], ...] = (
    Outcome, FilingStatus, Channel, Portal, Role, ReviewStatus, OnlineLevel, PriorityFlag, FollowUpKind, Sex, GroupKind,
    ScopeKind, Placeholder, RecordKind, TargetMetric, PlanAdjustment, PlanMark, PlanReason, ReachList,
    ConsoleRole, AuditAction, AuditActorKind, AuditTarget, DataRight, RequestStatus, ErasureReason,
    DuplicateReason, DuplicateDecision, PairStatus,
    RevokeReason,
)

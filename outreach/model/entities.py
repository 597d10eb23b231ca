"""Synced entities of a ward: the people, places and work Outreach records.

Datetimes are naive Vietnam local time (UTC+7, no daylight saving): a ward lives in one time
zone, and ISO-week grouping in SQL is then plain. HLC stamps carry the real ordering.
Lists (members present, topics) are JSON and sync as one field; parts that must never be mixed
from two devices (an address; portal + dossier code) are one JSON field (DESIGN.md §4.14).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from outreach.model.base import ID_LENGTH, Base, Synced
from outreach.vocabulary import (
    FilingStatus,
    GroupKind,
    OnlineLevel,
    Outcome,
    ReviewStatus,
    Role,
    TargetMetric,
)

#: The laptops' database: covering indexes that serve only their screens are built on it alone
#: (``Index.ddl_if``), never on the office's PostgreSQL (which also cannot index a JSON column);
#: a SQLite office database drops them (server migration s0006r).
LAPTOP_DIALECT = "sqlite"


class Ward(Synced, Base):
    """A commune-level unit (phường/xã/đặc khu) after the 2025 reform: the scope of one server."""

    __tablename__ = "wards"
    entity_name = "ward"

    code: Mapped[str] = mapped_column(String(5), default="")
    name: Mapped[str] = mapped_column(String(200), default="")
    province_code: Mapped[str] = mapped_column(String(2), default="")
    province_name: Mapped[str] = mapped_column(String(200), default="")
    #: Whether the ward's laptops ask their PIN (the app lock); None — never set — means yes:
    #: the lock is on by default and the office may turn it off (``outreach-server ward lock``).
    app_lock: Mapped[bool | None] = mapped_column(Boolean)


class ResidentialGroup(Synced, Base):
    """A tổ dân phố (or thôn in the countryside), defined by the ward itself."""

    __tablename__ = "residential_groups"
    entity_name = "residential_group"

    name: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(20), default=GroupKind.TO_DAN_PHO)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    #: The team whose area the group is in now (None: no team's). One field, so two leaders
    #: reassigning the group at once resolve by the merge rule and the losing team is kept in
    #: lost_values; the dated history is ``AreaAssignment`` (services/areas.py reads both).
    team_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))


class Team(Synced, Base):
    """A mobile outreach team (đội cơ động) of the ward."""

    __tablename__ = "teams"
    entity_name = "team"

    name: Mapped[str] = mapped_column(String(200), default="")
    contact_phone: Mapped[str | None] = mapped_column(String(20))


class TeamMember(Synced, Base):
    """A volunteer or leader of a team."""

    __tablename__ = "team_members"
    entity_name = "team_member"

    team_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20), default=Role.VOLUNTEER)
    phone: Mapped[str | None] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Household(Synced, Base):
    """A household (hộ gia đình) at one address in one residential group."""

    __tablename__ = "households"
    entity_name = "household"
    __table_args__ = (
        Index("ix_households_server_seq", "server_seq"),
        #: covering index: the reach lists and the day's plan read a household's head, address,
        #: group and flags without reading its row (clocks and notes make rows ~4x wider)
        Index("ix_households_plan", "deleted", "group_id", "id", "head_name", "address", "phone", "elderly_alone", "disabled",
              "policy_family", "poor_household").ddl_if(dialect=LAPTOP_DIALECT),
        #: covering index: households per group and priority flag (coverage) without reading
        #: household rows (address, notes and clocks make them ~700 bytes)
        Index("ix_households_coverage", "deleted", "group_id", "ward_id", "id", "elderly_alone", "disabled",
              "policy_family", "poor_household").ddl_if(dialect="sqlite"),
    )

    group_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    #: {"house_number", "alley" (ngách), "lane" (ngõ), "street", "hamlet", "extra"}
    address: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    head_name: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str | None] = mapped_column(String(20))
    elderly_alone: Mapped[bool] = mapped_column(Boolean, default=False)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    policy_family: Mapped[bool] = mapped_column(Boolean, default=False)
    poor_household: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    #: Set on the tombstone of a household merged into another (``services/duplicates.py``): the
    #: survivor's id, so a row that still names this household (a visit recorded offline) can be
    #: re-pointed to where it went.
    merged_into: Mapped[str | None] = mapped_column(String(ID_LENGTH))


class Resident(Synced, Base):
    """A person living in a household; personal fields are cleared when consent is withdrawn."""

    __tablename__ = "residents"
    entity_name = "resident"
    #: covering index: resident counts per household without reading resident rows
    __table_args__ = (
        Index("ix_residents_server_seq", "server_seq"),
        Index("ix_residents_household_live", "household_id", "deleted"),
        #: covering index: residents aged 14+ by VNeID level (coverage) without reading resident rows
        Index("ix_residents_vneid_age", "deleted", "date_of_birth", "vneid_level", "ward_id", "household_id"),
        #: covering index: every reach list (services/reach_lists.py) reads residents through it alone
        Index("ix_residents_reach", "deleted", "date_of_birth", "vneid_level", "card_issued_on", "personal_id", "old_id",
              "household_id", "full_name", "id").ddl_if(dialect=LAPTOP_DIALECT),
    )

    #: (no index of its own: ix_residents_household_live starts with it)
    household_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    full_name: Mapped[str] = mapped_column(String(200), default="")
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(5))  # Sex
    personal_id: Mapped[str | None] = mapped_column(String(12), index=True)
    old_id: Mapped[str | None] = mapped_column(String(9))
    #: The permanent address as printed on the chip card (from a CCCD scan), kept verbatim: it can
    #: differ from the household's address (people register where they actually live).
    card_address: Mapped[str | None] = mapped_column(String(300))
    #: The chip card's issue date (from a CCCD scan): with the date of birth, when it must be renewed.
    card_issued_on: Mapped[dt.date | None] = mapped_column(Date)
    relation_to_head: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str | None] = mapped_column(String(20))
    vneid_level: Mapped[int] = mapped_column(Integer, default=0)  # 0 none, 1, 2
    consent_given_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    consent_withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    #: Who recorded consent and for what purpose: {"recorded_by", "purpose"}.
    consent_detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: Set on the tombstone of a resident merged into another: the survivor's id (see Household).
    merged_into: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    #: When the office erased this person's personal fields on request or by retention (issue
    #: 14): set only by the server; a laptop seeing it scrubs its own traces, and the server
    #: refuses any later write of a personal field to the row.
    erased_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


#: A resident's personal fields (Law 91/2025/QH15): what withdrawing consent and an erasure clear;
#: the rest of the row (sex, VNeID level, relation) stays for the ward's statistics.
#: The fields that identify a resident beyond the name: a volunteer's laptop holds them only for
#: its team's area (``field_rules.PERSONAL_FIELDS``); withdrawing consent clears them.
RESIDENT_IDENTIFYING_FIELDS = ("date_of_birth", "personal_id", "old_id", "card_address", "card_issued_on", "phone")
RESIDENT_PERSONAL_FIELDS = ("full_name", *RESIDENT_IDENTIFYING_FIELDS)
#: What an erased resident's name reads (the row stays; visits and filings still count).
ERASED_NAME = "(đã xoá theo yêu cầu)"


class Visit(Synced, Base):
    """One home visit by a team, with its outcome and the leader's review."""

    __tablename__ = "visits"
    entity_name = "visit"
    #: covering index: a household's last visit without reading visit rows (search results)
    __table_args__ = (
        Index("ix_visits_server_seq", "server_seq"),
        Index("ix_visits_household_last", "household_id", "deleted", "started_at"),
        #: covering indexes of the day's plan: a household's last visit that reached someone, and
        #: the open revisits due by a day (services/day_plan.py), without reading visit rows
        Index("ix_visits_reached", "household_id", "deleted", "outcome", "started_at").ddl_if(dialect=LAPTOP_DIALECT),
        Index("ix_visits_open_follow_up", "follow_up_done", "deleted", "follow_up_date", "team_id",
              "household_id").ddl_if(dialect=LAPTOP_DIALECT),
        #: covering index: the coverage report's visits of the period and the 12-week trend (this
        #: and the other laptop report indexes are SQLite only: the server never runs the report,
        #: and PostgreSQL cannot put a JSON column in a btree)
        Index("ix_visits_report", "started_at", "deleted", "ward_id", "team_id", "volunteer_id", "household_id", "outcome",
              "satisfaction", "id").ddl_if(dialect="sqlite"),
        #: the open follow-ups only (a few thousand of 100,000 visits), covering their count
        Index("ix_visits_open_follow_ups", "follow_up_date", "ward_id", "team_id", "volunteer_id", "household_id",
              sqlite_where=text("follow_up_done IS 0 AND follow_up_date IS NOT NULL AND deleted IS 0")).ddl_if(dialect="sqlite"),
    )

    #: (no index of its own: ix_visits_household_last starts with it)
    household_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    team_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    volunteer_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    members_present: Mapped[list[Any]] = mapped_column(JSON, default=list)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime, index=True)
    #: When the visit was saved: with started_at, how long a home visit takes.
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    outcome: Mapped[str] = mapped_column(String(30), default=Outcome.HELPED)
    topics: Mapped[list[Any]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    follow_up_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    follow_up_done: Mapped[bool] = mapped_column(Boolean, default=False)
    satisfaction: Mapped[int | None] = mapped_column(Integer)  # 1..5, like SIPAS
    review_status: Mapped[str] = mapped_column(String(20), default=ReviewStatus.PENDING, index=True)
    review_note: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    #: The outing (buổi đi cơ sở) the visit was made in: set when one of the team's outings was
    #: open that day (services/visits.py); None for visits made outside any outing.
    outing_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)


class Filing(Synced, Base):
    """One public-service filing helped with during a visit."""

    __tablename__ = "filings"
    entity_name = "filing"
    #: covering index: the dossiers waiting for their result (coverage) without reading filing rows
    __table_args__ = (
        Index("ix_filings_server_seq", "server_seq"),
        Index("ix_filings_waiting", "status", "deleted", "ward_id", "visit_id", "procedure_code", "submitted_at"),
        #: covering index: the coverage report's filings of its visits without reading filing rows
        Index("ix_filings_report", "visit_id", "deleted", "resident_id", "procedure_code", "status", "fee_paid_online",
              "channel", "electronic_result", "dossier").ddl_if(dialect="sqlite"),
    )

    visit_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    resident_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    procedure_code: Mapped[str] = mapped_column(String(20), default="", index=True)
    #: {"portal": "dvcqg" | "vneid" | ..., "dossier_code": "..."}: one field so they never mix.
    dossier: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(30), default=FilingStatus.PREPARED)
    fee_paid_online: Mapped[bool] = mapped_column(Boolean, default=False)
    #: How the dossier was filed (``Channel``); null on filings recorded before it was asked.
    channel: Mapped[str | None] = mapped_column(String(10))
    #: Whether the result came back electronically (VNeID / e-mail), recorded when the filing is
    #: completed; null while unknown (not completed yet, or not asked).
    electronic_result: Mapped[bool | None] = mapped_column(Boolean)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Procedure(Synced, Base):
    """A public-service procedure of the national catalogue; id is its code (mã TTHC)."""

    __tablename__ = "procedures"
    entity_name = "procedure"
    ward_scoped = False

    name_vi: Mapped[str] = mapped_column(String(300), default="")
    name_en: Mapped[str] = mapped_column(String(300), default="")
    field_vi: Mapped[str] = mapped_column(String(100), default="")
    field_en: Mapped[str] = mapped_column(String(100), default="")
    online_level: Mapped[str] = mapped_column(String(10), default=OnlineLevel.FULL)
    essential: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: The national portal's record id (formalityId, a UUID) and its case ids: the 2026 portal
    #: addresses a procedure by them, not by its code.
    formality_id: Mapped[str | None] = mapped_column(String(36))
    case_codes: Mapped[list[Any] | None] = mapped_column(JSON, default=list)
    #: A short name for lists and the picker (the portal's full names run to 200 characters).
    short_name: Mapped[str | None] = mapped_column(String(100), default="")
    executing_body: Mapped[str | None] = mapped_column(String(300), default="")
    #: Per channel ("online" / "postal" / "counter"): {"days": working days, "fee_vnd": đồng}.
    channels: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=dict)
    #: Province code -> partial channel data (a province's resolution setting a fee to 0 đ online).
    province_overrides: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=dict)
    #: {"submit": [paper names], "show": [paper names]}: what to bring (nộp) and to show (xuất trình).
    papers: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=dict)
    #: Can be filed at any commune (phi địa giới), not only where the resident lives.
    any_commune: Mapped[bool | None] = mapped_column(Boolean, default=False)
    effective_from: Mapped[dt.date | None] = mapped_column(Date)
    #: From this day it is no longer offered for new filings; older filings stay valid.
    repealed_from: Mapped[dt.date | None] = mapped_column(Date)
    replaced_by: Mapped[str | None] = mapped_column(String(20))


class WeekLock(Synced, Base):
    """An approved ISO week of one team, locked against casual edits.

    Its id is derived from (team, week) so two leaders locking the same week at once create the
    same row, and the merge converges instead of producing two locks.
    """

    __tablename__ = "week_locks"
    entity_name = "week_lock"

    team_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    iso_week: Mapped[str] = mapped_column(String(8), default="")  # "2026-W47"
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    changed_by: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


# -- areas, outings, targets (issue 12) ------------------------------------------------------


class AreaAssignment(Synced, Base):
    """One dated step of a group's history: from ``from_date`` the group is in ``team_id``'s area
    (None: released from ``from_team_id``'s, in no team's area).

    Rows are only ever added (an append-only log), so no leader edits another team's row when a
    group moves: the old team's time ends where the next row of the group begins. The group's
    current team is ``ResidentialGroup.team_id`` (merged field by field); this log answers "which
    team had the group on that day" for reports over past periods.
    """

    __tablename__ = "area_assignments"
    entity_name = "area_assignment"

    group_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    team_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    from_team_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    from_date: Mapped[dt.date | None] = mapped_column(Date)
    made_by: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    made_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Outing(Synced, Base):
    """A buổi đi cơ sở: a team out on one day, who went, where it planned to go, when it started
    and ended. Visits saved while it is open are attached to it (``Visit.outing_id``)."""

    __tablename__ = "outings"
    entity_name = "outing"

    team_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    day: Mapped[dt.date | None] = mapped_column(Date)
    #: member ids of the people who went
    members: Mapped[list[Any]] = mapped_column(JSON, default=list)
    #: {"groups": [group ids], "streets": [street names]}: one field, a plan is not mixed
    planned: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    notes: Mapped[str] = mapped_column(Text, default="")
    led_by: Mapped[str | None] = mapped_column(String(ID_LENGTH))


class Target(Synced, Base):
    """What a team aims to reach in a period (``TargetMetric``). Its id is derived from (team,
    period, metric), like a week lock's, so two leaders setting the same target converge."""

    __tablename__ = "targets"
    entity_name = "target"

    team_id: Mapped[str | None] = mapped_column(String(ID_LENGTH), index=True)
    period_start: Mapped[dt.date | None] = mapped_column(Date)
    period_end: Mapped[dt.date | None] = mapped_column(Date)
    metric: Mapped[str] = mapped_column(String(40), default=TargetMetric.HOUSEHOLDS_REACHED)
    value: Mapped[int] = mapped_column(Integer, default=0)


class PlanEntry(Synced, Base):
    """A household's line on a team's plan for one day, where it differs from the computed plan:
    a leader added or dropped it (``adjustment``), or the team marked it done (``mark``).

    The plan itself is computed (services/day_plan.py: follow-ups, returned visits, overdue
    dossiers, priority households, reach lists); only what people decided is stored and synced.
    Its id is derived from (team, day, household), so two devices changing the same line write
    the same row and the merge converges on one line, field by field.
    """

    __tablename__ = "plan_entries"
    entity_name = "plan_entry"
    __table_args__ = (
        Index("ix_plan_entries_server_seq", "server_seq"),
        Index("ix_plan_entries_team_day", "team_id", "plan_date"),
    )

    team_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    plan_date: Mapped[dt.date | None] = mapped_column(Date)
    household_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    adjustment: Mapped[str] = mapped_column(String(10), default="")  # PlanAdjustment or ""
    mark: Mapped[str] = mapped_column(String(10), default="")  # PlanMark or ""
    note: Mapped[str] = mapped_column(String(300), default="")
    changed_by: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class OfficeDayOff(Synced, Base):
    """A day the ward office is closed on top of the public holidays (ngày nghỉ bù, an office
    closure): not a working day for the dossiers' expected result dates. Set by the office alone
    (``outreach-server days-off``; ``push.OFFICE_ONLY_ENTITIES``) and pulled by the ward's laptops.
    Its id is derived from (ward, day) (``office_day_off_id``), so adding a day twice, or again
    after removing it, is the same row; removing it is ``deleted``."""

    __tablename__ = "office_days_off"
    entity_name = "office_day_off"

    day: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(String(200), default="")


class DuplicatePair(Synced, Base):
    """A leader's decision about two households (or two residents) the duplicate scan offered.

    Its id is derived from (kind, the two ids in sorted order), so two leaders deciding about the
    same pair write the same row and the merge converges. ``status`` is "not the same" (never
    offered again), "merged" or "undone"; for a merge, ``moved`` lists what was re-pointed
    (``{"resident": [ids], "visit": [ids], "filing": [ids]}``) and ``previous`` the survivor's
    field values before it, so the merge can be undone (``services/duplicates.undo_merge``).
    """

    __tablename__ = "duplicate_pairs"
    entity_name = "duplicate_pair"

    kind: Mapped[str] = mapped_column(String(20), default="household")  # RecordKind
    first_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    second_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    status: Mapped[str] = mapped_column(String(20), default="not_same")  # PairStatus
    survivor_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    merged_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    moved: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    previous: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    decided_by: Mapped[str | None] = mapped_column(String(ID_LENGTH))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


SYNCED_ENTITIES: tuple[type[Synced], ...] = (
    Ward,
    ResidentialGroup,
    Team,
    TeamMember,
    Household,
    Resident,
    Visit,
    Filing,
    Procedure,
    WeekLock,
    AreaAssignment,
    Outing,
    Target,
    PlanEntry,
    OfficeDayOff,
    DuplicatePair,
)

ENTITY_BY_NAME: dict[str, type[Synced]] = {cls.entity_name: cls for cls in SYNCED_ENTITIES}
